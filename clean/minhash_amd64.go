package clean

import "golang.org/x/sys/cpu"

// minhashAVX512 says whether sketchInto may use minhash32AVX512: VPMULLQ
// needs AVX-512 DQ, the rest AVX-512 F, and cpu reports them only when
// the operating system saves the ZMM registers.
var minhashAVX512 = cpu.X86.HasAVX512F && cpu.X86.HasAVX512DQ

// minhash32AVX512 sets out[j] to the least a[j]·x + b[j] (mod 2^64) over
// the shingles x, all ones when there are none: minhash4's products for
// 32 functions at once, eight to an instruction (minhash_amd64.s).
//
//go:noescape
func minhash32AVX512(shingles []uint64, a, b, out *[32]uint64)

// sketchInto sets out (SketchSize values) to the MinHash sketch of
// shingles, as sketchGeneric does, 32 functions a pass over the shingles
// when the CPU has AVX-512: the products were a fifth of Clean's time.
func sketchInto(shingles []uint64, out []uint32) {
	if !minhashAVX512 {
		sketchGeneric(shingles, out)
		return
	}
	var m [32]uint64
	for i := range minhashSeeds32 {
		s := &minhashSeeds32[i]
		minhash32AVX512(shingles, &s.a, &s.b, &m)
		for j, v := range m {
			out[32*i+j] = uint32(v >> 32)
		}
	}
}

// minhashSeeds32 are minhashSeeds 32 at a time, the multipliers apart
// from the addends, as minhash32AVX512 loads them.
var minhashSeeds32 = func() (s [SketchSize / 32]struct{ a, b [32]uint64 }) {
	for i, ab := range minhashSeeds {
		s[i/32].a[i%32], s[i/32].b[i%32] = ab[0], ab[1]
	}
	return s
}()
