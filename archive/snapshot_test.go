package archive_test

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/prov-archive/prov/archive"
)

// TestSnapshotIsOneMoment: a snapshot reads the archive as it was when
// opened, lets a writer in at once, cannot be written, names the archive
// as its path, and leaves no file behind.
func TestSnapshotIsOneMoment(t *testing.T) {
	path, dir := filepath.Join(t.TempDir(), "prov.db"), t.TempDir()
	writeClosed(t, path, page("http://a.test/1", htmlOf("one"), "one"))
	snap, err := archive.OpenSnapshot(path, dir, archive.Options{Timeout: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" {
		wantFiles(t, dir, 0, "with the snapshot open")
	}
	writeClosed(t, path, page("http://a.test/2", htmlOf("two"), "two")) // fails unless the snapshot let go
	if st, err := snap.Stats(); err != nil || st.Captures != 1 {
		t.Errorf("snapshot stats: %d captures, %v; want 1, as when it was opened", st.Captures, err)
	}
	if snap.Path() != path {
		t.Errorf("snapshot path %q, want the archive's %q", snap.Path(), path)
	}
	if _, err := snap.Write([]archive.Entry{page("http://a.test/3", "x", "")}); !errors.Is(err, archive.ErrReadOnly) {
		t.Errorf("write to a snapshot: %v, want ErrReadOnly", err)
	}
	if err := snap.Close(); err != nil {
		t.Fatal(err)
	}
	wantFiles(t, dir, 0, "after Close")
	if st := statsOf(t, path); st.Captures != 2 {
		t.Errorf("archive: %d captures, want 2", st.Captures)
	}
}

// TestSnapshotRefusals: what Open refuses, OpenSnapshot refuses the same
// way, and a snapshot it cannot make leaves nothing in its folder.
func TestSnapshotRefusals(t *testing.T) {
	tmp := t.TempDir()
	good, locked := filepath.Join(tmp, "prov.db"), filepath.Join(tmp, "locked.db")
	writeClosed(t, good, page("http://a.test/1", htmlOf("one"), "one"))
	MustWrite(t, MustOpenPath(t, locked, archive.Options{}), page("http://a.test/1", htmlOf("one"), "one"))
	notArchive := filepath.Join(tmp, "notes.txt")
	if err := os.WriteFile(notArchive, bytes.Repeat([]byte("not bbolt "), 1000), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, path, dir string
		want            error
	}{
		{"locked by a writer", locked, t.TempDir(), archive.ErrLocked},
		{"missing", filepath.Join(tmp, "none.db"), t.TempDir(), os.ErrNotExist},
		{"not an archive", notArchive, t.TempDir(), archive.ErrNotArchive},
		{"no such folder", good, filepath.Join(tmp, "gone"), os.ErrNotExist},
	} {
		db, err := archive.OpenSnapshot(c.path, c.dir, archive.Options{Timeout: 50 * time.Millisecond})
		if !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
		}
		if db != nil {
			db.Close()
		}
		if _, err := os.Stat(c.dir); err == nil {
			wantFiles(t, c.dir, 0, c.name)
		}
	}
}

// TestSnapshotVerifiesTheFilesBytes: a byte flipped in the archive file
// (not through bbolt) is found by Verify on a snapshot, naming the archive.
func TestSnapshotVerifiesTheFilesBytes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "prov.db")
	payload := randomBytes(rand.New(rand.NewPCG(1, 2)), 300) // stored raw, as it is in the file
	writeClosed(t, path, page("http://a.test/1", string(payload), ""))
	flipFileByte(t, path, payload)
	snap, err := archive.OpenSnapshot(path, t.TempDir(), archive.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer snap.Close()
	var got []archive.Finding
	if _, err := snap.VerifyWith(archive.VerifyOptions{}, func(f archive.Finding) error {
		got = append(got, f)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	key := archive.Sum(payload)
	if len(got) != 1 || got[0].Kind != archive.FindPayloadCorrupt || got[0].Key != key.String() {
		t.Errorf("findings %v, want one payload-corrupt for %s", got, key.Short())
	}
}

// flipFileByte changes a byte in the middle of the one place the file
// holds b.
func flipFileByte(t *testing.T, path string, b []byte) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(data, b)
	if i < 0 || bytes.Index(data[i+1:], b) >= 0 {
		t.Fatalf("the file holds the bytes %d times, want once", bytes.Count(data, b))
	}
	data[i+len(b)/2] ^= 0x20
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func wantFiles(t *testing.T, dir string, n int, when string) {
	t.Helper()
	files, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != n {
		t.Errorf("%s: %d files in the snapshot folder, want %d", when, len(files), n)
	}
}

func statsOf(t *testing.T, path string) archive.Stats {
	t.Helper()
	db := MustOpenPath(t, path, archive.Options{ReadOnly: true})
	st, err := db.Stats()
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// BenchmarkOpenSnapshot measures the copy's speed (MB/s of archive file),
// which bounds how long a read command holds the archive: a 64 MB archive
// of incompressible payloads, copied from the page cache.
func BenchmarkOpenSnapshot(b *testing.B) {
	path := filepath.Join(b.TempDir(), "prov.db")
	rng := rand.New(rand.NewPCG(3, 4))
	for i := range 16 {
		var batch []archive.Entry
		for j := range 64 {
			payload := randomBytes(rng, 64<<10)
			batch = append(batch, page(fmt.Sprintf("http://bench.test/%d", i*64+j), string(payload), ""))
		}
		writeClosed(b, path, batch...)
	}
	fi, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(fi.Size())
	dir := b.TempDir()
	for b.Loop() {
		db, err := archive.OpenSnapshot(path, dir, archive.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if err := db.Close(); err != nil {
			b.Fatal(err)
		}
	}
}

// writeClosed writes entries into the archive at path in one transaction
// and closes it; it waits at most 100ms for the file lock.
func writeClosed(tb testing.TB, path string, entries ...archive.Entry) {
	tb.Helper()
	db, err := archive.Open(path, archive.Options{Timeout: 100 * time.Millisecond})
	if err != nil {
		tb.Fatal(err)
	}
	_, err = db.Write(entries)
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		tb.Fatal(err)
	}
}

// randomBytes is n bytes from rng: deflate cannot shrink them.
func randomBytes(rng *rand.Rand, n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(rng.Uint32())
	}
	return b
}
