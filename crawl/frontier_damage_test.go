package crawl

import (
	"bytes"
	"encoding/binary"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// stoppedFrontier writes the frontier of a stopped run, 2,000 URLs
// queued, at a new path, and returns the path.
func stoppedFrontier(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "prov.db.frontier")
	f, err := OpenFrontier(path)
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for i := range 2000 {
		keys = append(keys, "http://x.test/"+strings.Repeat("p", 40)+strconv.Itoa(i))
	}
	if _, _, err := f.add(keys, 0, kindPage, budget{}); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// rootOf returns the root page of bucket name of the bbolt file at path.
func rootOf(t *testing.T, path string, name []byte) int64 {
	t.Helper()
	b, err := bolt.Open(path, 0o644, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	var root int64
	b.View(func(tx *bolt.Tx) error { root = int64(tx.Bucket(name).Root()); return nil })
	return root
}

// TestDamagedFrontierSetAside damages a stopped run's frontier as a
// power cut can: a page zeroed (bbolt panicked in its own goroutine at
// every open, killing the crawl), both meta pages overwritten, random
// bytes, the file cut short (each of these was removed without a word).
// Now each is checked before bbolt opens it, set aside as
// FILE.damaged-TIME and said through OnReset, and the run gets a new,
// empty frontier.
func TestDamagedFrontierSetAside(t *testing.T) {
	damages := map[string]func(t *testing.T, path string, file []byte) []byte{
		"zeroed page": func(t *testing.T, path string, file []byte) []byte {
			ps := int64(binary.LittleEndian.Uint32(file[16+8:]))
			root := rootOf(t, path, fbSeen)
			clear(file[root*ps : (root+1)*ps])
			return file
		},
		"meta pages": func(t *testing.T, path string, file []byte) []byte {
			ps := int(binary.LittleEndian.Uint32(file[16+8:]))
			copy(file[16:], "\xff\xff\xff\xff")
			copy(file[ps+16:], "\xff\xff\xff\xff")
			return file
		},
		"random bytes": func(t *testing.T, path string, file []byte) []byte {
			junk := make([]byte, 100000)
			for i := range junk {
				junk[i] = byte(rand.N(256))
			}
			return junk
		},
		"cut short": func(t *testing.T, path string, file []byte) []byte { return file[:len(file)/2] },
		"empty":     func(t *testing.T, path string, file []byte) []byte { return nil }, // a crash's 0 bytes: once started over silently
	}
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	for name, damage := range damages {
		t.Run(name, func(t *testing.T) {
			path := stoppedFrontier(t)
			file, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			bad := damage(t, path, file)
			if err := os.WriteFile(path, bad, 0o644); err != nil {
				t.Fatal(err)
			}
			var resets []FrontierReset
			f, err := OpenFrontierWith(path, FrontierOptions{OnReset: func(r FrontierReset) { resets = append(resets, r) }, Now: func() time.Time { return at }})
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			aside := path + ".damaged-20260102T030405Z"
			if len(resets) != 1 || resets[0].SetAside != aside || resets[0].Path != path || !strings.Contains(resets[0].String(), "starts over from its seeds") {
				t.Errorf("resets %v, want one, set aside as %s", resets, aside)
			}
			if kept, err := os.ReadFile(aside); err != nil || !bytes.Equal(kept, bad) {
				t.Errorf("the damaged file was not kept as it was (%v)", err)
			}
			if n := f.Queued(); n != 0 {
				t.Errorf("%d queued, want a new frontier", n)
			}
		})
	}
}

// TestFrontierCheckPassesWhatBboltWrote: the frontier of a long stopped
// run, reopened, is not taken for damaged (nothing is set aside), and
// neither is the frontier of a run some of whose URLs are done.
func TestFrontierCheckPassesWhatBboltWrote(t *testing.T) {
	path := stoppedFrontier(t)
	reset := func(r FrontierReset) { t.Errorf("a sound frontier was set aside: %v", r) }
	f, err := OpenFrontierWith(path, FrontierOptions{OnReset: reset})
	if err != nil {
		t.Fatal(err)
	}
	var done []string
	for i := 0; i < 2000; i += 3 {
		done = append(done, "http://x.test/"+strings.Repeat("p", 40)+strconv.Itoa(i))
	}
	if err := f.Done(done...); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if err := checkFrontier(path); err != nil {
		t.Fatal(err)
	}
	f, err = OpenFrontierWith(path, FrontierOptions{OnReset: reset})
	if err != nil {
		t.Fatal(err)
	}
	if n := f.Queued(); n != 2000 {
		t.Errorf("%d queued after reopening, want 2000", n)
	}
	f.Close()
}

// TestTemporaryFrontierNotSetAside: the temporary frontier (path ""),
// created empty for bbolt to fill, is not taken for an empty, damaged one.
func TestTemporaryFrontierNotSetAside(t *testing.T) {
	f, err := OpenFrontierWith("", FrontierOptions{OnReset: func(r FrontierReset) { t.Errorf("a new temporary frontier was set aside: %v", r) }})
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
}
