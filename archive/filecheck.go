package archive

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
)

// ErrDamaged says the archive file is damaged: cut short, or its bbolt
// meta pages do not check. Such a file is refused before bbolt maps it,
// since reading past the end of a mapped file kills the process.
var ErrDamaged = errors.New("archive damaged")

// bbolt's meta page, as go.etcd.io/bbolt lays it out on a little-endian
// machine: a 16-byte page header, then magic, version, page size, flags
// (4 bytes each), the root bucket (root page, sequence: 8 each), the
// freelist page, the high-water mark (pages in use), the transaction id
// and the FNV-64a checksum of everything before it (8 each).
const (
	boltMagic     = 0xED0CDAED
	boltVersion   = 2
	boltHeader    = 16
	boltMetaSum   = 56 // bytes of meta the checksum covers
	boltMetaBytes = boltMetaSum + 8
)

// boltMeta is what checkFile reads of one meta page.
type boltMeta struct {
	pageSize  uint32
	highWater uint64 // pages in use: the file holds at least this many
	txid      uint64
	complaint string // why the page does not check; "" when it does
	magic     bool   // the page starts with bbolt's magic number
}

// checkFile checks a non-empty archive file before bbolt maps it: at
// least one meta page must check, and the file must hold every page the
// newest good meta page counts. It fails with ErrDamaged saying what is
// wrong, or ErrNotArchive when neither meta page is bbolt's; a missing or
// empty file passes (it is a new archive). One meta page that does not
// check passes: bbolt reads the file as of the other, and the opener
// reports it once it holds the file's lock (metaDamageOf).
func checkFile(path string) error {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("archive: open %s: %w", path, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || fi.Size() == 0 {
		return err
	}
	m0 := readBoltMeta(f, 0)
	m1 := secondMeta(f, m0, fi.Size())
	best := newestGood(m0, m1)
	if best == nil && !m0.magic && !m1.magic {
		return fmt.Errorf("%w: %s: no bbolt meta page", ErrNotArchive, path)
	}
	if best == nil {
		return fmt.Errorf("%w: %s: neither meta page checks (page 0: %s; page 1: %s)", ErrDamaged, path, m0.complaint, m1.complaint)
	}
	if need := int64(best.highWater) * int64(best.pageSize); fi.Size() < need {
		return fmt.Errorf("%w: %s: the file is %d bytes, its meta page (transaction %d) counts %d pages of %d bytes (%d bytes): cut short",
			ErrDamaged, path, fi.Size(), best.txid, best.highWater, best.pageSize, need)
	}
	return nil
}

// secondMeta reads meta page 1: one page size after page 0, taken from
// page 0 when it checks, else tried at every size bbolt may use.
func secondMeta(f io.ReaderAt, m0 boltMeta, size int64) boltMeta {
	if m0.complaint == "" {
		return readBoltMeta(f, int64(m0.pageSize))
	}
	for ps := int64(1024); ps <= 1<<24 && ps+boltMetaBytes <= size; ps *= 2 {
		if m := readBoltMeta(f, ps); m.complaint == "" && int64(m.pageSize) == ps {
			return m
		}
	}
	return boltMeta{complaint: "not found"}
}

func newestGood(ms ...boltMeta) *boltMeta {
	var best *boltMeta
	for i := range ms {
		if ms[i].complaint == "" && (best == nil || ms[i].txid > best.txid) {
			best = &ms[i]
		}
	}
	return best
}

// readBoltMeta reads and checks the meta page at off.
func readBoltMeta(f io.ReaderAt, off int64) boltMeta {
	var m boltMeta
	buf := make([]byte, boltHeader+boltMetaBytes)
	if _, err := f.ReadAt(buf, off); err != nil {
		m.complaint = fmt.Sprintf("unreadable at byte %d: %v", off, err)
		return m
	}
	b := buf[boltHeader:]
	le := binary.LittleEndian
	h := fnv.New64a()
	h.Write(b[:boltMetaSum])
	m.pageSize, m.highWater, m.txid = le.Uint32(b[8:]), le.Uint64(b[40:]), le.Uint64(b[48:])
	m.magic = le.Uint32(b[0:]) == boltMagic
	switch {
	case !m.magic:
		m.complaint = "no bbolt magic"
	case le.Uint32(b[4:]) != boltVersion:
		m.complaint = fmt.Sprintf("bbolt format version %d", le.Uint32(b[4:]))
	case le.Uint64(b[boltMetaSum:]) != h.Sum64():
		m.complaint = "checksum mismatch"
	case m.pageSize < 512 || m.pageSize&(m.pageSize-1) != 0:
		m.complaint = fmt.Sprintf("page size %d", m.pageSize)
	}
	return m
}
