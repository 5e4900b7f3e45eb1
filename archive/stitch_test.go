package archive

import (
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// testStitch stands in for clean's text functions, which the archive does
// not import: a join the tests can read, and the sha256 of the text.
var testStitch = StitchOptions{
	Join:        func(pages []string) string { return strings.Join(pages, "\n\n") },
	Hash:        func(text string) string { return Sum([]byte(text)).String() },
	NormVersion: 1,
	Sketch:      func(string) ([]uint32, int) { return nil, 0 },
	ToolVersion: "prov/test",
}

// TestStitchedCaptions: an article stitched from its pages carries their
// captions in page order, and the first page's capture is left as it was.
func TestStitchedCaptions(t *testing.T) {
	db, err := Open(filepath.Join(t.TempDir(), "prov.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	first := make([]string, 1, 4) // room to grow: an append must not write into it
	first[0] = "Page one's photo"
	pages := []Capture{
		{URL: "http://a.test/p1", Captions: first},
		{URL: "http://a.test/p2"},
		{URL: "http://a.test/p3", Captions: []string{"Photo: Jane Roe", "Getty Images"}},
	}
	var entries []Entry
	for i := range pages {
		text := fmt.Sprintf("Text of page %d.", i+1)
		pages[i].FinalURL, pages[i].Status, pages[i].TextSHA256 = pages[i].URL, 200, Sum([]byte(text)).String()
		entries = append(entries, Entry{Capture: pages[i], Payload: []byte(text), Text: text})
	}
	if _, err := db.Write(entries); err != nil {
		t.Fatal(err)
	}
	e, err := db.stitchedEntry(Series{First: pages[0].URL, Pages: pages, Complete: true}, 1, testStitch)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Page one's photo", "Photo: Jane Roe", "Getty Images"}
	if !reflect.DeepEqual(e.Capture.Captions, want) {
		t.Errorf("stitched captions = %q, want %q", e.Capture.Captions, want)
	}
	if !reflect.DeepEqual(pages[0].Captions, []string{"Page one's photo"}) || first[:2][1] != "" {
		t.Errorf("the first page's captions changed: %q", first[:2])
	}
}
