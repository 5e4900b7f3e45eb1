package search

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"testing"
)

// chunkMerger makes the chunk encodeChunk makes of every posting of the
// chunks it is given, whether their documents follow one another (joined
// as they are) or not (decoded and sorted), and refuses a damaged chunk.
func TestChunkMergerSameAsEncode(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var m chunkMerger
	for trial := range 2000 {
		var chunks [][]byte
		var all []hit
		doc := uint32(rng.IntN(5))
		inOrder := trial%2 == 0
		for range 1 + rng.IntN(6) {
			var hs []hit
			if !inOrder {
				doc = uint32(rng.IntN(50)) // may overlap an earlier chunk's documents
			}
			for range rng.IntN(8) {
				doc += 1 + uint32(rng.IntN(1000))
				hs = append(hs, hit{doc, 1 + uint32(rng.IntN(300))})
			}
			all = append(all, hs...)
			chunks = append(chunks, encodeChunk(append([]hit(nil), hs...)))
		}
		m.reset()
		for _, c := range chunks {
			if err := m.add(c); err != nil {
				t.Fatalf("trial %d: %v", trial, err)
			}
		}
		want := encodeChunk(all)
		if got := m.chunk(); !bytes.Equal(got, want) {
			t.Fatalf("trial %d (in order %v): merged %x, want %x", trial, inOrder, got, want)
		}
	}
	m.reset()
	if err := m.add([]byte{0x85}); !errors.Is(err, errChunk) {
		t.Errorf("a cut uvarint: err %v, want errChunk", err)
	}
	if err := m.add([]byte{3}); !errors.Is(err, errChunk) {
		t.Errorf("a document without its count: err %v, want errChunk", err)
	}
}
