package crawl

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"

	bolt "go.etcd.io/bbolt"
)

// The seen set in two levels. New URLs arrive in no key order, so
// putting each in the seen bucket as it comes dirtied leaves all over
// that bucket at every commit: bbolt reads each such leaf into a node
// and writes all of it again, for one key or a few. So a key new to the
// seen set is appended to the seen tail (fbSeenTail), keyed in arrival
// order, where a commit dirties a leaf or two; and once the tail holds
// tailFoldAt keys, the transaction that brought it there folds it: puts
// its keys in the seen bucket in key order, each leaf dirtied once for
// all the keys it takes, and empties the tail. A kill at any moment
// leaves the tail and the seen bucket as one transaction left them: a
// key is in one or the other, never lost, never in both.
//
// A key is in at most one of the two, and it stays where it is: a state
// written for a key of the seen bucket (an earlier prov's, or folded) is
// written there, and one for a key of the tail rewrites its tail entry.
// So the tail holds only states this prov writes: stPushed, stDone,
// stReached, never an earlier prov's stTaken (takenURLs reads the seen
// bucket alone).
//
// The tail is found by key through tailIndex, in memory: every key of
// the tail with its sequence, at most tailFoldAt and one transaction's
// keys, so memory stays bounded. It is loaded when the frontier opens.

// fbSeenTail holds the seen set's newest keys: sequence (8 BE) → the
// key's length (uvarint), the key, its seen value (as in fbSeen).
var fbSeenTail = []byte("seen-tail")

// tailFoldAt is how many keys the tail holds before it is folded into
// the seen bucket.
const tailFoldAt = 8192

// tailIndex is the frontier's index of its seen tail.
//
// at is the tail as the last committed transaction left it; the write
// transaction in progress (its holder alone, the group's committer,
// touches it) notes its changes in pending, which enter at once it
// commits (settle) and are dropped when it fails (discard). A read-only
// transaction may begin before a commit and read at after it: it reads
// each entry from the tail in its own snapshot, and takes an entry that
// holds another key, or none, for no entry; so it reads either state,
// before or after, of a key that commit wrote. A fold empties at after
// its commit, where a reader still on the snapshot before it would miss
// the folded keys in both levels: folds counts the folds, and view reads
// again when one happened meanwhile.
type tailIndex struct {
	mu    sync.RWMutex
	at    map[string]uint64 // key → its tail sequence; guarded by mu, written only by the committer
	folds atomic.Uint64

	pending map[string]uint64 // the transaction's changes: 0 for a key it took out of the tail
	folded  bool              // the transaction folded the tail
}

// load indexes the tail of tx (the frontier opening).
func (t *tailIndex) load(tx *bolt.Tx) error {
	t.at = map[string]uint64{}
	return tx.Bucket(fbSeenTail).ForEach(func(k, v []byte) error {
		key, _, err := splitTailEntry(v)
		if err != nil || len(k) != 8 {
			return fmt.Errorf("seen tail: entry %x: %v", k, err)
		}
		t.at[string(key)] = binary.BigEndian.Uint64(k)
		return nil
	})
}

// seqOf returns the tail sequence of key, 0 when the tail (as tx sees
// it, for a write transaction) does not hold it.
func (t *tailIndex) seqOf(key []byte, writable bool) uint64 {
	if writable {
		if seq, ok := t.pending[string(key)]; ok {
			return seq
		}
		return t.at[string(key)] // only the committer writes at
	}
	t.mu.RLock()
	defer t.mu.RUnlock()
	return t.at[string(key)]
}

// note records the transaction's change to key: its tail sequence, or 0
// when it left the tail.
func (t *tailIndex) note(key string, seq uint64) {
	if t.pending == nil {
		t.pending = map[string]uint64{}
	}
	t.pending[key] = seq
}

// size is how many keys the tail holds, at most: those committed and
// those the transaction added.
func (t *tailIndex) size() int { return len(t.at) + len(t.pending) }

// settle makes the committed transaction's changes the index's.
func (t *tailIndex) settle() {
	if t.pending == nil && !t.folded {
		return
	}
	if t.folded {
		t.folds.Add(1) // before at is emptied: a reader that misses sees it
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.folded {
		t.at = map[string]uint64{}
	} else {
		for k, seq := range t.pending {
			if seq == 0 {
				delete(t.at, k)
			} else {
				t.at[k] = seq
			}
		}
	}
	t.pending, t.folded = nil, false
}

// discard drops the failed transaction's changes.
func (t *tailIndex) discard() { t.pending, t.folded = nil, false }

// view runs fn in a read-only transaction, again when a fold committed
// meanwhile (see tailIndex): fn must start its results afresh.
func (f *Frontier) view(fn func(tx *bolt.Tx) error) error {
	for {
		folds := f.tail.folds.Load()
		err := f.db.View(fn)
		if f.tail.folds.Load() == folds {
			return err
		}
	}
}

// tailPut returns the tail's key for seq and its value for key: the
// key's length, the key, the seen value; both in one buffer (bbolt keeps
// them until the commit).
func tailPut(seq uint64, key, value []byte) (k, e []byte) {
	buf := make([]byte, 8, 8+uvarintLen(uint64(len(key)))+len(key)+len(value))
	binary.BigEndian.PutUint64(buf, seq)
	buf = append(append(binary.AppendUvarint(buf, uint64(len(key))), key...), value...)
	return buf[:8:8], buf[8:]
}

var errNotTailEntry = errors.New("not a tail entry")

// splitTailEntry returns the key and the seen value a tail entry holds.
func splitTailEntry(e []byte) (key, value []byte, err error) {
	n, m := binary.Uvarint(e)
	if m <= 0 || uint64(len(e)-m) < n {
		return nil, nil, errNotTailEntry
	}
	return e[m : m+int(n)], e[m+int(n):], nil
}

// seenSet reads and writes the seen set, both levels, in one transaction.
type seenSet struct {
	tail  *tailIndex
	tx    *bolt.Tx
	big   seeker // the seen bucket
	tails *bolt.Bucket
}

func (f *Frontier) seenIn(tx *bolt.Tx) seenSet {
	return seenSet{tail: &f.tail, tx: tx, big: newSeeker(tx.Bucket(fbSeen)), tails: tx.Bucket(fbSeenTail)}
}

// seenHit is what the seen set holds for a key: v, its value (nil for
// none), and seq, its tail sequence when the tail holds it (0 when the
// seen bucket does, or neither).
type seenHit struct {
	v   []byte
	seq uint64
}

// get returns what the seen set holds for key.
func (s seenSet) get(key []byte) seenHit {
	if seq := s.tail.seqOf(key, s.tx.Writable()); seq != 0 {
		if k, v, err := splitTailEntry(s.tails.Get(binary.BigEndian.AppendUint64(nil, seq))); err == nil && bytes.Equal(k, key) {
			return seenHit{v, seq}
		}
	}
	return seenHit{v: s.big.get(key)}
}

// put writes value for key, whose seen state was hit (get): where the key
// is, or at the tail's end for a new key. bbolt keeps key and value until
// the transaction commits.
func (s seenSet) put(key, value []byte, hit seenHit) error {
	switch {
	case hit.seq != 0:
		return s.tails.Put(tailPut(hit.seq, key, value))
	case hit.v != nil:
		return s.big.c.Bucket().Put(key, value)
	}
	seq, err := s.tails.NextSequence()
	if err != nil {
		return err
	}
	s.tails.FillPercent = 1 // keys are appended: a split leaves the left page full
	if err := s.tails.Put(tailPut(seq, key, value)); err != nil {
		return err
	}
	s.tail.note(string(key), seq)
	return nil
}

// delete takes key out of the seen set.
func (s seenSet) delete(key []byte) error {
	hit := s.get(key)
	if hit.seq == 0 {
		return s.big.c.Bucket().Delete(key)
	}
	if err := s.tails.Delete(binary.BigEndian.AppendUint64(nil, hit.seq)); err != nil {
		return err
	}
	s.tail.note(string(key), 0)
	return nil
}

// foldTail folds the tail of tx into the seen bucket when it holds
// tailFoldAt keys or more; the committer calls it at the end of its
// transaction.
func (f *Frontier) foldTail(tx *bolt.Tx) error {
	if f.tail.size() < tailFoldAt {
		return nil
	}
	return f.fold(tx)
}

// fold puts every key of the tail in the seen bucket, in key order, and
// empties the tail.
func (f *Frontier) fold(tx *bolt.Tx) error {
	type kv struct{ k, v []byte }
	var kvs []kv
	err := tx.Bucket(fbSeenTail).ForEach(func(_, e []byte) error {
		k, v, err := splitTailEntry(e)
		if err != nil {
			return err
		}
		e = slices.Clone(e) // bbolt keeps what is put until the commit
		kvs = append(kvs, kv{e[len(e)-len(v)-len(k) : len(e)-len(v)], e[len(e)-len(v):]})
		return nil
	})
	if err != nil {
		return fmt.Errorf("seen tail: %w", err)
	}
	slices.SortFunc(kvs, func(a, b kv) int { return bytes.Compare(a.k, b.k) })
	seen := tx.Bucket(fbSeen)
	for _, e := range kvs {
		if err := seen.Put(e.k, e.v); err != nil {
			return err
		}
	}
	if err := tx.DeleteBucket(fbSeenTail); err != nil {
		return err
	}
	if _, err := tx.CreateBucket(fbSeenTail); err != nil {
		return err
	}
	f.tail.folded = true
	return nil
}
