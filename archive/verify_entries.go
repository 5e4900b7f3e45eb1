package archive

import "slices"

// The urls and doccaps checks read, for each index entry, the capture it
// names. The index is in key order, so the captures come in no order,
// and a capture in a block (schema 8) read alone inflates its block up
// to its rest: one block inflated about 8 times over for each index. So
// the entries are gathered in batches of up to entryBatchMax (with the
// findings the walk makes meanwhile), checked in capture ID order through
// one captureReader that keeps its block, and the findings reported in
// the order of the walk, as if each entry had been checked as it came.

// entryBatchMax bounds what a batch holds: the entries' keys and the
// findings among them, some megabytes at most. (A variable for the
// tests, which check that batches of 1, an entry checked as it comes,
// give the same findings.)
var entryBatchMax = 1 << 16

// entryBatch is the part of an index walk not yet reported: findings and
// entries to check, in walk order.
type entryBatch struct {
	items []batchItem
}

// batchItem is a finding to report or, when entry is set, an index entry
// naming capture f.Capture under f.Key in f.Bucket, which becomes a
// finding if its check finds a problem.
type batchItem struct {
	f     Finding
	entry bool
}

func (b *entryBatch) hold(f Finding) { b.items = append(b.items, batchItem{f: f}) }

func (b *entryBatch) add(bucket, key string, id uint64) {
	b.items = append(b.items, batchItem{f: Finding{Kind: FindIndexDangling, Bucket: bucket, Key: key, Capture: id}, entry: true})
}

func (b *entryBatch) full() bool { return len(b.items) >= entryBatchMax }

// walkEntries walks both levels of ix (walkIndex) with fn, which checks
// a key's form and adds the entry it names to v.entries (add). Each
// entry is then checked against its capture: one not stored, or one
// mismatch says does not match (it returns why, "" when it matches), is
// a FindIndexDangling finding. A capture that does not decode was
// reported by the captures step already. The findings come in walk
// order, as a check of each entry in turn would give them.
func (v *verifier) walkEntries(ix *index, fn func(k []byte) error, mismatch func(key string, c Capture) string) error {
	v.entries = &entryBatch{}
	err := v.walkIndex(ix, func(k, _ []byte) error {
		if err := fn(k); err != nil {
			return err
		}
		if v.entries.full() {
			return v.flushEntries(mismatch)
		}
		return nil
	})
	// What the walk gathered before an error (an interrupt) is reported
	// as it would have been.
	ferr := v.flushEntries(mismatch)
	v.entries = nil
	if err != nil {
		return err
	}
	return ferr
}

// flushEntries checks the entries of v.entries in capture ID order, then
// reports its findings in walk order and empties it.
func (v *verifier) flushEntries(mismatch func(key string, c Capture) string) error {
	b := v.entries
	order := make([]int, 0, len(b.items))
	for i, it := range b.items {
		if it.entry {
			order = append(order, i)
		}
	}
	slices.SortFunc(order, func(i, j int) int {
		ci, cj := b.items[i].f.Capture, b.items[j].f.Capture
		switch {
		case ci < cj:
			return -1
		case ci > cj:
			return 1
		}
		return i - j
	})
	for _, i := range order {
		it := &b.items[i]
		it.f.Detail = v.entryProblem(it.f.Key, it.f.Capture, mismatch)
	}
	items := b.items
	b.items = b.items[:0]
	v.entries = nil // report to fn again
	defer func() { v.entries = b }()
	for _, it := range items {
		if it.entry && it.f.Detail == "" {
			continue
		}
		if err := v.report(it.f); err != nil {
			return err
		}
	}
	return nil
}

// entryProblem says what is wrong with the index entry naming capture id
// under key, "" when nothing is or its capture does not decode. A page
// that panics is a problem too, named by the panic.
func (v *verifier) entryProblem(key string, id uint64, mismatch func(key string, c Capture) string) string {
	var detail string
	err := guarded(func() error {
		k := idKey(id)
		val := v.tx.Bucket(bucketCaptures).Get(k)
		if val == nil {
			detail = "capture is not stored"
			return nil
		}
		if c, err := v.caps.at(k, val); err == nil {
			detail = mismatch(key, c)
		}
		return nil
	})
	if err != nil {
		return err.Error()
	}
	return detail
}
