package search

import (
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"

	bolt "go.etcd.io/bbolt"
)

// posting is one document holding a token, and how often.
type posting struct {
	doc   uint32
	count int
}

// hit is a posting as an update gathers it, in half the memory.
type hit struct{ doc, count uint32 }

// postingLog gathers a write's postings, in the order they are noted,
// in blocks of logBlock, and groups them by token once, at the write
// (byToken): a slice per token grew by copies, one allocation each time,
// and those were most of a write's allocations; one slice for all would
// copy its postings again at each growth, blocks are never copied.
//
// A log is used again from write to write (reset), its blocks and
// byToken's arrays kept: in a crawl's heap, held near its soft limit,
// each large allocation made the runtime return memory to the system
// first, and a write's fresh arrays cost more than the grouping.
type postingLog struct {
	blocks [][]logEntry // each of capacity logBlock, all full but the last
	n      int          // entries in all blocks
	spare  [][]logEntry // emptied blocks of earlier writes, to fill again
	// perToken counts the entries of each token number, as they are
	// added: byToken's sizes, without a pass of its own over the blocks
	// (addTally reads each id's count in the tally at that moment anyway)
	perToken []uint32

	// byToken's arrays, kept for the next write
	next []uint32 // where each token's postings go next in all
	all  []hit
	out  [][]hit

	// putSegment's, for the write's transaction (apply), which holds its
	// buffer until it ends: the next write's newBatch comes after
	segment segmentMemory
}

// logBlock is how many postings a block of a postingLog holds: 48 KB.
const logBlock = 1 << 12

// logEntry is one posting of the token numbered id.
type logEntry struct {
	id uint32
	hit
}

func (l *postingLog) add(id, doc, count uint32) {
	if k := len(l.blocks); k == 0 || len(l.blocks[k-1]) == logBlock {
		l.blocks = append(l.blocks, l.newBlock())
	}
	last := &l.blocks[len(l.blocks)-1]
	*last = append(*last, logEntry{id: id, hit: hit{doc: doc, count: count}})
	l.n++
	if int(id) >= len(l.perToken) {
		l.growPerToken(int(id) + 1)
	}
	l.perToken[id]++
}

// growPerToken makes room in perToken for token numbers below n.
func (l *postingLog) growPerToken(n int) {
	l.perToken = append(l.perToken, make([]uint32, n-len(l.perToken))...)
}

// addTally adds the postings of document doc that t counted, in t.each's
// order, as add would one by one, and empties t; it returns how many it
// added. A write adds hundreds of postings a text this way: without a
// call through a function value and a check of the block for each.
func (l *postingLog) addTally(t *tally, doc uint32) int {
	n := t.n
	if len(l.perToken) < len(t.counts) {
		l.growPerToken(len(t.counts)) // every id t counts is below it
	}
	perToken := l.perToken
	for ids := t.ids(); len(ids) > 0; {
		if k := len(l.blocks); k == 0 || len(l.blocks[k-1]) == logBlock {
			l.blocks = append(l.blocks, l.newBlock())
		}
		// the block and the counts in locals: appending through a pointer
		// to the block read and wrote its length back for each posting
		last, counts := l.blocks[len(l.blocks)-1], t.counts
		room := min(len(ids), logBlock-len(last))
		for _, id := range ids[:room] {
			last = append(last, logEntry{id: id, hit: hit{doc: doc, count: counts[id]}})
			counts[id] = 0
			perToken[id]++
		}
		l.blocks[len(l.blocks)-1] = last
		ids = ids[room:]
	}
	l.n += n
	t.n = 0
	return n
}

// newBlock is an empty block: a spare one when there is one.
func (l *postingLog) newBlock() []logEntry {
	if k := len(l.spare); k > 0 {
		b := l.spare[k-1]
		l.spare = l.spare[:k-1]
		return b[:0]
	}
	return make([]logEntry, 0, logBlock)
}

// reset empties l for another write, keeping its memory.
func (l *postingLog) reset() {
	l.spare = append(l.spare, l.blocks...)
	l.blocks, l.n = l.blocks[:0], 0
	clear(l.perToken)
}

// byToken returns the postings by token number, 0 to n−1 (n above every
// number added): each token's in the order they were added, as
// appending them one by one to a slice of their own would have them.
// The slices share one array, each capped at its end, which l uses again
// at its next byToken. It empties l (reset).
func (l *postingLog) byToken(n int) [][]hit {
	// a counting sort, the counts perToken's: where each token's run
	// starts, then where it goes on
	l.next = grown(l.next, n+1)
	l.next[0] = 0
	counted := l.perToken[:min(n, len(l.perToken))]
	for id, c := range counted {
		l.next[id+1] = l.next[id] + c
	}
	for id := len(counted) + 1; id <= n; id++ {
		l.next[id] = l.next[id-1]
	}
	l.all, l.out = grown(l.all, l.n), grown(l.out, n)
	for id := range l.out {
		l.out[id] = l.all[l.next[id]:l.next[id+1]:l.next[id+1]]
	}
	all, next := l.all, l.next
	for _, b := range l.blocks {
		for _, e := range b {
			all[next[e.id]] = e.hit
			next[e.id]++
		}
	}
	l.reset()
	return l.out
}

// grown is s resliced to n, reallocated when it is shorter; what it holds
// is left to the caller to overwrite.
func grown[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// putSegment writes one write's postings as segment seg: a bucket of its
// own in b, named segName(seg), holding for each token of toks (by
// number, as hits) that has hits the token's postings in document order
// (encodeChunk). A write adds pages for what it brings and reads no page
// of the earlier segments; the bucket is written once, in key order, so
// its pages are filled. The keys and chunks are made in one buffer,
// mem's, which the transaction holds until it ends (bbolt keeps the value
// it is given, not a copy, until its commit): mem may be used again only
// after that.
func putSegment(b *bolt.Bucket, seg uint32, toks []string, hits [][]hit, mem *segmentMemory) error {
	sb, err := b.CreateBucket(segName(seg))
	if err != nil {
		return err
	}
	sb.FillPercent = 1
	keyed := mem.keyed[:0]
	size := 0
	for id, hs := range hits {
		if len(hs) > 0 {
			keyed = append(keyed, keyedToken{prefix: tokenPrefix(toks[id]), id: uint32(id)})
			size += len(toks[id]) + 3*len(hs)
		}
	}
	sortTokens(keyed, toks)
	buf := mem.buf[:0]
	if cap(buf) < size {
		buf = make([]byte, 0, size)
	}
	defer func() { mem.buf, mem.keyed = buf, keyed }() // the arrays used last, the largest
	for _, k := range keyed {
		id := k.id
		// each key and chunk a slice of buf that later appends leave
		// alone (they write past it, or into a new array)
		start := len(buf)
		buf = append(buf, toks[id]...)
		key := buf[start:len(buf):len(buf)]
		start = len(buf)
		buf = appendChunk(buf, hits[id])
		if err := sb.Put(key, buf[start:len(buf):len(buf)]); err != nil {
			return err
		}
	}
	return nil
}

// segmentMemory is putSegment's memory, kept from write to write: a
// write's keys and chunks, hundreds of kilobytes in a crawl, were the
// most a Feed's writes allocated in one piece, besides bbolt's pages.
type segmentMemory struct {
	buf   []byte       // the keys and chunks put
	keyed []keyedToken // the tokens, in key order
}

// keyedToken is a token's number and its first 8 bytes (tokenPrefix),
// by which most tokens are ordered without reading their strings.
type keyedToken struct {
	prefix uint64
	id     uint32
}

// tokenPrefix is tok's first 8 bytes as a big-endian integer, padded
// with zero bytes: of two tokens, the one whose prefix is less is less in
// byte order; equal prefixes say nothing of their order.
func tokenPrefix(tok string) uint64 {
	if len(tok) >= 8 {
		return binary.BigEndian.Uint64(readOnly(tok[:8]))
	}
	var p uint64
	for i := 0; i < len(tok); i++ {
		p |= uint64(tok[i]) << (56 - 8*i)
	}
	return p
}

// sortTokens sorts keyed in the byte order of their tokens (toks, by
// number), as the keys of a bucket are: by prefix, and by the whole
// tokens where prefixes are equal. A write's tokens number tens of
// thousands, and comparing their strings, each read from its own place
// in memory, took a sixth to a fifth of putSegment.
func sortTokens(keyed []keyedToken, toks []string) {
	slices.SortFunc(keyed, func(x, y keyedToken) int {
		if x.prefix != y.prefix {
			return cmp.Compare(x.prefix, y.prefix)
		}
		return cmp.Compare(toks[x.id], toks[y.id])
	})
}

// segName is the name of segment seg's bucket: its number, 4 bytes BE.
func segName(seg uint32) []byte { return binary.BigEndian.AppendUint32(nil, seg) }

// encodeChunk sorts ps by document and encodes them, each as
// uvarint(document − previous document) and uvarint(count); a document
// met more than once is merged, its counts summed.
func encodeChunk(ps []hit) []byte { return appendChunk(nil, ps) }

// appendChunk appends encodeChunk(ps) to out. ps is sorted only when it
// is not in document order already (a write's postings mostly are: it
// numbers its documents in the order it meets them), which the encoding
// finds as it goes; the order of the postings of one document does not
// matter, their counts are summed.
func appendChunk(out []byte, ps []hit) []byte {
	start := len(out)
	out, sorted := appendInOrder(out, ps)
	if sorted {
		return out
	}
	slices.SortFunc(ps, func(a, b hit) int { return cmp.Compare(a.doc, b.doc) })
	out, _ = appendInOrder(out[:start], ps)
	return out
}

// appendInOrder appends the encoding of ps, which it expects in document
// order; it stops and says so (sorted false) at a posting that is not,
// and what it appended is then to be dropped.
func appendInOrder(out []byte, ps []hit) (_ []byte, sorted bool) {
	prev := uint32(0)
	for i := 0; i < len(ps); {
		p := ps[i]
		if p.doc < prev {
			return out, false
		}
		for i++; i < len(ps) && ps[i].doc == p.doc; i++ {
			p.count += ps[i].count
		}
		out = binary.AppendUvarint(out, uint64(p.doc-prev))
		out = binary.AppendUvarint(out, uint64(p.count))
		prev = p.doc
	}
	return out, true
}

var errChunk = errors.New("search: damaged postings")

// postingsOf adds every posting of token to into, by document: its chunk
// in each segment of segs that holds it.
func postingsOf(b *bolt.Bucket, segs []segment, token string, into map[uint32]int) error {
	for _, s := range segs {
		sb := b.Bucket(segName(s.id))
		if sb == nil {
			return fmt.Errorf("%w: segment %d is listed and missing", errChunk, s.id)
		}
		v := sb.Get([]byte(token))
		if v == nil {
			continue
		}
		err := decodeChunk(v, func(doc, count uint32) { into[doc] += int(count) })
		if err != nil {
			return fmt.Errorf("%w: token %q, segment %d", err, token, s.id)
		}
	}
	return nil
}

// decodeChunk calls fn with each posting of chunk v, in document order.
func decodeChunk(v []byte, fn func(doc, count uint32)) error {
	doc := uint32(0)
	for len(v) > 0 {
		d, n := binary.Uvarint(v)
		if n <= 0 {
			return errChunk
		}
		v = v[n:]
		c, m := binary.Uvarint(v)
		if m <= 0 {
			return errChunk
		}
		v = v[m:]
		doc += uint32(d)
		fn(doc, uint32(c))
	}
	return nil
}
