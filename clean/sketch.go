package clean

import (
	"slices"
	"strings"
	"unicode"
)

// Near-duplicate sketches.
//
// A text's shingles are the 5-grams of its tokens, taken over
// Normalize(text): every CJK character is one token (so Chinese and
// Japanese get character 5-grams), every other run of letters and digits
// is one lower-cased word (so other scripts get word 5-grams), and
// punctuation, spaces and paragraph breaks only separate tokens. A text of
// fewer than five tokens has one shingle, of all of them. A shingle is
// named by a 64-bit hash of its tokens, stable across runs and machines.
//
// The sketch is a MinHash of the shingle set: SketchSize values, value i the
// least of the shingles under the i-th hash function. The fraction of
// equal values of two sketches estimates the Jaccard resemblance of the
// two shingle sets.
const (
	ShingleSize = 5   // tokens per shingle
	SketchSize  = 128 // values per sketch
)

// Shingles returns the sorted, distinct shingle hashes of text (see above);
// nil when text has no tokens.
func Shingles(text string) []uint64 { return shinglesOf(Normalize(text)) }

// shinglesOf is Shingles of text already normalised.
func shinglesOf(norm string) []uint64 {
	toks := tokenHashes(norm)
	if len(toks) == 0 {
		return nil
	}
	n := max(len(toks)-ShingleSize+1, 1)
	out := make([]uint64, 0, n)
	for i := 0; i < n; i++ {
		out = append(out, shingleHash(toks[i:min(i+ShingleSize, len(toks))]))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Sketch returns the MinHash sketch of text and the number of its distinct
// shingles; nil and 0 when text has no tokens.
func Sketch(text string) (sketch []uint32, shingles int) {
	return sketchNormal(Normalize(text))
}

func sketchNormal(norm string) (sketch []uint32, shingles int) {
	sh := shinglesOf(norm)
	return SketchOf(sh), len(sh)
}

// SketchOf returns the MinHash sketch of a shingle set; nil when empty.
func SketchOf(shingles []uint64) []uint32 {
	if len(shingles) == 0 {
		return nil
	}
	out := make([]uint32, SketchSize)
	for i := range out {
		a, b := minhashSeeds[i][0], minhashSeeds[i][1]
		m := uint32(0xFFFFFFFF)
		for _, x := range shingles {
			if v := uint32((a*x + b) >> 32); v < m {
				m = v
			}
		}
		out[i] = m
	}
	return out
}

// minhashSeeds are the SketchSize hash functions x → (a·x + b) >> 32 over
// mixed 64-bit shingle hashes, a odd. Fixed: changing them changes every
// stored sketch.
var minhashSeeds = func() [SketchSize][2]uint64 {
	var s [SketchSize][2]uint64
	state := uint64(0x70726f76) // "prov"
	for i := range s {
		state = splitmix64(state)
		s[i][0] = state | 1
		state = splitmix64(state)
		s[i][1] = state
	}
	return s
}()

// tokenHashes splits normalised text into tokens and hashes each.
func tokenHashes(norm string) []uint64 {
	var out []uint64
	var word strings.Builder
	flush := func() {
		if word.Len() > 0 {
			out = append(out, fnv64(word.String()))
			word.Reset()
		}
	}
	for _, r := range norm {
		switch {
		case isCJK(r) && (unicode.IsLetter(r) || unicode.IsNumber(r)):
			flush()
			out = append(out, fnv64(string(r)))
		case unicode.IsLetter(r) || unicode.IsNumber(r):
			word.WriteRune(unicode.ToLower(r))
		default:
			flush()
		}
	}
	flush()
	return out
}

func shingleHash(toks []uint64) uint64 {
	h := uint64(14695981039346656037)
	for _, t := range toks {
		h = (h ^ t) * 1099511628211
	}
	return splitmix64(h)
}

func fnv64(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * 1099511628211
	}
	return h
}

// splitmix64 is the finaliser of SplitMix64: a bijective 64-bit mixer.
func splitmix64(x uint64) uint64 {
	x += 0x9E3779B97F4A7C15
	x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9
	x = (x ^ (x >> 27)) * 0x94D049BB133111EB
	return x ^ (x >> 31)
}
