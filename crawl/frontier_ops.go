package crawl

import (
	"encoding/binary"

	bolt "go.etcd.io/bbolt"
)

// add queues each of keys at depth unless it was seen, in one
// transaction, and returns how many it queued. With maxPages > 0 it
// queues no more than the fetches left: the rest are over budget.
func (f *Frontier) add(keys []string, depth, maxPages int) (added, over int, err error) {
	if len(keys) == 0 {
		return 0, 0, nil
	}
	err = f.update(func(tx *bolt.Tx) error {
		seen := tx.Bucket(fbSeen)
		room := int64(maxPages) - counter(tx, keySpent) - counter(tx, keyQueued)
		for _, key := range keys {
			if seen.Get([]byte(key)) != nil {
				continue
			}
			if maxPages > 0 && int64(added) >= room {
				over++
				continue
			}
			added++
			if err := push(tx, key, depth); err != nil {
				return err
			}
		}
		return nil
	})
	if added > 0 {
		f.notify()
	}
	return added, over, err
}

// markReached adds key to the seen set without queueing it (a redirect
// target or a rel=canonical) and reports whether it was new.
func (f *Frontier) markReached(key string) bool {
	if f.state(key) != 0 {
		return false
	}
	added := false
	f.update(func(tx *bolt.Tx) error {
		seen := tx.Bucket(fbSeen)
		if seen.Get([]byte(key)) != nil {
			return nil
		}
		added = true
		return seen.Put([]byte(key), []byte{stReached, 0})
	})
	return added
}

// state returns key's state, 0 when unseen.
func (f *Frontier) state(key string) (st byte) {
	f.db.View(func(tx *bolt.Tx) error {
		if v := tx.Bucket(fbSeen).Get([]byte(key)); len(v) > 0 {
			st = v[0]
		}
		return nil
	})
	return st
}

// take removes the oldest queued URL and marks it taken. ok is false when
// the queue is empty or maxPages (> 0) fetches were taken already; then
// over says whether the budget was the reason.
func (f *Frontier) take(maxPages int) (key string, depth int, ok, over bool, err error) {
	if f.Queued() == 0 {
		return "", 0, false, false, nil
	}
	err = f.update(func(tx *bolt.Tx) error {
		cur := tx.Bucket(fbPending).Cursor()
		k, v := cur.First()
		if k == nil {
			return nil
		}
		if maxPages > 0 && counter(tx, keySpent) >= int64(maxPages) {
			over = true
			return nil
		}
		d, n := binary.Uvarint(v)
		key, depth, ok = string(v[n:]), int(d), true
		if err := cur.Delete(); err != nil {
			return err
		}
		if err := addCounter(tx, keyQueued, -1); err != nil {
			return err
		}
		if err := tx.Bucket(fbSeen).Put([]byte(key), stateValue(stTaken, depth)); err != nil {
			return err
		}
		return addCounter(tx, keySpent, 1)
	})
	return key, depth, ok, over, err
}

// settle marks key done without a capture (robots.txt said no, or its
// page was a duplicate that is not stored).
func (f *Frontier) settle(key string) { f.Done(key) }

// claim records that the fetch of requested produced the page whose
// canonical URL is canonical, and marks canonical seen. When another fetch
// claimed canonical first, it returns that fetch's URL and claims nothing.
func (f *Frontier) claim(canonical, requested string) (earlier string) {
	f.update(func(tx *bolt.Tx) error {
		b := tx.Bucket(fbClaims)
		if prev := b.Get([]byte(canonical)); prev != nil && string(prev) != requested {
			earlier = string(prev)
			return nil
		}
		if err := b.Put([]byte(canonical), []byte(requested)); err != nil {
			return err
		}
		seen := tx.Bucket(fbSeen)
		if seen.Get([]byte(canonical)) == nil {
			return seen.Put([]byte(canonical), []byte{stReached, 0})
		}
		return nil
	})
	return earlier
}

// wait returns a channel closed the next time a URL is queued.
func (f *Frontier) wait() <-chan struct{} {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.changed
}

func (f *Frontier) notify() {
	f.mu.Lock()
	defer f.mu.Unlock()
	close(f.changed)
	f.changed = make(chan struct{})
}

func push(tx *bolt.Tx, key string, depth int) error {
	pending := tx.Bucket(fbPending)
	seq, err := pending.NextSequence()
	if err != nil {
		return err
	}
	v := binary.AppendUvarint(nil, uint64(depth))
	if err := pending.Put(binary.BigEndian.AppendUint64(nil, seq), append(v, key...)); err != nil {
		return err
	}
	if err := tx.Bucket(fbSeen).Put([]byte(key), stateValue(stQueued, depth)); err != nil {
		return err
	}
	return addCounter(tx, keyQueued, 1)
}

func stateValue(st byte, depth int) []byte {
	return binary.AppendUvarint([]byte{st}, uint64(depth))
}

func counter(tx *bolt.Tx, name []byte) int64 {
	v := tx.Bucket(fbMeta).Get(name)
	if len(v) != 8 {
		return 0
	}
	return int64(binary.BigEndian.Uint64(v))
}

func addCounter(tx *bolt.Tx, name []byte, delta int) error {
	n := max(counter(tx, name)+int64(delta), 0)
	return tx.Bucket(fbMeta).Put(name, binary.BigEndian.AppendUint64(nil, uint64(n)))
}
