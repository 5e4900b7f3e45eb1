#include "textflag.h"

// func minhash32AVX512(shingles []uint64, a, b, out *[32]uint64)
//
// out[j] = min over x in shingles of a[j]*x + b[j] (mod 2^64), for the 32
// functions j at once: four ZMM registers of eight lanes each hold a, b
// and the running minima; each shingle is broadcast to every lane once.
// out[j] is all ones when shingles is empty. Z15 is left alone: Go's
// internal ABI keeps X15 zero (the ABI0 wrapper restores it anyway).
TEXT ·minhash32AVX512(SB), NOSPLIT, $0-48
	MOVQ shingles_base+0(FP), SI
	MOVQ shingles_len+8(FP), CX
	MOVQ a+24(FP), AX
	MOVQ b+32(FP), BX
	MOVQ out+40(FP), DX

	VMOVDQU64 0(AX), Z0
	VMOVDQU64 64(AX), Z1
	VMOVDQU64 128(AX), Z2
	VMOVDQU64 192(AX), Z3
	VMOVDQU64 0(BX), Z4
	VMOVDQU64 64(BX), Z5
	VMOVDQU64 128(BX), Z6
	VMOVDQU64 192(BX), Z7
	VPTERNLOGQ $0xff, Z8, Z8, Z8
	VMOVDQU64 Z8, Z9
	VMOVDQU64 Z8, Z10
	VMOVDQU64 Z8, Z11

	TESTQ CX, CX
	JZ    done

loop:
	VPBROADCASTQ (SI), Z12
	VPMULLQ      Z12, Z0, Z13
	VPMULLQ      Z12, Z1, Z14
	VPMULLQ      Z12, Z2, Z17
	VPMULLQ      Z12, Z3, Z16
	VPADDQ       Z4, Z13, Z13
	VPADDQ       Z5, Z14, Z14
	VPADDQ       Z6, Z17, Z17
	VPADDQ       Z7, Z16, Z16
	VPMINUQ      Z13, Z8, Z8
	VPMINUQ      Z14, Z9, Z9
	VPMINUQ      Z17, Z10, Z10
	VPMINUQ      Z16, Z11, Z11
	ADDQ         $8, SI
	DECQ         CX
	JNZ          loop

done:
	VMOVDQU64 Z8, 0(DX)
	VMOVDQU64 Z9, 64(DX)
	VMOVDQU64 Z10, 128(DX)
	VMOVDQU64 Z11, 192(DX)
	VZEROUPPER
	RET
