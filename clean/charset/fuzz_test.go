package charset

import (
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"
)

// FuzzDecide checks that any bytes under any Content-Type decode to valid
// UTF-8 without a panic, and that the decision is deterministic.
func FuzzDecide(f *testing.F) {
	paths, _ := filepath.Glob(filepath.Join("testdata", "*.*"))
	for _, p := range paths {
		if ext := filepath.Ext(p); ext == ".go" || ext == ".tsv" || filepath.Base(p) == "README" {
			continue
		}
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, "", "")
		f.Add(b, "text/html; charset=ISO-8859-1", "")
		f.Add(b, "text/html; charset=gb2312", "big5")
	}
	f.Fuzz(func(t *testing.T, body []byte, contentType, forced string) {
		d := Decide(body, contentType, forced)
		if s := Decode(body, d); !utf8.ValidString(s) {
			t.Fatalf("Decode(%+v) is not valid UTF-8", d)
		}
		if d2 := Decide(body, contentType, forced); d2 != d {
			t.Fatalf("not deterministic: %+v then %+v", d, d2)
		}
		if d3, s := DecideDecode(body, contentType, forced); d3 != d || string(s) != Decode(body, d) {
			t.Fatalf("DecideDecode gives %+v and %d bytes, Decide and Decode %+v and %d", d3, len(s), d, len(Decode(body, d)))
		}
	})
}

// DecideDecode gives what Decide then Decode give: on valid UTF-8 with
// and without a BOM, declared or not, forced to another charset, and on
// bodies that are not UTF-8 though declared so.
func TestDecideDecodeAsDecideThenDecode(t *testing.T) {
	bodies := []string{"<p>plain ASCII</p>", "\ufeff<p>中文 with a BOM</p>", "<meta charset=utf-8><p>中文</p>",
		"<p>caf\xe9 latin-1</p>", "<meta charset=gbk><p>\xd2\xbb\xca\xb1\xd1\xa7</p>", // GBK 一时学, valid UTF-8 by accident
		"\xef\xbb\xbf\xff broken after a BOM", "<p>\xe4\xb8 cut</p>", ""}
	for _, body := range bodies {
		for _, ct := range []string{"", "text/html; charset=utf-8", "text/html; charset=gbk", "text/plain"} {
			for _, forced := range []string{"", "utf-8", "windows-1252", "nonsense"} {
				d := Decide([]byte(body), ct, forced)
				want := Decode([]byte(body), d)
				if d2, got := DecideDecode([]byte(body), ct, forced); d2 != d || string(got) != want {
					t.Errorf("DecideDecode(%q, %q, %q) = %+v, %q; Decide and Decode %+v, %q", body, ct, forced, d2, got, d, want)
				}
			}
		}
	}
}

// DecideDecode hands back a valid UTF-8 body itself, past its BOM, not a
// copy (Clean parses it without another); a body it must decode comes
// back in memory of its own.
func TestDecideDecodeSharesValidUTF8(t *testing.T) {
	for _, body := range []string{"<p>中文</p>", "\ufeff<p>中文 with a BOM</p>", "<p>plain ASCII</p>"} {
		b := []byte(body)
		_, got := DecideDecode(b, "text/html; charset=utf-8", "")
		if len(got) == 0 || &got[len(got)-1] != &b[len(b)-1] {
			t.Errorf("DecideDecode(%q): text is a copy, not the body", body)
		}
	}
	b := []byte("<p>caf\xe9 latin-1</p>")
	_, got := DecideDecode(b, "text/html; charset=iso-8859-1", "")
	if &got[0] == &b[0] {
		t.Errorf("DecideDecode(%q): a decoded text shares the body", b)
	}
}
