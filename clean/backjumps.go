package clean

import (
	"strings"

	"golang.org/x/net/html"
)

// Jumps back. A long official document sets a link back to its top
// under each section ("Back to top", "Nach oben", "Haut de page",
// "返回顶部"): a line of one link alone, a jump within the page
// (jumpLine) to the page's top or to an anchor above the line. The
// same line comes back under every section, and that repetition, not
// its words, says it is furniture: a line of text is not written twice
// to one spot of the page. A lone line whose link is "#top" needs no
// repeat: the walk takes it for chrome (topJump).

// minBackJumps is the fewest repeats of one jump line that backJumps
// takes for a way back.
const minBackJumps = 2

// backJumps returns the runs of runs that are ways back to the top: jump
// lines (jumpOf) with the same words and the same target, at least
// minBackJumps of them, whose target lies above each of them (jumpsBack).
// A jump line that points forward (a note's call, "see section 4")
// stays, however often it comes.
func backJumps(runs []run) map[int]bool {
	type key struct{ text, href string }
	seen := make(map[key][]int)
	var root *html.Node
	for k, r := range runs {
		a := jumpOf(r)
		if a == nil {
			continue
		}
		if root == nil {
			root = topOf(a)
		}
		kk := key{Normalize(r.text), strings.TrimSpace(attr(a, "href"))}
		seen[kk] = append(seen[kk], k)
	}
	var idx map[int]bool
	for kk, ks := range seen {
		if len(ks) < minBackJumps || !jumpsBack(root, kk.href, runs[ks[0]].owner) {
			continue
		}
		if idx == nil {
			idx = make(map[int]bool)
		}
		for _, k := range ks {
			idx[k] = true
		}
	}
	return idx
}

// topOf returns the root of n's tree.
func topOf(n *html.Node) *html.Node {
	for n.Parent != nil {
		n = n.Parent
	}
	return n
}

// jumpsBack reports whether href, a jump within the page ("#top"),
// leads above at, the block of its first line: to the top of the page
// (no name, or a name no element of root bears, where a browser stays
// or goes to the top) or to an element that comes before at.
func jumpsBack(root *html.Node, href string, at *html.Node) bool {
	name := strings.TrimPrefix(href, "#")
	if name == "" || root == nil {
		return true
	}
	found, before := false, true
	var walk func(*html.Node) bool // false: stop
	walk = func(n *html.Node) bool {
		if n == at {
			before = false
		}
		if n.Type == html.ElementNode && (attr(n, "id") == name || attr(n, "name") == name) {
			found = true
			return false
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if !walk(c) {
				return false
			}
		}
		return true
	}
	walk(root)
	return !found || before
}
