package search

import (
	"bytes"
	"encoding/binary"
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

// refChunkSpan is chunkSpan as it was, varint by varint.
func refChunkSpan(v []byte) (first, last uint32, n int, err error) {
	doc := uint32(0)
	for i := 0; len(v) > 0; i++ {
		d, k := binary.Uvarint(v)
		if k <= 0 {
			return 0, 0, 0, errChunk
		}
		if i == 0 {
			first, n = uint32(d), k
		}
		v = v[k:]
		_, c := binary.Uvarint(v)
		if c <= 0 {
			return 0, 0, 0, errChunk
		}
		v = v[c:]
		doc += uint32(d)
	}
	if n == 0 {
		return 0, 0, 0, errChunk
	}
	return first, doc, n, nil
}

// TestChunkSpanSameAsOracle: chunkSpan says what reading a chunk varint
// by varint says, of chunks of one-byte varints, of longer ones, of both
// mixed, and of damaged ones: cut short, a delta without its count, a
// varint past 64 bits, empty.
func TestChunkSpanSameAsOracle(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	small := func() uint64 { return uint64(rng.IntN(128)) }
	for trial := range 20000 {
		var v []byte
		for range rng.IntN(40) {
			d, c := small(), 1+small()
			if rng.IntN(1+trial%4) == 1 { // longer ones, more often in some trials
				d = uint64(rng.IntN(1 << 20))
			}
			if rng.IntN(8) == 0 {
				c = uint64(rng.IntN(1 << 16))
			}
			v = binary.AppendUvarint(binary.AppendUvarint(v, d), c)
		}
		switch trial % 5 {
		case 1:
			v = v[:rng.IntN(len(v)+1)] // cut short
		case 2:
			v = append(v, 0x05) // a delta without its count
		case 3:
			v = append(v, bytes.Repeat([]byte{0xff}, 10)...) // past 64 bits
			v = append(v, 1, 1)
		}
		f, l, n, err := chunkSpan(v)
		rf, rl, rn, rerr := refChunkSpan(v)
		if f != rf || l != rl || n != rn || (err == nil) != (rerr == nil) {
			t.Fatalf("trial %d, % x: %d %d %d %v; the oracle %d %d %d %v", trial, v, f, l, n, err, rf, rl, rn, rerr)
		}
	}
}
