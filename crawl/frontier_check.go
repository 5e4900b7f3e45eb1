package crawl

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/prov-archive/prov/boltfile"
)

// A frontier file is checked before bbolt opens it. bbolt trusts the file
// it maps: a page a power cut damaged (the frontier is written without
// fsync) makes it panic, and the frontier is opened with NoFreelistSync,
// so bbolt walks every page at open in a goroutine of its own, where the
// panic cannot be recovered and ends the process, on every run after. So
// checkFrontier reads the file itself, never mapping it: both meta pages,
// the file's length, and every page of its tree (boltfile.CheckTree).

// errFrontierDamaged is a frontier file that does not check.
var errFrontierDamaged = errors.New("damaged")

// checkFrontier returns an error wrapping errFrontierDamaged that says
// what is wrong with the bbolt file at file, or nil when it checks or is
// missing (bbolt makes it). An empty file is damaged: bbolt writes its
// first pages as it creates it, so 0 bytes is what a crash or a power cut
// left of a frontier that was written without fsync, not a new one. The
// caller holds the run lock: no one writes the file meanwhile.
func checkFrontier(file string) error {
	f, err := os.Open(file)
	if err != nil {
		return nil // missing, or bbolt says why it cannot be opened
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil // bbolt says why it cannot be opened
	}
	if fi.Size() == 0 {
		return fmt.Errorf("%w: empty (0 bytes)", errFrontierDamaged)
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
	if need := int64(m.Pages) * int64(m.PageSize); size < need {
		return fmt.Errorf("cut short: %d bytes, its pages need %d", size, need)
	}
	return boltfile.CheckTree(r, m)
}

// newestMeta reads both meta pages, which must check (bbolt writes both
// when it makes the file), and returns the newer.
func newestMeta(r io.ReaderAt) (boltfile.Meta, error) {
	m0, err := frontierMeta(r, 0, 0)
	if err != nil {
		return m0, err
	}
	m1, err := frontierMeta(r, int64(m0.PageSize), 1)
	if err != nil || m0.TxID > m1.TxID {
		return m0, err
	}
	return m1, nil
}

// frontierMeta reads meta page id at off, which must check and hold a
// page size and page count a frontier can have.
func frontierMeta(r io.ReaderAt, off int64, id int) (boltfile.Meta, error) {
	m := boltfile.ReadMeta(r, off)
	switch {
	case !m.Magic:
		return m, fmt.Errorf("meta page %d: not a bbolt meta page", id)
	case m.Complaint != "":
		return m, fmt.Errorf("meta page %d: %s", id, m.Complaint)
	case m.PageSize > 1<<20:
		return m, fmt.Errorf("meta page %d: page size %d", id, m.PageSize)
	case m.Pages < 3 || m.Pages > 1<<40:
		return m, fmt.Errorf("meta page %d: %d pages in use", id, m.Pages)
	}
	return m, nil
}
