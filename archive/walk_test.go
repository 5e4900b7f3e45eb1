package archive_test

import (
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/prov-archive/prov/archive"
)

// TestVerifyAndSalvageGetPastABadPage damages one leaf page of the
// captures bucket (an invalid page type: bbolt panics on it) in an
// archive of many captures. Verify reports one unreadable span around
// that page's keys and checks the rest; salvage copies every other
// capture, and its archive verifies clean.
func TestVerifyAndSalvageGetPastABadPage(t *testing.T) {
	const n = 1200
	path := filepath.Join(t.TempDir(), "prov.db")
	db := MustOpenPath(t, path, archive.Options{})
	entries := make([]archive.Entry, n)
	for i := range entries {
		entries[i] = page(fmt.Sprintf("http://site.test/%04d", i), htmlOf(fmt.Sprint(i)), "")
	}
	MustWrite(t, db, entries...)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	first, count := breakCaptureLeaf(t, path)

	ro := MustOpenPath(t, path, archive.Options{ReadOnly: true})
	var spans []archive.Finding
	st, err := ro.VerifyWith(archive.VerifyOptions{}, func(f archive.Finding) error {
		if f.Kind == archive.FindUnreadable {
			spans = append(spans, f)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(spans) != 1 || spans[0].Bucket != "captures" || spans[0].Key != fmt.Sprintf("%016x", first-1) || spans[0].Until != fmt.Sprintf("%016x", first+count) {
		t.Errorf("unreadable findings %v, want one in captures after %d up to %d", spans, first-1, first+count)
	}
	if st.Captures != n-int(count) {
		t.Errorf("verify read %d captures, want %d", st.Captures, n-int(count))
	}

	into := filepath.Join(t.TempDir(), "rescued.db")
	sst, err := archive.Salvage(path, into, archive.SalvageOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if sst.Copied["captures"] != n-int(count) || sst.Lost["pages"] != 1 {
		t.Errorf("salvage %+v, want %d captures copied, 1 span lost", sst, n-int(count))
	}
	rescued := MustOpenPath(t, into, archive.Options{ReadOnly: true})
	if err := rescued.Verify(func(f archive.Finding) error { return f }); err != nil {
		t.Errorf("verify of the salvaged archive: %v", err)
	}
}

// breakCaptureLeaf gives a leaf page of the captures bucket, one in the
// middle of the file's, an invalid page type, and returns the ID of its
// first capture and how many it holds.
func breakCaptureLeaf(t *testing.T, path string) (first, count uint64) {
	t.Helper()
	bdb, err := bolt.Open(path, 0o644, nil) // not read-only: Tx.Page needs the freelist
	if err != nil {
		t.Fatal(err)
	}
	file, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var leaves []int
	ps := bdb.Info().PageSize
	bdb.View(func(tx *bolt.Tx) error {
		for id := 2; (id+1)*ps <= len(file); id++ {
			if p, err := tx.Page(id); err == nil && p != nil && p.Type == "leaf" && isCaptureLeaf(file[id*ps:(id+1)*ps]) {
				leaves = append(leaves, id)
			}
		}
		return nil
	})
	bdb.Close()
	if len(leaves) < 3 {
		t.Fatalf("%d leaf pages of captures, want 3 or more", len(leaves))
	}
	pg := file[leaves[len(leaves)/2]*ps:]
	first = binary.BigEndian.Uint64(leafKey(pg, 0))
	count = uint64(binary.LittleEndian.Uint16(pg[10:]))
	binary.LittleEndian.PutUint16(pg[8:], 0x80) // no page type bbolt knows
	if err := os.WriteFile(path, file, 0o644); err != nil {
		t.Fatal(err)
	}
	return first, count
}

// isCaptureLeaf: a leaf page whose first key is 8 bytes and whose value
// is a capture record: binary (marker 1, or 2 for one whose rest is in
// a capture block; flags, then the key's ID) or JSON. bbolt's leaf element: flags, pos, ksize, vsize (4 bytes each, pos
// from the element), after the 16-byte page header.
func isCaptureLeaf(pg []byte) bool {
	k := leafKey(pg, 0)
	if len(k) != 8 {
		return false
	}
	vsize := int(binary.LittleEndian.Uint32(pg[16+12:]))
	v := pg[16+int(binary.LittleEndian.Uint32(pg[16+4:]))+8:]
	if vsize >= len(v) {
		return false
	}
	v = v[:vsize]
	return len(v) > 10 && (v[0] == 1 || v[0] == 2) && string(v[2:10]) == string(k) || strings.HasPrefix(string(v), `{"id":`)
}

func leafKey(pg []byte, i int) []byte {
	e := 16 + 16*i
	pos, ksize := int(binary.LittleEndian.Uint32(pg[e+4:])), int(binary.LittleEndian.Uint32(pg[e+8:]))
	if e+pos+ksize > len(pg) {
		return nil
	}
	return pg[e+pos : e+pos+ksize]
}
