//go:build linux

package archive

import (
	"bytes"
	"fmt"
	"math/rand"
	"testing"

	"github.com/prov-archive/prov/memory"
)

// TestDropMappedOver: under its limit dropMappedOver leaves the archive's
// pages resident; past it, they leave, and reads see the same bytes.
func TestDropMappedOver(t *testing.T) {
	db := openTestDB(t)
	rng := rand.New(rand.NewSource(1))
	var entries []Entry
	for i := range 100 {
		noise := make([]byte, 40<<10) // does not deflate: 4 MB stored
		rng.Read(noise)
		entries = append(entries, Entry{Capture: Capture{URL: fmt.Sprintf("http://over.test/%d", i), Status: 200}, Payload: noise})
	}
	if _, err := db.Write(entries); err != nil {
		t.Fatal(err)
	}
	readAll := func() {
		for _, e := range entries {
			if p, err := db.Payload(Sum(e.Payload).String()); err != nil || !bytes.Equal(p, e.Payload) {
				t.Fatalf("%s: payload reads back different (%v)", e.Capture.URL, err)
			}
		}
	}
	readAll()
	before, ok := memory.ResidentFile()
	if !ok {
		t.Skip("no /proc/self/statm")
	}
	if err := db.dropMappedOver(before + 1<<30); err != nil {
		t.Fatal(err)
	}
	if n, _ := memory.ResidentFile(); n < before-2<<20 {
		t.Errorf("under the limit: resident file pages went from %d to %d bytes", before, n)
	}
	if err := db.dropMappedOver(0); err != nil {
		t.Fatal(err)
	}
	if n, _ := memory.ResidentFile(); n > before-2<<20 {
		t.Errorf("past the limit: resident file pages %d bytes before, %d after: want 2 MB or more less", before, n)
	}
	readAll()
}
