package charset

import (
	"math/rand/v2"
	"strings"
	"testing"

	xunicode "golang.org/x/text/encoding/unicode"
)

// utf16 encodes s in UTF-16 of the byte order of n, without a BOM.
func utf16(tb testing.TB, s, n string) []byte {
	tb.Helper()
	order := xunicode.LittleEndian
	if n == "utf-16be" {
		order = xunicode.BigEndian
	}
	b, err := xunicode.UTF16(order, xunicode.IgnoreBOM).NewEncoder().Bytes([]byte(s))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// Texts of the UTF-16 tests: CJK whose code units hold NULs on either
// side (一 is U+4E00, the ideographic space U+3000), so that no NUL
// pattern tells the byte order; Korean; a French one for the misdeclared.
const (
	u16ZH = "人人生而自由，在尊严和权利上一律平等。他们赋有理性和良心，并应以兄弟关系的精神相对待。"
	u16JA = "\u3000吾輩は猫である。名前はまだ無い。\u3000どこで生れたかとんと見当がつかぬ。何でも薄暗いじめじめした所で泣いていた事だけは記憶している。"
	u16KO = "모든 인간은 태어날 때부터 자유로우며 그 존엄과 권리에 있어 동등하다. 인간은 천부적으로 이성과 양심을 부여받았다."
	u16FR = "Hélène préférait les crêpes au beurre salé ; François, lui, ne jurait que par la bûche de Noël et le pâté maison."
)

// TestDeclaredUTF16Text: a header's UTF-16 declaration stands for a body
// without a BOM that, read in its byte order, is well-formed UTF-16 of
// likely text, mostly CJK or plain text without markup included (no NUL
// pattern shows there).
func TestDeclaredUTF16Text(t *testing.T) {
	for _, c := range []struct {
		text, contentType, name string
	}{
		{strings.Repeat(u16ZH, 3), "text/plain; charset=utf-16le", "utf-16le"},
		{u16ZH, "text/plain; charset=utf-16be", "utf-16be"},
		{asidePage("", strings.Repeat(u16ZH, 6)), "text/html; charset=utf-16le", "utf-16le"},
		{asidePage("", strings.Repeat(u16ZH, 6)), "text/html; charset=utf-16be", "utf-16be"},
		{asidePage("", strings.Repeat(u16JA, 8)), "text/html; charset=utf-16", "utf-16le"},
		{asidePage("", strings.Repeat(u16JA, 8)), "text/html; charset=utf-16be", "utf-16be"},
		{u16KO, "text/plain; charset=utf-16le", "utf-16le"},
	} {
		body := utf16(t, c.text, c.name)
		d := Decide(body, c.contentType, "")
		if d.Name != c.name || d.Evidence != "header" || Decode(body, d) != c.text {
			t.Errorf("%.30q under %q: %+v, want %s by header", c.text, c.contentType, d, c.name)
		}
	}
}

// TestDeclaredUTF16Misfit: a UTF-16 declaration is overruled for a body
// that is clearly not UTF-16: an ASCII-compatible one, whose byte pairs
// make rare ideographs or random Hangul syllables, or whose meta declares
// it (a meta read in ASCII bytes: browsers read UTF-8).
func TestDeclaredUTF16Misfit(t *testing.T) {
	for _, c := range []struct {
		body, contentType, name string
	}{
		{string(encode(t, asidePage("", u16FR), "windows-1252")), "text/html; charset=utf-16le", "windows-1252"},
		{string(encode(t, asidePage("", strings.Repeat(u16ZH, 4)), "gb18030")), "text/html; charset=utf-16be", "gb18030"},
		{string(encode(t, asidePage("", strings.Repeat(u16KO, 2)), "euc-kr")), "text/html; charset=utf-16be", "euc-kr"},
		{string(encode(t, asidePage(`<meta charset="utf-16">`, u16FR), "windows-1252")), "text/html", "windows-1252"},
	} {
		d := Decide([]byte(c.body), c.contentType, "")
		if d.Name != c.name || !strings.Contains(d.Note, "overruled") {
			t.Errorf("%.40q under %q: %+v, want %s, UTF-16 overruled", c.body, c.contentType, d, c.name)
		}
	}
}

// TestOddUTF16: a header's UTF-16 that rule 4 overrules as unlikely text
// (a text of CJK Extension A ideographs) is still taken when the body is
// well-formed UTF-16 and nothing reads better, not windows-1252.
func TestOddUTF16(t *testing.T) {
	var text []rune
	for r := rune(0x3400); r < 0x3400+900; r += 7 {
		text = append(text, r)
	}
	body := utf16(t, string(text), "utf-16le")
	d := Decide(body, "text/plain; charset=utf-16le", "")
	if d.Name != "utf-16le" || d.Evidence != "header" || !strings.Contains(d.Note, "taken after all") {
		t.Errorf("Decide = %+v, want utf-16le by header, taken after all", d)
	}
}

// TestUTF16ByNULs: BOM-less UTF-16 of Latin text is told by its NUL bytes,
// with evidence utf16-nuls (not bom), unless a declaration decides: the
// same UTF-16 (the NULs bear it out), or one the body fits, which the NULs
// do not overrule, when its tags are ASCII. Tags written in UTF-16, or
// text with no tag, fit no ASCII-compatible label.
func TestUTF16ByNULs(t *testing.T) {
	page := asidePage("", "The committee met on Tuesday; "+u16FR)
	nulHeavy := "<html><body><p>" + strings.Repeat("x\x00", 300) + "</p><p>Real text.</p></body></html>"
	for _, c := range []struct {
		name, body, contentType string
		charset, evidence, note string
	}{
		{"undeclared", string(utf16(t, page, "utf-16le")), "text/html", "utf-16le", "utf16-nuls", "no BOM"},
		{"big-endian under utf-16", string(utf16(t, page, "utf-16be")), "text/html; charset=utf-16", "utf-16be", "utf16-nuls", `header "utf-16" set aside: the NUL bytes say utf-16be`},
		{"declared", string(utf16(t, page, "utf-16be")), "text/html; charset=UTF-16BE", "utf-16be", "header", "NUL bytes bear it out"},
		{"weak header", string(utf16(t, page, "utf-16le")), "text/html; charset=ISO-8859-1", "utf-16le", "utf16-nuls", `header "ISO-8859-1" set aside`},
		{"UTF-16 tags under utf-8", string(utf16(t, asidePage("", "The committee met on Tuesday."), "utf-16le")), "text/html; charset=utf-8", "utf-16le", "utf16-nuls", `header "utf-8" set aside: the NUL bytes say utf-16le`},
		{"text without tags under utf-8", string(utf16(t, strings.Repeat("Date,Bid,Ask\r\n2015-07-19 21:00,1.083,1.084\r\n", 4), "utf-16be")), "text/plain; charset=utf-8", "utf-16be", "utf16-nuls", `header "utf-8" set aside: the NUL bytes say utf-16be`},
		{"NULs in a UTF-8 page", nulHeavy, "text/html; charset=utf-8", "utf-8", "ascii", `set aside: the body fits header "utf-8"`},
	} {
		d := Decide([]byte(c.body), c.contentType, "")
		if d.Name != c.charset || d.Evidence != c.evidence || !strings.Contains(d.Note, c.note) {
			t.Errorf("%s: %+v, want %s by %s, a Note holding %q", c.name, d, c.charset, c.evidence, c.note)
		}
	}
}

// TestUndeclaredUTF16CJK: mostly CJK UTF-16 without a BOM and without a
// declaration (or under a weak one) shows no NUL pattern; when nothing
// else reads, it is the UTF-16 it reads as likely text in, not
// windows-1252.
func TestUndeclaredUTF16CJK(t *testing.T) {
	page := asidePage("", strings.Repeat(u16ZH, 6))
	for _, n := range []string{"utf-16le", "utf-16be"} {
		for _, ct := range []string{"text/html", "text/html; charset=ISO-8859-1"} {
			body := utf16(t, page, n)
			if d := Decide(body, ct, ""); d.Name != n || Decode(body, d) != page {
				t.Errorf("%s under %q: %+v", n, ct, d)
			}
		}
	}
}

// nulSides counts the NULs at even and odd offsets as reading every byte
// does, on bodies with none, a few, runs of them and nothing else.
func TestNulSides(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for range 3000 {
		b := make([]byte, rng.IntN(300))
		for i := range b {
			switch rng.IntN(4) {
			case 0:
				b[i] = 0
			default:
				b[i] = byte(1 + rng.IntN(255))
			}
		}
		if rng.IntN(5) == 0 {
			clear(b)
		}
		var even, odd int
		for i, c := range b {
			if c == 0 && i%2 == 0 {
				even++
			} else if c == 0 {
				odd++
			}
		}
		if e, o := nulSides(b); e != even || o != odd {
			t.Fatalf("nulSides(% x) = %d, %d; want %d, %d", b, e, o, even, odd)
		}
	}
}
