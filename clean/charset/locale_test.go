package charset

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"
)

// localeRoot holds the translated messages of the programs installed on
// a machine (gettext's compiled .mo catalogues), one folder per language:
// text in every language of shortCharsets and localeCJK that no rule of
// this package was written against. BenchmarkLocaleTexts reads it when
// it is there.
const localeRoot = "/usr/share/locale"

// localeDomains are the catalogues read, by half: programs' help and
// error messages, sentences rather than lists of names. The halves are
// fixed, by program (as the eval data is split by site), so that a rule
// found on tune texts is checked on programs it was not seen on: read tune
// failures one by one (-v), check ones only as figures.
var localeDomains = [2][]string{
	{"coreutils", "tar", "sed", "diffutils", "bash", "gettext-runtime", "apt", "systemd", "gtk30", "polkit-1", "psmisc"},
	{"wget", "grep", "findutils", "make", "libc", "gettext-tools", "dpkg", "libapt-pkg6.0", "shadow", "glib20", "PackageKit", "xz", "man-db"},
}

// halfNames name localeDomains' halves.
var halfNames = [2]string{"tune", "check"}

// localeDirs names the folder of a language where its code differs.
var localeDirs = map[string]string{"no": "nb"}

// localeCJK are the multi-byte charsets of the CJK catalogues; the other
// languages are written in their shortCharsets.
var localeCJK = map[string][]string{
	"zh_CN": {"gbk", "gb18030"},
	"zh_TW": {"big5"},
	"ja":    {"shift_jis", "euc-jp"},
	"ko":    {"euc-kr"},
}

// localeCharsets are the charsets lang's chunks are written in.
func localeCharsets(lang string) []string {
	if cs, ok := localeCJK[lang]; ok {
		return cs
	}
	return shortCharsets[lang]
}

// localeLabels are the Content-Type headers each chunk is decided under,
// as the eval scenarios replay files: none, a Latin-1 default, and a
// wrong CJK label (big5 for GBK text, gb2312 for any other).
var localeLabels = []struct {
	scenario string
	header   func(charset string) string
}{
	{"none", func(string) string { return "" }},
	{"wrong-latin1", func(string) string { return "text/html; charset=ISO-8859-1" }},
	{"wrong-cjk", func(cs string) string {
		if cs == "gbk" || cs == "gb18030" {
			return "text/html; charset=big5"
		}
		return "text/html; charset=gb2312"
	}},
}

// localeSizes are the lengths, in characters, of the chunks decided, and
// localeChunks how many of each length a language's half gives at most,
// spread over its text.
var localeSizes = [...]int{150, 300, 1000}

const localeChunks = 60

// sizes is a tally per chunk length.
type sizes [len(localeSizes)]tally

func (s *sizes) add(o sizes) {
	for k := range s {
		s[k].add(o[k])
	}
}

func (s sizes) String() string {
	var parts []string
	for k, n := range localeSizes {
		parts = append(parts, fmt.Sprintf("%d chars %s", n, tallyString(s[k])))
	}
	return strings.Join(parts, ", ")
}

// BenchmarkLocaleTexts decides chunks of localeSizes characters of each
// language's translated messages, in every charset of the language
// (localeCharsets), under each of localeLabels, and reports the share
// read right, of all and of the CJK ones, per half. It is a check on text
// the detector was never tuned on; -v lists the tune misses:
// go test -run '^$' -bench LocaleTexts -benchtime 1x ./clean/charset/
func BenchmarkLocaleTexts(b *testing.B) {
	if _, err := os.Stat(localeRoot); err != nil {
		b.Skipf("no %s on this machine", localeRoot)
	}
	texts := localeTexts(b)
	for i := 0; i < b.N; i++ {
		nearestUTF8(b, texts)
		for _, sc := range localeLabels {
			var all, cjk, peer [2]sizes // by half
			for h, byLang := range texts {
				for _, lt := range byLang {
					got, chardet := localeLang(b, lt, h, sc.header)
					all[h].add(got)
					peer[h].add(chardet)
					if localeCJK[lt.lang] != nil {
						cjk[h].add(got)
					}
					if sc.scenario == "none" {
						b.Logf("%s %s: %s", halfNames[h], lt.lang, got)
					}
				}
			}
			for h := range all {
				b.Logf("%s %s: %s; CJK: %s", sc.scenario, halfNames[h], all[h], cjk[h])
				if sc.scenario == "none" {
					b.Logf("%s %s, peer chardet (its best guess, ties by name): %s", sc.scenario, halfNames[h], peer[h])
					for k, n := range localeSizes {
						b.ReportMetric(rightShare(all[h][k]), fmt.Sprintf("%s%d", halfNames[h], n))
					}
				}
			}
		}
	}
}

// langText is one language's text from one half's catalogues.
type langText struct{ lang, text string }

// localeTexts reads each language's text of each half once, in the order
// of its language code; a language with no catalogue in a half is logged
// and left out of it.
func localeTexts(b *testing.B) [2][]langText {
	langs := make([]string, 0, len(shortCharsets)+len(localeCJK))
	for lang := range shortCharsets {
		langs = append(langs, lang)
	}
	for lang := range localeCJK {
		langs = append(langs, lang)
	}
	sort.Strings(langs)
	var out [2][]langText
	for h := range localeDomains {
		for _, lang := range langs {
			text, err := localeText(lang, localeDomains[h])
			if err != nil {
				b.Logf("%s %s: %v", halfNames[h], lang, err)
				continue
			}
			out[h] = append(out[h], langText{lang, text})
		}
	}
	return out
}

// eachEncoded calls fn with every chunk of lt's text of each size in
// sizes (at most max of each), encoded in each charset of its language
// that can write it (encodeIn); k is the size's index.
func eachEncoded(lt langText, sizes []int, max int, fn func(k int, chunk, name string, body []byte)) {
	for k, size := range sizes {
		for _, chunk := range chunks(lt.text, size, max) {
			for _, name := range localeCharsets(lt.lang) {
				if body, ok := encodeIn(chunk, name); ok {
					fn(k, chunk, name, body)
				}
			}
		}
	}
}

// nearestUTF8 logs how near the legacy chunks of every language come to
// UTF-8 (chunks of 100, 300 and 1000 characters, both halves): how many
// are nearly UTF-8 without a declaration and with one, and the most valid
// sequences per invalid byte among those with undeclaredLeast valid ones.
func nearestUTF8(b *testing.B, texts [2][]langText) {
	n, undeclared, declared := 0, 0, 0
	var most utf8Tally
	for _, byLang := range texts {
		for _, lt := range byLang {
			eachEncoded(lt, []int{100, 300, 1000}, 200, func(_ int, _, _ string, body []byte) {
				if utf8.Valid(body) {
					return
				}
				n++
				t := countUTF8(body)
				undeclared += b2i(t.nearly(undeclaredPer, undeclaredLeast))
				declared += b2i(t.fitsDeclared())
				if t.valid >= undeclaredLeast && (most.valid == 0 || t.valid*most.invalid > most.valid*t.invalid) {
					most = t
				}
			})
		}
	}
	b.Logf("legacy chunks nearly UTF-8: %d of %d without a declaration, %d declared; the most UTF-8-like with %d or more valid sequences has %d for %d invalid bytes",
		undeclared, n, declared, undeclaredLeast, most.valid, most.invalid)
}

// localeLang tallies lt's chunks of localeSizes, from the catalogues of
// half h, in each of its charsets, under the header each charset gets;
// and, with no header, chardet's best guesses of them as a peer's.
func localeLang(b *testing.B, lt langText, h int, header func(string) string) (got, peer sizes) {
	eachEncoded(lt, localeSizes[:], localeChunks, func(k int, chunk, name string, body []byte) {
		got[k].add(tally{right: b2i(decideRight(b, lt.lang, name, body, header(name), h == 0)), total: 1})
		if header(name) == "" {
			peer[k].add(tally{right: b2i(chardetRight(body, name)), total: 1})
		}
	})
	return got, peer
}

// chardetRight reports whether chardet's best guess for body, text
// encoded in name, decodes it as name does. The guess is detect's first:
// chardet's candidates in a fixed order (DetectBest breaks ties at
// random).
func chardetRight(body []byte, name string) bool {
	g := detect(body)
	if len(g) == 0 {
		return false
	}
	return cedilla.Replace(Decode(body, Decision{Name: g[0].name})) == cedilla.Replace(Decode(body, Decision{Name: name}))
}

// rightShare is t's share of right decisions.
func rightShare(t tally) float64 {
	if t.total == 0 {
		return 0
	}
	return float64(t.right) / float64(t.total)
}

func tallyString(t tally) string {
	return fmt.Sprintf("%d/%d right (%.1f%%)", t.right, t.total, 100*rightShare(t))
}

// decideRight reports whether body, text encoded in name and decided
// under header, decodes as name does (Romanian's comma letters may come
// back as cedilla ones). With -v and show it logs a miss.
func decideRight(b *testing.B, lang, name string, body []byte, header string, show bool) bool {
	d := Decide(body, header, "")
	got, want := Decode(body, d), Decode(body, Decision{Name: name})
	right := cedilla.Replace(got) == cedilla.Replace(want)
	if !right && show && testing.Verbose() {
		b.Logf("%s in %s under %q read as %s (%s): %.100q", lang, name, header, d.Name, d.Evidence, got)
	}
	return right
}

// chunks cuts text into consecutive pieces of size runes, each starting
// at a line, and keeps at most max of them, spread over the text.
func chunks(text string, size, max int) []string {
	lines := strings.Split(text, "\n")
	var out []string
	var cur []rune
	for _, l := range lines {
		cur = append(cur, []rune(l+"\n")...)
		if len(cur) >= size {
			out = append(out, string(cur[:size]))
			cur = cur[:0]
		}
	}
	if len(out) <= max {
		return out
	}
	step := len(out) / max
	var kept []string
	for i := 0; i < len(out) && len(kept) < max; i += step {
		kept = append(kept, out[i])
	}
	return kept
}

// localeText joins the translations of lang's catalogues: every message
// of at least 30 characters that is not its own original (an
// untranslated string is English), one per line.
func localeText(lang string, domains []string) (string, error) {
	dir := lang
	if d, ok := localeDirs[lang]; ok {
		dir = d
	}
	var sb strings.Builder
	for _, domain := range domains {
		p := filepath.Join(localeRoot, dir, "LC_MESSAGES", domain+".mo")
		raw, err := os.ReadFile(p)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			return "", err
		}
		pairs, err := readMO(raw)
		if err != nil {
			return "", fmt.Errorf("%s: %w", p, err)
		}
		for _, pr := range pairs {
			s := strings.TrimSpace(pr[1])
			if utf8.RuneCountInString(s) >= 30 && s != pr[0] && utf8.ValidString(s) {
				sb.WriteString(s)
				sb.WriteByte('\n')
			}
		}
	}
	if sb.Len() == 0 {
		return "", errors.New("no catalogue")
	}
	return sb.String(), nil
}

// readMO reads a gettext .mo catalogue's (original, translation) pairs,
// the first form of each plural, without its header entry.
func readMO(b []byte) ([][2]string, error) {
	if len(b) < 20 {
		return nil, errors.New("short .mo file")
	}
	var order binary.ByteOrder
	switch binary.LittleEndian.Uint32(b) {
	case 0x950412de:
		order = binary.LittleEndian
	case 0xde120495:
		order = binary.BigEndian
	default:
		return nil, errors.New("not a .mo file")
	}
	n := int(order.Uint32(b[8:]))
	orig, trans := int(order.Uint32(b[12:])), int(order.Uint32(b[16:]))
	str := func(table, i int) (string, error) {
		at := table + 8*i
		if at+8 > len(b) {
			return "", errors.New("table past the end")
		}
		l, off := int(order.Uint32(b[at:])), int(order.Uint32(b[at+4:]))
		if off+l > len(b) || off < 0 || l < 0 {
			return "", errors.New("string past the end")
		}
		s, _, _ := strings.Cut(string(b[off:off+l]), "\x00")
		return s, nil
	}
	var out [][2]string
	for i := 0; i < n; i++ {
		o, err := str(orig, i)
		if err != nil {
			return nil, err
		}
		if o == "" {
			continue
		}
		t, err := str(trans, i)
		if err != nil {
			return nil, err
		}
		out = append(out, [2]string{o, t})
	}
	return out, nil
}

// TestReadMO reads a catalogue built here: its header entry is left out,
// a plural keeps its first form, and a table that points past the end
// is an error.
func TestReadMO(t *testing.T) {
	origs := []string{"", "file", "one file\x00%d files"}
	trans := []string{"Language: sv\n", "fil", "en fil\x00%d filer"}
	var strs []byte
	var otab, ttab []byte
	const head = 28
	at := head + 16*len(origs)
	for i := range origs {
		otab = binary.LittleEndian.AppendUint32(otab, uint32(len(origs[i])))
		otab = binary.LittleEndian.AppendUint32(otab, uint32(at+len(strs)))
		strs = append(append(strs, origs[i]...), 0)
	}
	for i := range trans {
		ttab = binary.LittleEndian.AppendUint32(ttab, uint32(len(trans[i])))
		ttab = binary.LittleEndian.AppendUint32(ttab, uint32(at+len(strs)))
		strs = append(append(strs, trans[i]...), 0)
	}
	mo := binary.LittleEndian.AppendUint32(nil, 0x950412de)
	for _, v := range []int{0, len(origs), head, head + len(otab), 0, 0} {
		mo = binary.LittleEndian.AppendUint32(mo, uint32(v))
	}
	mo = append(append(append(mo, otab...), ttab...), strs...)
	pairs, err := readMO(mo)
	if err != nil {
		t.Fatal(err)
	}
	want := [][2]string{{"file", "fil"}, {"one file", "en fil"}}
	if !slices.Equal(pairs, want) {
		t.Errorf("readMO = %q, want %q", pairs, want)
	}
	if _, err := readMO(mo[:head+16*len(origs)+4]); err == nil {
		t.Error("readMO of a cut catalogue: no error")
	}
	if _, err := readMO([]byte("not a catalogue at all")); err == nil {
		t.Error("readMO of a text file: no error")
	}
}
