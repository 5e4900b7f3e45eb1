package export

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/prov-archive/prov/archive"
)

// TestTextLoaderKeepsSharedTextsUntilTheirLastLine: every line gets its
// own document's text; a text shared by several lines is kept between
// them within the budget and let go at its last line, a text used once or
// too large for what is left is not kept.
func TestTextLoaderKeepsSharedTextsUntilTheirLastLine(t *testing.T) {
	db, err := archive.Open(filepath.Join(t.TempDir(), "prov.db"), archive.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	texts := map[string]string{"a": "text a, shared", "b": "text b, shared and longer than the room", "c": "text c, once"}
	sha := map[string]string{}
	for k, text := range texts {
		sha[k] = archive.Sum([]byte(text)).String()
		u := "http://" + k + ".test/"
		_, err := db.Write([]archive.Entry{{Capture: archive.Capture{URL: u, FinalURL: u, RequestedURL: u, Method: "GET",
			Status: 200, FetchStart: time.Now(), TextSHA256: sha[k]}, Payload: []byte(text), Text: text}})
		if err != nil {
			t.Fatal(err)
		}
	}
	order := []string{"a", "b", "", "a", "c", "b", "a"}
	lines := make([]Line, len(order))
	for i, k := range order {
		lines[i].TextSHA256 = sha[k]
	}
	tl := newTextLoader(db, lines)
	tl.room = len(texts["a"]) + 1 // a fits, b does not
	keptAfter := []int{1, 1, 1, 1, 1, 1, 0}
	for i, k := range order {
		if err := tl.load(&lines[i]); err != nil {
			t.Fatal(err)
		}
		if *lines[i].Text != texts[k] {
			t.Errorf("line %d: text %q, want %q", i, *lines[i].Text, texts[k])
		}
		if len(tl.kept) != keptAfter[i] {
			t.Errorf("after line %d (%q): %d texts kept, want %d", i, k, len(tl.kept), keptAfter[i])
		}
	}
	if tl.room != len(texts["a"])+1 {
		t.Errorf("room %d at the end, want all of it back (%d)", tl.room, len(texts["a"])+1)
	}
}
