package export_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/archive/export"
)

// captions holds what YAML and JSON must carry intact: quotes, a colon
// and a hash that would end a plain scalar, a backslash, a leading dash,
// CJK, a control rune, a C1 control YAML does not allow unescaped.
var captions = []string{
	`Photo: Jane "JR" Roe / Reuters`,
	`- a caption that opens like a list item #1`,
	`C:\photos\river.jpg`,
	"新华社记者 李明 摄",
	"tab\there",
	"nel\u0085 and del\u007f",
}

// captionArchive holds one copy with captions and a title YAML cannot
// take plain.
func captionArchive(tb testing.TB) *archive.DB {
	tb.Helper()
	db, err := archive.Open(filepath.Join(tb.TempDir(), "prov.db"), archive.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	e := entry("https://news.test/a.html", "The story.", "", "", "2022-11-08")
	e.Capture.Title = `Flood: the "river" rises #2`
	e.Capture.Captions = captions
	if _, err := db.Write([]archive.Entry{e}); err != nil {
		tb.Fatal(err)
	}
	return db
}

func TestJSONLCaptions(t *testing.T) {
	var out bytes.Buffer
	if err := export.JSONL(captionArchive(t), &out, export.Filter{}); err != nil {
		t.Fatal(err)
	}
	var l struct {
		Captions []string `json:"captions"`
	}
	if err := json.Unmarshal(out.Bytes(), &l); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(l.Captions, captions) {
		t.Errorf("captions = %q, want %q", l.Captions, captions)
	}
	// A copy without captions has an empty array, not null or nothing.
	out.Reset()
	if err := export.JSONL(MustArchive(t), &out, export.Filter{}); err != nil {
		t.Fatal(err)
	}
	for _, line := range bytes.Split(bytes.TrimSpace(out.Bytes()), []byte("\n")) {
		if !bytes.Contains(line, []byte(`"captions":[]`)) {
			t.Errorf("no empty captions array in %s", line)
		}
	}
}

// TestFrontMatterTitles: titles that YAML would read as something else,
// or that hold control characters, read back as the same strings.
func TestFrontMatterTitles(t *testing.T) {
	for _, title := range []string{"Full text: the white paper", "true", "1984", "null", "- a list?", "a #tag", "'quoted'", "clear\x1b[2J screen\x07", "bad \xff byte"} {
		text := "The story."
		l := &export.Line{Title: title, Text: &text}
		b, err := export.TextFileForTest(l)
		if err != nil {
			t.Fatalf("%q: %v", title, err)
		}
		var fm struct {
			Title    string `yaml:"title"`
			Original bool   `yaml:"original"`
		}
		parts := strings.SplitN(string(b), "---\n", 3)
		if err := yaml.Unmarshal([]byte(parts[1]), &fm); err != nil {
			t.Fatalf("%q: front matter is not YAML: %v\n%s", title, err, parts[1])
		}
		if want := strings.ToValidUTF8(title, "\uFFFD"); fm.Title != want {
			t.Errorf("title %q read back as %q", want, fm.Title)
		}
		if strings.ContainsAny(parts[1], "\x1b\x07") {
			t.Errorf("%q: control characters written raw:\n%s", title, parts[1])
		}
	}
}

func TestBundleFrontMatterIsYAML(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "bundle")
	if _, err := export.Bundle(captionArchive(t), dir, export.Filter{}, false); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "texts/news.test/a.txt"))
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.SplitN(string(b), "---\n", 3)
	if len(parts) != 3 || parts[0] != "" {
		t.Fatalf("no front matter in:\n%s", b)
	}
	var fm struct {
		Title    string   `yaml:"title"`
		Date     string   `yaml:"date"`
		Original bool     `yaml:"original"`
		Captions []string `yaml:"captions"`
	}
	if err := yaml.Unmarshal([]byte(parts[1]), &fm); err != nil {
		t.Fatalf("front matter is not YAML: %v\n%s", err, parts[1])
	}
	if fm.Title != `Flood: the "river" rises #2` || fm.Date != "2022-11-08" {
		t.Errorf("title %q, date %q", fm.Title, fm.Date)
	}
	if !reflect.DeepEqual(fm.Captions, captions) {
		t.Errorf("captions = %q\nwant %q\nfront matter:\n%s", fm.Captions, captions, parts[1])
	}
	if parts[2] != "\nThe story.\n" {
		t.Errorf("text = %q", parts[2])
	}
}
