package evalscore

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Snippets is a page's snippet truth (shared/eval's trafcmp pages, written
// by trafilatura's authors): strings its main text must contain (With)
// and strings it must not (Without).
type Snippets struct {
	With    []string `json:"with"`
	Without []string `json:"without"`
}

// ParseSnippets reads a page's NNN.json snippet truth.
func ParseSnippets(data []byte) (Snippets, error) {
	var s Snippets
	if err := json.Unmarshal(data, &s); err != nil {
		return Snippets{}, fmt.Errorf("evalscore: snippets: %w", err)
	}
	return s, nil
}

// SnippetCounts are the outcomes of a page's snippets, or their sum over
// pages: a With snippet found is a true positive (TP), one missing a false
// negative (FN); a Without snippet found is a false positive (FP), one
// missing a true negative (TN).
type SnippetCounts struct{ TP, FN, FP, TN int }

// Score counts the outcomes of s's snippets in text, as go-trafilatura's
// comparison does: a snippet is found when it occurs in text byte for
// byte, and an empty text finds nothing (not even an empty snippet).
func (s Snippets) Score(text string) SnippetCounts {
	found := func(snip string) bool { return text != "" && strings.Contains(text, snip) }
	var c SnippetCounts
	for _, snip := range s.With {
		if found(snip) {
			c.TP++
		} else {
			c.FN++
		}
	}
	for _, snip := range s.Without {
		if found(snip) {
			c.FP++
		} else {
			c.TN++
		}
	}
	return c
}

// Add is the sum of c and d, to total the counts of many pages.
func (c SnippetCounts) Add(d SnippetCounts) SnippetCounts {
	return SnippetCounts{c.TP + d.TP, c.FN + d.FN, c.FP + d.FP, c.TN + d.TN}
}

// Precision is TP/(TP+FP). When nothing was found it is 1 if nothing was
// to be found (FN is 0) and 0 otherwise, as PRF scores an empty text.
func (c SnippetCounts) Precision() float64 {
	if c.TP+c.FP == 0 {
		return ratioOr(c.FN == 0)
	}
	return float64(c.TP) / float64(c.TP+c.FP)
}

// Recall is TP/(TP+FN), 1 when there was no With snippet.
func (c SnippetCounts) Recall() float64 {
	if c.TP+c.FN == 0 {
		return 1
	}
	return float64(c.TP) / float64(c.TP+c.FN)
}

// F1 is 2TP/(2TP+FP+FN), the harmonic mean of Precision and Recall where
// both are defined, and 1 when there was nothing to find and nothing
// unwanted was found.
func (c SnippetCounts) F1() float64 {
	d := 2*c.TP + c.FP + c.FN
	if d == 0 {
		return 1
	}
	return float64(2*c.TP) / float64(d)
}

// Accuracy is (TP+TN) over all snippets, 1 when there were none.
func (c SnippetCounts) Accuracy() float64 {
	n := c.TP + c.FN + c.FP + c.TN
	if n == 0 {
		return 1
	}
	return float64(c.TP+c.TN) / float64(n)
}

func ratioOr(perfect bool) float64 {
	if perfect {
		return 1
	}
	return 0
}
