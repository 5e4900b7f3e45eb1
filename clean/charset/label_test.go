package charset

import "testing"

// TestCharsetParam: a Content-Type is read by the media-type grammar, so
// a quoted parameter that holds ";charset=" does not declare; a value that
// does not parse is still read, leniently. Each value is read twice in a
// row, and every value again after others.
func TestCharsetParam(t *testing.T) {
	cases := map[string]string{
		`text/html; foo="a;charset=koi8-r"; charset=windows-1251`: "windows-1251",
		`text/html; charset="Shift_JIS"`:                          "Shift_JIS",
		`TEXT/HTML; CHARSET=KOI8-R`:                               "KOI8-R",
		`text/html;charset=UTF-8;`:                                "UTF-8",
		`text/html; title="charset=big5"`:                         "",
		`text/html`:                                               "",
		``:                                                        "",
		`text/html; charset=gbk; charset=big5`:                    "gbk", // a parameter twice: no media type, the first wins
		`text/html;; charset=big5`:                                "big5",
		`text/html; charset='euc-kr'`:                             "euc-kr",
	}
	for range 2 {
		for ct, want := range cases {
			for range 2 {
				if got := charsetParam(ct); got != want {
					t.Errorf("charsetParam(%q) = %q, want %q", ct, got, want)
				}
			}
		}
	}
}

// TestMetaUserDefined: a meta's x-user-defined declares windows-1252, as
// the HTML prescan reads it; a header's stays x-user-defined (whose bytes
// 0x80-0xFF are private-use characters).
func TestMetaUserDefined(t *testing.T) {
	text := "Hélène préférait les crêpes au beurre salé ; François, lui, ne jurait que par la bûche de Noël."
	page := `<html><head><meta charset="x-user-defined"></head><body><p>` + text + `</p></body></html>`
	body := encode(t, page, "windows-1252")
	d := Decide(body, "text/html", "")
	if d.Name != "windows-1252" || d.Declared != "x-user-defined" || Decode(body, d) != page {
		t.Errorf("meta x-user-defined: %+v, want windows-1252 (declared as written)", d)
	}
	if d := Decide(body, "text/html; charset=x-user-defined", ""); d.Name != "x-user-defined" || d.Evidence != "header" {
		t.Errorf("header x-user-defined: %+v, want x-user-defined by header", d)
	}
}
