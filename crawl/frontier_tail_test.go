package crawl

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// seenLevels returns how many keys the seen tail and the seen bucket of f's
// file hold.
func seenLevels(t *testing.T, f *Frontier) (tail, big int) {
	t.Helper()
	f.db.View(func(tx *bolt.Tx) error {
		tail = tx.Bucket(fbSeenTail).Stats().KeyN
		big = tx.Bucket(fbSeen).Stats().KeyN
		return nil
	})
	return tail, big
}

// testKeys returns n page URLs in no key order.
func testKeys(from, n int) []string {
	keys := make([]string, n)
	for i := range keys {
		keys[i] = fmt.Sprintf("http://x.test/%d", (from+i)*7919%100003)
	}
	return keys
}

// addEach queues keys, in batches of 50 as a crawl's pages would, and
// fails the test unless each is new.
func addEach(t *testing.T, f *Frontier, keys []string) {
	t.Helper()
	for b := range slices.Chunk(keys, 50) {
		if n, _, err := f.add(b, 1, kindPage, budget{}); n != len(b) || err != nil {
			t.Fatalf("add %d keys: %d added, %v", len(b), n, err)
		}
	}
}

// New keys go to the tail; the transaction that brings it to tailFoldAt
// keys moves them all to the seen bucket, and the tail starts again. No
// key is lost or queued twice on the way, and every key reads its state.
func TestSeenTailFolds(t *testing.T) {
	f := openTestFrontier(t)
	first := testKeys(0, tailFoldAt-10)
	addEach(t, f, first)
	if tail, big := seenLevels(t, f); tail != len(first) || big != 0 {
		t.Fatalf("before the fold: %d keys in the tail, %d in the seen bucket; want %d, 0", tail, big, len(first))
	}
	more := testKeys(len(first), 60)
	addEach(t, f, more)
	tail, big := seenLevels(t, f)
	if tail+big != len(first)+len(more) || tail >= 50 || big < tailFoldAt {
		t.Errorf("after the fold: %d keys in the tail, %d in the seen bucket", tail, big)
	}
	if len(f.tail.at) != tail {
		t.Errorf("the tail's index holds %d keys, the tail %d", len(f.tail.at), tail)
	}
	all := append(first, more...)
	f.seenKeys.reset() // the file answers, not the cache
	for _, k := range all {
		if st := f.state(k); st != stQueued {
			t.Fatalf("%s: state %q, want queued", k, st)
		}
	}
	if n, _, err := f.add(all, 1, kindPage, budget{}); n != 0 || err != nil {
		t.Errorf("added again: %d, %v", n, err)
	}
	got, _ := takeAll(t, f, 0)
	if !slices.Equal(got, all) {
		t.Errorf("took %d URLs, want the %d queued, in order", len(got), len(all))
	}
	if err := f.Done(all...); err != nil {
		t.Fatal(err)
	}
	for _, k := range all {
		if st := f.state(k); st != stDone {
			t.Fatalf("%s: state %q after Done, want done", k, st)
		}
	}
}

// The fold writes the seen bucket as the keys' own writes would have:
// each key with the value it had in the tail.
func TestSeenTailFoldKeepsValues(t *testing.T) {
	f := openTestFrontier(t)
	keys := testKeys(0, 30)
	addEach(t, f, keys[:20])
	if _, err := f.markReached(keys[20]); err != nil {
		t.Fatal(err)
	}
	if err := f.Done(keys[21]); err != nil {
		t.Fatal(err)
	}
	want := map[string][]byte{}
	for _, k := range keys[:22] {
		want[k] = seenValue(f, k)
	}
	if err := f.update(f.fold); err != nil {
		t.Fatal(err)
	}
	if tail, big := seenLevels(t, f); tail != 0 || big != 22 {
		t.Fatalf("folded: %d keys in the tail, %d in the seen bucket; want 0, 22", tail, big)
	}
	f.db.View(func(tx *bolt.Tx) error {
		for k, v := range want {
			if got := tx.Bucket(fbSeen).Get([]byte(k)); !bytes.Equal(got, v) || len(v) == 0 {
				t.Errorf("%s: %x in the seen bucket, %x in the tail before", k, got, v)
			}
		}
		return nil
	})
}

// A run killed (closed, not finished) with keys in the tail, none folded
// yet, resumes with each of them seen once: queued once, not queued
// again; and so after a fold and a kill.
func TestSeenTailResumesAfterKill(t *testing.T) {
	path := t.TempDir() + "/f"
	f, err := OpenFrontier(path)
	if err != nil {
		t.Fatal(err)
	}
	first := testKeys(0, 500)
	addEach(t, f, first)
	f.Close() // killed before a fold
	if f, err = OpenFrontier(path); err != nil {
		t.Fatal(err)
	}
	if len(f.tail.at) != len(first) || f.Queued() != len(first) {
		t.Fatalf("reopened: the tail's index holds %d keys, %d queued; want %d", len(f.tail.at), f.Queued(), len(first))
	}
	if n, _, err := f.add(first, 1, kindPage, budget{}); n != 0 || err != nil {
		t.Fatalf("added again after resume: %d, %v", n, err)
	}
	second := testKeys(len(first), tailFoldAt)
	addEach(t, f, second)
	f.Close() // killed after a fold, with keys in the tail again
	if f, err = OpenFrontier(path); err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	all := append(first, second...)
	if tail, big := seenLevels(t, f); tail+big != len(all) || big == 0 {
		t.Errorf("reopened: %d keys in the tail, %d in the seen bucket; want %d in all", tail, big, len(all))
	}
	if n, _, err := f.add(all, 1, kindPage, budget{}); n != 0 || err != nil {
		t.Fatalf("added again after resume: %d, %v", n, err)
	}
	if got, _ := takeAll(t, f, 0); !slices.Equal(got, all) {
		t.Errorf("took %d URLs, want the %d queued, each once", len(got), len(all))
	}
}

// A key in the tail is seen by every way a key enters the seen set: not
// queued again, not reached again, its claim read.
func TestSeenTailKeyNotQueuedTwice(t *testing.T) {
	f := openTestFrontier(t)
	key, other := "http://x.test/a", "http://x.test/b"
	addEach(t, f, []string{key})
	if f.tail.seqOf([]byte(key), false) == 0 {
		t.Fatalf("%s not in the tail's index", key)
	}
	f.seenKeys.reset()
	if n, _, err := f.add([]string{key, other}, 2, kindPage, budget{}); n != 1 || err != nil {
		t.Errorf("add: %d added, %v; want only %s", n, err, other)
	}
	if added, err := f.markReached(key); added || err != nil {
		t.Errorf("markReached of a queued key: %v, %v", added, err)
	}
	if got, _ := takeAll(t, f, 0); fmt.Sprint(got) != "["+key+" "+other+"]" {
		t.Errorf("took %v", got)
	}
	if by, err := f.claim(key, other); by != key || err != nil {
		t.Errorf("claim of %s, taken: earlier %q, %v; want its own fetch", key, by, err)
	}
}

// A transaction that fails leaves the tail's index as it was: the key it
// would have added is not taken for seen.
func TestSeenTailFailedWrite(t *testing.T) {
	fail := false
	f, err := OpenFrontierWith(t.TempDir()+"/f", FrontierOptions{FailWrite: func() error {
		if fail {
			return errors.New("disk full")
		}
		return nil
	}})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	addEach(t, f, []string{"http://x.test/a"})
	fail = true
	if _, _, err := f.add([]string{"http://x.test/b"}, 1, kindPage, budget{}); err == nil {
		t.Fatal("add did not fail")
	}
	if f.tail.seqOf([]byte("http://x.test/b"), false) != 0 || f.state("http://x.test/b") != 0 {
		t.Error("a key of a failed transaction is seen")
	}
	if f.state("http://x.test/a") != stQueued || len(f.tail.at) != 1 {
		t.Errorf("the key committed before: state %q, %d keys in the index", f.state("http://x.test/a"), len(f.tail.at))
	}
}

// A reader whose snapshot is from before a fold, reading the index after
// it, finds a folded key in neither level: the fold count it began with
// has changed, and view reads again, from a snapshot after the fold.
func TestSeenTailReadAcrossFold(t *testing.T) {
	f := openTestFrontier(t)
	key := "http://x.test/a"
	addEach(t, f, []string{key})
	began := f.tail.folds.Load()
	old, err := f.db.Begin(false)
	if err != nil {
		t.Fatal(err)
	}
	defer old.Rollback()
	if err := f.update(f.fold); err != nil {
		t.Fatal(err)
	}
	if v := f.seenIn(old).get([]byte(key)).v; v != nil {
		t.Errorf("the snapshot before the fold, read through the index after it: %x", v)
	}
	if f.tail.folds.Load() == began {
		t.Error("the fold was not counted")
	}
	if st := f.state(key); st != stQueued {
		t.Errorf("state after the fold: %q, want queued", st)
	}
}
