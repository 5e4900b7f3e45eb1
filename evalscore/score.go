// Package evalscore scores extracted text against a truth as
// shared/eval/README.md describes: precision and recall of the multiset
// of overlapping 4-token shingles (tokens split at anything that is not a
// letter or digit), and the same over the bag of non-space characters,
// which suits Chinese text. The extraction benchmark (bench/extract) and
// clean's tests score with it, so the two cannot drift apart.
package evalscore

import (
	"strings"
	"unicode"
)

// PRF is precision and recall of a predicted against a truth multiset; an
// empty prediction of an empty truth is perfect.
func PRF(pred, truth map[string]int) (p, r float64) {
	np, nt, shared := 0, 0, 0
	for k, v := range pred {
		np += v
		shared += min(v, truth[k])
	}
	for _, v := range truth {
		nt += v
	}
	if np == 0 && nt == 0 {
		return 1, 1
	}
	if np > 0 {
		p = float64(shared) / float64(np)
	}
	if nt > 0 {
		r = float64(shared) / float64(nt)
	}
	return p, r
}

// F1 is the harmonic mean of p and r, 0 when both are 0.
func F1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// Shingles is the multiset of s's overlapping 4-token shingles; a text of
// one to three tokens is one shingle of all of them.
func Shingles(s string) map[string]int {
	toks := strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	m := map[string]int{}
	for i := 0; i+4 <= len(toks); i++ {
		m[strings.Join(toks[i:i+4], " ")]++
	}
	if len(toks) > 0 && len(toks) < 4 {
		m[strings.Join(toks, " ")]++
	}
	return m
}

// CharBag is the multiset of s's non-space characters.
func CharBag(s string) map[string]int {
	m := map[string]int{}
	for _, r := range s {
		if !unicode.IsSpace(r) {
			m[string(r)]++
		}
	}
	return m
}
