package crawl

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"testing"

	bolt "go.etcd.io/bbolt"
)

func openTestFrontier(t *testing.T) *Frontier {
	t.Helper()
	f, err := OpenFrontier(t.TempDir() + "/f")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func takeAll(t *testing.T, f *Frontier, maxPages int) (keys []string, over bool) {
	t.Helper()
	for {
		e, ok, o, err := f.take(maxPages)
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			return keys, o
		}
		keys = append(keys, e.key)
	}
}

// Taking in batches keeps the queue's order and the run's page budget.
func TestTakeBatchesKeepOrderAndBudget(t *testing.T) {
	f := openTestFrontier(t)
	var urls []string
	for i := range 2*takeBatch + 3 {
		urls = append(urls, fmt.Sprintf("http://x.test/%02d", i))
	}
	if n, _, err := f.add(urls, 1, kindPage, budget{}); err != nil || n != len(urls) {
		t.Fatalf("added %d, %v", n, err)
	}
	got, over := takeAll(t, f, takeBatch+2)
	if len(got) != takeBatch+2 || !over {
		t.Fatalf("took %d (over %v) with a budget of %d", len(got), over, takeBatch+2)
	}
	for i, k := range got {
		if k != urls[i] {
			t.Fatalf("take %d gave %s, want %s (queue order)", i, k, urls[i])
		}
	}
	if q := f.Queued(); q != len(urls)-len(got) {
		t.Errorf("queued %d after the budget, want %d", q, len(urls)-len(got))
	}
}

// A batch taken but not fetched when the run is killed is queued again.
func TestTakenBatchRequeuedOnResume(t *testing.T) {
	path := t.TempDir() + "/f"
	f, err := OpenFrontier(path)
	if err != nil {
		t.Fatal(err)
	}
	f.add([]string{"http://x.test/a", "http://x.test/b", "http://x.test/c"}, 0, kindPage, budget{})
	if e, ok, _, _ := f.take(0); !ok || e.key != "http://x.test/a" {
		t.Fatalf("took %+v", e)
	}
	f.Close() // killed with /b and /c taken into memory
	f, err = OpenFrontier(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	stored := func(u string) bool { return u == "http://x.test/a" }
	if err := f.requeueTaken(stored); err != nil {
		t.Fatal(err)
	}
	got, _ := takeAll(t, f, 0)
	if fmt.Sprint(got) != "[http://x.test/b http://x.test/c]" {
		t.Errorf("after resume took %v, want /b and /c", got)
	}
}

// A page taken claims its own URL: a redirect that lands on it later is a
// duplicate, found without a write for the page itself.
func TestClaimByTake(t *testing.T) {
	f := openTestFrontier(t)
	f.add([]string{"http://x.test/b"}, 0, kindPage, budget{})
	takeAll(t, f, 0)
	if by, _ := f.claim("http://x.test/b", "http://x.test/b"); by != "" {
		t.Fatalf("the page's own fetch lost its claim to %q", by)
	}
	if by, _ := f.claim("http://x.test/b", "http://x.test/a"); by != "http://x.test/b" {
		t.Errorf("a redirect from /a to the fetched /b: claimed by %q, want /b", by)
	}
}

// A take's claim is given up when its fetch produced no page of that URL:
// it failed, it was refused, or it redirected elsewhere. A later fetch that
// lands there is then stored, not dropped as a duplicate.
func TestClaimGivenUp(t *testing.T) {
	cases := map[string]func(f *Frontier){
		"failed":     func(f *Frontier) { f.giveUpClaim("http://x.test/b") },
		"refused":    func(f *Frontier) { f.settle("http://x.test/b") },
		"redirected": func(f *Frontier) { f.claim("http://x.test/c", "http://x.test/b") },
	}
	for name, giveUp := range cases {
		t.Run(name, func(t *testing.T) {
			f := openTestFrontier(t)
			f.add([]string{"http://x.test/b"}, 0, kindPage, budget{})
			takeAll(t, f, 0)
			giveUp(f)
			if by, _ := f.claim("http://x.test/b", "http://x.test/a"); by != "" {
				t.Errorf("/a landing on /b was judged a duplicate of %q", by)
			}
		})
	}
}

// A page taken whose canonical URL is the one it was taken as is claimed
// by its own fetch without a read of the file: no other fetch claimed it
// when it was taken, and none can after. (The test writes behind the
// frontier's back a claim no fetch could make, to see whether claim reads
// it.) Once the take's claim is given up, or the taken URLs are queued
// again, claim reads the file as before.
func TestOwnClaimWithoutRead(t *testing.T) {
	const a, elsewhere = "http://x.test/a", "http://x.test/elsewhere"
	claimBehindBack := func(f *Frontier) {
		f.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(fbClaims).Put([]byte(a), []byte(elsewhere)) })
	}
	taken := func(t *testing.T) *Frontier {
		f := openTestFrontier(t)
		f.add([]string{a}, 1, kindPage, budget{})
		takeAll(t, f, 0)
		return f
	}
	f := taken(t)
	claimBehindBack(f)
	if by, err := f.claim(a, a); by != "" || err != nil {
		t.Errorf("the taken page's own claim read the file: claimed by %q (%v)", by, err)
	}

	for name, change := range map[string]func(f *Frontier){
		"claim given up": func(f *Frontier) { f.giveUpClaim(a) },
		"settled":        func(f *Frontier) { f.settle(a) },
		"requeued":       func(f *Frontier) { f.requeueTaken(nil) },
		"done":           func(f *Frontier) { f.Done(a) },
	} {
		t.Run(name, func(t *testing.T) {
			f := taken(t)
			change(f)
			claimBehindBack(f)
			if by, _ := f.claim(a, a); by != elsewhere {
				t.Errorf("claimed by %q, want %q read from the file", by, elsewhere)
			}
		})
	}
}

// A redirect's claim made before the target is taken stays: the target's
// own fetch is then the duplicate.
func TestClaimBeforeTakeKept(t *testing.T) {
	f := openTestFrontier(t)
	f.add([]string{"http://x.test/b"}, 0, kindPage, budget{})
	if by, _ := f.claim("http://x.test/b", "http://x.test/a"); by != "" {
		t.Fatalf("first claim lost to %q", by)
	}
	takeAll(t, f, 0)
	if by, _ := f.claim("http://x.test/b", "http://x.test/b"); by != "http://x.test/a" {
		t.Errorf("/b's own fetch: claimed by %q, want /a", by)
	}
}

// Takes write no claims: the bucket holds only the claims that are not
// a page's own (a redirect's, a claim given up), while every taken URL
// still reads as claimed by its own fetch.
func TestTakesWriteNoClaims(t *testing.T) {
	f := openTestFrontier(t)
	var urls []string
	for i := 0; i < 50; i++ {
		urls = append(urls, fmt.Sprintf("http://x.test/%d", i))
	}
	f.add(urls, 0, kindPage, budget{})
	takeAll(t, f, 0)
	f.claim("http://x.test/moved", "http://x.test/7") // /7 redirected
	f.settle("http://x.test/8")                       // /8 refused
	var claims []string
	f.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(fbClaims).ForEach(func(k, v []byte) error {
			claims = append(claims, fmt.Sprintf("%s=%q", k, v))
			return nil
		})
	})
	want := `[http://x.test/7="\x00" http://x.test/8="\x00" http://x.test/moved="http://x.test/7"]`
	if got := fmt.Sprint(claims); got != want {
		t.Errorf("claims bucket holds %s, want %s", got, want)
	}
	for _, u := range urls {
		want := u
		if u == "http://x.test/7" || u == "http://x.test/8" {
			want = ""
		}
		if by := f.claimant(u); by != want {
			t.Errorf("%s claimed by %q, want %q", u, by, want)
		}
	}
}

// A frontier of an earlier prov holds key → key for each take: it reads
// the same, and a claim given up there is given up.
func TestClaimsOfEarlierFrontier(t *testing.T) {
	f := openTestFrontier(t)
	f.add([]string{"http://x.test/b", "http://x.test/c"}, 0, kindPage, budget{})
	takeAll(t, f, 0)
	f.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(fbClaims)
		b.Put([]byte("http://x.test/b"), []byte("http://x.test/b"))
		return b.Put([]byte("http://x.test/c"), []byte("http://x.test/c"))
	})
	if by, _ := f.claim("http://x.test/b", "http://x.test/a"); by != "http://x.test/b" {
		t.Errorf("a redirect to /b: claimed by %q, want /b", by)
	}
	f.giveUpClaim("http://x.test/c")
	if by, _ := f.claim("http://x.test/c", "http://x.test/a"); by != "" {
		t.Errorf("a redirect to /c after its fetch failed: claimed by %q, want none", by)
	}
}

// The queue is breadth first: a URL of a lesser depth is taken before one
// queued earlier at a greater depth, and a batch holds one depth.
func TestTakeShallowestFirst(t *testing.T) {
	f := openTestFrontier(t)
	f.add([]string{"http://x.test/d2a", "http://x.test/d2b"}, 2, kindPage, budget{})
	f.add([]string{"http://x.test/d1a", "http://x.test/d1b"}, 1, kindPage, budget{})
	f.add([]string{"http://x.test/d2c"}, 2, kindPage, budget{})
	got, _ := takeAll(t, f, 0)
	if s := fmt.Sprint(got); s != "[http://x.test/d1a http://x.test/d1b http://x.test/d2a http://x.test/d2b http://x.test/d2c]" {
		t.Errorf("took %s", s)
	}
}

// reopenAfter makes edit in f's file, as an earlier prov would have left
// it, closes f and opens the file again. The frontier it returns is
// closed when the test ends.
func reopenAfter(t *testing.T, f *Frontier, path string, edit func(*bolt.Tx) error) *Frontier {
	t.Helper()
	if err := f.db.Update(edit); err != nil {
		t.Fatal(err)
	}
	f.Close()
	f, err := OpenFrontier(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// A queue written with the keys of earlier versions (sequence only) is
// read in its order after the frontier is opened again.
func TestOldQueueRekeyed(t *testing.T) {
	path := t.TempDir() + "/f"
	f, err := OpenFrontier(path)
	if err != nil {
		t.Fatal(err)
	}
	f = reopenAfter(t, f, path, func(tx *bolt.Tx) error {
		for i, u := range []string{"http://x.test/a", "http://x.test/b", "http://x.test/c"} {
			depth := []int{1, 0, 1}[i]
			v := append(binary.AppendUvarint(nil, uint64(depth)), u...)
			if err := tx.Bucket(fbPending).Put(binary.BigEndian.AppendUint64(nil, uint64(i+1)), v); err != nil {
				return err
			}
			if err := tx.Bucket(fbSeen).Put([]byte(u), stateValue(stQueued, depth)); err != nil {
				return err
			}
		}
		return addCounter(tx, keyQueued, 3)
	})
	got, _ := takeAll(t, f, 0)
	if s := fmt.Sprint(got); s != "[http://x.test/b http://x.test/a http://x.test/c]" {
		t.Errorf("took %s", s)
	}
}

// levelOpen holds a URL back while a shallower one is out, and lets it go
// when that one is released.
func TestLevelOpen(t *testing.T) {
	f := openTestFrontier(t)
	f.add([]string{"http://x.test/d1"}, 1, kindPage, budget{})
	shallow, _, _, _ := f.take(0)
	f.add([]string{"http://x.test/d2"}, 2, kindPage, budget{})
	deep, _, _, _ := f.take(0)
	if f.levelOpen(deep.depth) {
		t.Fatal("a depth 2 URL may go while a depth 1 URL is out")
	}
	if !f.levelOpen(shallow.depth) {
		t.Fatal("a depth 1 URL held back by itself")
	}
	f.releaseLevel(shallow)
	if !f.levelOpen(deep.depth) {
		t.Fatal("the depth 2 URL was not let go after the depth 1 URL was released")
	}
}

// seenCache.drop keeps the order of the keys it does not hold; past its
// table's size the cache forgets keys, never holds one it was not given,
// and keeps its size.
func TestSeenCache(t *testing.T) {
	var c seenCache
	keys := []string{"a", "b", "c", "d"}
	if got := c.drop(keys); !slices.Equal(got, keys) {
		t.Errorf("empty cache dropped %v", got)
	}
	c.add([]string{"b", "d"})
	if got := c.drop(keys); !slices.Equal(got, []string{"a", "c"}) {
		t.Errorf("drop = %v, want [a c]", got)
	}
	if !slices.Equal(keys, []string{"a", "b", "c", "d"}) {
		t.Errorf("drop changed its argument: %v", keys)
	}
	many := make([]string, 2*seenSlots)
	for i := range many {
		many[i] = fmt.Sprintf("http://x.test/k%d", i)
	}
	c.add(many)
	if len(c.slots) != seenSlots {
		t.Errorf("the table has %d slots, want %d", len(c.slots), seenSlots)
	}
	if got := c.drop(many); len(got) == 0 || len(got) == len(many) {
		t.Errorf("after %d keys the cache lacks %d of them; want some forgotten, some held", len(many), len(got))
	}
	if last := many[len(many)-1:]; len(c.drop(last)) != 0 {
		t.Errorf("the key added last is not held")
	}
	never := make([]string, 100000)
	for i := range never {
		never[i] = fmt.Sprintf("http://y.test/n%d", i)
	}
	if got := c.drop(never); len(got) != len(never) {
		t.Errorf("the cache holds %d keys it was never given", len(never)-len(got))
	}
}

// A cache holds nearly every key of a crawl whose keys fill an eighth of
// its table: a key is forgotten only when its set is full. (With a slot
// a key, some 2,000 of them were.)
func TestSeenCacheKeepsAFewKeys(t *testing.T) {
	var c seenCache
	keys := make([]string, seenSlots/8)
	for i := range keys {
		keys[i] = fmt.Sprintf("http://x.test/k%d", i)
	}
	c.add(keys)
	if got := c.drop(keys); len(got) > len(keys)/1000 {
		t.Errorf("the cache forgot %d of %d keys", len(got), len(keys))
	}
}

// A key whose queueing failed is not taken for seen: the cache learns
// only from committed writes and from reads.
func TestSeenCacheLearnsOnlyCommittedKeys(t *testing.T) {
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
	if _, _, err := f.add([]string{"http://x.test/a"}, 1, kindPage, budget{}); err != nil {
		t.Fatal(err)
	}
	fail = true
	if _, _, err := f.add([]string{"http://x.test/a", "http://x.test/b"}, 1, kindPage, budget{}); err == nil {
		t.Fatal("the failing write succeeded")
	}
	if got := f.unseen([]string{"http://x.test/a", "http://x.test/b"}); !slices.Equal(got, []string{"http://x.test/b"}) {
		t.Errorf("unseen = %v, want only the key whose write failed", got)
	}
	if got := f.seenKeys.drop([]string{"http://x.test/a", "http://x.test/b"}); !slices.Equal(got, []string{"http://x.test/b"}) {
		t.Errorf("the cache lacks %v; want it to lack only the key whose write failed", got)
	}
}

// The queue's counters, written once a transaction, say what the file
// holds after adds, takes within a budget and a resume: queued the
// pending URLs, queued-docs the documents among them, spent the pages
// taken this run.
func TestCountersMatchQueue(t *testing.T) {
	path := t.TempDir() + "/f"
	f, err := OpenFrontier(path)
	if err != nil {
		t.Fatal(err)
	}
	var pages, docs []string
	for i := range takeBatch + 5 {
		pages = append(pages, fmt.Sprintf("http://x.test/p%03d", i))
		if i%4 == 0 {
			docs = append(docs, fmt.Sprintf("http://x.test/f%03d.xml", i))
		}
	}
	if _, _, err := f.add(pages, 1, kindPage, budget{}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := f.add(docs, 0, kindFeed, budget{}); err != nil {
		t.Fatal(err)
	}
	checkCounters(t, f, 0)
	took, _ := takeAll(t, f, 10)
	checkCounters(t, f, 10)
	if len(took) != len(docs)+10 {
		t.Fatalf("took %d, want the %d documents and 10 pages", len(took), len(docs))
	}
	f.Close() // killed with the taken pages not fetched
	if f, err = OpenFrontier(path); err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := f.requeueTaken(func(u string) bool { return u == took[len(took)-1] }); err != nil {
		t.Fatal(err)
	}
	checkCounters(t, f, 1)
}

// checkCounters fails t unless the frontier's counters say what its
// queue holds, and spent is pagesSpent.
func checkCounters(t *testing.T, f *Frontier, pagesSpent int) {
	t.Helper()
	f.db.View(func(tx *bolt.Tx) error {
		queued, docs := 0, 0
		tx.Bucket(fbPending).ForEach(func(_, v []byte) error {
			_, n := binary.Uvarint(v)
			queued++
			if kindOf(tx, string(v[n:])) != kindPage {
				docs++
			}
			return nil
		})
		if q, d, s := counter(tx, keyQueued), counter(tx, keyQueuedDocs), counter(tx, keySpent); q != int64(queued) || d != int64(docs) || s != int64(pagesSpent) {
			t.Errorf("counters queued %d, docs %d, spent %d; the queue holds %d, %d documents; %d pages spent", q, d, s, queued, docs, pagesSpent)
		}
		return nil
	})
}

// push's writes, made in one buffer, are the entries the queue and the
// seen set have always held, and none runs into the next.
func TestPushWritesAsBefore(t *testing.T) {
	for _, depth := range []int{0, 1, 127, 128, 300, 1 << 20} {
		for _, key := range []string{"http://a.test/", "http://bench.test/news/2001/00001.html"} {
			seq := uint64(depth)*7 + 3
			w := newPushWrites(key, depth, seq)
			wantValue := append(binary.AppendUvarint(nil, uint64(depth)), key...)
			for _, c := range []struct {
				name      string
				got, want []byte
			}{
				{"pending key", w.pendingKey, pendingKey(depth, seq)},
				{"pending value", w.pendingValue, wantValue},
				{"seen key", w.seenKey, []byte(key)},
				{"seen value", w.seenValue, pushedValue(depth, seq)},
			} {
				if !bytes.Equal(c.got, c.want) || cap(c.got) != len(c.got) {
					t.Errorf("depth %d, %s: %s %x (cap %d), want %x", depth, key, c.name, c.got, cap(c.got), c.want)
				}
			}
		}
	}
}
