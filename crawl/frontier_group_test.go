package crawl

import (
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
)

// gathering returns how many writes wait in f's gathering group.
func gathering(f *Frontier) int {
	f.groups.mu.Lock()
	defer f.groups.mu.Unlock()
	if f.groups.open == nil {
		return 0
	}
	return len(f.groups.open.fns)
}

// groupedWrites makes a write (an add of one key) while n others arrive:
// the first write's transaction, still open, starts them and waits until
// every one of them waits in the gathering group. It returns the others'
// errors, and how many transactions were made (FailWrite is called once
// a transaction); fail fails every transaction after the first write's.
func groupedWrites(t *testing.T, n int, fail bool) (*Frontier, []error, int64) {
	t.Helper()
	var txs atomic.Int64
	var others sync.WaitGroup
	errs := make([]error, n)
	var f *Frontier
	started := false
	opts := FrontierOptions{FailWrite: func() error {
		txs.Add(1)
		if f == nil {
			return nil // opening
		}
		if started {
			if fail {
				return errors.New("disk full")
			}
			return nil
		}
		started = true // this is the first write's transaction
		for i := range n {
			others.Add(1)
			go func() {
				defer others.Done()
				_, _, errs[i] = f.add([]string{fmt.Sprintf("http://x.test/o%d", i)}, 1, kindPage, budget{})
			}()
		}
		// Yield until the others wait in the gathering group (without
		// group commit they never do: they wait for bbolt's lock).
		for yields := 0; gathering(f) < n && yields < 1_000_000; yields++ {
			runtime.Gosched()
		}
		return nil
	}}
	f, err := OpenFrontierWith(t.TempDir()+"/f", opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	before := txs.Load()
	if _, _, err := f.add([]string{"http://x.test/first"}, 1, kindPage, budget{}); err != nil {
		t.Fatal(err)
	}
	others.Wait()
	return f, errs, txs.Load() - before
}

// Writes that arrive while a transaction commits are made together, in
// the next one; each returns once it is committed, its URL queued.
func TestWritesArrivingTogetherShareATransaction(t *testing.T) {
	const n = 7
	f, errs, txs := groupedWrites(t, n, false)
	for i, err := range errs {
		if err != nil {
			t.Errorf("write %d: %v", i, err)
		}
	}
	if txs != 2 {
		t.Errorf("%d transactions for a write and %d that arrived during it; want 2", txs, n)
	}
	if q := f.Queued(); q != n+1 {
		t.Errorf("%d queued, want %d", q, n+1)
	}
	for i := range n {
		if got := f.unseen([]string{fmt.Sprintf("http://x.test/o%d", i)}); len(got) != 0 {
			t.Errorf("%v not seen after its add returned", got)
		}
	}
}

// When the transaction of a group fails, every write of the group fails
// with the frontier's error, and none of them is made.
func TestGroupFailsTogether(t *testing.T) {
	const n = 5
	f, errs, _ := groupedWrites(t, n, true)
	if f.Err() == nil {
		t.Fatal("no frontier error after a failed transaction")
	}
	for i, err := range errs {
		if err == nil || err.Error() != f.Err().Error() {
			t.Errorf("write %d: %v, want the frontier's error %v", i, err, f.Err())
		}
	}
	if q := f.Queued(); q != 1 {
		t.Errorf("%d queued, want only the first write's 1", q)
	}
	for i := range n {
		key := fmt.Sprintf("http://x.test/o%d", i)
		if f.state(key) != 0 {
			t.Errorf("%s is seen: its write failed", key)
		}
	}
}
