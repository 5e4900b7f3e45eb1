package charset

import "testing"

// TestCharsetParam: a Content-Type is read by the media-type grammar, so
// a quoted parameter that holds ";charset=" does not declare; a value that
// does not parse is still read, leniently.
func TestCharsetParam(t *testing.T) {
	for ct, want := range map[string]string{
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
	} {
		if got := charsetParam(ct); got != want {
			t.Errorf("charsetParam(%q) = %q, want %q", ct, got, want)
		}
	}
}
