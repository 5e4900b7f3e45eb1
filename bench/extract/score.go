package main

import (
	"strings"
	"unicode"
)

// The scores of shared/eval/README.md: precision and recall of the
// multiset of overlapping 4-token shingles (tokens split at whitespace and
// punctuation), and the same over a bag of non-space characters.

// prf is precision and recall of predicted against truth multisets; an
// empty prediction of an empty truth is perfect.
func prf(pred, truth map[string]int) (p, r float64) {
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

func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func shingles(s string) map[string]int {
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

func charBag(s string) map[string]int {
	m := map[string]int{}
	for _, r := range s {
		if !unicode.IsSpace(r) {
			m[string(r)]++
		}
	}
	return m
}
