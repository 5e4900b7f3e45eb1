package search_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/archive/archivetest"
	"github.com/prov-archive/prov/search"
)

// words are what the test pages are made of: capitals, accents, CJK.
var words = []string{"Alpha", "beta", "GAMMA", "delta", "网络", "空间", "命运", "İstanbul", "ÉTÉ", "straße", "2022", "ВОДА", "shared", "Future", "ひらがな"}

// pageText is page k's own text.
func pageText(k int) string {
	rng := rand.New(rand.NewSource(int64(k)))
	var b strings.Builder
	for range 5 + rng.Intn(40) {
		b.WriteString(words[rng.Intn(len(words))])
		b.WriteString([]string{" ", ", ", "。", "\n"}[rng.Intn(4)])
	}
	return b.String()
}

// textOf is the text page i brings: its own, or, for every seventh, the
// text of the page seven before (a copy at another URL).
func textOf(i int) string {
	if i%7 == 0 && i >= 7 {
		return textOf(i - 7)
	}
	return pageText(i)
}

// pages are the captures of pages from..to-1: every eleventh failed,
// every thirteenth a revisit (the text of the page thirteen before, by
// its hash alone, as a 304 brings it) when that page brought its text, the rest 200s with their text.
func pages(from, to int) []archive.Entry {
	var out []archive.Entry
	for i := from; i < to; i++ {
		url := fmt.Sprintf("http://feed.test/%d", i)
		switch {
		case i%11 == 0:
			out = append(out, archive.Entry{Capture: archive.Capture{RequestedURL: url, URL: url, Method: "GET", Kind: archive.KindFailed, Error: "reset", FetchStart: t0, FetchEnd: t0, ToolVersion: "test"}})
		case i%13 == 0 && i >= 13 && (i-13)%11 != 0 && (i-13)%13 != 0:
			e := entry(url, fmt.Sprintf("Revisit %d", i), textOf(i-13))
			e.Payload, e.Text = nil, ""
			out = append(out, e)
		default:
			out = append(out, entry(url, fmt.Sprintf("Page %d 网页", i%50), textOf(i)))
		}
	}
	return out
}

// writeThrough commits entries with a writer whose commits feed feed, in
// small batches, as a crawl's do.
func writeThrough(t *testing.T, db *archive.DB, feed *search.Feed, entries []archive.Entry) {
	t.Helper()
	w := archive.NewWriter(db, archive.WriterConfig{MaxBatch: 9, OnCommitTexts: feed.Add})
	for _, e := range entries {
		if err := w.Add(context.Background(), e); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}

func readContents(t *testing.T, path string) search.Contents {
	t.Helper()
	ix, err := search.Open(path, true, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	c, err := search.ReadContents(ix)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestFeedSameAsUpdate: an index fed during a crawl, its write cut every
// few pages (segments merged many times), holds exactly what Update
// builds from the archive afterwards, posting for posting and document
// record for record: captures written before the feed began, and between
// two of the crawl's commits (a stitch sweep's), read from the archive;
// copies of a text at other URLs; revisits that bring no text; failures.
// Both drop the index's mapped pages at every check (within merges and
// while a merge deletes its inputs), which must change nothing read.
func TestFeedSameAsUpdate(t *testing.T) {
	defer search.SetMappedLimit(0)()
	dir := t.TempDir()
	path := filepath.Join(dir, "prov.db")
	db, err := archive.Open(path, archive.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Write(pages(0, 40)); err != nil { // before the feed: not indexed
		t.Fatal(err)
	}
	restoreFloor := search.SetSHAFoldFloor(16) // the feed folds the shas tail, the update below does not
	feed := search.NewFeed(search.PathFor(path), func(fn func(*archive.DB) error) error { return fn(db) }, search.FeedOptions{Bytes: 3000})
	writeThrough(t, db, feed, pages(40, 400))
	if _, err := db.Write(pages(400, 405)); err != nil { // between the crawl's commits
		t.Fatal(err)
	}
	writeThrough(t, db, feed, pages(405, 700))
	st, err := feed.Close()
	if err != nil {
		t.Fatal(err)
	}
	restoreFloor()
	newest, err := db.LastCaptureID()
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	if st.Last != newest || st.Captures != int(newest) {
		t.Errorf("feed: %+v; want every one of the %d captures read", st, newest)
	}

	other := filepath.Join(t.TempDir(), "prov.db")
	archivetest.CopyFile(t, path, other)
	defer search.SetMaxBatchHits(2000)()
	if _, err := search.Update(other, search.UpdateOptions{Batch: 17}); err != nil {
		t.Fatal(err)
	}
	fed, updated := readContents(t, search.PathFor(path)), readContents(t, search.PathFor(other))
	if len(fed.Docs) < 400 || len(fed.Postings) < len(words) {
		t.Fatalf("the fed index holds %d documents and %d tokens: too few to compare", len(fed.Docs), len(fed.Postings))
	}
	if fed.Folded < len(fed.SHAs)/2 || !fed.Filtered || updated.Folded != 0 {
		t.Errorf("text hashes folded: fed %d of %d (filter %v), updated %d of %d; want most, with a filter, and none",
			fed.Folded, len(fed.SHAs), fed.Filtered, updated.Folded, len(updated.SHAs))
	}
	if !reflect.DeepEqual(fed.Postings, updated.Postings) {
		t.Errorf("postings differ: fed %d tokens, updated %d", len(fed.Postings), len(updated.Postings))
		for tok, ps := range updated.Postings {
			if !reflect.DeepEqual(fed.Postings[tok], ps) {
				t.Errorf("token %q: fed %v, updated %v", tok, fed.Postings[tok], ps)
				break
			}
		}
	}
	if !reflect.DeepEqual(fed.Docs, updated.Docs) || !reflect.DeepEqual(fed.SHAs, updated.SHAs) || fed.Last != updated.Last {
		t.Errorf("document records differ: fed %d, last %d; updated %d, last %d", len(fed.Docs), fed.Last, len(updated.Docs), updated.Last)
	}
	merged := 0
	for _, l := range fed.Levels {
		if l > 0 {
			merged++
		}
	}
	if merged == 0 || len(fed.Levels) >= 2*8 {
		t.Errorf("after %d writes the fed index has segments of levels %v: want some merged, fewer than 16", st.Writes, fed.Levels)
	}
}

// TestFeedWritesALargeBatchInParts: a committed batch holding many times
// FeedOptions.Bytes of text is written in several writes, each cut once
// it reaches the bound, not in one (what a write gathers is held in
// memory, and the feed keeps that memory for the next write); every
// capture is still read.
func TestFeedWritesALargeBatchInParts(t *testing.T) {
	path := filepath.Join(t.TempDir(), "prov.db")
	db, err := archive.Open(path, archive.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	const bound = 2000
	feed := search.NewFeed(search.PathFor(path), func(fn func(*archive.DB) error) error { return fn(db) }, search.FeedOptions{Bytes: bound})
	entries := pages(0, 300)
	text, seen := 0, map[string]bool{}
	for _, e := range entries {
		if !seen[e.Text] { // a copy's text is the stored one: it brings none
			text += len(e.Text)
			seen[e.Text] = true
		}
	}
	w := archive.NewWriter(db, archive.WriterConfig{MaxBatch: len(entries), MaxDelay: time.Hour, OnCommitTexts: feed.Add})
	for _, e := range entries {
		if err := w.Add(context.Background(), e); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil { // one commit: the whole batch
		t.Fatal(err)
	}
	st, err := feed.Close()
	if err != nil {
		t.Fatal(err)
	}
	if want := text / bound; st.Writes < want || st.Captures != len(entries) {
		t.Errorf("a batch of %d captures with %d bytes of text, fed %d bytes a write: %d writes, %d captures read; want at least %d writes and every capture",
			len(entries), text, bound, st.Writes, st.Captures, want)
	}
}

// TestMergeDeletesWhatACutMergeLeft: a segment bucket no list names (a
// merge cut short by a crash writes its bucket before it lists it) is
// deleted by the next merge, and the index holds what one built in one
// go holds.
func TestMergeDeletesWhatACutMergeLeft(t *testing.T) {
	defer search.SetMaxBatchHits(1)() // a write, a segment, per capture
	path := filepath.Join(t.TempDir(), "prov.db")
	write(t, path, pages(1, 4)...)
	if _, err := search.Update(path, search.UpdateOptions{Batch: 1}); err != nil {
		t.Fatal(err)
	}
	b, err := bolt.Open(search.PathFor(path), 0o644, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = b.Update(func(tx *bolt.Tx) error {
		stray, err := tx.Bucket([]byte("postings")).CreateBucket([]byte{0xff, 0, 0, 1})
		if err == nil {
			err = stray.Put([]byte("alpha"), []byte{1, 1})
		}
		return err
	})
	b.Close()
	if err != nil {
		t.Fatal(err)
	}
	write(t, path, pages(4, 12)...)
	if _, err := search.Update(path, search.UpdateOptions{Batch: 1}); err != nil {
		t.Fatal(err)
	}
	got := readContents(t, search.PathFor(path)) // fails on a bucket not listed
	if len(got.Levels) == 0 || got.Levels[0] != 1 {
		t.Errorf("segment levels %v: want a merged one first", got.Levels)
	}
	other := filepath.Join(t.TempDir(), "prov.db")
	archivetest.CopyFile(t, path, other)
	search.SetMaxBatchHits(1 << 20)
	if _, err := search.Update(other, search.UpdateOptions{}); err != nil {
		t.Fatal(err)
	}
	if want := readContents(t, search.PathFor(other)); !reflect.DeepEqual(got.Postings, want.Postings) || !reflect.DeepEqual(got.Docs, want.Docs) {
		t.Errorf("after the merge: %d tokens, %d documents; built in one go: %d, %d", len(got.Postings), len(got.Docs), len(want.Postings), len(want.Docs))
	}
}

// TestFeedOnADamagedArchive: a feed whose catching up reads a damaged
// page of the archive (a zeroed leaf of its captures) stops with the
// archive's damage as its error, naming the file; before, bbolt's panic
// killed the process from the feed's goroutine.
func TestFeedOnADamagedArchive(t *testing.T) {
	path := filepath.Join(t.TempDir(), "prov.db")
	write(t, path, pages(0, 400)...)
	archivetest.ZeroPage(t, path, archivetest.LeafPage(t, path, "captures", false))
	db, err := archive.Open(path, archive.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	feed := search.NewFeed(search.PathFor(path), func(fn func(*archive.DB) error) error { return fn(db) }, search.FeedOptions{})
	next := entry("http://feed.test/next", "Next", "the text after the damage")
	next.Capture.ID = 401
	feed.Add([]archive.Capture{next.Capture}, []string{next.Text})
	_, err = feed.Close()
	if !errors.Is(err, archive.ErrDamaged) || !strings.Contains(err.Error(), "archive damaged: "+path+": ") {
		t.Errorf("feed over a damaged archive: %v, want archive damaged: %s", err, path)
	}
}
