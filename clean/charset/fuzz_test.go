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
	})
}
