//go:build !amd64

package clean

// sketchInto sets out (SketchSize values) to the MinHash sketch of
// shingles: sketchGeneric, on a CPU without a vector kernel for it.
func sketchInto(shingles []uint64, out []uint32) { sketchGeneric(shingles, out) }
