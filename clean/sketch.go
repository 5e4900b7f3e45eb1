package clean

import (
	"math/bits"
	"slices"
	"sync"
	"unicode"
	"unicode/utf8"
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

// SketchOf computes four values a pass (minhash4): SketchSize must stay a
// multiple of four, or this fails to compile.
var _ = [1]int{}[SketchSize%4]

// sketchInto's AVX-512 kernel computes 32 values a pass: SketchSize must
// stay a multiple of 32 as well.
var _ = [1]int{}[SketchSize%32]

// Shingles returns the sorted, distinct shingle hashes of text (see above);
// nil when text has no tokens.
func Shingles(text string) []uint64 { return shinglesOf(Normalize(text)) }

// shinglesOf is Shingles of text already normalised.
func shinglesOf(norm string) []uint64 {
	// A token takes three bytes of Chinese or about six of English, and
	// there is a shingle per token: this is enough for most texts at once.
	return appendShingles(make([]uint64, 0, len(norm)/3+1), norm)
}

// appendShingles is shinglesOf into dst's memory (dst is emptied first);
// nil when norm has no tokens.
func appendShingles(dst []uint64, norm string) []uint64 {
	sc := shingleScan{out: dst[:0]}
	sc.scan(norm)
	out := sc.finish()
	if len(out) == 0 {
		return nil
	}
	sortHashes(out)
	return slices.Compact(out)
}

// sortHashes sorts s in increasing order, as slices.Sort does, in about
// a third of its time: shingle hashes are uniformly spread 64-bit values, which
// a bucket sort on their top bits (one or two values a bucket) puts in
// order in two passes; each bucket is then sorted by itself, by
// slices.Sort when large, which keeps the worst case (every value in one
// bucket) at n log n.
func sortHashes(s []uint64) {
	if len(s) < 64 {
		slices.Sort(s)
		return
	}
	k := min(bits.Len(uint(len(s)))-1, 16) // 2^k buckets
	shift := 64 - k
	sc := sortScratch.Get().(*hashScratch)
	defer sortScratch.Put(sc)
	end := slices.Grow(sc.end[:0], 1<<k)[:1<<k]
	clear(end)
	for _, v := range s {
		end[v>>shift]++
	}
	at := 0
	for b, n := range end {
		end[b] = at // start of bucket b, until the scatter moves it to its end
		at += n
	}
	dst := slices.Grow(sc.dst[:0], len(s))[:len(s)]
	for _, v := range s {
		b := v >> shift
		dst[end[b]] = v
		end[b]++
	}
	from := 0
	for _, to := range end {
		switch bucket := dst[from:to]; {
		case len(bucket) > 12:
			slices.Sort(bucket)
		case len(bucket) > 1:
			insertionSort(bucket)
		}
		from = to
	}
	copy(s, dst)
	sc.end, sc.dst = end, dst
}

// hashScratch is sortHashes' working memory, kept between calls.
type hashScratch struct {
	end []int
	dst []uint64
}

var sortScratch = sync.Pool{New: func() any { return new(hashScratch) }}

func insertionSort(s []uint64) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// shingleScan turns a stream of token hashes into shingle hashes without
// keeping the tokens: the shingle of tokens i…i+4 is emitted when token
// i+4 arrives, and a text of fewer than ShingleSize tokens gets one
// shingle of all of them at finish.
type shingleScan struct {
	win [ShingleSize - 1]uint64 // the tokens before the newest, oldest first
	n   int                     // tokens seen
	out []uint64
}

// scan hashes five tokens a shingle (shingleHash5): ShingleSize must stay
// 5, or this fails to compile.
var _ = [1]int{}[ShingleSize-5]

// scan takes the tokens of norm (nextToken), in order. The window is
// held in locals and shifted in place, the shingle hashed without a slice
// of its tokens: a call per token through a function value, and a copy
// of the window, were half of shingling.
//
// An ideograph at i is its own token (nextToken's first case), hashed
// here without the call: in Chinese text most tokens are, one after the
// other.
func (sc *shingleScan) scan(norm string) {
	w, n, out := sc.win, sc.n, sc.out
	for i := 0; ; {
		var tok uint64
		if _, ok := hanAt(norm, i); ok {
			tok = fnvHan(norm[i : i+hanSize])
			i += hanSize
		} else {
			t, next, ok := nextToken(norm, i)
			if !ok {
				break
			}
			tok, i = t, next
		}
		if n < ShingleSize-1 {
			w[n] = tok
		} else {
			out = append(out, shingleHash5(w[0], w[1], w[2], w[3], tok))
			w[0], w[1], w[2], w[3] = w[1], w[2], w[3], tok
		}
		n++
	}
	sc.win, sc.n, sc.out = w, n, out
}

func (sc *shingleScan) finish() []uint64 {
	if sc.n > 0 && sc.n < ShingleSize {
		sc.out = append(sc.out, shingleHash(sc.win[:sc.n]))
	}
	return sc.out
}

// Sketch returns the MinHash sketch of text and the number of its distinct
// shingles; nil and 0 when text has no tokens.
func Sketch(text string) (sketch []uint32, shingles int) {
	return sketchNormal(Normalize(text))
}

// sketchNormal is Sketch of text already normalised. Its shingles are
// made in memory kept from the last call (shingleMemory): only the
// sketch is kept, and a shingle a token was most of a page's garbage
// after the parse.
//
// The shingles are made distinct (distinctHashes), not sorted: a MinHash
// and a count need the set, not its order, and a table finds a page's
// duplicates in about half the time the sort and compaction took
// (BenchmarkDistinctHashes).
func sketchNormal(norm string) (sketch []uint32, shingles int) {
	mem := shingleMemory.Get().(*[]uint64)
	sc := shingleScan{out: slices.Grow((*mem)[:0], len(norm)/3+1)}
	sc.scan(norm)
	all := sc.finish()
	sh := distinctHashes(all)
	sketch, shingles = SketchOf(sh), len(sh)
	if cap(all) <= maxKeptShingles {
		*mem = all[:0]
	}
	shingleMemory.Put(mem)
	return sketch, shingles
}

// distinctHashes moves the distinct values of s to its front, in no
// order to rely on, and returns them; the rest of s is left unspecified.
// It keeps the values seen in an open-addressing table indexed by their
// top bits, which shingle hashes (splitmix64 outputs) spread evenly. A
// set that probes too long (values made to share their top bits) is
// sorted instead: the worst case stays n log n. So is a set of more than
// maxKeptShingles values (a huge text's), whose table would be larger
// than the sort's scratch memory.
func distinctHashes(s []uint64) []uint64 {
	switch {
	case len(s) < 2:
		return s
	case len(s) > maxKeptShingles:
		return sortDistinct(s, 0, 0)
	}
	k := bits.Len(uint(2*len(s) - 1)) // a table at least twice the values, at most 1 MB
	shift := 64 - k
	mem := hashTables.Get().(*[]uint64)
	defer hashTables.Put(mem)
	if cap(*mem) < 1<<k {
		*mem = make([]uint64, 1<<k)
	}
	table := (*mem)[:1<<k]
	clear(table)
	mask := uint64(len(table) - 1)
	probes, maxProbes := 0, 4*len(s)
	n, zero := 0, false // distinct values kept in s[:n]; 0 (the table's empty slot) seen
	for i, v := range s {
		if v == 0 {
			if !zero {
				zero = true
				s[n] = v
				n++
			}
			continue
		}
		for at := v >> shift; ; at = (at + 1) & mask {
			if table[at] == v {
				break
			}
			if table[at] == 0 {
				table[at] = v
				s[n] = v
				n++
				break
			}
			if probes++; probes > maxProbes {
				return sortDistinct(s, n, i)
			}
		}
	}
	return s[:n]
}

// sortDistinct is distinctHashes' way out: s[:n] holds distinct values
// and s[from:] those not yet read, which together have the distinct values
// of the whole s; it returns them sorted.
func sortDistinct(s []uint64, n, from int) []uint64 {
	s = append(s[:n], s[from:]...)
	sortHashes(s)
	return slices.Compact(s)
}

var hashTables = sync.Pool{New: func() any { return new([]uint64) }}

// maxKeptShingles bounds the memory sketchNormal keeps between calls
// (8 bytes a shingle): a huge text's shingles are left to the collector.
const maxKeptShingles = 1 << 16

var shingleMemory = sync.Pool{New: func() any { return new([]uint64) }}

// SketchOf returns the MinHash sketch of a shingle set; nil when empty.
func SketchOf(shingles []uint64) []uint32 {
	if len(shingles) == 0 {
		return nil
	}
	out := make([]uint32, SketchSize)
	sketchInto(shingles, out)
	return out
}

// sketchGeneric sets out (SketchSize values) to the MinHash sketch of
// shingles, four hash functions a pass (minhash4). sketchInto is this,
// or a vector kernel that gives the same values.
func sketchGeneric(shingles []uint64, out []uint32) {
	for i := 0; i < SketchSize; i += 4 {
		m0, m1, m2, m3 := minhash4(shingles, (*[4][2]uint64)(minhashSeeds[i:i+4]))
		out[i], out[i+1], out[i+2], out[i+3] = uint32(m0>>32), uint32(m1>>32), uint32(m2>>32), uint32(m3>>32)
	}
}

// minhash4 returns the least 64-bit values of the shingles under the four
// hash functions x → a·x + b of seeds; SketchOf keeps their top halves
// (v → v>>32 never decreases, so the top half of the least value is the
// least top half, and the shift is paid once, not once a product). Four
// functions per pass over the shingles, not one: each shingle is loaded
// once for four independent multiplications, which the CPU overlaps, and
// the loop's overhead is paid a quarter as often. The seeds are read
// through a pointer in the loop, not held in variables: with their eight
// values live, the compiler ran out of registers and moved the minima
// through memory on every shingle. It is the hot loop of sketching
// (SketchSize × shingles products).
func minhash4(shingles []uint64, seeds *[4][2]uint64) (m0, m1, m2, m3 uint64) {
	m0, m1, m2, m3 = ^uint64(0), ^uint64(0), ^uint64(0), ^uint64(0)
	for _, x := range shingles {
		m0 = min(m0, seeds[0][0]*x+seeds[0][1])
		m1 = min(m1, seeds[1][0]*x+seeds[1][1])
		m2 = min(m2, seeds[2][0]*x+seeds[2][1])
		m3 = min(m3, seeds[3][0]*x+seeds[3][1])
	}
	return m0, m1, m2, m3
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

// nextToken returns the hash of the first token of norm that starts at or
// after i, and the index to go on from; ok is false when there is none.
// A CJK letter or digit is a token, its hash the 64-bit FNV-1a of its
// UTF-8; a run of other letters and digits is a word, its hash that of
// its lower-cased UTF-8, folded in rune by rune (no string is built);
// anything else separates tokens.
func nextToken(norm string, i int) (tok uint64, next int, ok bool) {
	const basis = 14695981039346656037
	h, inWord := uint64(basis), false
	var buf [utf8.UTFMax]byte
	for i < len(norm) {
		r, size := rune(norm[i]), 1
		if r >= utf8.RuneSelf { // ASCII, most bytes of a word, is no ideograph: it skips the test
			if _, ok := hanAt(norm, i); ok { // tokCJK (tokenClass), decoded inline
				if inWord {
					return h, i, true // the ideograph is the next token
				}
				return fnvHan(norm[i : i+hanSize]), i + hanSize, true
			}
			r, size = utf8.DecodeRuneInString(norm[i:])
		}
		switch tokenClass(r) {
		case tokCJK:
			if inWord {
				return h, i, true // r is the next token
			}
			return fnvBytes(basis, norm[i:i+size]), i + size, true // r's UTF-8 as norm holds it: a CJK rune is never a stray byte's U+FFFD
		case tokWord:
			inWord = true
			if r < utf8.RuneSelf {
				if 'A' <= r && r <= 'Z' {
					r += 'a' - 'A'
				}
				h = (h ^ uint64(r)) * 1099511628211
			} else {
				h = fnvBytes(h, utf8.AppendRune(buf[:0], unicode.ToLower(r)))
			}
		default:
			if inWord {
				return h, i + size, true
			}
		}
		i += size
	}
	return h, i, inWord
}

// Token classes of runes (tokenClass).
const (
	tokSep  = iota // separates tokens
	tokWord        // part of a word
	tokCJK         // a token by itself
)

// tokenClass classifies r for nextToken: tokCJK for a CJK letter or
// digit, tokWord for another letter or digit, tokSep for the rest. ASCII
// (asciiTokens) and the CJK Unified Ideographs block (all letters, all
// Han: see TestTokenClass) skip the Unicode tables; the function is small
// enough to be inlined for them, once a rune of every text.
func tokenClass(r rune) int {
	if uint32(r) < utf8.RuneSelf { // uint32: a negative r is no ASCII, and tokSep
		return int(asciiTokens[r])
	}
	if uint32(r)-0x4E00 <= 0x9FFF-0x4E00 { // U+4E00–U+9FFF in one test
		return tokCJK
	}
	return tokenClassTables(r)
}

// tokenClassTables is tokenClass of a rune past ASCII and outside the
// CJK Unified Ideographs block.
func tokenClassTables(r rune) int {
	switch {
	case !unicode.IsLetter(r) && !unicode.IsNumber(r):
		return tokSep
	case isCJK(r):
		return tokCJK
	}
	return tokWord
}

// asciiTokens is tokenClass of each ASCII rune: letters and digits make
// words, the rest separates them.
var asciiTokens = func() (t [utf8.RuneSelf]uint8) {
	for r := range t {
		if 'a' <= r|0x20 && r|0x20 <= 'z' || '0' <= r && r <= '9' {
			t[r] = tokWord
		}
	}
	return t
}()

// shingleHash5 is shingleHash of the five tokens a, b, c, d, e.
func shingleHash5(a, b, c, d, e uint64) uint64 {
	const basis, prime = 14695981039346656037, 1099511628211
	h := (basis ^ a) * prime
	h = (h ^ b) * prime
	h = (h ^ c) * prime
	h = (h ^ d) * prime
	h = (h ^ e) * prime
	return splitmix64(h)
}

func shingleHash(toks []uint64) uint64 {
	h := uint64(14695981039346656037)
	for _, t := range toks {
		h = (h ^ t) * 1099511628211
	}
	return splitmix64(h)
}

// fnvHan is fnvBytes(basis, b) of the three bytes of an ideograph.
func fnvHan(b string) uint64 {
	const basis, prime = 14695981039346656037, 1099511628211
	_ = b[2]
	return ((((basis^uint64(b[0]))*prime)^uint64(b[1]))*prime ^ uint64(b[2])) * prime
}

// fnvBytes continues the 64-bit FNV-1a hash h over the bytes of b.
func fnvBytes[T string | []byte](h uint64, b T) uint64 {
	for i := 0; i < len(b); i++ {
		h = (h ^ uint64(b[i])) * 1099511628211
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
