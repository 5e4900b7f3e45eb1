package archive_test

import (
	"bytes"
	"fmt"
	"math/rand"
	"os"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/prov-archive/prov/archive"
)

// residentFileKB is the process's file-backed resident memory (RssFile),
// -1 where /proc does not say.
func residentFileKB() int {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return -1
	}
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, "RssFile:"); ok {
			var kb int
			fmt.Sscan(v, &kb)
			return kb
		}
	}
	return -1
}

// TestDropMapped: reads still see the same bytes after DropMapped, also
// when it runs while other goroutines read, and on Linux the archive's
// pages leave the resident set.
func TestDropMapped(t *testing.T) {
	db := MustOpen(t)
	var entries []archive.Entry
	rng := rand.New(rand.NewSource(1))
	for i := range 200 {
		u := fmt.Sprintf("http://drop.test/%d", i)
		noise := make([]byte, 40<<10) // does not deflate: 8 MB stored
		rng.Read(noise)
		entries = append(entries, page(u, string(noise), ""))
	}
	MustWrite(t, db, entries...)
	readAll := func() {
		for _, e := range entries {
			p, err := db.Payload(archive.Sum(e.Payload).String())
			if err != nil || !bytes.Equal(p, e.Payload) {
				t.Errorf("%s: %v", e.Capture.URL, err)
				return
			}
		}
	}
	readAll()
	before := residentFileKB()
	if err := db.DropMapped(); err != nil {
		t.Fatal(err)
	}
	if after := residentFileKB(); runtime.GOOS == "linux" && before >= 0 && after > before-1000 {
		t.Errorf("resident file pages %d kB before DropMapped, %d kB after: want a megabyte or more less", before, after)
	}
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(readAll)
	}
	for range 20 {
		if err := db.DropMapped(); err != nil {
			t.Error(err)
		}
	}
	wg.Wait()
}
