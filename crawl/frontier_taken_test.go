package crawl

import (
	"encoding/binary"
	"fmt"
	"slices"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// seenState returns key's state in the seen set and whether the taken
// bucket holds it.
func seenState(t *testing.T, f *Frontier, key string) (st byte, taken bool) {
	t.Helper()
	f.db.View(func(tx *bolt.Tx) error {
		st = stateIn(tx, key, f.seenIn(tx).get([]byte(key)).v)
		taken = tx.Bucket(fbTaken).Get([]byte(key)) != nil
		return nil
	})
	return st, taken
}

// seenValue returns key's value in the seen set, tail or seen bucket.
func seenValue(f *Frontier, key string) (v []byte) {
	f.db.View(func(tx *bolt.Tx) error {
		v = slices.Clone(f.seenIn(tx).get([]byte(key)).v)
		return nil
	})
	return v
}

// A take writes the taken bucket, which holds only the URLs in flight,
// not the seen set: a URL taken keeps its queued state there until it is
// done or settled, which take it out of the taken bucket.
func TestTakesWriteTheTakenBucket(t *testing.T) {
	f := openTestFrontier(t)
	keys := []string{"http://x.test/a", "http://x.test/b", "http://x.test/c"}
	if _, _, err := f.add(keys, 1, kindPage, budget{}); err != nil {
		t.Fatal(err)
	}
	if got, _ := takeAll(t, f, 0); !slices.Equal(got, keys) {
		t.Fatalf("took %v", got)
	}
	for _, k := range keys {
		if st, taken := seenState(t, f, k); st != stQueued || !taken {
			t.Errorf("%s taken: state %q, in the taken bucket %v; want queued, in it", k, st, taken)
		}
	}
	if n, err := f.Taken(); n != 3 || err != nil {
		t.Errorf("Taken = %d, %v; want 3", n, err)
	}
	if err := f.Done(keys[0]); err != nil {
		t.Fatal(err)
	}
	if err := f.settle(keys[1]); err != nil {
		t.Fatal(err)
	}
	for _, k := range keys[:2] {
		if st, taken := seenState(t, f, k); st != stDone || taken {
			t.Errorf("%s done: state %q, in the taken bucket %v; want done, out of it", k, st, taken)
		}
	}
	if n, err := f.Taken(); n != 1 || err != nil {
		t.Errorf("Taken = %d, %v; want 1", n, err)
	}
	if by := f.claimant(keys[2]); by != keys[2] {
		t.Errorf("claimant of %s, taken: %q, want its own fetch", keys[2], by)
	}
}

// A frontier an earlier prov wrote marks its URLs taken in the seen set:
// they are taken still (claimed by their own fetch, counted by Taken), and
// queued again on resume, in one order with the taken bucket's.
func TestTakenByEarlierProv(t *testing.T) {
	path := t.TempDir() + "/f"
	f, err := OpenFrontier(path)
	if err != nil {
		t.Fatal(err)
	}
	keys := []string{"http://x.test/a", "http://x.test/b", "http://x.test/c", "http://x.test/d"}
	if _, _, err := f.add(keys, 1, kindPage, budget{}); err != nil {
		t.Fatal(err)
	}
	takeAll(t, f, 0)
	f = reopenAfter(t, f, path, func(tx *bolt.Tx) error { // a and c as an earlier prov took them
		if err := f.fold(tx); err != nil { // an earlier prov kept every key in the seen bucket
			return err
		}
		for _, k := range []string{keys[0], keys[2]} {
			if err := tx.Bucket(fbTaken).Delete([]byte(k)); err != nil {
				return err
			}
			if err := tx.Bucket(fbSeen).Put([]byte(k), stateValue(stTaken, 1)); err != nil {
				return err
			}
		}
		return nil
	})
	if n, err := f.Taken(); n != 4 || err != nil {
		t.Errorf("Taken = %d, %v; want 4", n, err)
	}
	if by := f.claimant(keys[0]); by != keys[0] {
		t.Errorf("claimant of %s, taken by an earlier prov: %q, want its own fetch", keys[0], by)
	}
	if err := f.requeueTaken(func(u string) bool { return u == keys[3] }); err != nil {
		t.Fatal(err)
	}
	got, _ := takeAll(t, f, 0)
	if want := keys[:3]; !slices.Equal(got, want) {
		t.Errorf("after resume took %v, want %v", got, want)
	}
	if st, _ := seenState(t, f, keys[3]); st != stDone {
		t.Errorf("%s, stored, is %q after resume, want done", keys[3], st)
	}
	for _, k := range []string{keys[0], keys[2]} {
		if st, _ := seenState(t, f, k); st != stQueued {
			t.Errorf("%s is %q after it was taken again, want queued (and taken)", k, st)
		}
	}
}

// Done leaves a URL done with the depth it was queued at, and writes
// depth 0 for a URL it never saw, each under the URL it was given. A URL
// push wrote (stPushed) and taken is done by leaving the taken bucket:
// its seen value is as push wrote it.
func TestDoneKeepsDepth(t *testing.T) {
	f := openTestFrontier(t)
	queued, unseen := "http://x.test/deep", "http://x.test/never-queued"
	if _, _, err := f.add([]string{queued}, 300, kindPage, budget{}); err != nil {
		t.Fatal(err)
	}
	pushed := seenValue(f, queued)
	if len(pushed) == 0 || pushed[0] != stPushed || pushedDepth(pushed) != 300 {
		t.Fatalf("queued at depth 300: seen value %x", pushed)
	}
	takeAll(t, f, 0)
	if err := f.Done(queued, unseen); err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string][]byte{queued: pushed, unseen: {stDone, 0}} {
		if st, taken := seenState(t, f, key); st != stDone || taken {
			t.Errorf("%s: state %q, taken %v after Done", key, st, taken)
		}
		if v := seenValue(f, key); !slices.Equal(v, want) {
			t.Errorf("%s done: seen value %x, want %x", key, v, want)
		}
	}
}

// A URL push wrote and Done was given before it was taken (it is in the
// queue) is written done, with its depth, as a URL queued by an earlier
// prov is.
func TestDoneBeforeTakeWritesDone(t *testing.T) {
	f := openTestFrontier(t)
	key := "http://x.test/early"
	if _, _, err := f.add([]string{key}, 7, kindPage, budget{}); err != nil {
		t.Fatal(err)
	}
	if err := f.Done(key); err != nil {
		t.Fatal(err)
	}
	if st, _ := seenState(t, f, key); st != stDone {
		t.Errorf("state %q after Done, want done", st)
	}
	if v := seenValue(f, key); !slices.Equal(v, stateValue(stDone, 7)) {
		t.Errorf("seen value %x, want %x", v, stateValue(stDone, 7))
	}
}

// URLs an earlier prov queued (stQueued, with no sequence) are taken,
// claimed by their own fetch, and marked done by writing the done state,
// as that prov did; a URL it had taken is queued again on open.
func TestQueuedByEarlierProv(t *testing.T) {
	path := t.TempDir() + "/f"
	f, err := OpenFrontier(path)
	if err != nil {
		t.Fatal(err)
	}
	queued, inFlight := "http://x.test/queued", "http://x.test/in-flight"
	f = reopenAfter(t, f, path, func(tx *bolt.Tx) error {
		v := append(binary.AppendUvarint(nil, 2), queued...)
		seq, err := tx.Bucket(fbPending).NextSequence()
		if err != nil {
			return err
		}
		if err := tx.Bucket(fbPending).Put(pendingKey(2, seq), v); err != nil {
			return err
		}
		for _, k := range []string{queued, inFlight} {
			if err := tx.Bucket(fbSeen).Put([]byte(k), stateValue(stQueued, 2)); err != nil {
				return err
			}
		}
		if err := tx.Bucket(fbTaken).Put([]byte(inFlight), binary.AppendUvarint(nil, 2)); err != nil {
			return err
		}
		return addCounter(tx, keyQueued, 1)
	})
	if err := f.requeueTaken(nil); err != nil {
		t.Fatal(err)
	}
	got, _ := takeAll(t, f, 0)
	if s := fmt.Sprint(got); s != "[http://x.test/queued http://x.test/in-flight]" {
		t.Fatalf("took %s", s)
	}
	if by := f.claimant(queued); by != queued {
		t.Errorf("%s taken: claimed by %q, want its own fetch", queued, by)
	}
	if err := f.Done(queued, inFlight); err != nil {
		t.Fatal(err)
	}
	if st, taken := seenState(t, f, queued); st != stDone || taken {
		t.Errorf("%s: state %q, taken %v after Done", queued, st, taken)
	}
	if v := seenValue(f, queued); !slices.Equal(v, stateValue(stDone, 2)) {
		t.Errorf("%s done: seen value %x, want %x", queued, v, stateValue(stDone, 2))
	}
	if by := f.claimant(inFlight); by != inFlight {
		t.Errorf("%s done: claimed by %q, want its own fetch", inFlight, by)
	}
}
