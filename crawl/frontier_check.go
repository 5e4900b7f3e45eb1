package crawl

import (
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"io"
	"os"
)

// A bbolt meta page: a 16-byte page header, then magic, version, page
// size and flags (4 bytes each), root page and sequence, freelist page,
// high-water mark (pages in use) and transaction id (8 bytes each), and
// the FNV-64a of those 56 bytes.
const (
	metaMagic = 0xED0CDAED
	metaOff   = 16
	metaSum   = 56
)

// checkLength fails with errCutShort when the bbolt file at file is
// shorter than the pages its newest good meta page counts: bbolt would
// map it and fault reading past its end. A file without a good meta page
// is left to bbolt to refuse.
func checkLength(file string) error {
	f, err := os.Open(file)
	if err != nil {
		return nil // missing: bbolt creates it
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || fi.Size() == 0 {
		return nil
	}
	pageSize, pages, txid, ok := readMeta(f, 0)
	if ps, n, tx, ok1 := readMeta(f, int64(pageSize)); ok1 && (!ok || tx > txid) {
		pageSize, pages, ok = ps, n, true
	}
	if need := int64(pages) * int64(pageSize); ok && fi.Size() < need {
		return fmt.Errorf("%w: %d bytes, its pages need %d", errCutShort, fi.Size(), need)
	}
	return nil
}

// readMeta reads the meta page at off; ok is false when it does not check.
func readMeta(r io.ReaderAt, off int64) (pageSize uint32, pages, txid uint64, ok bool) {
	buf := make([]byte, metaOff+metaSum+8)
	if _, err := r.ReadAt(buf, off); err != nil {
		return 0, 0, 0, false
	}
	m := buf[metaOff:]
	h := fnv.New64a()
	h.Write(m[:metaSum])
	le := binary.LittleEndian
	if le.Uint32(m) != metaMagic || h.Sum64() != le.Uint64(m[metaSum:]) {
		return 0, 0, 0, false
	}
	return le.Uint32(m[8:]), le.Uint64(m[40:]), le.Uint64(m[48:]), true
}
