package archive

import (
	"errors"
	"fmt"
	"os"

	"github.com/prov-archive/prov/boltfile"
)

// ErrDamaged says the archive file is damaged: cut short, or its bbolt
// meta pages do not check. Such a file is refused before bbolt maps it,
// since reading past the end of a mapped file kills the process.
var ErrDamaged = errors.New("archive damaged")

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
	m0 := boltfile.ReadMeta(f, 0)
	m1 := boltfile.SecondMeta(f, m0, fi.Size())
	best := newestGood(m0, m1)
	if best == nil && !m0.Magic && !m1.Magic {
		return fmt.Errorf("%w: %s: no bbolt meta page", ErrNotArchive, path)
	}
	if best == nil {
		return fmt.Errorf("%w: %s: neither meta page checks (page 0: %s; page 1: %s)", ErrDamaged, path, m0.Complaint, m1.Complaint)
	}
	if need := int64(best.Pages) * int64(best.PageSize); fi.Size() < need {
		return fmt.Errorf("%w: %s: the file is %d bytes, its meta page (transaction %d) counts %d pages of %d bytes (%d bytes): cut short",
			ErrDamaged, path, fi.Size(), best.TxID, best.Pages, best.PageSize, need)
	}
	return nil
}

func newestGood(ms ...boltfile.Meta) *boltfile.Meta {
	var best *boltfile.Meta
	for i := range ms {
		if ms[i].Complaint == "" && (best == nil || ms[i].TxID > best.TxID) {
			best = &ms[i]
		}
	}
	return best
}
