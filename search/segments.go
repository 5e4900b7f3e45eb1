package search

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"slices"

	bolt "go.etcd.io/bbolt"
)

// segment is one write's postings, or several merged: its number (its
// bucket's name, segName) and its level (0: one write; L+1: the merge of
// mergeFanout segments of level L).
type segment struct {
	id    uint32
	level uint8
}

// mergeFanout is how many segments of one level are merged into one of
// the next: a search reads a token's chunk in each segment, at most
// (mergeFanout−1) per level, and each posting is rewritten once per
// level it rises through.
const mergeFanout = 8

// mergeTxBytes bounds the postings one transaction of a merge writes: a
// transaction holds the pages it writes in memory until it commits.
const mergeTxBytes = 1 << 20

// segments reads the segment list from meta (keySegments: 5 bytes each,
// number then level, oldest first).
func segments(meta *bolt.Bucket) ([]segment, error) {
	v := meta.Get(keySegments)
	if len(v)%5 != 0 {
		return nil, fmt.Errorf("search: damaged segment list: %d bytes, not a multiple of 5", len(v))
	}
	segs := make([]segment, 0, len(v)/5)
	for ; len(v) > 0; v = v[5:] {
		segs = append(segs, segment{id: binary.BigEndian.Uint32(v), level: v[4]})
	}
	return segs, nil
}

func putSegments(meta *bolt.Bucket, segs []segment) error {
	v := make([]byte, 0, 5*len(segs))
	for _, s := range segs {
		v = binary.BigEndian.AppendUint32(v, s.id)
		v = append(v, s.level)
	}
	return meta.Put(keySegments, v)
}

// appendSegment writes hits, by token number (toks), as a new segment of
// level 0, the newest, in putSegment's memory mem.
func appendSegment(tx *bolt.Tx, toks []string, hits [][]hit, mem *segmentMemory) error {
	b, meta := tx.Bucket(bucketPostings), tx.Bucket(bucketMeta)
	segs, err := segments(meta)
	if err != nil {
		return err
	}
	id, err := nextSegment(b)
	if err == nil {
		err = putSegment(b, id, toks, hits, mem)
	}
	if err != nil {
		return err
	}
	return putSegments(meta, append(segs, segment{id: id}))
}

// nextSegment numbers a new segment from the postings bucket's sequence.
func nextSegment(b *bolt.Bucket) (uint32, error) {
	seq, err := b.NextSequence()
	if err == nil && seq > 1<<32-1 {
		err = fmt.Errorf("search: segment numbers exhausted")
	}
	return uint32(seq), err
}

// compact merges the newest mergeFanout segments into one while they are
// of one level, so that the list stays short however many writes there
// were: a merge of level L rewrites mergeFanout^(L+1) writes' postings,
// once every mergeFanout^(L+1) writes.
func (ix *Index) compact() error {
	for {
		var run []segment
		err := ix.bolt.View(func(tx *bolt.Tx) error {
			segs, err := segments(tx.Bucket(bucketMeta))
			if n := len(segs); err == nil && n >= mergeFanout && sameLevel(segs[n-mergeFanout:]) {
				run = segs[n-mergeFanout:]
			}
			return err
		})
		if err != nil || run == nil {
			return err
		}
		if err := ix.merge(run); err != nil {
			return fmt.Errorf("merge segments %d-%d: %w", run[0].id, run[len(run)-1].id, err)
		}
	}
}

func sameLevel(segs []segment) bool {
	for _, s := range segs {
		if s.level != segs[0].level {
			return false
		}
	}
	return true
}

// merge writes the postings of run as one new segment, in transactions
// of mergeTxBytes each (the new bucket unlisted until the last, so that
// a merge cut short leaves the index as it was, and the next merge
// deletes what it left), then puts it in the list in run's place and
// deletes run's buckets, in one transaction.
func (ix *Index) merge(run []segment) error {
	var id uint32
	var next []byte // the first token not merged yet; nil: none merged
	for done := false; !done; {
		err := ix.bolt.Update(func(tx *bolt.Tx) (err error) {
			b := tx.Bucket(bucketPostings)
			if id == 0 {
				if id, err = startMerge(tx); err != nil {
					return err
				}
			}
			out := b.Bucket(segName(id))
			out.FillPercent = 1 // written once, in key order
			if next, done, err = mergeSome(b, run, out, next); err != nil {
				return err
			}
			return dropMappedTx(tx, mappedLimit)
		})
		if err != nil {
			return err
		}
	}
	return ix.bolt.Update(func(tx *bolt.Tx) error { return endMerge(tx, run, id) })
}

// startMerge deletes the buckets no segment of the list names (a merge
// cut short left them) and makes the bucket of a new segment.
func startMerge(tx *bolt.Tx) (uint32, error) {
	b := tx.Bucket(bucketPostings)
	segs, err := segments(tx.Bucket(bucketMeta))
	if err != nil {
		return 0, err
	}
	var stray [][]byte
	b.ForEachBucket(func(k []byte) error {
		if !slices.ContainsFunc(segs, func(s segment) bool { return bytes.Equal(segName(s.id), k) }) {
			stray = append(stray, bytes.Clone(k))
		}
		return nil
	})
	for _, k := range stray {
		if err := b.DeleteBucket(k); err != nil {
			return 0, err
		}
	}
	id, err := nextSegment(b)
	if err == nil {
		_, err = b.CreateBucket(segName(id))
	}
	return id, err
}

// endMerge lists segment id, of the level above run's, in run's place
// and deletes run's buckets.
func endMerge(tx *bolt.Tx, run []segment, id uint32) error {
	meta, b := tx.Bucket(bucketMeta), tx.Bucket(bucketPostings)
	segs, err := segments(meta)
	if err != nil {
		return err
	}
	at := slices.Index(segs, run[0])
	if at < 0 || len(segs) < at+len(run) || !slices.Equal(segs[at:at+len(run)], run) {
		return fmt.Errorf("the segment list changed during the merge")
	}
	segs = slices.Replace(segs, at, at+len(run), segment{id: id, level: run[0].level + 1})
	for _, s := range run {
		// Deleting a bucket reads every page of it to free them: dropped
		// after each, the run's pages never pile up in the resident set.
		if err := b.DeleteBucket(segName(s.id)); err != nil {
			return err
		}
		if err := dropMappedTx(tx, mappedLimit); err != nil {
			return err
		}
	}
	return putSegments(meta, segs)
}

// mergeSome merges into out the postings of run's segments from token
// from on (nil: from the first), token by token in key order, until it
// has written mergeTxBytes; it returns the token it stopped before, or
// done. It holds one token's postings at a time.
func mergeSome(b *bolt.Bucket, run []segment, out *bolt.Bucket, from []byte) (next []byte, done bool, err error) {
	curs := make([]*bolt.Cursor, len(run))
	keys, vals := make([][]byte, len(run)), make([][]byte, len(run))
	for i, s := range run {
		curs[i] = b.Bucket(segName(s.id)).Cursor()
		if from == nil {
			keys[i], vals[i] = curs[i].First()
		} else {
			keys[i], vals[i] = curs[i].Seek(from)
		}
	}
	var m chunkMerger
	for written := 0; ; {
		var tok []byte
		for _, k := range keys {
			if k != nil && (tok == nil || bytes.Compare(k, tok) < 0) {
				tok = k
			}
		}
		if tok == nil {
			return nil, true, nil
		}
		if written >= mergeTxBytes {
			return bytes.Clone(tok), false, nil
		}
		m.reset()
		for i := range keys {
			if !bytes.Equal(keys[i], tok) {
				continue
			}
			if err := m.add(vals[i]); err != nil {
				return nil, false, fmt.Errorf("%w: token %q, segment %d", err, tok, run[i].id)
			}
			keys[i], vals[i] = curs[i].Next()
		}
		chunk := m.chunk()
		if err := out.Put(tok, chunk); err != nil {
			return nil, false, err
		}
		written += len(tok) + len(chunk)
	}
}

// chunkMerger merges one token's chunks, oldest segment first, into the
// chunk encodeChunk would make of all their postings. Chunks whose
// documents all follow the previous chunk's (a crawl numbers new
// documents in order, so that is the rule) are joined as they are, only
// the first document's delta written again; once one is not, every
// posting is decoded, sorted and encoded anew.
type chunkMerger struct {
	out    []byte   // the first chunk as stored, or buf
	buf    []byte   // chunks joined, reused from token to token
	last   uint32   // the last document in out
	sorted bool     // out is the chunks joined, in document order
	hits   []hit    // every posting, once sorted is false
	chunks [][]byte // the chunks added, as stored
}

func (m *chunkMerger) reset() {
	m.out, m.buf, m.last, m.sorted, m.hits, m.chunks = nil, m.buf[:0], 0, true, m.hits[:0], m.chunks[:0]
}

// add takes the next chunk; it reports a damaged one (errChunk).
func (m *chunkMerger) add(v []byte) error {
	if len(v) == 0 {
		return nil // no postings
	}
	first, last, n, err := chunkSpan(v)
	if err != nil {
		return err
	}
	m.chunks = append(m.chunks, v)
	switch {
	case !m.sorted:
	case len(m.chunks) == 1:
		m.out = v // stored bytes, never appended to: chunk copies them
	case first > m.last:
		if len(m.buf) == 0 {
			m.buf = append(m.buf, m.out...)
		}
		m.buf = binary.AppendUvarint(m.buf, uint64(first-m.last))
		m.buf = append(m.buf, v[n:]...)
		m.out = m.buf
	default:
		m.sorted = false
	}
	m.last = max(m.last, last)
	return nil
}

// chunk returns the merged chunk, which the caller owns.
func (m *chunkMerger) chunk() []byte {
	if m.sorted {
		return bytes.Clone(m.out)
	}
	for _, v := range m.chunks {
		decodeChunk(v, func(doc, count uint32) { m.hits = append(m.hits, hit{doc, count}) }) // checked by add
	}
	return encodeChunk(m.hits)
}

// chunkSpan returns a chunk's first and last document and the bytes of
// its first document's delta; errChunk for a damaged or empty one. A merge
// reads every chunk it joins through it, so it passes over eight bytes
// at once where they are eight varints of one byte each (a delta, a
// count: four postings), as most of a chunk's are.
func chunkSpan(v []byte) (first, last uint32, n int, err error) {
	d, n := binary.Uvarint(v)
	if n <= 0 {
		return 0, 0, 0, errChunk
	}
	first, doc := uint32(d), uint32(d)
	for v = v[n:]; ; {
		_, c := binary.Uvarint(v) // the count
		if c <= 0 {
			return 0, 0, 0, errChunk
		}
		v = v[c:]
		for len(v) >= 8 {
			w := binary.LittleEndian.Uint64(v)
			if w&0x8080808080808080 != 0 {
				break // a varint of more than one byte among them
			}
			doc += uint32(w&0xff + w>>16&0xff + w>>32&0xff + w>>48&0xff) // the deltas
			v = v[8:]
		}
		if len(v) == 0 {
			return first, doc, n, nil
		}
		d, k := binary.Uvarint(v)
		if k <= 0 {
			return 0, 0, 0, errChunk
		}
		doc += uint32(d)
		v = v[k:]
	}
}
