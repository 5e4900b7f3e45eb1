package clean

import (
	"slices"

	"golang.org/x/net/html"
)

// retryUnits is the article length (in units) under which the generic
// extractor tries again without class/id chrome hints: about 250 Han
// characters or 100 English words. Readability.js retries likewise when
// its first pass finds fewer than 500 characters.
const retryUnits = 500

// genericText extracts the article's paragraphs from a page walked by bw.
// A first pass trusts class and id hints to mark chrome; when it finds
// little (the article sat in a "left-side" column, or hints hid it), a
// relaxed pass that ignores them runs and the longer result wins. When
// nothing scores at all (a page of a few short lines), the page's
// non-chrome text is the article.
func genericText(root *html.Node, bw *blockWalk, title string) []string {
	paras := cleanRuns(articleRuns(bw, genericRoots(bw)), title)
	if paraUnits(paras) >= retryUnits {
		return paras
	}
	rw := walkBlocksMode(root, true)
	if alt := cleanRuns(articleRuns(rw, genericRoots(rw)), title); paraUnits(alt) > paraUnits(paras)*3/2 {
		paras = alt
	}
	if len(paras) == 0 {
		paras = cleanRuns(pageRuns(bw), title)
	}
	return paras
}

// pageRuns is every run outside chrome.
func pageRuns(bw *blockWalk) []run {
	var out []run
	for _, r := range bw.runs {
		if !r.chrome {
			out = append(out, r)
		}
	}
	return out
}

func paraUnits(paras []string) int {
	n := 0
	for _, p := range paras {
		n += units(p)
	}
	return n
}

// sharedAncestor returns the nearest ancestor of best that also holds at
// least three other containers scoring near it (as Readability.js does):
// an article split into one card per paragraph, or a story whose body is
// cut by figures into sibling blocks, is the element around them all.
// It returns best when there is none.
func sharedAncestor(bw *blockWalk, best *html.Node, bestScore float64) *html.Node {
	alts := topScored(bw, best, 5)
	if len(alts) < 3 {
		return best
	}
	for p := best.Parent; p != nil && p.Type == html.ElementNode; p = p.Parent {
		held := 0
		for _, a := range alts {
			if deeper(a, p) {
				held++
			}
		}
		if held >= 3 {
			return p
		}
	}
	return best
}

// topScored returns up to k containers other than best, best first, that
// score at least three quarters of best and lie neither inside nor around it.
func topScored(bw *blockWalk, best *html.Node, k int) []*html.Node {
	floor := bw.stats[best].score * 0.75
	var top []*html.Node
	for _, n := range bw.order {
		st := bw.stats[n]
		if n == best || st.score < floor || len(top) == k && st.score <= bw.stats[top[k-1]].score {
			continue
		}
		i := len(top)
		for i > 0 && bw.stats[top[i-1]].score < st.score {
			i--
		}
		top = slices.Insert(top, i, n)
		if len(top) > k {
			top = top[:k]
		}
	}
	out := top[:0]
	for _, n := range top {
		if !deeper(n, best) && !deeper(best, n) {
			out = append(out, n)
		}
	}
	return out
}
