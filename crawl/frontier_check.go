package crawl

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
)

// A frontier file is checked before bbolt opens it. bbolt trusts the file
// it maps: a page a power cut damaged (the frontier is written without
// fsync) makes it panic, and the frontier is opened with NoFreelistSync,
// so bbolt walks every page at open in a goroutine of its own, where the
// panic cannot be recovered and ends the process, on every run after. So
// checkFrontier reads the file itself, never mapping it: both meta pages,
// the file's length, and every page of the tree from the newest meta
// page's root, each page read once, checked as bbolt's own walk at open
// checks it (tx.Check): the page is the one its parent names, a branch or
// a leaf, within the pages in use, reached once, its elements inside it,
// its keys in order and within its parent's bounds.
//
// bbolt's layout on a little-endian machine: a page starts with its ID (8
// bytes), flags (2), element count (2) and overflow pages (4). A meta
// page's body holds magic, version, page size, flags (4 bytes each), the
// root bucket (its page and sequence, 8 each), the freelist page, the
// pages in use and the transaction ID (8 each), and the FNV-64a of those
// 56 bytes. A branch element is its key's offset from the element and
// size (4 each) and the child page (8); a leaf element, flags, the key's
// offset and size and the value's size (4 each), the value after the key.
// A bucket's value is its root page and sequence (8 each), and, when the
// root page is 0, its own page inline after them.

// errFrontierDamaged is a frontier file that does not check.
var errFrontierDamaged = errors.New("damaged")

const (
	metaMagic    = 0xED0CDAED
	metaVersion  = 2
	pageHeader   = 16
	metaSum      = 56
	elementSize  = 16
	flagBranch   = 0x01
	flagLeaf     = 0x02
	flagFreelist = 0x10
	leafBucket   = 0x01
	noFreelist   = ^uint64(0)
	maxDepth     = 64 // far past any tree a file can hold; a loop of pages ends here
)

// boltMeta is what the check reads of a meta page.
type boltMeta struct {
	pageSize                    int64
	root, freelist, pages, txid uint64
}

// checkFrontier returns an error wrapping errFrontierDamaged that says
// what is wrong with the bbolt file at file, or nil when it checks, is
// missing or is empty (bbolt makes it). The caller holds the run lock: no
// one writes the file meanwhile.
func checkFrontier(file string) error {
	f, err := os.Open(file)
	if err != nil {
		return nil // missing, or bbolt says why it cannot be opened
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || fi.Size() == 0 {
		return nil
	}
	if err := checkPages(f, fi.Size()); err != nil {
		return fmt.Errorf("%w: %v", errFrontierDamaged, err)
	}
	return nil
}

// checkPages checks the meta pages, the length and the tree of a bbolt
// file of size bytes.
func checkPages(r io.ReaderAt, size int64) error {
	m, err := newestMeta(r)
	if err != nil {
		return err
	}
	if need := int64(m.pages) * m.pageSize; size < need {
		return fmt.Errorf("cut short: %d bytes, its pages need %d", size, need)
	}
	w := &pageWalk{r: r, ps: m.pageSize, pages: m.pages, seen: make([]bool, m.pages)}
	if m.freelist != noFreelist {
		if err := w.freelist(m.freelist); err != nil {
			return err
		}
	}
	return w.tree(m.root, nil, nil, 0)
}

// newestMeta reads both meta pages, which must check (bbolt writes both
// when it makes the file), and returns the newer.
func newestMeta(r io.ReaderAt) (boltMeta, error) {
	m0, err := readMeta(r, 0, 0)
	if err != nil {
		return m0, err
	}
	m1, err := readMeta(r, m0.pageSize, 1)
	if err != nil || m0.txid > m1.txid {
		return m0, err
	}
	return m1, nil
}

// readMeta reads and checks meta page id at off.
func readMeta(r io.ReaderAt, off int64, id int) (boltMeta, error) {
	var m boltMeta
	buf := make([]byte, pageHeader+metaSum+8)
	if _, err := r.ReadAt(buf, off); err != nil {
		return m, fmt.Errorf("meta page %d: %v", id, err)
	}
	b, le := buf[pageHeader:], binary.LittleEndian
	h := fnv.New64a()
	h.Write(b[:metaSum])
	m = boltMeta{pageSize: int64(le.Uint32(b[8:])), root: le.Uint64(b[16:]), freelist: le.Uint64(b[32:]),
		pages: le.Uint64(b[40:]), txid: le.Uint64(b[48:])}
	switch {
	case le.Uint32(b) != metaMagic || le.Uint32(b[4:]) != metaVersion:
		return m, fmt.Errorf("meta page %d: not a bbolt meta page", id)
	case le.Uint64(b[metaSum:]) != h.Sum64():
		return m, fmt.Errorf("meta page %d: checksum mismatch", id)
	case m.pageSize < 512 || m.pageSize > 1<<20 || m.pageSize&(m.pageSize-1) != 0:
		return m, fmt.Errorf("meta page %d: page size %d", id, m.pageSize)
	case m.pages < 3 || m.pages > 1<<40:
		return m, fmt.Errorf("meta page %d: %d pages in use", id, m.pages)
	}
	return m, nil
}

// pageWalk reads the pages of a tree, each once.
type pageWalk struct {
	r     io.ReaderAt
	ps    int64
	pages uint64 // pages in use: IDs below it
	seen  []bool // pages reached
}

// page reads page id with its overflow pages, and checks its header.
func (w *pageWalk) page(id uint64) ([]byte, error) {
	if id < 2 || id >= w.pages {
		return nil, fmt.Errorf("page %d: outside the %d pages in use", id, w.pages)
	}
	hdr := make([]byte, pageHeader)
	if _, err := w.r.ReadAt(hdr, int64(id)*w.ps); err != nil {
		return nil, fmt.Errorf("page %d: %v", id, err)
	}
	le := binary.LittleEndian
	if got := le.Uint64(hdr); got != id {
		return nil, fmt.Errorf("page %d: it says it is page %d", id, got)
	}
	last := id + uint64(le.Uint32(hdr[12:]))
	if last >= w.pages {
		return nil, fmt.Errorf("page %d: its overflow runs past the %d pages in use", id, w.pages)
	}
	for p := id; p <= last; p++ {
		if w.seen[p] {
			return nil, fmt.Errorf("page %d: reached twice", p)
		}
		w.seen[p] = true
	}
	buf := make([]byte, int64(last-id+1)*w.ps)
	if _, err := w.r.ReadAt(buf, int64(id)*w.ps); err != nil {
		return nil, fmt.Errorf("page %d: %v", id, err)
	}
	return buf, nil
}

// freelist checks the freelist page a frontier of an older prov may have.
func (w *pageWalk) freelist(id uint64) error {
	p, err := w.page(id)
	if err != nil {
		return err
	}
	le := binary.LittleEndian
	if flags := le.Uint16(p[8:]); flags != flagFreelist {
		return fmt.Errorf("page %d: the freelist page has flags %#x", id, flags)
	}
	n, at := uint64(le.Uint16(p[10:])), uint64(pageHeader)
	if n == 0xFFFF { // the count is the first ID's slot
		n, at = le.Uint64(p[pageHeader:]), pageHeader+8
	}
	if n > (uint64(len(p))-at)/8 {
		return fmt.Errorf("page %d: the freelist's %d IDs overflow it", id, n)
	}
	for i := range n {
		if free := le.Uint64(p[at+8*i:]); free < 2 || free >= w.pages {
			return fmt.Errorf("page %d: the freelist names page %d", id, free)
		}
	}
	return nil
}

// tree checks the branch or leaf page id and the pages under it; every
// key must be at least lo and below hi (nil: no bound).
func (w *pageWalk) tree(id uint64, lo, hi []byte, depth int) error {
	if depth > maxDepth {
		return fmt.Errorf("page %d: more than %d levels down", id, maxDepth)
	}
	p, err := w.page(id)
	if err != nil {
		return err
	}
	switch flags := binary.LittleEndian.Uint16(p[8:]); flags {
	case flagBranch:
		return w.branch(id, p, lo, hi, depth)
	case flagLeaf:
		return w.leaf(id, p, lo, hi, depth)
	default:
		return fmt.Errorf("page %d: neither a branch nor a leaf (flags %#x)", id, flags)
	}
}

// branch checks a branch page's keys and the subtree of each.
func (w *pageWalk) branch(id uint64, p, lo, hi []byte, depth int) error {
	keys, children, err := branchElements(p)
	if err != nil {
		return fmt.Errorf("page %d: %v", id, err)
	}
	if err := inOrder(keys, lo, hi); err != nil {
		return fmt.Errorf("page %d: %v", id, err)
	}
	for i, child := range children {
		next := hi
		if i+1 < len(keys) {
			next = keys[i+1]
		}
		if err := w.tree(child, keys[i], next, depth+1); err != nil {
			return err
		}
	}
	return nil
}

// leaf checks a leaf page's keys, and the bucket each bucket value names.
func (w *pageWalk) leaf(id uint64, p, lo, hi []byte, depth int) error {
	keys, values, buckets, err := leafElements(p)
	if err == nil {
		err = inOrder(keys, lo, hi)
	}
	if err != nil {
		return fmt.Errorf("page %d: %v", id, err)
	}
	for i, v := range values {
		if !buckets[i] {
			continue
		}
		if err := w.bucket(v, depth+1); err != nil {
			return fmt.Errorf("bucket %q on page %d: %w", keys[i], id, err)
		}
	}
	return nil
}

// bucket checks a nested bucket: its root page's tree, or its inline page.
func (w *pageWalk) bucket(v []byte, depth int) error {
	if len(v) < 16 {
		return fmt.Errorf("a bucket value of %d bytes", len(v))
	}
	if root := binary.LittleEndian.Uint64(v); root != 0 {
		return w.tree(root, nil, nil, depth)
	}
	if len(v) < 16+pageHeader || binary.LittleEndian.Uint16(v[16+8:]) != flagLeaf {
		return fmt.Errorf("an inline bucket that is not a leaf page")
	}
	return w.leaf(0, v[16:], nil, nil, depth)
}

// branchElements reads a branch page's keys and child pages.
func branchElements(p []byte) (keys [][]byte, children []uint64, err error) {
	n := int(binary.LittleEndian.Uint16(p[10:]))
	if n == 0 || pageHeader+n*elementSize > len(p) {
		return nil, nil, fmt.Errorf("%d elements in %d bytes", n, len(p))
	}
	le := binary.LittleEndian
	for i := range n {
		at := pageHeader + i*elementSize
		k, err := slice(p, at+int(le.Uint32(p[at:])), int(le.Uint32(p[at+4:])))
		if err != nil {
			return nil, nil, fmt.Errorf("element %d: %v", i, err)
		}
		keys, children = append(keys, k), append(children, le.Uint64(p[at+8:]))
	}
	return keys, children, nil
}

// leafElements reads a leaf page's keys and values, and which values are
// buckets.
func leafElements(p []byte) (keys, values [][]byte, buckets []bool, err error) {
	if len(p) < pageHeader {
		return nil, nil, nil, fmt.Errorf("%d bytes", len(p))
	}
	n := int(binary.LittleEndian.Uint16(p[10:]))
	if pageHeader+n*elementSize > len(p) {
		return nil, nil, nil, fmt.Errorf("%d elements in %d bytes", n, len(p))
	}
	le := binary.LittleEndian
	for i := range n {
		at := pageHeader + i*elementSize
		ks, vs := int(le.Uint32(p[at+8:])), int(le.Uint32(p[at+12:]))
		kv, err := slice(p, at+int(le.Uint32(p[at+4:])), ks+vs)
		if err != nil {
			return nil, nil, nil, fmt.Errorf("element %d: %v", i, err)
		}
		keys, values = append(keys, kv[:ks]), append(values, kv[ks:])
		buckets = append(buckets, le.Uint32(p[at:])&leafBucket != 0)
	}
	return keys, values, buckets, nil
}

// slice is p[at:at+n], or an error when that is not inside p.
func slice(p []byte, at, n int) ([]byte, error) {
	if at < 0 || n < 0 || at > len(p) || n > len(p)-at {
		return nil, fmt.Errorf("%d bytes at %d, outside the page's %d", n, at, len(p))
	}
	return p[at : at+n], nil
}

// inOrder checks that keys rise, none empty, from lo up to below hi.
func inOrder(keys [][]byte, lo, hi []byte) error {
	prev := lo
	for i, k := range keys {
		switch {
		case len(k) == 0:
			return fmt.Errorf("key %d is empty", i)
		case prev != nil && (bytes.Compare(k, prev) < 0 || i > 0 && bytes.Equal(k, prev)):
			return fmt.Errorf("key %d (%q) is out of order", i, k)
		case hi != nil && bytes.Compare(k, hi) >= 0:
			return fmt.Errorf("key %d (%q) is past its parent's bound", i, k)
		}
		prev = k
	}
	return nil
}
