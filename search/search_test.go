package search_test

import (
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/search"
)

func TestTokens(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{"Shared Future, 2022!", []string{"shared", "future", "2022"}},
		{"网络空间", []string{"网", "网络", "络", "络空", "空", "空间", "间"}},
		{"高", []string{"高"}},
		{"IPv6网络", []string{"ipv6", "网", "网络", "络"}},
		{"http://a.test/zfbps/1.htm", []string{"http", "a", "test", "zfbps", "1", "htm"}},
		{"— ，。", nil},
	}
	for _, c := range cases {
		if got := search.Tokens(c.in); !reflect.DeepEqual(got, c.want) {
			t.Errorf("Tokens(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestTerms(t *testing.T) {
	if got, want := search.Terms("Cyberspace  网络空间 ，"), []string{"cyberspace", "网络空间"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Terms = %q, want %q", got, want)
	}
}

var t0 = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)

// entry is a 200 capture of url bringing text, titled title.
func entry(url, title, text string) archive.Entry {
	return archive.Entry{
		Capture: archive.Capture{RequestedURL: url, FinalURL: url, URL: url, Method: "GET", Status: 200,
			FetchStart: t0, FetchEnd: t0, ToolVersion: "test", Title: title, TextSHA256: archive.Sum([]byte(text)).String()},
		Payload: []byte("<p>" + text + "</p>"),
		Text:    text,
	}
}

// write stores entries in the archive at path, opening it only for that.
func write(tb testing.TB, path string, entries ...archive.Entry) {
	tb.Helper()
	db, err := archive.Open(path, archive.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Write(entries); err != nil {
		tb.Fatal(err)
	}
}

func mustSearch(t *testing.T, ix *search.Index, q string) []string {
	t.Helper()
	res, err := ix.Search(q, 0, 10)
	if err != nil {
		t.Fatalf("search %q: %v", q, err)
	}
	var urls []string
	for _, h := range res.Hits {
		urls = append(urls, h.URLs...)
	}
	if res.Total != len(res.Hits) {
		t.Errorf("search %q: total %d, %d hits", q, res.Total, len(res.Hits))
	}
	return urls
}

func TestUpdateAndSearch(t *testing.T) {
	path := filepath.Join(t.TempDir(), "prov.db")
	white := "互联互通是网络空间的基本属性。网络空间是人类共同的活动空间。"
	write(t, path,
		entry("http://scio.test/1.htm", "携手构建网络空间命运共同体", white),
		entry("http://daily.test/a.html", "Full text: Jointly Build a Community", "Jointly build a community with a shared future in cyberspace."),
		entry("http://other.test/x.html", "高速公路", "高速公路的建设。"),
		archive.Entry{Capture: archive.Capture{RequestedURL: "http://gone.test/", URL: "http://gone.test/", Method: "GET", Kind: archive.KindFailed, Error: "dns", FetchStart: t0, FetchEnd: t0, ToolVersion: "test"}},
	)
	st, err := search.Update(path, search.UpdateOptions{Batch: 2})
	if err != nil {
		t.Fatal(err)
	}
	if st.Captures != 4 || st.Documents != 3 || st.Last != 4 {
		t.Errorf("first update: %+v, want 4 captures, 3 documents, last 4", st)
	}
	ix, err := search.Open(search.PathFor(path), true, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		q    string
		want []string
	}{
		{"网络空间", []string{"http://scio.test/1.htm"}},
		{"SHARED future", []string{"http://daily.test/a.html"}},
		{"高", []string{"http://other.test/x.html"}},
		{"空间 cyberspace", nil},
		{"daily", []string{"http://daily.test/a.html"}}, // from the URL
		{"命运共同体", []string{"http://scio.test/1.htm"}},   // from the title only
		{"网络时代", nil},                                   // 络时 is nowhere
		{"，。", nil},                                     // no token
	}
	for _, c := range cases {
		if got := mustSearch(t, ix, c.q); !reflect.DeepEqual(got, c.want) {
			t.Errorf("search %q found %q, want %q", c.q, got, c.want)
		}
	}
	ix.Close()

	// A later crawl: the same text at a new URL, and a new text. Only
	// these captures are read.
	write(t, path,
		entry("http://mirror.test/copy.htm", "转载", white),
		entry("http://scio.test/2.htm", "新文件", "数字经济的发展。"),
	)
	st, err = search.Update(path, search.UpdateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if st.Captures != 2 || st.Documents != 1 || st.Last != 6 {
		t.Errorf("second update: %+v, want 2 captures, 1 document, last 6", st)
	}
	ix, err = search.Open(search.PathFor(path), true, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if got, want := mustSearch(t, ix, "网络空间"), []string{"http://scio.test/1.htm", "http://mirror.test/copy.htm"}; !reflect.DeepEqual(got, want) {
		t.Errorf("after the second update, 网络空间 found %q, want %q", got, want)
	}
	if got, want := mustSearch(t, ix, "mirror 转载"), []string{"http://scio.test/1.htm", "http://mirror.test/copy.htm"}; !reflect.DeepEqual(got, want) {
		t.Errorf("a known text's new URL and title: found %q, want %q", got, want)
	}
	if got, want := mustSearch(t, ix, "数字经济"), []string{"http://scio.test/2.htm"}; !reflect.DeepEqual(got, want) {
		t.Errorf("new text: found %q, want %q", got, want)
	}
	if st, err := search.Update(path, search.UpdateOptions{Timeout: 100 * time.Millisecond}); err == nil {
		t.Errorf("an update while the index is open read-only should wait for its lock and fail, got %+v", st)
	}
}

func TestSearchPages(t *testing.T) {
	path := filepath.Join(t.TempDir(), "prov.db")
	var entries []archive.Entry
	for i := range 25 {
		entries = append(entries, entry(fmt.Sprintf("http://a.test/%02d", i), "", fmt.Sprintf("网络空间 %s", string(rune('a'+i)))))
	}
	write(t, path, entries...)
	if _, err := search.Update(path, search.UpdateOptions{}); err != nil {
		t.Fatal(err)
	}
	ix, err := search.Open(search.PathFor(path), true, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	res, err := ix.Search("网络空间", 20, 10)
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 25 || len(res.Hits) != 5 || res.Hits[0].URLs[0] != "http://a.test/20" {
		t.Errorf("page 3 of 10: total %d, %d hits, first %v; want 25, 5, http://a.test/20", res.Total, len(res.Hits), res.Hits)
	}
	if res, err := ix.Search("网络空间", 20, math.MaxInt); err != nil || len(res.Hits) != 5 {
		t.Errorf("the rest from 20: %d hits, %v; want 5", len(res.Hits), err)
	}
	// An offset that overflowed in a caller's page arithmetic.
	for _, c := range [][2]int{{math.MinInt + 20, 10}, {-1, 10}, {0, -1}} {
		if res, err := ix.Search("网络空间", c[0], c[1]); err == nil {
			t.Errorf("offset %d, limit %d: %d hits, want an error", c[0], c[1], len(res.Hits))
		}
	}
}

func TestOpenRefusesOtherFiles(t *testing.T) {
	path := filepath.Join(t.TempDir(), "other.db")
	b, err := bolt.Open(path, 0o644, nil)
	if err != nil {
		t.Fatal(err)
	}
	b.Update(func(tx *bolt.Tx) error { _, err := tx.CreateBucket([]byte("captures")); return err })
	b.Close()
	if _, err := search.Open(path, false, time.Second); !errors.Is(err, search.ErrVersion) {
		t.Errorf("open a bbolt file that is no index: %v, want ErrVersion", err)
	}
}

// An archive that is not there gets an error and no index file beside
// where it would be (a worker of a shared crawl has no archive at --db).
func TestUpdateMissingArchive(t *testing.T) {
	db := filepath.Join(t.TempDir(), "prov.db")
	if _, err := search.Update(db, search.UpdateOptions{}); err == nil {
		t.Fatal("Update of a missing archive: no error")
	}
	if _, err := os.Stat(search.PathFor(db)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("an index was made beside a missing archive: %v", err)
	}
}

// TestUpdateWritesInBatches: an update that writes the index every few
// postings finds what one that writes it once finds, the same text met
// again in a later write included.
func TestUpdateWritesInBatches(t *testing.T) {
	var entries []archive.Entry
	for i := range 12 {
		text := fmt.Sprintf("网络空间 第%d份 shared text %d", i%5, i%5)
		entries = append(entries, entry(fmt.Sprintf("http://b.test/%02d", i), fmt.Sprintf("title %d", i), text))
	}
	run := func(hits int) map[string][]string {
		defer search.SetMaxBatchHits(hits)()
		path := filepath.Join(t.TempDir(), "prov.db")
		write(t, path, entries...)
		if _, err := search.Update(path, search.UpdateOptions{Batch: 1}); err != nil {
			t.Fatal(err)
		}
		ix, err := search.Open(search.PathFor(path), true, time.Second)
		if err != nil {
			t.Fatal(err)
		}
		defer ix.Close()
		found := map[string][]string{}
		for _, q := range []string{"网络空间", "第3份", "shared", "title 7", "b", "4"} {
			found[q] = mustSearch(t, ix, q)
		}
		return found
	}
	once, every := run(1<<30), run(3)
	if !reflect.DeepEqual(once, every) {
		t.Errorf("written every 3 postings: %q\nwritten once: %q", every, once)
	}
	if len(once["网络空间"]) != 12 {
		t.Errorf("网络空间 found %d URLs, want 12", len(once["网络空间"]))
	}
}

// TestUpdateRebuildsOldLayout: an index of layout 1 or 2 beside the
// archive is removed and made again from the archive, and the update says
// so; a file of an unknown version is still refused, untouched.
func TestUpdateRebuildsOldLayout(t *testing.T) {
	path := filepath.Join(t.TempDir(), "prov.db")
	write(t, path, entry("http://old.test/1", "Old", "an index of the first layout"))
	for _, v := range []string{"1", "2"} {
		makeIndexOfVersion(t, search.PathFor(path), v)
		st, err := search.Update(path, search.UpdateOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if st.Rebuilt != v || st.Captures != 1 || st.Documents != 1 {
			t.Errorf("update of a layout-%s index: %+v, want rebuilt from %s with 1 capture and 1 document", v, st, v)
		}
		ix, err := search.Open(search.PathFor(path), true, time.Second)
		if err != nil {
			t.Fatal(err)
		}
		got := mustSearch(t, ix, "first layout")
		ix.Close()
		if want := []string{"http://old.test/1"}; !reflect.DeepEqual(got, want) {
			t.Errorf("after the rebuild of layout %s: found %q, want %q", v, got, want)
		}
	}
	makeIndexOfVersion(t, search.PathFor(path), "9")
	if _, err := search.Update(path, search.UpdateOptions{}); !errors.Is(err, search.ErrVersion) || errors.Is(err, search.ErrOldLayout) {
		t.Errorf("update of a version-9 index: %v, want ErrVersion and not ErrOldLayout", err)
	}
}

// makeIndexOfVersion replaces the file at path with an index that says it
// is of version v.
func makeIndexOfVersion(t *testing.T, path, v string) {
	t.Helper()
	os.Remove(path)
	b, err := bolt.Open(path, 0o644, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	err = b.Update(func(tx *bolt.Tx) error {
		m, err := tx.CreateBucket([]byte("meta"))
		if err != nil {
			return err
		}
		return m.Put([]byte("version"), []byte(v))
	})
	if err != nil {
		t.Fatal(err)
	}
}
