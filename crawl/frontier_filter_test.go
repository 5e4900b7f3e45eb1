package crawl

import (
	"fmt"
	"testing"
)

// Every way a key enters the seen set puts it in the seen filter (else
// unseen would read the file for nothing less, and add's transaction for
// the key too): a key queued, reached by a redirect or a rel=canonical,
// claimed as a page's canonical URL, marked done without being queued,
// and each of them after the frontier is closed and opened (the filter is
// loaded from the file). None of them is queued again.
func TestSeenFilterHoldsEverySeenKey(t *testing.T) {
	path := t.TempDir() + "/f"
	f, err := OpenFrontier(path)
	if err != nil {
		t.Fatal(err)
	}
	queued, reached, canonical, done := "http://x.test/q", "http://x.test/r", "http://x.test/c", "http://x.test/d"
	if n, _, err := f.add([]string{queued}, 1, kindPage, budget{}); n != 1 || err != nil {
		t.Fatalf("add: %d, %v", n, err)
	}
	if added, err := f.markReached(reached); !added || err != nil {
		t.Fatalf("markReached: %v, %v", added, err)
	}
	if by, err := f.claim(canonical, queued); by != "" || err != nil {
		t.Fatalf("claim: %q, %v", by, err)
	}
	if err := f.Done(done); err != nil {
		t.Fatal(err)
	}
	seen := []string{queued, reached, canonical, done}
	addAgain := func(when string) {
		t.Helper()
		f.seenKeys.reset() // the file and the filter answer, not the cache
		for _, k := range seen {
			if !f.written.mayHold(k) {
				t.Errorf("%s: %s not in the seen filter", when, k)
			}
			if n, _, err := f.add([]string{k}, 1, kindPage, budget{}); n != 0 || err != nil {
				t.Errorf("%s: %s queued again (%d, %v)", when, k, n, err)
			}
		}
	}
	addAgain("open")
	f.Close()
	if f, err = OpenFrontier(path); err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	addAgain("opened again")
	if got, _ := takeAll(t, f, 0); fmt.Sprint(got) != "["+queued+"]" {
		t.Errorf("took %v, want only %s", got, queued)
	}
}

// The filter never says no to a key it was given, and says yes to few it
// was not.
func TestSeenFilter(t *testing.T) {
	s := newSeenFilter()
	for i := range 100000 {
		s.note(fmt.Sprintf("http://x.test/%d", i))
	}
	wrong := 0
	for i := range 100000 {
		if !s.mayHold(fmt.Sprintf("http://x.test/%d", i)) {
			t.Fatalf("key %d noted, not held", i)
		}
		if s.mayHold(fmt.Sprintf("http://y.test/%d", i)) {
			wrong++
		}
	}
	if wrong > 10 { // about 0.5 expected
		t.Errorf("%d of 100,000 keys never noted held", wrong)
	}
}
