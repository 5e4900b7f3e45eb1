package archive

import (
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// foldFloor and foldRatio set the size at which a tail is folded into
// its main bucket: foldFloor keys, or main/foldRatio once that is more. A
// fold rewrites every page of main that the tail's keys fall on, so it
// pays when the tail holds several keys per page of main (a page holds
// about 35 keys): main/8 is about four. A larger tail costs every batch
// more, as its pages are rewritten as main's were. Floors of 4,096,
// 16,384 and 65,536 keys measured alike (CPU per entry over the last
// 20,000 of 100,000 in BenchmarkWriteGrowth, within the noise of the
// machine); 16,384 keeps a tail near 2 MB an index.
//
// A smaller main is cheap to rewrite, and there a tail is folded sooner:
// at half of main's keys, but never under foldMin. Each batch rewrites
// the whole tail (its keys are random), so a small archive paid for a
// tail of up to 16,384 keys, up to 8 MB of the four indexes' pages a
// batch. Writing the 20,001 pages of a bench/crawl archive again through
// a Writer, a floor of 4,096 wrote 43,218 pages where 16,384 wrote
// 51,978; but past 32,768 keys in main it cost BenchmarkWriteGrowth's
// last 20,000 about a tenth more (folds at main/8 where 16,384 waited
// longer), which main/2 under foldFloor leaves as it was. An archive of
// 100,000 pages is folded about ten times an index.
const (
	foldMin   = 1 << 12
	foldFloor = 1 << 14
	foldRatio = 8
)

// foldChunk is the most keys one transaction of a fold moves: it bounds
// the pages of main a transaction reads, rewrites and holds as nodes. A
// chunk is the next keys of the tail in key order, and the tail's keys are
// spread over main's, so a chunk spans chunk/tail of main's key range:
// with a tail of 16,384 keys, 2,048 a chunk rewrite an eighth of main's
// pages each. (8,192, half of main, made the fold's transactions the
// archive's largest mapped reads at 100,000 pages: 24 MB.)
const foldChunk = 1 << 11

// foldMappedLimit is the file-backed resident memory past which a fold
// drops the archive's mapped pages, in each chunk's transaction once it
// has read them: main is swept in key order, so the pages read are not
// read again in this fold.
const foldMappedLimit = 24 << 20

// foldAt is the size at which a tail is folded, for main's counted keys:
// half of them between foldMin and foldFloor, main/foldRatio once that is
// more.
func foldAt(main uint64) uint64 {
	return max(foldMin, min(foldFloor, main/2), main/foldRatio)
}

// due reports whether l's tail has reached foldAt.
func (l levels) due() bool {
	return l.tail != nil && l.tail.Sequence() >= foldAt(l.main.Sequence())
}

// foldsDue returns the indexes whose tails are due for a fold.
func foldsDue(tx *bolt.Tx) []*index {
	var out []*index
	for _, ix := range twoLevel {
		if ix.in(tx).due() {
			out = append(out, ix)
		}
	}
	return out
}

// foldHook, when set (by tests), is called after each committed chunk of
// a fold with the index and the chunk's number from 1; an error it returns
// stops the fold, as a failed commit would.
var foldHook func(ix *index, chunk int) error

// fold moves the keys ix's tail holds when it starts into main, in key
// order, chunk keys a transaction (foldChunkTx). A fold cut short
// leaves every key in one level or the other; the next fold goes on.
// Keys put into the tail meanwhile are moved if they sort among the
// rest: the fold stops once it has moved as many keys as the tail held.
//
// Once the keys are moved, a last transaction stores main's filter
// (filter.go): the stored one with the moved keys added, or one built
// from main when that could not be carried through.
func (db *DB) fold(ix *index, chunk int) error {
	var want uint64
	var ff *foldFilter
	err := db.view(func(tx *bolt.Tx) error {
		if t := tx.Bucket(ix.tail); t != nil {
			want = t.Sequence()
		}
		ff = startFoldFilter(tx, ix, want)
		return nil
	})
	for n := 1; err == nil && want > 0; n++ {
		var moved [][]byte
		err = db.update(func(tx *bolt.Tx) (err error) {
			moved, err = foldChunkTx(tx, ix, int(min(want, uint64(chunk))))
			return err
		})
		if err == nil {
			ff.moved(moved)
		}
		if err == nil && foldHook != nil {
			err = foldHook(ix, n)
		}
		if len(moved) == 0 {
			break
		}
		want -= min(want, uint64(len(moved)))
	}
	if err == nil {
		err = db.update(ff.finish)
	}
	if err != nil {
		return fmt.Errorf("archive: fold %s tail: %w", ix.name, err)
	}
	return nil
}

// foldChunkTx moves the tail's first n keys into main in tx and returns
// the keys it moved (fewer than n when the tail holds fewer), valid after
// tx. A chunk that takes the whole tail drops the tail's bucket and makes
// it anew, which frees its pages without reading them again.
func foldChunkTx(tx *bolt.Tx, ix *index, n int) ([][]byte, error) {
	l := ix.in(tx)
	if l.tail == nil {
		return nil, nil
	}
	keys, vals, whole := firstKeys(l.tail, n)
	for i, k := range keys {
		if err := l.main.Put(k, vals[i]); err != nil {
			return nil, err
		}
	}
	if err := dropMappedTx(tx, foldMappedLimit); err != nil {
		return nil, err
	}
	if err := l.main.SetSequence(l.main.Sequence() + uint64(len(keys))); err != nil {
		return nil, err
	}
	if whole {
		return keys, renewTail(tx, ix)
	}
	for _, k := range keys {
		if err := l.tail.Delete(k); err != nil {
			return nil, err
		}
	}
	return keys, l.tail.SetSequence(l.tail.Sequence() - min(l.tail.Sequence(), uint64(len(keys))))
}

// firstKeys copies the first n keys and values of b, in one buffer; whole
// says they are all b holds.
func firstKeys(b *bolt.Bucket, n int) (keys, vals [][]byte, whole bool) {
	var buf []byte
	var at []int // offsets in buf: key i is buf[at[2i]:at[2i+1]], its value up to at[2i+2]
	cur := b.Cursor()
	k, v := cur.First()
	for ; k != nil && len(at) < 2*n; k, v = cur.Next() {
		at = append(at, len(buf))
		buf = append(buf, k...)
		at = append(at, len(buf))
		buf = append(buf, v...)
	}
	at = append(at, len(buf))
	for i := 0; i+2 < len(at); i += 2 {
		keys = append(keys, buf[at[i]:at[i+1]:at[i+1]])
		vals = append(vals, buf[at[i+1]:at[i+2]:at[i+2]])
	}
	return keys, vals, k == nil
}

// renewTail replaces ix's tail with an empty bucket.
func renewTail(tx *bolt.Tx, ix *index) error {
	if err := tx.DeleteBucket(ix.tail); err != nil {
		return err
	}
	_, err := tx.CreateBucket(ix.tail)
	return err
}

// foldTails folds the tails of due, one after another. Concurrent calls
// on one DB fold once: a write that finds a fold running leaves it be.
func (db *DB) foldTails(due []*index) error {
	if len(due) == 0 || !db.folding.TryLock() {
		return nil
	}
	defer db.folding.Unlock()
	for _, ix := range due {
		if err := db.fold(ix, foldChunk); err != nil {
			return err
		}
	}
	return nil
}
