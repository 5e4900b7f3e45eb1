package charset

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/htmlindex"
	xunicode "golang.org/x/text/encoding/unicode"
	"golang.org/x/text/unicode/norm"
)

func mustRead(tb testing.TB, name string) []byte {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// The fixtures are made by testdata/gen.go; see testdata/README.
var decideTests = []struct {
	file, contentType, forced string
	name, evidence            string
	detector                  bool // whether the statistical detector may run
}{
	{"gb18030_meta_late.html", "text/html", "", "gb18030", "meta", false},
	{"gbk_wrong_header.html", "text/html; charset=ISO-8859-1", "", "gb18030", "detector", true},
	{"big5_meta.html", "", "", "big5", "meta", false},
	{"big5_meta.html", "text/html; charset=gb2312", "", "big5", "meta", false},
	{"utf8_bom.html", "", "", "utf-8", "bom", false},
	{"utf8_bom.html", "text/html; charset=gbk", "", "utf-8", "bom", false},
	{"win1252_latin1.html", "", "", "windows-1252", "detector", true},
	{"utf8_plain.html", "", "", "utf-8", "utf8-valid", false},
	{"utf8_plain.html", "text/html; charset=gb2312", "", "utf-8", "utf8-valid", false},
	{"short_gbk.txt", "", "", "gb18030", "default", true},
	{"koi8r.txt", "", "", "koi8-r", "detector", true},
	{"win1251.txt", "", "", "windows-1251", "detector", true},
	{"win1251.txt", "text/plain; charset=windows-1251", "", "windows-1251", "header", false},
	{"shift_jis.html", "", "", "shift_jis", "detector", true},
	{"euc_jp.html", "", "", "euc-jp", "detector", true},
	{"euc_jp.html", "text/html; charset=gb2312", "", "euc-jp", "detector", true},
	{"iso2022jp.txt", "", "", "iso-2022-jp", "ascii", false},
	{"euc_kr.html", "", "", "euc-kr", "detector", true},
	{"utf16le_nobom.txt", "", "", "utf-16le", "utf16-nuls", false},
	{"ascii.html", "text/html; charset=big5", "", "utf-8", "ascii", false},
	{"koi8r.txt", "", "KOI8-R", "koi8-r", "rule", false},
	{"koi8r.txt", "", "no-such-charset", "koi8-r", "detector", true},
}

func TestDecide(t *testing.T) {
	for _, tt := range decideTests {
		t.Run(tt.file+"|"+tt.contentType+"|"+tt.forced, func(t *testing.T) {
			body := mustRead(t, tt.file)
			before := detectorCalls.Load()
			d := Decide(body, tt.contentType, tt.forced)
			called := detectorCalls.Load() != before
			if d.Name != tt.name || d.Evidence != tt.evidence {
				t.Errorf("Decide = %+v, want %s by %s", d, tt.name, tt.evidence)
			}
			if called && !tt.detector {
				t.Errorf("detector called for a page decided by %s", d.Evidence)
			}
			if s := Decode(body, d); strings.ContainsRune(s, utf8.RuneError) {
				t.Errorf("Decode has U+FFFD: %q", s)
			}
		})
	}
}

func TestDecideNotes(t *testing.T) {
	d := Decide(mustRead(t, "gbk_wrong_header.html"), "text/html; charset=big5", "")
	if d.Name != "gb18030" || d.Declared != "big5" || !strings.Contains(d.Note, "overruled") {
		t.Errorf("Decide = %+v, want gb18030 with big5 overruled", d)
	}
	d = Decide(mustRead(t, "utf8_plain.html"), "text/html; charset=gb2312", "")
	if !strings.Contains(d.Note, "overruled") {
		t.Errorf("Decide = %+v, want a note on gb2312 overruled", d)
	}
}

// TestDeterministic runs Decide many times on short text that several CJK
// charsets decode, where chardet ties and answers in random order.
func TestDeterministic(t *testing.T) {
	inputs := [][]byte{mustRead(t, "short_gbk.txt"), []byte("\xb0\xa1\xb0\xa2"), []byte("<p>\xa4\xa4\xa4\xe5</p>")}
	for _, body := range inputs {
		first := Decide(body, "", "")
		for i := 0; i < 50; i++ {
			if d := Decide(body, "", ""); d != first {
				t.Fatalf("run %d: %+v, first run %+v", i, d, first)
			}
		}
	}
}

func TestLookup(t *testing.T) {
	for label, want := range map[string]string{
		"GB-18030": "gb18030", "gb2312": "gb18030", "GBK": "gb18030", "ISO-8859-1": "windows-1252",
		"Shift_JIS": "shift_jis", "EUC-KR": "euc-kr", "UTF-16LE": "utf-16le", "utf-8": "utf-8",
		" \"Big5\" ": "big5", "x-sjis": "shift_jis", "KOI8-R": "koi8-r", "iso-8859-2": "iso-8859-2",
		"windows-1256": "windows-1256", "": "", "nonsense": "", "hz-gb-2312": "",
	} {
		if got := Lookup(label); got != want {
			t.Errorf("Lookup(%q) = %q, want %q", label, got, want)
		}
	}
}

func TestMetaLabels(t *testing.T) {
	for body, want := range map[string]string{
		`<meta charset="gb2312">`: "gb2312",
		`<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=GBK">`: "GBK",
		`<meta content='text/html;charset=big5' http-equiv=content-type>`:   "big5",
		`<?xml version="1.0" encoding="EUC-JP"?><rss/>`:                     "EUC-JP",
		`<!-- <meta charset="big5"> --><meta charset=utf-8>`:                "utf-8",
		`<meta name="description" content="charset">`:                       "",
		// Found by FuzzClean: an invalid byte before "charset" once shifted
		// the index and panicked.
		"<metA Content=\x80ChArset>":                                           "",
		"<meta content=\x80\xff charset=gbk>":                                  "gbk",
		`<meta CHARSET="Shift_JIS">`:                                           "Shift_JIS",
		`<meta content="text/html; CharSet=koi8-r" http-equiv="Content-Type">`: "koi8-r",
		`<meta name=viewport content="width=device-width"><meta charset=big5>`: "big5",
	} {
		got := ""
		if ls := metaLabels([]byte(body)); len(ls) > 0 {
			got = ls[0]
		}
		if got != want {
			t.Errorf("metaLabels(%q) = %q, want %q", body, got, want)
		}
	}
}

func TestDecodeInvalid(t *testing.T) {
	for _, name := range []string{"utf-8", "gb18030", "big5", "shift_jis", "euc-kr", "iso-2022-jp", "utf-16be", "", "bogus"} {
		s := Decode([]byte("\xff\xfe\x00\xd8\x1b$B\x80abc\xe4"), Decision{Name: name})
		if !utf8.ValidString(s) {
			t.Errorf("Decode(%s) gave invalid UTF-8 %q", name, s)
		}
	}
	// UTF-8: one U+FFFD per invalid byte, one for a truncated sequence.
	for in, want := range map[string]string{
		"a\x92\x92b": "a\uFFFD\uFFFDb", "caf\xe9 \xe2\x80\x9cok\xe2\x80\x9d": "caf\uFFFD “ok”",
		"a\xe2\x80b": "a\uFFFDb", "\xed\xa0\x80": "\uFFFD\uFFFD\uFFFD",
	} {
		if got := Decode([]byte(in), Decision{Name: "utf-8"}); got != want {
			t.Errorf("Decode(%q) = %q, want %q", in, got, want)
		}
	}
	if s := Decode([]byte("\xef\xbb\xbfhi"), Decision{Name: "utf-8"}); s != "hi" {
		t.Errorf("BOM not stripped: %q", s)
	}
}

// TestClassesInBMP: the character classes are a table of the Basic
// Multilingual Plane; a rune of a list outside it would be lost.
func TestClassesInBMP(t *testing.T) {
	for _, r := range topHanzi + topHanziTrad + topHanziTrad2 + topKanji + topHangul {
		if r >= 0x10000 {
			t.Errorf("%U is outside the BMP", r)
		}
		if classOf(r) == 0 {
			t.Errorf("%U has no class", r)
		}
	}
}

// encode writes s in the named charset; the test fails if it cannot.
func encode(tb testing.TB, s, charset string) []byte {
	tb.Helper()
	b, err := encodeAs(s, charset)
	if err != nil {
		tb.Fatalf("%s cannot write %q: %v", charset, s, err)
	}
	return b
}

// encodeAs writes s in the named charset.
func encodeAs(s, charset string) ([]byte, error) {
	e, err := htmlindex.Get(charset)
	if err != nil {
		return nil, err
	}
	return e.NewEncoder().Bytes([]byte(s))
}

// The sentences were written for these tests. Each case fails without the
// rule it names: the Latin-like guard on CJK readings, the function words
// that say a text's language, the letter profiles of Arabic (ranked like
// every other; scored flat, any Arabic reading of Cyrillic bytes won), of
// Polish in windows-1257 and of Icelandic, the fixed preference among charsets that
// decode a text to the same characters; but the cases named "guard", which
// a rule must not break: texts with a lone letter that is a word or an
// initial (TestLoneWords and TestLoneBytes check those exceptions
// themselves).
var singleByteTests = []struct {
	rule, text, charset string
	want                string // the decision's name; "" when any charset that decodes the text right will do
}{
	{"latin-like CJK", "Čovjek je išao kući, a žena je čekala.", "iso-8859-2", ""},
	{"latin-like CJK", "Šuma je bila tiha; ždral je letio nad jezerom.", "iso-8859-2", ""},
	{"latin-like CJK", "On je že tu, še danes.", "windows-1250", ""},
	{"latin-like CJK", "Gradnja ploščadi je bila učinkovita.", "iso-8859-2", ""},
	{"latin-like CJK", "Potranno tornare dopo le vacanze. «È la nostra priorità», ha detto la sindaca.", "windows-1252", ""},
	{"latin-like CJK", "konomistit odottavat keskuspankin pitävän korot ennallaan ke", "windows-1252", ""},
	{"function words", "Il consiglio comunale ha approvato giovedì la ristrutturazione della scuola elementare del quartiere.", "windows-1252", ""},
	{"function words", "Eleverne skal tilbage efter ferien. »Det har højeste prioritet for os«, sagde borgmesteren.", "windows-1252", ""},
	{"ranked Arabic letters", "альную школу в районе, закрытую с прошлого лета. Ученики, ко", "koi8-r", "koi8-r"},
	// iso-8859-13 writes ” at 0xA1, which windows-1252 reads as ¡; the
	// rest of a Swedish text reads the same in both
	{"inverted mark ends a word", "Hon sa att skolan öppnar igen i höst. ”Det är vår viktigaste fråga”, sa hon.", "iso-8859-13", "iso-8859-13"},
	// iso-8859-2 reads windows-1252's « and » as Ť and ť: a Ť standing
	// alone is no word of any language it writes
	{"lone letter guard", "Le maire a répondu « pas encore » puis il est parti.", "windows-1252", ""},
	{"lone letter", "Valget « %s » er flertydig.", "windows-1252", ""},
	// French writes a no-break space inside guillemets and before a colon,
	// which ibm866 reads as а, its commonest letter, glued to Latin words
	{"letters of two scripts", "Utilisation\u00a0: %s [OPTION]... FICHIER\u00a0; voir «\u00a0%s --help\u00a0» pour plus d'informations.", "windows-1252", ""},
	{"lone letter guard", "Hun prøvde å forklare at det var for sent å endre planen.", "windows-1252", ""},
	{"lone letter guard", "Jis nuėjo į mokyklą ir grįžo vakare.", "windows-1257", ""},
	{"lone letter guard", "Š. Novak je rekao da će doći sutra.", "windows-1250", ""},
	{"Polish in windows-1257", "Wczoraj wieczorem poszliśmy z żoną nad rzekę; było ciepło, a dzieci bawiły się w piasku aż do zmroku.", "windows-1257", "windows-1257"},
	{"Icelandic", "Það var einu sinni maður sem bjó á litlum bæ við sjóinn; hann þótti góður smiður og fróður um veðrið.", "iso-8859-1", "windows-1252"},
	// windows-1252 reads windows-1254's ş and ğ as þ and ð: Icelandic
	// letters, but þ opens Icelandic words and is no letter inside one
	{"Icelandic þ opens words", "Yazarlar: Ayşe Kulin, Orhan Pamuk, Elif Şafak, Oğuz Atay, Sabahattin Ali, Yaşar Kemal", "windows-1254", ""},
	{"Icelandic þ guard", "Alþingi samþykkti í gær ný lög um veiðar og fiskvinnslu á Íslandi.", "iso-8859-1", "windows-1252"},
	{"preference", "Két kis ügyes kutya fut a város szélén, és a gyerekek örülnek.", "windows-1250", "windows-1252"},
}

func TestSingleByte(t *testing.T) {
	for _, tt := range singleByteTests {
		t.Run(tt.rule, func(t *testing.T) {
			body := encode(t, tt.text, tt.charset)
			d := Decide(body, "", "")
			if got := Decode(body, d); got != tt.text {
				t.Errorf("Decide = %+v, decodes to %q", d, got)
			}
			if tt.want != "" && d.Name != tt.want {
				t.Errorf("Decide = %+v, want %s", d, tt.want)
			}
		})
	}
}

// fitSingle scores text decoded with name under the best of its languages.
func fitSingle(text []byte, name string) int {
	s, _ := fitHist(text, newHist(text), name)
	return s
}

// TestC1AgainstReading: a reading that turns bytes into C1 controls or
// undefined characters scores below one that turns them into (suspect)
// symbols: iso-8859-15 has C1 controls at 0x80-0x9F, koi8-r box drawing.
func TestC1AgainstReading(t *testing.T) {
	text := []byte("Er sagte \x84gut\x93 \x96 und ging\x85 Das war \x91neu\x92.")
	if c1, sym := fitSingle(text, "iso-8859-15"), fitSingle(text, "koi8-r"); c1 >= sym {
		t.Errorf("C1 reading scores %d, symbol reading %d: want C1 lower", c1, sym)
	}
	if d := Decide(text, "", ""); d.Name != "windows-1252" {
		t.Errorf("Decide = %+v, want windows-1252", d)
	}
}

// TestPreferenceDocumented: doc.go states the order of preference among
// the single-byte candidates; it must be sbNames, the order the code uses.
func TestPreferenceDocumented(t *testing.T) {
	b, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	doc := strings.Join(strings.Fields(strings.ReplaceAll(string(b), "//", "")), " ")
	if want := strings.Join(sbNames, ", ") + "."; !strings.Contains(doc, want) {
		t.Errorf("doc.go does not give the preference order %q", want)
	}
}

// strayPage is an English page in UTF-8, curly quotes and dashes written
// for this test, with four stray windows-1252 bytes where the marks are:
// {e} é, {q} ’, {n} no-break space, {d} en dash.
const strayPage = `<!doctype html><html><head>%s<title>“Notes from the harbour”</title></head><body>
<h1>“Notes from the harbour” — a week by the sea</h1>
<p>On Monday the ferry was late — “fog,” said the captain — and we waited at the caf{e} by the quay.</p>
<p>“Don’t worry,” the owner told us, “it’s always late in May.” She wasn’t wrong: it came at noon.</p>
<p>We didn{q}t mind; the town’s market — fish, bread, “the best cheese on the coast” — kept us busy.</p>
<p>By Thursday we’d learnt the tides: low at 6{n}a.m., high at noon, “give or take,” as the fishermen say.</p>
<p>Friday’s storm kept everyone in — cards, tea, and the landlady’s stories, pages 12{d}19 of her diary.</p>
<p>“Come back in autumn,” she said. We will — if the ferry’s on time.</p>
</body></html>`

// strayBytes are what the marks of strayPage stand for in the body, and in
// the text decoded from it.
var strayBytes = strings.NewReplacer("{e}", "\xe9", "{q}", "\x92", "{n}", "\xa0", "{d}", "\x96")
var strayText = strings.NewReplacer("{e}", "\uFFFD", "{q}", "\uFFFD", "{n}", "\uFFFD", "{d}", "\uFFFD")

// TestUTF8WithStrays: a page of UTF-8 with a few pasted windows-1252
// bytes and no declaration is UTF-8 by rule 3: read as windows-1252, each
// of its 31 curly quotes and dashes would be mojibake, for 4 bytes right.
// The Note counts the bytes, Decode replaces each with U+FFFD.
func TestUTF8WithStrays(t *testing.T) {
	page := fmt.Sprintf(strayPage, "")
	body := []byte(strayBytes.Replace(page))
	d := Decide(body, "text/html", "")
	if d.Name != "utf-8" || d.Evidence != "utf8-valid" {
		t.Errorf("Decide = %+v, want utf-8 by utf8-valid", d)
	}
	if !strings.Contains(d.Note, "4 invalid bytes replaced with U+FFFD (31 valid UTF-8 sequences)") {
		t.Errorf("Note %q does not count the 4 invalid bytes", d.Note)
	}
	if got, want := Decode(body, d), strayText.Replace(page); got != want {
		t.Errorf("Decode = %q, want %q", got, want)
	}
}

// fewStrayPage has ten valid UTF-8 sequences and four pasted
// windows-1252 bytes, and no declaration.
const fewStrayPage = `<!doctype html><html><head><title>Notes</title></head><body>
<p>The ferry was late — “fog,” said the captain — so we sat at the caf{e} by the quay.</p>
<p>We didn{q}t mind: low tide at 6{n}a.m., the market till noon, pages 12{d}19 of the guide — “the town’s best walk”.</p>
<p>Friday’s storm kept everyone in — cards, tea and stories.</p>
</body></html>`

// TestUTF8FewStrays: UTF-8 with no declaration, ten curly quotes and
// dashes and four pasted windows-1252 bytes is UTF-8 (it needed four valid
// sequences per invalid byte before: read as windows-1252, the ten
// marks were mojibake for four bytes right).
func TestUTF8FewStrays(t *testing.T) {
	body := []byte(strayBytes.Replace(fewStrayPage))
	if c := countUTF8(body); c.valid != 10 || c.invalid != 4 {
		t.Fatalf("the page has %d valid sequences and %d invalid bytes, want 10 and 4", c.valid, c.invalid)
	}
	d := Decide(body, "text/html", "")
	if d.Name != "utf-8" || d.Evidence != "utf8-valid" {
		t.Errorf("Decide = %+v, want utf-8 by utf8-valid", d)
	}
	if got, want := Decode(body, d), strayText.Replace(fewStrayPage); got != want {
		t.Errorf("Decode = %q, want %q", got, want)
	}
}

// shortStrayPage has six valid UTF-8 sequences and one pasted
// windows-1252 byte: too few for rule 3 alone, enough for a declaration.
const shortStrayPage = `<!doctype html><html><head>%s<title>“Notes”</title></head><body>
<p>The caf{e} by the quay — “always late” — opened at noon.</p></body></html>`

// TestDeclaredUTF8WithStrays: a short page declared UTF-8 that is UTF-8
// but for an invalid byte stays UTF-8 by its declaration (issue #14: it
// was read as windows-1250, every curly quote mojibake); the Note counts
// the byte, Decode replaces it with U+FFFD.
func TestDeclaredUTF8WithStrays(t *testing.T) {
	meta := `<meta charset="utf-8">`
	for _, tt := range []struct {
		name, meta, contentType, evidence string
	}{
		{"header and meta", meta, "text/html; charset=utf-8", "header"},
		{"meta only", meta, "text/html", "meta"},
		{"meta, weak header", meta, "text/html; charset=ISO-8859-1", "meta"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			page := fmt.Sprintf(shortStrayPage, tt.meta)
			body := []byte(strayBytes.Replace(page))
			if utf8.Valid(body) || newPage(body, "").utf8Tally().nearly(undeclaredPer, undeclaredLeast) {
				t.Fatal("fixture: the body must be invalid UTF-8 that rule 3 does not take")
			}
			d := Decide(body, tt.contentType, "")
			if d.Name != "utf-8" || d.Evidence != tt.evidence {
				t.Errorf("Decide = %+v, want utf-8 by %s", d, tt.evidence)
			}
			if !strings.Contains(d.Note, "1 invalid bytes replaced with U+FFFD") {
				t.Errorf("Note %q does not name the invalid byte", d.Note)
			}
			if got, want := Decode(body, d), strayText.Replace(page); got != want {
				t.Errorf("Decode = %q, want %q", got, want)
			}
		})
	}
}

// TestDeclaredUTF8FewValid: a page declared UTF-8 with one stray byte
// and only one or two valid sequences stays UTF-8, as in browsers: read as
// windows-1252, its "café" would be "cafÃ©".
func TestDeclaredUTF8FewValid(t *testing.T) {
	for _, tt := range []struct{ text, contentType, head string }{
		{"The caf\u00e9 in Z{u}rich is open every day from 8 to 18 and serves breakfast.", "text/html; charset=utf-8", ""},
		{"The caf\u00e9 in Z{u}rich is open every day from 8 to 18 and serves breakfast.", "text/html", `<meta charset="utf-8">`},
		{"Our caf\u00e9 na\u00efve menu in Z{u}rich is open daily.", "text/html; charset=utf-8", ""},
	} {
		page := `<html><head>` + tt.head + `<title>Menu</title></head><body><p>` + tt.text + `</p></body></html>`
		body := []byte(strings.ReplaceAll(page, "{u}", "\xfc"))
		d := Decide(body, tt.contentType, "")
		if want := strings.ReplaceAll(page, "{u}", "\uFFFD"); d.Name != "utf-8" || Decode(body, d) != want {
			t.Errorf("%q under %q: %+v, decodes to %q", tt.text, tt.contentType, d, Decode(body, d))
		}
	}
}

// TestDeclaredUTF8Misfit: single-byte text wrongly declared UTF-8 is not
// UTF-8, though some of its byte pairs are valid UTF-8 ("Úž" in
// windows-1250 is DA 9E, U+069E) and it has only a few invalid bytes: the
// valid sequences do not dominate. Each is decoded to its text.
func TestDeclaredUTF8Misfit(t *testing.T) {
	for _, tt := range []struct{ text, charset string }{
		{"Úžasný výhled na Úžinu.", "windows-1250"},
		{"Úžasný výhled z hory nás překvapil; Úžina pod námi se leskla a čeští turisté šli dál.", "windows-1250"},
		{"ВІДПОВІДЬ НА ЛИСТ: Він прийшов увечері і сказав, що все буде добре.", "windows-1251"},
	} {
		t.Run(tt.text, func(t *testing.T) {
			page := `<html><head><meta charset="utf-8"></head><body><p>` + tt.text + `</p></body></html>`
			body := encode(t, page, tt.charset)
			if tl := countUTF8(body); tl.valid == 0 {
				t.Fatalf("fixture: %s body has no valid-looking UTF-8 sequence", tt.charset)
			}
			d := Decide(body, "text/html; charset=utf-8", "")
			if d.Name == "utf-8" {
				t.Fatalf("Decide = %+v, want the single-byte charset", d)
			}
			if got := Decode(body, d); got != page {
				t.Errorf("Decide = %+v, decodes to %q", d, got)
			}
			if !strings.Contains(d.Note, `header "utf-8" overruled: body is not UTF-8`) {
				t.Errorf("Note %q does not say why utf-8 was overruled", d.Note)
			}
		})
	}
}

// TestNearlyUTF8: the two strictnesses of doc.go at their edges, and every
// body nearly UTF-8 without a declaration is nearly UTF-8 with one. A
// declared body needs plausible valid sequences (plausibleSeq), at least
// one per declaredPer invalid bytes, however few.
func TestNearlyUTF8(t *testing.T) {
	for _, tt := range []struct {
		valid, plausible, invalid int
		undeclared, declared      bool
	}{
		{8, 8, 0, true, true},
		{8, 8, 2, true, true},
		{8, 8, 4, true, true},
		{8, 0, 4, true, true},
		{8, 8, 5, false, true},
		{8, 2, 5, false, false},
		{7, 7, 0, false, true},
		{4, 4, 2, false, true},
		{4, 4, 3, false, true},
		{3, 3, 0, false, true},
		{16, 16, 4, true, true},
		{15, 15, 4, true, true},
		{1, 1, 1, false, true},
		{1, 1, 2, false, true},
		{1, 1, 3, false, false},
		{2, 0, 2, false, false},
		{0, 0, 1, false, false},
		{400, 400, 100, true, true},
		{399, 399, 100, true, true},
		{200, 200, 100, true, true},
		{199, 199, 100, false, true},
		{199, 40, 100, false, false},
	} {
		tl := utf8Tally{valid: tt.valid, plausible: tt.plausible, invalid: tt.invalid}
		if got := tl.nearly(undeclaredPer, undeclaredLeast); got != tt.undeclared {
			t.Errorf("%+v undeclared: nearly = %v", tl, got)
		}
		if got := tl.fitsDeclared(); got != tt.declared {
			t.Errorf("%+v declared: fitsDeclared = %v", tl, got)
		}
	}
	for v := 0; v < 300; v++ {
		for pl := 0; pl <= v; pl += 7 {
			for i := 0; i < 10; i++ {
				tl := utf8Tally{valid: v, plausible: pl, invalid: i}
				if tl.nearly(undeclaredPer, undeclaredLeast) && !tl.fitsDeclared() {
					t.Fatalf("%+v is nearly UTF-8 undeclared but not declared", tl)
				}
			}
		}
	}
}

// TestPlausibleSeq: a valid UTF-8 sequence counts for a declared UTF-8
// when it is a common sign or Latin letter, or a letter beside one of its
// script, and touches no invalid byte; the valid pairs of legacy text do
// not.
func TestPlausibleSeq(t *testing.T) {
	for _, tt := range []struct {
		text             string
		valid, plausible int
	}{
		{"The caf\u00e9 in Z\xfcrich", 1, 1},
		{"\u201cquoted\u201d \u2014 5 \u20ac", 4, 4},
		{"\u4e2d\u6587 \u0440\u0443\u0441", 5, 5},
		{"\xda\x9easn\xfd v\xfdhled", 1, 0},         // windows-1250 "Úžasný výhled": U+069E alone
		{"\xc2\xb2\xc4\xcf", 1, 0},                  // windows-1251 "ВІДП": ² beside an invalid byte
		{"\xcd\xac parenb", 1, 0},                   // GBK "同": a combining mark
		{"x \xd3\xb2 y", 1, 0},                      // GBK "硬": a lone Cyrillic letter
		{"\xe2\xae\xab\xec\xaa\xae \xe0\xe1", 2, 0}, // IBM866 Russian: an odd symbol, a Hangul syllable beside it
	} {
		c := countUTF8([]byte(tt.text))
		if c.valid != tt.valid || c.plausible != tt.plausible {
			t.Errorf("%q: %d valid, %d plausible; want %d, %d", tt.text, c.valid, c.plausible, tt.valid, tt.plausible)
		}
	}
}

// TestLatinPairs: the codes a CJK reading makes of a Latin text stand
// among ASCII bytes alone, or two together glued to a letter; real CJK
// text runs its codes together, and a code next to a four-byte GB18030
// code is in a run too.
func TestLatinPairs(t *testing.T) {
	for _, tt := range []struct {
		text, name   string
		pairs, latin int
	}{
		{"\xe8ovjek", "big5", 1, 1},
		{"Potranno. \xab\xc8 la nostra priorit\xe0\xbb, ha detto", "euc-kr", 2, 2},
		{"keskuspankin pit\xe4v\xe4n korot", "shift_jis", 2, 2},
		{"a \xe4v\xe4v\xe4n b", "shift_jis", 3, 0},
		{"\xc4\xe3\xba\xc3 ok", "gb18030", 2, 0},
		{"x \x81\x30\x81\x30\xc4\xe3 y", "gb18030", 2, 0},
		{"\xc4\xe3 \xba\xc3", "gb18030", 2, 2},
	} {
		if p, l := latinPairs([]byte(tt.text), tt.name); p != tt.pairs || l != tt.latin {
			t.Errorf("latinPairs(%q, %s) = %d, %d; want %d, %d", tt.text, tt.name, p, l, tt.pairs, tt.latin)
		}
	}
}

// TestSingleByteNote: a single-byte guess says which language's reading
// decided it, and every language a charset is scored in has a profile
// and a name for that note.
func TestSingleByteNote(t *testing.T) {
	for _, tt := range []struct{ text, charset, note string }{
		{"Il consiglio comunale ha approvato giovedì la ristrutturazione della scuola elementare del quartiere.", "windows-1252", "reads as Italian text"},
		{"Wczoraj wieczorem poszliśmy z żoną nad rzekę; było ciepło, a dzieci bawiły się w piasku aż do zmroku.", "windows-1257", "reads as Polish text"},
		{"Совет решил отремонтировать начальную школу в районе.", "windows-1251", "reads as Russian text"},
	} {
		if d := Decide(encode(t, tt.text, tt.charset), "", ""); d.Note != tt.note {
			t.Errorf("%s text: note %q, want %q", tt.charset, d.Note, tt.note)
		}
	}
	for name, langs := range sbLangs {
		for _, l := range langs {
			if profiles[l] == "" || langNames[l] == "" {
				t.Errorf("%s scores %q, which has no profile or no name", name, l)
			}
		}
	}
}

// TestDeclaredUTF8ThirdStrays: declared UTF-8 holds while at most a third
// of the non-ASCII sequences are invalid bytes: here six valid sequences
// and three pasted windows-1252 bytes, which read as windows-1252 would
// get three characters right and garble six.
func TestDeclaredUTF8ThirdStrays(t *testing.T) {
	page := `<!doctype html><html><head><meta charset="utf-8"><title>“Notes”</title></head><body>
<p>The caf{e} by the quay — “always late” — opened at noon{d} we didn{q}t mind.</p></body></html>`
	body := []byte(strayBytes.Replace(page))
	d := Decide(body, "text/html", "")
	if d.Name != "utf-8" || d.Evidence != "meta" || !strings.Contains(d.Note, "3 invalid bytes replaced with U+FFFD (6 valid UTF-8 sequences)") {
		t.Errorf("Decide = %+v, want utf-8 by meta, 3 invalid bytes noted", d)
	}
}

// TestKoreanDeclaredGB: Korean in EUC-KR under a gb2312 label decodes,
// in GBK, to frequent hanzi; but Korean spaces its words, and Chinese
// does not space its characters, so EUC-KR fits clearly better. The two
// help texts read as GBK without spacedCost.
func TestKoreanDeclaredGB(t *testing.T) {
	for _, text := range []string{
		"  -n, --number           모든 출력 줄에 번호 매기기\n  -s, --squeeze-blank    연속된 빈 줄 억제\n  -v, --show-nonprinting 제어 문자 표시\n",
		"파일 %s을(를) 열 수 없음: %s\n디렉터리 %s을(를) 만들 수 없음\n대상 파일이 이미 있음\n",
		"오늘 아침 시장은 새 학교 건물을 열었다. 학생들은 다음 주부터 이 건물에서 수업을 듣는다.",
	} {
		body := encode(t, text, "euc-kr")
		d := Decide(body, "text/html; charset=gb2312", "")
		if got := Decode(body, d); got != text {
			t.Errorf("Decide = %+v, decodes to %q", d, got)
		}
	}
}

// TestJapaneseSpacedLists: Japanese lists spaced with ASCII, one or
// two words an item (places, a name's two parts), without a declaration,
// decode as Japanese: read as EUC-KR their bytes give syllables from
// anywhere in its tables, no Korean reading for the spaces to favour.
func TestJapaneseSpacedLists(t *testing.T) {
	for _, text := range []string{
		"東京 大阪 名古屋 福岡 札幌 仙台 広島",
		"1位 山田 太郎 2位 佐藤 花子 3位 鈴木 次郎",
		"編集 田中 美穂\n写真 小林 健一\n監修 中村 誠",
		"出演 佐々木 蔵之介 松田 龍平 長澤 まさみ",
	} {
		for _, cs := range []string{"shift_jis", "euc-jp"} {
			body := encode(t, text, cs)
			d := Decide(body, "", "")
			if got := Decode(body, d); got != text {
				t.Errorf("%s: Decide = %+v, decodes to %q", cs, d, got)
			}
		}
	}
}

// TestLoneBytes: a byte stands alone between ASCII non-letters or no-break
// spaces (0xA0), but not beside a letter, an apostrophe, or before a full
// stop (an initial).
func TestLoneBytes(t *testing.T) {
	for _, tt := range []struct {
		text string
		b    byte
		lone int
	}{
		{"a \xab\xa0mot\xa0\xbb b", 0xab, 1},
		{"a \xab\xa0mot\xa0\xbb b", 0xbb, 1},
		{"a \xabmot\xbb b", 0xab, 0},
		{"\xe5 gj\xf8re", 0xe5, 1},
		{"gj\xf8re", 0xf8, 0},
		{"l'\xe0 propos", 0xe0, 0},
		{"\x8a. Novak", 0x8a, 0},
	} {
		if got := newHist([]byte(tt.text)).lone[tt.b]; got != tt.lone {
			t.Errorf("%q: lone[%#x] = %d, want %d", tt.text, tt.b, got, tt.lone)
		}
	}
}

// TestLoneWords: a lone non-ASCII Latin letter costs loneCost in a
// language that has no such one-letter word, and nothing in one that has
// (Norwegian å, French à, Lithuanian į); a lone letter of another script
// costs nothing here (context weighs it).
func TestLoneWords(t *testing.T) {
	for _, tt := range []struct {
		charset, lang string
		r             rune
		want          int16
	}{
		{"windows-1252", "no", 'å', 0},
		{"windows-1252", "de", 'å', -loneCost},
		{"windows-1252", "fr", 'à', 0},
		{"windows-1252", "fr", 'À', 0},
		{"windows-1252", "es", 'à', -loneCost},
		{"windows-1257", "lt", 'į', 0},
		{"windows-1257", "lv", 'į', -loneCost},
		{"iso-8859-2", "cs", 'Ť', -loneCost},
		{"windows-1251", "ru", 'в', 0},
	} {
		tab := sbTable(tt.charset)
		i := slices.Index(sbLangs[tt.charset], tt.lang)
		b, err := encodeAs(string(tt.r), tt.charset)
		if i < 0 || err != nil || len(b) != 1 {
			t.Fatalf("%s has no %s reading of %q (%v)", tt.charset, tt.lang, tt.r, err)
		}
		if got := tab.lone[i][b[0]]; got != tt.want {
			t.Errorf("%s %s: lone %q scores %d, want %d", tt.charset, tt.lang, tt.r, got, tt.want)
		}
	}
}

// A UTF-16 declaration without a BOM holds for a page whose NULs stand on
// the declared side, however much of its text is CJK: the markup puts
// them there. It is overruled for an ASCII-compatible body, which has
// none, and for the other byte order.
func TestDeclaredUTF16(t *testing.T) {
	page := "<html><head><title>白皮书</title></head><body><h1>携手构建网络空间命运共同体</h1>" +
		strings.Repeat("<p>中国高度重视网络空间国际合作，积极参与全球互联网治理，推动构建网络空间命运共同体，携手各国共同应对风险挑战。</p>", 10) + "</body></html>"
	le, _ := xunicode.UTF16(xunicode.LittleEndian, xunicode.IgnoreBOM).NewEncoder().String(page)
	be, _ := xunicode.UTF16(xunicode.BigEndian, xunicode.IgnoreBOM).NewEncoder().String(page)
	if n := utf16ByNULs([]byte(le)); n != "" {
		t.Fatalf("the page is mostly CJK, yet rule 1 takes it as %s: no test of the declaration", n)
	}
	cases := []struct {
		body, contentType, name, evidence string
	}{
		{le, "text/html; charset=UTF-16", "utf-16le", "header"},
		{le, "text/html; charset=utf-16le", "utf-16le", "header"},
		{be, "text/html; charset=utf-16be", "utf-16be", "header"},
		{be, "text/html; charset=utf-16le", "", ""}, // the other byte order: overruled
		{"<html><body><p>ASCII markup, misdeclared.</p></body></html>", "text/html; charset=utf-16", "utf-8", "ascii"},
	}
	for _, c := range cases {
		d := Decide([]byte(c.body), c.contentType, "")
		if c.name == "" {
			if d.Evidence == "header" {
				t.Errorf("%s on the other byte order: %+v, want it overruled", c.contentType, d)
			}
			continue
		}
		if d.Name != c.name || d.Evidence != c.evidence {
			t.Errorf("%s: %+v, want %s by %s", c.contentType, d, c.name, c.evidence)
		}
		if c.evidence == "header" && Decode([]byte(c.body), d) != page {
			t.Errorf("%s: decoded text is not the page", c.contentType)
		}
	}
}

// metaLabels reads only the meta tags that hold "charset" in some ASCII
// case: every tag metaTagLabel finds a label in holds it, among crafted
// tags and every meta tag of the test bodies.
func TestMetaTagLabelNeedsCharset(t *testing.T) {
	tags := []string{`charset=utf-8`, ` CHARSET="gbk"`, ` http-equiv="Content-Type" content="text/html; Charset=big5"`,
		` content="charset=x"`, ` ch\u0130rset=gbk`, ` cHaRsEt =euc-kr`, ` name="description" content="no label"`}
	files, _ := filepath.Glob("testdata/*")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		for _, part := range bytes.Split(b, []byte("<")) {
			if asciiFoldHasPrefix(part, "meta") && len(part) > 4 {
				end := bytes.IndexByte(part, '>')
				if end < 0 {
					end = len(part)
				}
				tags = append(tags, string(part[4:end]))
			}
		}
	}
	labels := 0
	for _, tag := range tags {
		if l := metaTagLabel([]byte(tag)); l != "" {
			labels++
			if !asciiFoldContains([]byte(tag), "charset") {
				t.Errorf("meta tag %q has label %q but no \"charset\"", tag, l)
			}
		}
	}
	if labels < 5 {
		t.Errorf("only %d of %d meta tags have a label", labels, len(tags))
	}
}

// TestSentenceStart: a short Russian text whose sentences open with
// capitals reads as windows-1251, not as x-mac-cyrillic, which decodes
// those capitals' bytes to a Macedonian small letter (ѕ) and a no-break
// space: a capital opening a sentence weighs as its small letter.
func TestSentenceStart(t *testing.T) {
	body := encode(t, "Привет! Как дела?\n\nПривет! Как дела?", "windows-1251")
	if d := Decide(body, "", ""); d.Name != "windows-1251" {
		t.Errorf("Decide = %s (%s), want windows-1251", d.Name, d.Note)
	}
	for _, tt := range []struct {
		text string
		i    int
		want bool
	}{
		{"\xcf\xf0\xe8", 0, true},
		{"a! \xca\xe0\xea", 3, true},
		{"a.\n\xca", 3, true},
		{"a \xca", 2, false},
		{"a.\xca", 2, false}, // no space: inside a word or a number
	} {
		if got := sentenceStart([]byte(tt.text), tt.i); got != tt.want {
			t.Errorf("sentenceStart(%q, %d) = %v, want %v", tt.text, tt.i, got, tt.want)
		}
	}
}

// TestCapitalOfASCII: Turkish İ, whose small letter is the ASCII i, is one
// of Turkish's letters, not a foreign one; so an English text naming
// İstanbul and a Mr. Şahin reads as windows-1254, declared or not, not
// as windows-1252's Ýstanbul and Þahin.
func TestCapitalOfASCII(t *testing.T) {
	if s := letterScore('İ', "tr"); s <= 0 {
		t.Errorf("letterScore(İ, tr) = %d, want > 0", s)
	}
	body := encode(t, "The conference in İstanbul ended on Sunday. The host, Mr. Şahin, thanked the delegations.", "windows-1254")
	for _, ct := range []string{"", "text/html; charset=windows-1254"} {
		if d := Decide(body, ct, ""); d.Name != "windows-1254" {
			t.Errorf("header %q: Decide = %s (%s), want windows-1254", ct, d.Name, d.Note)
		}
	}
}

// TestDeclaredSingleAgainstCJK: a declared single-byte charset whose
// reading is a language's letters stands against a CJK reading of the
// same bytes (a Russian word in koi8-r reads as four EUC-JP kanji); a
// CJK text wrongly declared single-byte still reads as CJK, its
// single-byte reading being no language's letters.
func TestDeclaredSingleAgainstCJK(t *testing.T) {
	ru := encode(t, "The story was first reported by the newspaper Известия on Monday and later confirmed.", "koi8-r")
	if d := Decide(ru, "text/html; charset=koi8-r", ""); d.Name != "koi8-r" {
		t.Errorf("Russian word, koi8-r declared: Decide = %s (%s), want koi8-r", d.Name, d.Note)
	}
	zh := encode(t, "市议会星期四通过了明年的预算。大部分资金将用于修复道路。", "gbk")
	for _, l := range []string{"koi8-r", "windows-1251", "iso-8859-5", "windows-1250"} {
		if d := Decide(zh, "text/html; charset="+l, ""); d.Name != "gb18030" {
			t.Errorf("Chinese, %s declared: Decide = %s (%s), want gb18030", l, d.Name, d.Note)
		}
	}
}

// TestWordsOverCJK: undeclared, a Russian word among English reads as
// the single-byte charset it is in, not as the few uncommon CJK
// characters its bytes also decode to; a few common CJK characters among
// English still read as CJK.
func TestWordsOverCJK(t *testing.T) {
	const en = "The story was first reported by the newspaper Известия on Monday and later confirmed."
	for _, cs := range []string{"koi8-r", "x-mac-cyrillic"} {
		if d := Decide(encode(t, en, cs), "", ""); d.Name != cs {
			t.Errorf("Russian word in %s: Decide = %s (%s), want %s", cs, d.Name, d.Note, cs)
		}
	}
	zh := encode(t, "The report was first carried by the state agency 新华社 on Monday.", "gbk")
	if d := Decide(zh, "", ""); d.Name != "gb18030" {
		t.Errorf("Chinese name: Decide = %s (%s), want gb18030", d.Name, d.Note)
	}
}

// englishAround is English news prose, written for these tests, that a
// page holds around a foreign name: it writes "to", "in", "on", "for"
// and "by" by the dozen, which Czech, Polish, Slovene, Danish or
// Estonian list as function words.
const englishAround = "The committee met on Tuesday to review the budget and the plans for the new library. " +
	"Members asked for more detail on the costs before the vote, which was put off to next month. " +
	"A spokesperson said the delay would not affect the opening planned for the spring. " +
	"Shops in the area have welcomed the project, saying it will bring more visitors to the centre. " +
	"The minutes will be published on the website later in the week. "

// TestStopwordsNearLetters: the function words that count for a
// language are those near the text's non-ASCII letters (stopReach); a
// long English page around a Baltic name reads in that
// name's charset, not as whichever language shares the most short words
// with English.
func TestStopwordsNearLetters(t *testing.T) {
	for _, tt := range []struct{ name, charset string }{
		{"The award went to Rūta Meilutytė, who set a new record in the final.", "windows-1257"},
		{"Our correspondent reported from Šiauliai, where the hill of crosses draws visitors.", "iso-8859-13"},
		{"The study was led by Dr. Jānis Bērziņš at the university hospital.", "windows-1257"},
	} {
		text := strings.Repeat(englishAround, 3) + tt.name + " " + strings.Repeat(englishAround, 3)
		body := encode(t, text, tt.charset)
		if d := Decide(body, "", ""); Decode(body, d) != text {
			t.Errorf("%q in %s read as %s (%s)", tt.name, tt.charset, d.Name, d.Note)
		}
	}
}

// TestShortCJKAhead: a few CJK characters in an English sentence whose
// reading in their charset scores more than a quarter above the GBK
// reading are that charset's, not the Chinese default's, however few
// (aheadOf). Kanji that read as frequent hanzi in GBK as well stay
// ambiguous and keep the default.
func TestShortCJKAhead(t *testing.T) {
	for _, tt := range []struct{ text, charset string }{
		{"The phrase 감사합니다 means thank you in Korean.", "euc-kr"},
		{"Our branch (東京事務所) is closed from December 29.", "euc-jp"},
	} {
		body := encode(t, tt.text, tt.charset)
		if d := Decide(body, "", ""); Decode(body, d) != tt.text {
			t.Errorf("%q in %s read as %s (%s): %q", tt.text, tt.charset, d.Name, d.Note, Decode(body, d))
		}
	}
}

// TestDeclaredFewLetters: a declared single-byte charset that reads a
// name or two in an English page as letters stands against a charset
// whose language reads them a few points better (declaredSlack); one
// that reads them as a sign glued to a word does not.
func TestDeclaredFewLetters(t *testing.T) {
	for _, tt := range []struct {
		text, charset, header string
		want                  bool // whether the header's charset is followed
	}{
		{"Vytautas Landsbergis was remembered in Vilnius; Žalgiris fans gathered outside.", "iso-8859-13", "iso-8859-13", true},
		{"Vytautas Landsbergis was remembered in Vilnius; Žalgiris fans gathered outside.", "iso-8859-2", "iso-8859-2", true},
		{"The ferry to Liepāja was cancelled because of high winds on the coast.", "iso-8859-4", "iso-8859-4", true},
		{"Our reporter was in Šiauliai on Monday.", "iso-8859-2", "windows-1251", false},
	} {
		body := encode(t, tt.text, tt.charset)
		d := Decide([]byte("<html><body><p>"+string(body)+"</p></body></html>"), "text/html; charset="+tt.header, "")
		if followed := d.Evidence == "header"; followed != tt.want {
			t.Errorf("%q in %s declared %s: decided %s (%s, %s)", tt.text, tt.charset, tt.header, d.Name, d.Evidence, d.Note)
		}
	}
}

// TestKanjiOnly: a short Japanese text of kanji alone (a headline, a
// name) in EUC-JP, undeclared, reads as EUC-JP, not as GBK: its codes
// fall in GB2312's first level too, and only the frequent kanji of
// Japanese (topKanji: 経, 済, 聞, 館) tell the two readings apart.
func TestKanjiOnly(t *testing.T) {
	for _, text := range []string{"日本経済新聞社", "京都市立美術館"} {
		body := encode(t, text, "euc-jp")
		for _, page := range [][]byte{body, []byte("<html><body><h1>" + string(body) + "</h1></body></html>")} {
			if d := Decide(page, "", ""); d.Name != "euc-jp" {
				t.Errorf("%q in euc-jp read as %s (%s, %s)", text, d.Name, d.Evidence, d.Note)
			}
		}
	}
}

// TestKanjiPastCore: kanji headlines in EUC-JP whose kanji are all
// common in Japanese read as EUC-JP, not as GBK. Read as GBK, their
// codes give first-level hanzi, most of them in topHanzi but few among
// its first coreHanzi ("日経平均株価続落" as 泣沸士堆臭擦鲁皖): scored as
// frequent as the commonest hanzi, they tied the Japanese reading.
func TestKanjiPastCore(t *testing.T) {
	for _, text := range []string{"日経平均株価続落", "第三回定例会議事録", "総理大臣記者会見 要旨"} {
		body := encode(t, text, "euc-jp")
		for _, page := range [][]byte{body, []byte("<html><body><h1>" + string(body) + "</h1></body></html>")} {
			if d := Decide(page, "", ""); d.Name != "euc-jp" {
				t.Errorf("%q in euc-jp read as %s (%s, %s)", text, d.Name, d.Evidence, d.Note)
			}
		}
	}
}

// TestMarkOpensWord: windows-1250 reads iso-8859-2's Ž and Š (0xAE,
// 0xA9) as ® and ©, and windows-1257 reads iso-8859-4's Š so: a mark
// that follows a name costs a reading when it opens a word ("®algiris"),
// and nothing where it belongs ("Prov®", "© 2024").
func TestMarkOpensWord(t *testing.T) {
	for _, tt := range []struct{ text, charset, header string }{
		{"Kęstutis Žemaitis joined Žalgiris Kaunas last summer.", "iso-8859-2", "text/html; charset=iso-8859-2"},
		{"Kęstutis Žemaitis joined Žalgiris Kaunas last summer.", "iso-8859-2", ""},
		{"The mayor of Šiauliai, Artūras Visockas, opened the new bridge on Monday.", "iso-8859-4", ""},
	} {
		body := encode(t, tt.text, tt.charset)
		if d := Decide(body, tt.header, ""); Decode(body, d) != tt.text {
			t.Errorf("%q in %s under %q read as %s (%s, %s)", tt.text, tt.charset, tt.header, d.Name, d.Evidence, d.Note)
		}
	}
	tab := sbTable("windows-1250")
	if got := tab.context(' ', 0xAE, 'a'); got != -trailCost {
		t.Errorf("® opening a word: context %d, want %d", got, -trailCost)
	}
	for _, prevNext := range [][2]byte{{'v', ' '}, {' ', ' '}, {' ', '2'}} {
		if got := tab.context(prevNext[0], 0xA9, prevNext[1]); got != 0 {
			t.Errorf("© in %q: context %d, want 0", prevNext, got)
		}
	}
}

// TestNeverFirst: a Lithuanian name in capitals in an English page, in
// iso-8859-13, reads as such, not as windows-1252's Icelandic "ÐIAULIAI":
// no Icelandic word opens with ð (neverFirst). hist.first counts the
// bytes that open a word, whatever the charset.
func TestNeverFirst(t *testing.T) {
	const text = "ŠIAULIAI BANK reported higher profits for the quarter."
	for _, cs := range []string{"iso-8859-13", "windows-1257"} {
		body := encode(t, text, cs)
		if d := Decide(body, "", ""); Decode(body, d) != text {
			t.Errorf("%q in %s read as %s (%s): %q", text, cs, d.Name, d.Note, Decode(body, d))
		}
	}
	for _, tt := range []struct {
		text string
		want int
	}{
		{"a \xd0x", 1}, {"\xd0\xd0", 1}, {"(\xd0x", 1},
		{"a\xd0x", 0}, {"a \xd0 b", 0}, {"l'\xd0x", 0},
	} {
		if got := newHist([]byte(tt.text)).first[0xd0]; got != tt.want {
			t.Errorf("first[0xd0] of %q = %d, want %d", tt.text, got, tt.want)
		}
	}
}

// TestNameOpensBlock: a Russian name in windows-1251 that opens a
// paragraph, a byline, reads as windows-1251. x-mac-cyrillic reads its
// capitals' bytes as » and ѕ ("»ван ѕетров"), Macedonian letters and a
// sign, which outscored the capitals of a Russian reading anywhere but
// at a sentence's start, where a capital weighs as its small letter:
// the start of a block of the page is such a start.
func TestNameOpensBlock(t *testing.T) {
	for _, text := range []string{"Иван Петров", "И. Петров"} {
		body := encode(t, text, "windows-1251")
		for _, page := range []string{
			"<html><head><title>t</title></head><body><p>%s</p></body></html>",
			"<table><tr><td>1</td><td>%s</td></tr></table>",
		} {
			b := []byte(fmt.Sprintf(page, body))
			if d := Decide(b, "", ""); d.Name != "windows-1251" {
				t.Errorf("%q in windows-1251 in %q read as %s (%s)", text, page, d.Name, d.Note)
			}
		}
	}
}

// TestVisibleBlocks: a tag that starts or ends a block of text becomes a
// line break in the visible text, any other markup a space.
func TestVisibleBlocks(t *testing.T) {
	for in, want := range map[string]string{
		"<p>a</p><b>b</b><br/>c<TD class=x>d</td >": "\na\n b \nc\nd\n",
		"<pre>a</pre><param>b<a href=x>c</a>":       "\na\n b c ",
		"<!-- <p> -->a<h2>b</h2><h>c":               " a\nb\n c",
	} {
		if got := string(visible([]byte(in))); got != want {
			t.Errorf("visible(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestDeclaredSibling: a long text in one charset declared as a sibling
// that reads most of its bytes alike is read in its own charset when the
// bytes the two disagree on read as its letters and as the label's signs
// (declaredSlack counts only those bytes); a text the label reads right
// keeps it.
func TestDeclaredSibling(t *testing.T) {
	ru := "Вечером в Москве прошёл сильный дождь. Городские службы работали всю ночь, чтобы очистить улицы и подземные переходы. " +
		"Жители Северного района жаловались, что вода стояла во дворах до утра. Власти обещали проверить ливневую канализацию."
	uk := "Увечері в Києві пройшла сильна злива. Міські служби працювали всю ніч, щоб очистити вулиці та підземні переходи. " +
		"Мешканці району скаржилися, що вода стояла у дворах до ранку, а її рівень сягав колін. Влада пообіцяла перевірити зливову каналізацію."
	cs := "Večer se nad Prahou přehnala silná bouřka. Technické služby pracovaly celou noc, aby uvolnily ulice a podchody. " +
		"Obyvatelé Žižkova si stěžovali, že voda stála ve dvorech až do rána. Šéf městské firmy slíbil, že kanalizaci prověří."
	for _, tt := range []struct {
		text, charset, header string
		want                  bool // whether the header's charset is followed
	}{
		{ru, "x-mac-cyrillic", "windows-1251", false},
		{uk, "koi8-u", "koi8-r", false},
		{cs, "windows-1250", "iso-8859-2", false},
		{ru, "windows-1251", "windows-1251", true},
		{uk, "koi8-u", "koi8-u", true},
		{cs, "iso-8859-2", "iso-8859-2", true},
	} {
		body := []byte("<html><body><p>" + string(encode(t, tt.text, tt.charset)) + "</p></body></html>")
		d := Decide(body, "text/html; charset="+tt.header, "")
		if followed := d.Evidence == "header"; followed != tt.want || Decode(body, d) != Decode(body, Decision{Name: tt.charset}) {
			t.Errorf("%.20q in %s declared %s: decided %s (%s, %s)", tt.text, tt.charset, tt.header, d.Name, d.Evidence, d.Note)
		}
	}
}

// TestArabicISO88596: Arabic in iso-8859-6, undeclared, reads as
// iso-8859-6 (a candidate since windows-1256 lays its letters out
// elsewhere), a headline as well as a paragraph.
func TestArabicISO88596(t *testing.T) {
	for _, text := range []string{
		"أعلنت الوزارة اليوم عن خطة جديدة لبناء المدارس في القرى، وقال المتحدث إن العمل سيبدأ في الربيع المقبل.",
		"افتتاح مكتبة عامة جديدة في المدينة",
	} {
		body := encode(t, text, "iso-8859-6")
		for _, page := range [][]byte{body, []byte("<html><body><h1>" + string(body) + "</h1></body></html>")} {
			if d := Decide(page, "", ""); d.Name != "iso-8859-6" {
				t.Errorf("%q in iso-8859-6 read as %s (%s, %s)", text, d.Name, d.Evidence, d.Note)
			}
		}
	}
}

// TestThaiWindows874: Thai in windows-874 (TIS-620 and its Windows
// extension), undeclared, reads as windows-874: a headline, a list of
// names, a paragraph. Read in a Cyrillic charset it is a run of
// capitals and small letters; read as Thai, its vowel and tone signs
// sit on consonants (thaiOrder).
func TestThaiWindows874(t *testing.T) {
	for _, text := range []string{
		"เทศบาลเปิดห้องสมุดแห่งใหม่กลางเมือง",
		"สมชาย, สมศรี, วิชัย, มาลี",
		"เทศบาลเมืองประกาศว่าห้องสมุดแห่งใหม่จะเปิดให้บริการในเดือนหน้า โดยมีหนังสือมากกว่าหนึ่งหมื่นเล่มและมุมอ่านหนังสือสำหรับเด็ก",
	} {
		body := encode(t, text, "windows-874")
		for _, page := range [][]byte{body, []byte("<html><body><h1>" + string(body) + "</h1></body></html>")} {
			if d := Decide(page, "", ""); d.Name != "windows-874" {
				t.Errorf("%q in windows-874 read as %s (%s, %s)", text, d.Name, d.Evidence, d.Note)
			}
		}
	}
}

// TestVietnameseWindows1258: Vietnamese in windows-1258, undeclared,
// reads as windows-1258, its tones written precomposed where the table
// has the letter and as a combining mark after the vowel otherwise, or
// as combining marks throughout: a headline, a usage line, a list of
// names, a paragraph. Read in windows-1250 it was Czech or Slovak
// ("Hôňi đôĚng"), in windows-1257 Latvian. The guards are western texts
// whose letters windows-1258 reads otherwise (ã, õ, ð, þ, ì, ò, Ý), which
// must keep their charset: the tone marks stand on vowels only, đ opens
// a syllable, and a text of plain words around one Italian "può" (read
// as "pu" with a dot below) is no Vietnamese (plainCost).
func TestVietnameseWindows1258(t *testing.T) {
	for _, text := range []string{
		"Giá xăng giảm lần thứ ba liên tiếp",
		"Cách dùng: cp [TÙY CHỌN]... NGUỒN ĐÍCH",
		"Nguyễn Văn An, Trần Thị Bình, Lê Hoàng Long, Phạm Minh Đức",
		"Theo Tổng cục Thống kê, lạm phát trong tháng Mười đã giảm tháng thứ ba liên tiếp. Giá năng lượng giảm, trong khi giá thực phẩm vẫn cao hơn so với một năm trước.",
	} {
		for _, pre := range []bool{true, false} {
			body := encode1258(t, text, pre)
			for _, page := range [][]byte{body, []byte("<html><body><h1>" + string(body) + "</h1></body></html>")} {
				if d := Decide(page, "", ""); d.Name != "windows-1258" {
					t.Errorf("%q in windows-1258 (precomposed %v) read as %s (%s, %s)", text, pre, d.Name, d.Evidence, d.Note)
				}
			}
		}
	}
	for _, c := range []struct{ text, charset string }{
		{"O governo anunciou que as eleições serão em outubro. Não há decisão sobre a data.", "windows-1252"},
		{"João Leitão, Conceição Simões, Sebastião Guimarães", "windows-1252"},
		{"Però il sindaco dice che così non si può andare avanti", "windows-1252"},
		{"  -x, --exclude=MODELLO   esclude i file (può essere ripetuto)\n  -q, --quiet             nessun messaggio", "windows-1252"},
		{"legge e scrive archivi, e può estrarre singoli file.\n\nEsempi:\n  pack -c archivio.pk uno due", "windows-1252"},
		{"Guðrún Þórðardóttir, Sigurður Ólafsson, Þóra Jónsdóttir", "windows-1252"},
		{"Belediye meclisi okulun yenilenmesine karar verdi, öğrenciler döndü", "windows-1254"},
	} {
		body := encode(t, c.text, c.charset)
		if d := Decide(body, "", ""); d.Name == "windows-1258" {
			t.Errorf("guard: %q in %s read as windows-1258 (%s)", c.text, c.charset, d.Note)
		}
	}
}

// encode1258 writes s in windows-1258: with pre, a letter the table has
// precomposed as that byte; otherwise, and for the letters it lacks, the
// base letter (with its circumflex, breve or horn) and then the tone as a
// combining mark.
func encode1258(tb testing.TB, s string, pre bool) []byte {
	tb.Helper()
	var out []byte
	for _, r := range s {
		if b, err := encodeAs(string(r), "windows-1258"); err == nil && (pre || r < 0x80 || !strings.ContainsAny(norm.NFD.String(string(r)), "\u0300\u0301\u0303\u0309\u0323")) {
			out = append(out, b...)
			continue
		}
		var base, tone []rune
		for _, m := range norm.NFD.String(string(r)) {
			if strings.ContainsRune("\u0300\u0301\u0303\u0309\u0323", m) {
				tone = append(tone, m)
			} else {
				base = append(base, m)
			}
		}
		out = append(out, encode(tb, norm.NFC.String(string(base))+string(tone), "windows-1258")...)
	}
	return out
}

// TestJapaneseUsageLine: a usage line of kana and kanji in EUC-JP, as a
// man page or a README holds it, undeclared, reads as EUC-JP. chardet
// gives Big5 and EUC-JP one confidence (100), and its order by name put
// Big5 first: a tie of chardet's own is left to the scorer, which reads
// the kana as kana (surest, tiedCJK).
func TestJapaneseUsageLine(t *testing.T) {
	for _, text := range []string{
		"使い方: ls [オプション]... [ファイル]...",
	} {
		body := encode(t, text, "euc-jp")
		for _, page := range [][]byte{body, []byte("<html><body><pre>" + string(body) + "</pre></body></html>")} {
			if d := Decide(page, "", ""); d.Name != "euc-jp" {
				t.Errorf("%q in euc-jp read as %s (%s, %s)", text, d.Name, d.Evidence, d.Note)
			}
		}
	}
}

// TestHebrewNameEnds: short Hebrew name lists, undeclared, read as
// Hebrew in windows-1255 and iso-8859-8. Read in windows-1253 they end
// their words in ο and ν, frequent Greek letters ("שירן" as "ωιψο"), or
// in windows-1251 in п; the Hebrew final forms there (ן, ם) stand only at
// a word's end, and score there as the letters they stand for
// (endForms).
func TestHebrewNameEnds(t *testing.T) {
	for _, text := range []string{
		"שלום",
		"שירן",
		"דורון",
		"אלון",
		"מנחם בגין\nיצחק רבין\nגולדה מאיר",
	} {
		for _, name := range []string{"windows-1255", "iso-8859-8"} {
			body := encode(t, text, name)
			if d := Decide(body, "", ""); Decode(body, d) != text {
				t.Errorf("%q in %s read as %s (%s): %q", text, name, d.Name, d.Note, Decode(body, d))
			}
		}
	}
}

// TestKoreanShortLines: short Korean lines in EUC-KR, undeclared, read
// as EUC-KR: a usage line, an error message, an address. Their
// syllables (법, 옵, 션, 파, 특, 별) were no frequent syllables of the
// scorer's list, so the EUC-KR reading scored no better than GBK's or
// EUC-JP's hanzi of the same bytes, and the short-text Chinese default
// or EUC-JP took them.
func TestKoreanShortLines(t *testing.T) {
	for _, text := range []string{
		"사용법: ls [옵션]... [파일]...",
		"잘못된 옵션",
		"서울특별시 강남구",
	} {
		body := encode(t, text, "euc-kr")
		for _, page := range [][]byte{body, []byte("<html><body><p>" + string(body) + "</p></body></html>")} {
			if d := Decide(page, "", ""); d.Name != "euc-kr" {
				t.Errorf("%q in euc-kr read as %s (%s, %s)", text, d.Name, d.Evidence, d.Note)
			}
		}
	}
}
