package clean

import (
	"slices"
	"testing"
)

// The AVX-512 kernel gives sketchGeneric's values for every input:
// shingle sets of every length from 0 to 70 and some long ones, drawn at
// random and at the edges of uint64 (0, 1, all ones).
func TestSketchAVX512AsGeneric(t *testing.T) {
	if !minhashAVX512 {
		t.Skip("this CPU has no AVX-512 DQ: sketchInto is sketchGeneric")
	}
	x := uint64(3)
	var sets [][]uint64
	for n := range 71 {
		sets = append(sets, randomHashes(n, &x))
	}
	for _, n := range []int{255, 256, 257, 800, 5000} {
		sets = append(sets, randomHashes(n, &x))
	}
	sets = append(sets, []uint64{0}, []uint64{^uint64(0)}, []uint64{0, 1, ^uint64(0)}, []uint64{1 << 63, 1<<63 - 1})
	for _, s := range sets {
		want, got := make([]uint32, SketchSize), make([]uint32, SketchSize)
		sketchGeneric(s, want)
		sketchInto(s, got)
		if !slices.Equal(got, want) {
			t.Fatalf("%d shingles: sketchInto differs from sketchGeneric\n got %x\nwant %x", len(s), got, want)
		}
	}
}

// BenchmarkSketchInto sketches 800 shingles (BenchmarkSketchOf's) both
// ways.
func BenchmarkSketchInto(b *testing.B) {
	x := uint64(11)
	s := randomHashes(800, &x)
	out := make([]uint32, SketchSize)
	b.Run("generic", func(b *testing.B) {
		for b.Loop() {
			sketchGeneric(s, out)
		}
	})
	b.Run("avx512", func(b *testing.B) {
		if !minhashAVX512 {
			b.Skip("no AVX-512 DQ")
		}
		for b.Loop() {
			sketchInto(s, out)
		}
	})
}
