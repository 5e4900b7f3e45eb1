// Package boltfile reads a bbolt file's pages without mapping it, so that
// a file can be checked before bbolt opens it. bbolt trusts the file it
// maps: a damaged page makes it panic (on a goroutine of its own when it
// walks the file at open) or fault past a file cut short.
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
package boltfile

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"io"
)

const (
	metaMagic    = 0xED0CDAED
	metaVersion  = 2
	pageHeader   = 16
	metaSum      = 56 // bytes of meta the checksum covers
	metaBytes    = metaSum + 8
	elementSize  = 16
	flagBranch   = 0x01
	flagLeaf     = 0x02
	flagFreelist = 0x10
	leafBucket   = 0x01
	maxDepth     = 64 // far past any tree a file can hold; a loop of pages ends here
)

// NoFreelist is Meta.Freelist when the file keeps no freelist page
// (NoFreelistSync).
const NoFreelist = ^uint64(0)

// Meta is what ReadMeta reads of one meta page.
type Meta struct {
	PageSize  uint32
	Root      uint64 // the root bucket's page
	Freelist  uint64 // NoFreelist when none is kept
	Pages     uint64 // pages in use (the high-water mark): the file holds at least this many
	TxID      uint64
	Complaint string // why the page does not check; "" when it does
	Magic     bool   // the page starts with bbolt's magic number
}

// ReadMeta reads and checks the meta page at off: bbolt's magic, format
// version and checksum, and a page size that is a power of two of at
// least 512 bytes.
func ReadMeta(r io.ReaderAt, off int64) Meta {
	var m Meta
	buf := make([]byte, pageHeader+metaBytes)
	if _, err := r.ReadAt(buf, off); err != nil {
		m.Complaint = fmt.Sprintf("unreadable at byte %d: %v", off, err)
		return m
	}
	b, le := buf[pageHeader:], binary.LittleEndian
	h := fnv.New64a()
	h.Write(b[:metaSum])
	m.PageSize, m.Root, m.Freelist = le.Uint32(b[8:]), le.Uint64(b[16:]), le.Uint64(b[32:])
	m.Pages, m.TxID = le.Uint64(b[40:]), le.Uint64(b[48:])
	m.Magic = le.Uint32(b) == metaMagic
	switch {
	case !m.Magic:
		m.Complaint = "no bbolt magic"
	case le.Uint32(b[4:]) != metaVersion:
		m.Complaint = fmt.Sprintf("bbolt format version %d", le.Uint32(b[4:]))
	case le.Uint64(b[metaSum:]) != h.Sum64():
		m.Complaint = "checksum mismatch"
	case m.PageSize < 512 || m.PageSize&(m.PageSize-1) != 0:
		m.Complaint = fmt.Sprintf("page size %d", m.PageSize)
	}
	return m
}

// SecondMeta reads meta page 1 of a file of size bytes: one page size
// after page 0, taken from m0 when it checks, else tried at every size
// bbolt may use.
func SecondMeta(r io.ReaderAt, m0 Meta, size int64) Meta {
	if m0.Complaint == "" {
		return ReadMeta(r, int64(m0.PageSize))
	}
	for ps := int64(1024); ps <= 1<<24 && ps+metaBytes <= size; ps *= 2 {
		if m := ReadMeta(r, ps); m.Complaint == "" && int64(m.PageSize) == ps {
			return m
		}
	}
	return Meta{Complaint: "not found"}
}

// CheckTree checks the pages m names, as bbolt's own walk at open checks
// them (tx.Check), reading each page once: the freelist page, if any, and
// every page of the tree from m's root: each the page its parent names, a
// branch or a leaf, within the pages in use, reached once, its elements
// inside it, its keys in order and within its parent's bounds. It returns
// what it found wrong, or nil. The file must hold m.Pages pages (the
// caller checks its length).
func CheckTree(r io.ReaderAt, m Meta) error {
	w := &pageWalk{r: r, ps: int64(m.PageSize), pages: m.Pages, seen: make([]bool, m.Pages)}
	if m.Freelist != NoFreelist {
		if err := w.freelist(m.Freelist); err != nil {
			return err
		}
	}
	return w.tree(m.Root, nil, nil, 0)
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
