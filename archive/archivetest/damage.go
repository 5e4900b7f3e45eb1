package archivetest

import (
	"encoding/binary"
	"os"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// Damage of a bbolt file (an archive, a frontier), as a disk or a cut
// does it, for tests of what prov makes of it. The layout read here is
// bbolt's on a little-endian machine: a page starts with its ID (8
// bytes), flags (2), element count (2) and overflow (4); a meta page's
// body, 16 bytes in, holds magic, version, page size and flags (4 bytes
// each), the root bucket (16), the freelist page, the high-water mark
// and the transaction ID (8 each), then their checksum.

// pageSize reads the file's page size from meta page 0.
func pageSize(t testing.TB, file []byte) int {
	t.Helper()
	if len(file) < 64 {
		t.Fatalf("a bbolt file of %d bytes", len(file))
	}
	return int(binary.LittleEndian.Uint32(file[16+8:]))
}

// MetaTxids returns the transaction IDs the two meta pages of the bbolt
// file at path name.
func MetaTxids(t testing.TB, path string) [2]uint64 {
	t.Helper()
	file := readFile(t, path)
	ps := pageSize(t, file)
	return [2]uint64{binary.LittleEndian.Uint64(file[16+48:]), binary.LittleEndian.Uint64(file[ps+16+48:])}
}

// NewestMeta returns the meta page (0 or 1) of the newest commit and its
// transaction ID.
func NewestMeta(t testing.TB, path string) (page int, txid uint64) {
	t.Helper()
	tx := MetaTxids(t, path)
	if tx[1] > tx[0] {
		return 1, tx[1]
	}
	return 0, tx[0]
}

// FlipMetaBit flips one bit of meta page page's high-water mark, which its
// checksum covers: the page no longer checks, and the transaction ID it
// names still reads.
func FlipMetaBit(t testing.TB, path string, page int) {
	t.Helper()
	file := readFile(t, path)
	file[page*pageSize(t, file)+16+40] ^= 1
	writeFile(t, path, file)
}

// ZeroPage writes zeros over page id of the bbolt file at path, as a
// lost write of a disk leaves it.
func ZeroPage(t testing.TB, path string, id uint64) {
	t.Helper()
	file := readFile(t, path)
	ps := pageSize(t, file)
	clear(file[int(id)*ps : (int(id)+1)*ps])
	writeFile(t, path, file)
}

// RootPage returns the page of the root bucket (the one that lists the
// top-level buckets) as the newest meta page of the bbolt file at path
// names it.
func RootPage(t testing.TB, path string) uint64 {
	t.Helper()
	pg, _ := NewestMeta(t, path)
	file := readFile(t, path)
	return binary.LittleEndian.Uint64(file[pg*pageSize(t, file)+16+16:])
}

// LeafPage returns a leaf page of the top-level bucket name of the bbolt
// file at path: going down from its root, the middle child of each
// branch page (the last with last). It fails t when the bucket has no
// page of its own (it is inline in its parent's).
func LeafPage(t testing.TB, path, name string, last bool) uint64 {
	t.Helper()
	bdb, err := bolt.Open(path, 0o644, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	var id uint64
	bdb.View(func(tx *bolt.Tx) error {
		if b := tx.Bucket([]byte(name)); b != nil {
			id = uint64(b.Root())
		}
		return nil
	})
	bdb.Close()
	if id == 0 {
		t.Fatalf("bucket %s has no page of its own", name)
	}
	file := readFile(t, path)
	ps := pageSize(t, file)
	for {
		p := file[int(id)*ps:]
		const branch = 0x01
		if binary.LittleEndian.Uint16(p[8:]) != branch {
			return id
		}
		n := int(binary.LittleEndian.Uint16(p[10:]))
		i := n / 2
		if last {
			i = n - 1
		}
		id = binary.LittleEndian.Uint64(p[16+i*16+8:]) // a branch element: pos, key size (4 each), child page
	}
}

func readFile(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func writeFile(t testing.TB, path string, b []byte) {
	t.Helper()
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}
