package main

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/archive/archivetest"
	"github.com/prov-archive/prov/search"
)

// TestCrawlKeepsSearchIndex: the index prov crawl leaves beside the
// archive (fed as the crawl commits, then brought up to date) has read
// every capture, and finds, hit for hit, what an index built afterwards
// from a copy of the archive finds, for every word of every title and
// URL the crawl archived.
func TestCrawlKeepsSearchIndex(t *testing.T) {
	db, _ := crawlMiniWeb(t)
	other := filepath.Join(t.TempDir(), "copy.db")
	archivetest.CopyFile(t, db, other)
	if _, err := search.Update(other, search.UpdateOptions{}); err != nil {
		t.Fatal(err)
	}
	crawled, rebuilt := openIndex(t, db), openIndex(t, other)
	a, err := archive.Open(db, archive.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	newest, err := a.LastCaptureID()
	a.Close()
	if err != nil {
		t.Fatal(err)
	}
	if last, err := crawled.Last(); err != nil || last != newest {
		t.Errorf("the crawl's index read up to capture %d (%v), the archive holds %d", last, err, newest)
	}
	queries := map[string]bool{}
	for _, r := range exported(t, db) {
		title, _ := r["title"].(string)
		for _, w := range strings.FieldsFunc(title+" "+r["url"].(string), func(r rune) bool { return r == ' ' || r == '/' || r == '.' }) {
			queries[w] = true
		}
	}
	if len(queries) < 20 {
		t.Fatalf("%d queries: the mini-web should give more", len(queries))
	}
	for q := range queries {
		got, err1 := crawled.Search(q, 0, 1000)
		want, err2 := rebuilt.Search(q, 0, 1000)
		if err1 != nil || err2 != nil {
			t.Fatalf("search %q: %v, %v", q, err1, err2)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("search %q: the crawl's index found %+v, one built afterwards %+v", q, got, want)
		}
	}
}

func openIndex(t *testing.T, db string) *search.Index {
	t.Helper()
	ix, err := search.Open(search.PathFor(db), true, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}
