package archive

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/klauspost/compress/flate"
	bolt "go.etcd.io/bbolt"
)

// Capture blocks (schema 8). The JSON rests of the captures a
// transaction writes are deflated together, up to captureBlockMax of them
// in one stream, and stored once in the capblocks bucket; each capture's
// own record (recBlocked, codec.go) keeps its binary fields and names its
// block and its place in it. One deflate stream pays for one Huffman
// table where a record of its own paid for one each: on the first 2,048
// captures of a 3,001-page bench/crawl archive, in blocks of 16, 3.1
// against 21.1 µs a capture, 145 against 536 bytes (BenchmarkCaptureBlock
// codes captures like them: 2.7 against 18.3 cpu-µs, 73 against 481).
//
// A block, under the ID of its first capture (8 bytes big-endian):
//
//	blockDeflated
//	count        uvarint: the captures whose rests it holds
//	lengths      count uvarints: each rest's length, in order
//	rests        the rests one after the other, deflated as one RFC 1951
//	             stream against captureDict
//
// A capture reads alone: its reader inflates its block up to the end of
// its own rest, so damage later in the stream does not reach it. Damage
// before it, or to the block's count and lengths, takes every capture of
// the block whose rest lies past it; each of those fails to decode with
// an error naming the block (salvage and verify report each).
//
// While the writing transaction is open the block is stored in its open
// form (blockOpen: each rest as a uvarint length and its bytes, as they
// came), so that a read in the same transaction (a later entry's
// deriveKind, a merge's present) finds the captures written before it;
// the transaction stores the deflated form before it commits
// (capBlocks.close), so no committed archive holds an open block. A
// reader reads both.
var bucketCapBlocks = []byte("capblocks")

const (
	blockDeflated byte = 1
	blockOpen     byte = 2
)

// A block closes at captureBlockMax captures or once its rests reach
// captureBlockBytes: a capture read alone inflates at most that much.
// On the bench/crawl captures above, blocks of 16 code a capture in 3.1
// µs and 145 bytes, of 32 in 2.9 and 139, of 8 in 4.7 and 178; one
// flate.StatelessDeflate call a block instead of a level-1 writer took
// 5.7 µs a capture in blocks of 16 (its blocks past 29 KB have an 8 KB
// window and a table each) and 157 bytes.
const (
	captureBlockMax   = 16
	captureBlockBytes = 64 << 10
	maxBlockCount     = 1 << 16 // a count past it is damage, not an allocation
)

// capBlocks gathers the rests of the captures one write transaction
// stores into blocks.
type capBlocks struct {
	tx    *bolt.Tx
	first uint64 // ID of the open block's first capture; 0 when none is open
	n     int    // rests in the open block
	open  []byte // the open block, as stored (blockOpen form)
}

func newCapBlocks(tx *bolt.Tx) *capBlocks { return &capBlocks{tx: tx} }

// add puts js, the rest of capture id, in the open block (opening one
// when none is) and returns the block's ID and js's index in it. The
// block is stored at once in its open form; it is closed when full.
func (w *capBlocks) add(id uint64, js []byte) (block uint64, index int, err error) {
	if w.first == 0 {
		// A new slice for each block: bbolt keeps the value it is given
		// until the transaction ends, so the bytes of the block stored
		// last must not be written over.
		w.first, w.n, w.open = id, 0, append(make([]byte, 0, 32<<10), blockOpen)
	}
	block, index = w.first, w.n
	w.open = appendOpenRest(w.open, js)
	w.n++
	b := w.tx.Bucket(bucketCapBlocks)
	b.FillPercent = appendFill
	if err := b.Put(idKey(block), w.open); err != nil {
		return 0, 0, fmt.Errorf("archive: put capture block %d: %w", block, err)
	}
	if w.n >= captureBlockMax || len(w.open) >= captureBlockBytes {
		return block, index, w.close()
	}
	return block, index, nil
}

// appendOpenRest appends js to open, a block in its open form.
func appendOpenRest(open, js []byte) []byte {
	return append(binary.AppendUvarint(open, uint64(len(js))), js...)
}

// close stores the open block deflated, if one is open. The transaction
// must call it before it commits.
func (w *capBlocks) close() error {
	if w.first == 0 {
		return nil
	}
	block := w.first
	v, err := deflateBlock(w.open, w.n)
	w.first, w.n, w.open = 0, 0, nil
	if err == nil {
		err = w.tx.Bucket(bucketCapBlocks).Put(idKey(block), v)
	}
	if err != nil {
		return fmt.Errorf("archive: put capture block %d: %w", block, err)
	}
	return nil
}

// Block deflaters are reused, as the record inflaters are: a level-1
// writer holds hundreds of kilobytes. One made for a block costs more
// than coding it; one reset for each block codes captureDict again
// (a few µs), which a block's 16 captures share.
var blockDeflaters = newCoderPool(func() *flate.Writer {
	w, _ := flate.NewWriterDict(io.Discard, 1, captureDictBytes) // level 1 is valid
	return w
})

// deflateBlock returns the deflated form of open, a block's open form
// holding n rests.
func deflateBlock(open []byte, n int) ([]byte, error) {
	rests, err := openRests(open, -1)
	if err != nil || len(rests) != n {
		return nil, fmt.Errorf("open block holds %d rests, want %d (%v)", len(rests), n, err)
	}
	head := []byte{blockDeflated}
	head = binary.AppendUvarint(head, uint64(n))
	total := 0
	for _, r := range rests {
		head = binary.AppendUvarint(head, uint64(len(r)))
		total += len(r)
	}
	out := bytes.NewBuffer(make([]byte, 0, len(head)+total/4+64))
	out.Write(head)
	zw := blockDeflaters.get()
	defer blockDeflaters.put(zw)
	zw.ResetDict(out, captureDictBytes)
	for _, r := range rests {
		if _, err := zw.Write(r); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// openRests reads the rests of an open block, up to and including index
// (all of them when index < 0). They are slices of open.
func openRests(open []byte, index int) ([][]byte, error) {
	var rests [][]byte
	r := fieldReader{b: open[1:]}
	for len(r.b) > 0 && (index < 0 || len(rests) <= index) {
		n := r.uvarint()
		if r.err == nil && n > uint64(len(r.b)) {
			r.err = errShortRecord
		}
		rest := r.bytes(int(n))
		if r.err != nil {
			return nil, r.err
		}
		rests = append(rests, rest)
	}
	return rests, nil
}

// errBlockMissing is the error of a capture whose block is not stored.
var errBlockMissing = errors.New("capture block missing")

// blockRests reads block, a stored capture block, up to and including the
// rest at index, or whole when index < 0 (the inflater then checks that
// the stream ends where the lengths say). The rests are the caller's to
// keep.
func blockRests(block []byte, index int) ([][]byte, error) {
	if len(block) == 0 {
		return nil, errors.New("empty capture block")
	}
	switch block[0] {
	case blockOpen:
		rests, err := openRests(block, index)
		if err != nil {
			return nil, err
		}
		if index >= len(rests) {
			return nil, fmt.Errorf("open block holds %d rests, none at %d", len(rests), index)
		}
		out := make([][]byte, len(rests))
		for i, r := range rests {
			out[i] = bytes.Clone(r)
		}
		return out, nil
	case blockDeflated:
		return inflateBlock(block, index)
	}
	return nil, fmt.Errorf("capture block of unknown form %d", block[0])
}

// inflateBlock is blockRests for a block in its deflated form.
func inflateBlock(block []byte, index int) ([][]byte, error) {
	r := fieldReader{b: block[1:]}
	n := r.uvarint()
	if r.err == nil && (n == 0 || n > maxBlockCount || n > uint64(len(r.b))) {
		return nil, fmt.Errorf("capture block claims %d rests", n)
	}
	if index >= int(n) {
		return nil, fmt.Errorf("capture block holds %d rests, none at %d", n, index)
	}
	if index < 0 {
		index = int(n) - 1
	}
	lengths := make([]uint64, index+1)
	var total uint64
	for i := range int(n) {
		k := r.uvarint()
		if i <= index {
			lengths[i] = k
			total += k
		}
		if r.err != nil || total > maxRecordJSON {
			return nil, fmt.Errorf("capture block's lengths: %v (%d bytes)", r.err, total)
		}
	}
	whole := index == int(n)-1
	body, err := inflateDictPrefix(r.b, total, whole, "capture block")
	if err != nil {
		return nil, err
	}
	rests := make([][]byte, len(lengths))
	for i, k := range lengths {
		rests[i], body = body[:k:k], body[k:]
	}
	return rests, nil
}

// captureReader decodes the capture records of one transaction. A
// walk in ID order keeps the last block it read (keep), so that a block's
// captures cost one inflate together; a reader of single captures
// inflates each one's block up to its rest.
type captureReader struct {
	tx    *bolt.Tx
	keep  bool
	cache *blockCache // when set, blocks are kept there (read transactions only)
	block uint64      // ID of the kept block, 0 when none
	rests [][]byte    // the kept block's rests, all of them
	read  uint64      // the block of the record at read last, 0 when it named none
}

// capture reads capture id.
func (r *captureReader) capture(id uint64) (Capture, error) {
	k := idKey(id)
	v := r.tx.Bucket(bucketCaptures).Get(k)
	if v == nil {
		return Capture{}, notFound("capture %d", id)
	}
	return r.at(k, v)
}

// at reads the capture stored under key k, whose value is v. A record
// that names another ID than its key's (a damaged ID, or a record filed
// under another key) is corrupt, as one that does not decode is: every
// read of a capture record goes through a captureReader, so none hands
// it on as the capture k names.
func (r *captureReader) at(k, v []byte) (Capture, error) {
	r.read = 0
	c, err := decodeCaptureWith(v, r.rest)
	if err == nil && (len(k) != 8 || c.ID != keyID(k)) {
		return Capture{}, fmt.Errorf("record has id %d", c.ID)
	}
	return c, err
}

// rest returns the rest at index of block. Its errors name the block,
// so that each capture a damaged block takes says which it is.
func (r *captureReader) rest(block uint64, index int) ([]byte, error) {
	r.read = block
	kept, ok := r.block == block && block != 0, false
	if !kept && r.cache != nil {
		var rests [][]byte
		if rests, ok = r.cache.get(block); ok {
			r.block, r.rests, kept = block, rests, true
		}
	}
	if kept {
		if index >= len(r.rests) {
			return nil, fmt.Errorf("capture block %d holds %d rests, none at %d", block, len(r.rests), index)
		}
		return r.rests[index], nil
	}
	var v []byte
	if b := r.tx.Bucket(bucketCapBlocks); b != nil {
		v = b.Get(idKey(block))
	}
	if v == nil {
		return nil, fmt.Errorf("%w: block %d", errBlockMissing, block)
	}
	if len(v) == 0 {
		return nil, fmt.Errorf("capture block %d is empty", block)
	}
	if (r.keep || r.cache != nil) && v[0] == blockDeflated { // an open block is the writer's: not kept, it grows
		if rests, err := blockRests(v, -1); err == nil {
			r.block, r.rests = block, rests
			if r.cache != nil {
				r.cache.put(block, rests)
			}
			if index >= len(rests) {
				return nil, fmt.Errorf("capture block %d holds %d rests, none at %d", block, len(rests), index)
			}
			return rests[index], nil
		}
		// Damaged past some rest: the rests before the damage still read,
		// one at a time.
	}
	rests, err := blockRests(v, index)
	if err != nil {
		return nil, fmt.Errorf("capture block %d (the rests of captures %d on) does not read: %w", block, block, err)
	}
	return rests[index], nil
}

// blockCache keeps the last capture blocks a handle's readers inflated
// whole, for reads of single captures that come near each other in ID
// order: a recrawl asks Previous of each URL in about the order the
// crawl before wrote them, and each asks for one capture, in a read
// transaction of its own. Inflating a block up to the capture for each
// (captureReader) took 12% of a 20,001-page recrawl's CPU (0.61 s of
// 5.09), 3% more than recBinary records (paired bench/crawl -recrawl
// runs, 1.032).
//
// A committed block never changes and its ID is never given again, so
// what the cache holds stays right as long as its handle reads one
// archive; only read transactions use it (a writing transaction's blocks
// are not committed yet, and a rolled-back one's IDs are given again).
type blockCache struct {
	mu    sync.Mutex
	next  int
	ids   [blockCacheSize]uint64
	rests [blockCacheSize][][]byte
}

// blockCacheSize blocks: a crawl's workers ask for URLs of a few blocks
// at a time.
const blockCacheSize = 4

// get returns the rests of block, if kept. They are shared: read only.
func (c *blockCache) get(block uint64) ([][]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for i, id := range c.ids {
		if id == block {
			return c.rests[i], true
		}
	}
	return nil, false
}

// put keeps the rests of block in place of the block kept longest.
func (c *blockCache) put(block uint64, rests [][]byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.ids[c.next], c.rests[c.next] = block, rests
	c.next = (c.next + 1) % blockCacheSize
}
