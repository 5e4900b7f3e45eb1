package archivetest

import (
	"hash/fnv"
	"slices"
	"strings"

	"github.com/prov-archive/prov/archive"
)

// WordShingles returns the sorted, distinct hashes of a text's word
// 3-grams: a shingler for tests (archive.Similarity.Shingles) that does
// not need clean.
func WordShingles(text string) []uint64 {
	w := strings.Fields(text)
	var out []uint64
	for i := 0; i+3 <= len(w); i++ {
		h := fnv.New64a()
		h.Write([]byte(strings.Join(w[i:i+3], " ")))
		out = append(out, h.Sum64())
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// WordSketch is a MinHash sketch of archive.SketchSize values over
// WordShingles, and the shingle count.
func WordSketch(text string) ([]uint32, int) {
	sh := WordShingles(text)
	s := make([]uint32, archive.SketchSize)
	for i := range s {
		s[i] = ^uint32(0)
		for _, x := range sh {
			if v := uint32((x*uint64(2*i+1)*0x9E3779B97F4A7C15 + uint64(i)) >> 32); v < s[i] {
				s[i] = v
			}
		}
	}
	return s, len(sh)
}
