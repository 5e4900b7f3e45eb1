package charset

import (
	"strings"
	"testing"
)

// Short texts for the tests of set-aside declarations.
const (
	asideRU = "Правительство утвердило план развития транспортной инфраструктуры на ближайшие пять лет, сообщили в пресс-службе."
	asideFR = "Hélène préférait les crêpes au beurre salé ; François, lui, ne jurait que par la bûche de Noël et le pâté maison."
)

// asidePage is an HTML page with head and a paragraph of text.
func asidePage(head, text string) string {
	return "<html><head>" + head + "<title>t</title></head><body><p>" + text + "</p></body></html>"
}

// TestNoteAside: every declaration a Decision does not follow is named in
// its Note (where, the label as written, "set aside" or "overruled"),
// weak ones included, so that a browser's reading can be told from the
// record; one it follows is not named. Which charset is chosen is not
// changed here.
func TestNoteAside(t *testing.T) {
	for _, c := range []struct {
		name, body, contentType string
		charset, want           string // the decision's charset, and what its Note must hold ("": no declaration named)
	}{
		{"weak header, detector", string(encode(t, asidePage("", asideRU), "windows-1251")), "text/html; charset=ISO-8859-1",
			"windows-1251", `header "ISO-8859-1" set aside: a weak label`},
		{"weak header, meta followed", string(encode(t, asidePage(`<meta charset="koi8-r">`, asideRU), "koi8-r")), "text/html; charset=latin1",
			"koi8-r", `header "latin1" set aside: a weak label`},
		{"later meta", string(encode(t, asidePage(`<meta charset="koi8-r">`, asideRU), "windows-1251")), "text/html; charset=windows-1251",
			"windows-1251", `meta "koi8-r" set aside: an earlier declaration, of windows-1251, is followed`},
		{"byte order mark", "\xef\xbb\xbf" + asidePage("", asideRU), "text/html; charset=windows-1251",
			"utf-8", `header "windows-1251" set aside: the byte order mark says utf-8`},
		{"unknown label", string(encode(t, asidePage(`<meta charset="no-such-thing">`, asideRU), "windows-1251")), "text/html",
			"windows-1251", `meta "no-such-thing" set aside: names no known encoding`},
		{"weak header on UTF-8", asidePage("", asideFR), "text/html; charset=ISO-8859-1",
			"utf-8", `header "ISO-8859-1" overruled: body is UTF-8`},
		{"UTF-16 label on ASCII", asidePage("", "plain ASCII"), "text/html; charset=utf-16le",
			"utf-8", `header "utf-16le" set aside: the body is 7-bit`},
		{"followed", string(encode(t, asidePage(`<meta charset="windows-1251">`, asideRU), "windows-1251")), "text/html; charset=windows-1251",
			"windows-1251", ""},
		{"weak label the detector agrees with", string(encode(t, asidePage("", asideFR), "windows-1252")), "text/html; charset=ISO-8859-1",
			"windows-1252", ""},
		{"ASCII under a label that reads ASCII as ASCII", asidePage("", "plain ASCII"), "text/html; charset=shift_jis",
			"utf-8", ""},
	} {
		d := Decide([]byte(c.body), c.contentType, "")
		if d.Name != c.charset {
			t.Errorf("%s: %+v, want %s", c.name, d, c.charset)
		}
		named := strings.Contains(d.Note, "set aside") || strings.Contains(d.Note, "overruled")
		if c.want == "" && named || !strings.Contains(d.Note, c.want) {
			t.Errorf("%s: Note %q, want it to hold %q", c.name, d.Note, c.want)
		}
	}
}

// TestReplacementLabel: a replacement label of the Encoding Standard
// (browsers show the body as one U+FFFD) is set aside, the text is
// decided from the bytes, and the Note says so.
func TestReplacementLabel(t *testing.T) {
	for _, c := range []struct {
		name, body, contentType, charset, want string
	}{
		{"header iso-2022-kr", string(encode(t, asidePage("", asideFR), "windows-1252")), "text/html; charset=iso-2022-kr",
			"windows-1252", `header "iso-2022-kr" set aside: a replacement label in the Encoding Standard`},
		{"meta hz-gb-2312", string(encode(t, asidePage(`<meta charset="hz-gb-2312">`, asideRU), "windows-1251")), "text/html",
			"windows-1251", `meta "hz-gb-2312" set aside: a replacement label in the Encoding Standard`},
		{"header csiso2022kr on ASCII", asidePage("", "plain ASCII"), "text/html; charset=csiso2022kr",
			"utf-8", `header "csiso2022kr" set aside: a replacement label in the Encoding Standard`},
	} {
		body := []byte(c.body)
		d := Decide(body, c.contentType, "")
		if d.Name != c.charset || !strings.Contains(d.Note, c.want) {
			t.Errorf("%s: %+v, want %s with a Note holding %q", c.name, d, c.charset, c.want)
		}
	}
}
