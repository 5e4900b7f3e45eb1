package archive_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/prov-archive/prov/archive"
)

// writeShard makes the archive one worker of crawl "c1" wrote: a run
// counting its entries as new, each capture naming the worker.
func writeShard(t *testing.T, path, worker string, entries ...archive.Entry) {
	t.Helper()
	db, err := archive.Open(path, archive.Options{Now: func() time.Time { return t0 }})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	run, err := db.BeginRun([]string{"http://a.test/"}, "")
	if err != nil {
		t.Fatal(err)
	}
	for i := range entries {
		entries[i].Capture.RunID, entries[i].Capture.Worker = run.ID, worker
		run.Fetched++
		run.New++
		run.Bytes += int64(len(entries[i].Payload))
	}
	MustWrite(t, db, entries...)
	run.Crawl, run.Workers = "c1", []string{worker}
	if err := db.FinishRun(run); err != nil {
		t.Fatal(err)
	}
}

func fetchedAt(e archive.Entry, d time.Duration) archive.Entry {
	e.Capture.FetchStart, e.Capture.FetchEnd = t0.Add(d), t0.Add(d+time.Second)
	return e
}

func mergeInto(t *testing.T, into string, shards ...string) archive.MergeStats {
	t.Helper()
	st, err := archive.Merge(shards, into, archive.MergeOptions{Now: func() time.Time { return t0 }})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// Two workers each stored a capture of /dup (at least once): the merged
// archive keeps both, naming their workers; the one run counts /dup once;
// the payload both brought is stored once; a second merge adds nothing.
func TestMergeAtLeastOnce(t *testing.T) {
	dir := t.TempDir()
	w1, w2, into := filepath.Join(dir, "w1.db"), filepath.Join(dir, "w2.db"), filepath.Join(dir, "all.db")
	dup := page("http://a.test/dup", htmlOf("same"), "same text")
	writeShard(t, w1, "w1", fetchedAt(page("http://a.test/", htmlOf("home"), "home text"), 0), fetchedAt(dup, 2*time.Second))
	writeShard(t, w2, "w2", fetchedAt(page("http://a.test/b", htmlOf("b"), "b text"), time.Second), fetchedAt(dup, 3*time.Second))

	st := mergeInto(t, into, w1, w2)
	if st.Captures != 4 || st.Added != 4 || st.Runs != 1 {
		t.Fatalf("merge stats %+v, want 4 read, 4 added, 1 run", st)
	}
	again := mergeInto(t, into, w1, w2)
	if again.Added != 0 || again.Present != 4 {
		t.Fatalf("second merge %+v, want nothing added", again)
	}

	db := MustOpenPath(t, into, archive.Options{ReadOnly: true})
	hist, err := db.History("http://a.test/dup")
	if err != nil {
		t.Fatal(err)
	}
	if len(hist) != 2 || hist[0].Worker != "w1" || hist[1].Worker != "w2" {
		t.Fatalf("history of /dup: %d captures, workers %q %q; want w1 then w2", len(hist), hist[0].Worker, hist[len(hist)-1].Worker)
	}
	runs, err := db.Runs()
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) != 1 || runs[0].Fetched != 3 || runs[0].New != 3 || strings.Join(runs[0].Workers, ",") != "w1,w2" || runs[0].Status != archive.RunDone {
		t.Fatalf("runs %+v, want one run, done, of 3 fetched, 3 new, workers w1,w2", runs)
	}
	if hist[0].RunID != runs[0].ID || hist[1].RunID != runs[0].ID {
		t.Errorf("captures in runs %d and %d, want %d", hist[0].RunID, hist[1].RunID, runs[0].ID)
	}
	stats, err := db.Stats()
	if err != nil {
		t.Fatal(err)
	}
	if stats.Captures != 4 || stats.Payloads != 3 || stats.Documents != 3 {
		t.Errorf("stats %d captures, %d payloads, %d documents; want 4, 3, 3", stats.Captures, stats.Payloads, stats.Documents)
	}
	ids := []uint64{}
	db.Captures(func(c archive.Capture) error { ids = append(ids, c.ID); return nil })
	if len(ids) != 4 || ids[0] != 1 || ids[3] != 4 {
		t.Errorf("capture IDs %v, want 1…4", ids)
	}
}

// A shard that does not read, or that a crawl still holds, fails the
// merge with its name, and nothing is written.
func TestMergeRefusesBadShard(t *testing.T) {
	dir := t.TempDir()
	good, bad, into := filepath.Join(dir, "good.db"), filepath.Join(dir, "bad.db"), filepath.Join(dir, "all.db")
	writeShard(t, good, "w1", page("http://a.test/", htmlOf("home"), "home text"))
	if err := os.WriteFile(bad, []byte(strings.Repeat("not a bbolt file ", 512)), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := archive.Merge([]string{good, bad}, into, archive.MergeOptions{})
	if err == nil || !strings.Contains(err.Error(), bad) {
		t.Fatalf("merge with a bad shard: %v, want an error naming %s", err, bad)
	}
	if _, err := os.Stat(into); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("the archive was created: %v", err)
	}

	lock, err := archive.LockRun(good, "prov crawl", t0)
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Release()
	_, err = archive.Merge([]string{good}, into, archive.MergeOptions{})
	if !errors.Is(err, archive.ErrLocked) || !strings.Contains(err.Error(), good) {
		t.Fatalf("merge of a locked shard: %v, want ErrLocked naming %s", err, good)
	}
	if _, err := os.Stat(into); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("the archive was created: %v", err)
	}
}

// A revisit's CleanFrom names a capture of its shard; merged, it names
// that capture's new ID (here shifted by the other shard's earlier
// capture), in the first merge and in a second that finds it present.
func TestMergeRenamesCleanFrom(t *testing.T) {
	dir := t.TempDir()
	w1, w2, into := filepath.Join(dir, "w1.db"), filepath.Join(dir, "w2.db"), filepath.Join(dir, "all.db")
	orig := fetchedAt(page("http://a.test/doc", htmlOf("doc"), "doc text"), 2*time.Second)
	orig.Capture.CleanKey = "k"
	revisit := fetchedAt(page("http://a.test/doc", htmlOf("doc"), ""), 4*time.Second)
	revisit.Capture.CleanKey, revisit.Capture.CleanFrom = "k", 1 // orig, the shard's first capture
	revisit.Capture.TextSHA256 = orig.Capture.TextSHA256
	writeShard(t, w1, "w1", orig, revisit)
	writeShard(t, w2, "w2", fetchedAt(page("http://a.test/", htmlOf("home"), "home text"), time.Second))

	check := func(when string) {
		db := MustOpenPath(t, into, archive.Options{ReadOnly: true})
		defer db.Close()
		hist, err := db.History("http://a.test/doc")
		if err != nil || len(hist) != 2 {
			t.Fatalf("%s: history of /doc: %d captures, %v", when, len(hist), err)
		}
		if hist[0].ID == 1 || hist[1].CleanFrom != hist[0].ID {
			t.Errorf("%s: merged revisit cleaned from %d, want %d (its original's new ID)", when, hist[1].CleanFrom, hist[0].ID)
		}
	}
	mergeInto(t, into, w1, w2)
	check("first merge")
	if st := mergeInto(t, into, w1, w2); st.Added != 0 {
		t.Fatalf("second merge added %d", st.Added)
	}
	check("second merge")
}

// A shard's refetch of its originals (prov verify --refetch) stays a
// refetch in the merged archive, beside the shared crawl's run.
func TestMergeKeepsRunKind(t *testing.T) {
	dir := t.TempDir()
	shard := filepath.Join(dir, "w1.db")
	writeShard(t, shard, "w1", page("http://a.test/1", htmlOf("one"), "text one"))
	db, err := archive.Open(shard, archive.Options{Now: func() time.Time { return t0.Add(time.Hour) }})
	if err != nil {
		t.Fatal(err)
	}
	r, err := db.BeginRun([]string{"http://a.test/1"}, archive.RunRefetch)
	if err == nil {
		err = db.FinishRun(r)
	}
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	into := filepath.Join(dir, "all.db")
	mergeInto(t, into, shard)
	merged := MustOpenPath(t, into, archive.Options{ReadOnly: true})
	runs, err := merged.Runs()
	if err != nil || len(runs) != 2 {
		t.Fatalf("runs %+v (%v), want the crawl's and the refetch", runs, err)
	}
	kinds := map[string]int{}
	for _, r := range runs {
		kinds[r.Kind]++
	}
	if kinds[""] != 1 || kinds[archive.RunRefetch] != 1 {
		t.Errorf("merged runs %+v: want one crawl and one refetch", runs)
	}
}
