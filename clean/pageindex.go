package clean

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Closing indexes. man2html and some manual generators close a page
// with an index of its own sections: a heading ("Index") over a list of
// in-page jumps ("NAME", "SYNOPSIS", "DESCRIPTION"), each entry the
// words of a heading the text has already shown. isLink counts no jump
// within the page, so such a list is no link line; it is no text either,
// as every entry repeats a heading above it. A table of contents above
// the sections it names goes too (openingIndex): it is the page's
// navigation, each entry a jump to a heading the text shows below it.

// minIndexEntries is the fewest entries of a closing index: two, as a short
// manual page (NAME, DESCRIPTION) closes with an index of two jumps; each
// entry must still repeat a heading above (repeatsHeadings).
const minIndexEntries = 2

// maxIndexEntryBytes is the longest entry of a closing index: a heading's
// words.
const maxIndexEntryBytes = 120

// closingIndex returns the runs of runs that a closing index holds, or
// nil: past the last paragraph of prose (proseRun), the jump lines
// (jumpLine) that each repeat a heading above the first of them, when there
// are at least minIndexEntries of them, and each heading there that
// labels them, the line right above one of them ("Index", "Table of
// Contents"). The other lines there (a generator's credit) are left to
// cleanRuns's other tests.
func closingIndex(runs []run) map[int]bool {
	last := len(runs) - 1
	for last >= 0 && !proseRun(runs[last]) {
		last--
	}
	var entries []int
	for k := last + 1; k < len(runs); k++ {
		if jumpLine(runs[k]) {
			entries = append(entries, k)
		}
	}
	if len(entries) < minIndexEntries || !repeatsHeadings(runs[:entries[0]], runs, entries) {
		return nil
	}
	idx := make(map[int]bool, len(entries)+1)
	for _, k := range entries {
		idx[k] = true
		if k > last+1 && runs[k-1].heading {
			idx[k-1] = true
		}
	}
	return idx
}

// openingIndex returns the runs of runs that an opening table of
// contents holds, or nil: before the first paragraph of prose
// (proseRun), the longest unbroken series of jump lines (jumpLine), at
// least minIndexEntries of them, of which at least three in four name a
// heading shown below the series (namesHeading), and the series' label,
// the run right above it, when that run lies in the box that holds the
// series and nothing else of the page (the box's "Contents" heading).
// It never returns a heading below the series: what an entry names stays.
func openingIndex(runs []run) map[int]bool {
	first, n := jumpSeries(runs)
	if n < minIndexEntries {
		return nil
	}
	heads := make([]string, 0, 8)
	for _, r := range runs[first+n:] {
		if r.heading {
			heads = append(heads, Normalize(r.text))
		}
	}
	named := 0
	for _, r := range runs[first : first+n] {
		if namesHeading(Normalize(r.text), heads) {
			named++
		}
	}
	if named*4 < n*3 {
		return nil
	}
	idx := make(map[int]bool, n+1)
	for k := first; k < first+n; k++ {
		idx[k] = true
	}
	if first > 0 && indexLabel(runs, first, n) {
		idx[first-1] = true
	}
	return idx
}

// jumpSeries returns where the longest unbroken series of jump lines
// (jumpLine) before the first paragraph of prose of runs begins, and
// how many runs it holds. A long entry is no paragraph of prose: isLink
// counts no jump within the page, so its words weigh as text.
func jumpSeries(runs []run) (first, n int) {
	start, cur := 0, 0
	for k, r := range runs {
		if !jumpLine(r) {
			if proseRun(r) {
				break
			}
			cur = 0
			continue
		}
		if cur == 0 {
			start = k
		}
		if cur++; cur > n {
			first, n = start, cur
		}
	}
	return first, n
}

// namesHeading reports whether entry, a normalised index entry, is one of
// heads, the normalised headings below it, or one of them but for a
// section number that only the heading or only the entry writes
// ("Introduction" for "1. Introduction").
func namesHeading(entry string, heads []string) bool {
	if entry == "" {
		return false
	}
	for _, h := range heads {
		if h == entry || strings.HasSuffix(h, " "+entry) || strings.HasSuffix(entry, " "+h) {
			return true
		}
	}
	return false
}

// indexLabel reports whether the run right above the series of n jump
// lines at runs[first:] labels it: a short run (maxIndexEntryBytes) no
// paragraph of prose, inside the nearest box around the series' list,
// which holds no run before it nor after the series. The page's
// headline right above a contents list with no label of its own lies
// outside that box, or in a box that holds more of the page; a
// section's heading over the list of its subsections (a manual's
// "mini-toc") is in the section's box, which holds the subsections too.
func indexLabel(runs []run, first, n int) bool {
	label := runs[first-1]
	if label.owner == nil || proseRun(label) || len(label.text) > maxIndexEntryBytes {
		return false
	}
	box := listBox(runs[first].owner, runs[first+n-1].owner)
	if box == nil || box.Parent == nil {
		return false
	}
	box = box.Parent // the list's box: its label and the list
	if !hasAncestorIn(label.owner, []*html.Node{box}) {
		return false
	}
	return !inBox(runs, first-2, box) && !inBox(runs, first+n, box)
}

// inBox reports whether runs[k], when there is one, lies in box.
func inBox(runs []run, k int, box *html.Node) bool {
	if k < 0 || k >= len(runs) || runs[k].owner == nil {
		return false
	}
	o := runs[k].owner
	return o == box || hasAncestorIn(o, []*html.Node{box})
}

// listBox returns the nearest element holding both a and b (the list of
// an index's first and last entries), or nil.
func listBox(a, b *html.Node) *html.Node {
	for p := a; p != nil; p = p.Parent {
		if p == b || hasAncestorIn(b, []*html.Node{p}) {
			if p == a || p == b {
				continue // an entry is no box of the list
			}
			return p
		}
	}
	return nil
}

// repeatsHeadings reports whether each run of runs at entries has the
// words of a heading of before.
func repeatsHeadings(before, runs []run, entries []int) bool {
	heads := make(map[string]bool)
	for _, r := range before {
		if r.heading {
			heads[Normalize(r.text)] = true
		}
	}
	for _, k := range entries {
		if !heads[Normalize(runs[k].text)] {
			return false
		}
	}
	return true
}

// maxJumpNodes is the most nodes jumpLine looks at in a run's block: an
// index entry's block is a list item or a term, a few nodes, and a
// larger block is no entry.
const maxJumpNodes = 12

// jumpLine reports a run, no heading, of at most maxIndexEntryBytes,
// whose block's own content (its nested blocks aside: a nested list of
// subsections has its own runs) is at most maxJumpNodes nodes and holds
// one link alone, a jump to an anchor within the page ("#lbAB"), whose
// text is the run's, but for white space (unspaced).
func jumpLine(r run) bool { return jumpOf(r) != nil }

// jumpOf returns the link of a jump line (jumpLine), or nil when r is
// none.
func jumpOf(r run) *html.Node {
	if r.heading || r.owner == nil || r.linkUnits > 0 || r.text == "" || len(r.text) > maxIndexEntryBytes {
		return nil
	}
	var jump *html.Node
	seen, ok := 0, true
	var see func(*html.Node)
	see = func(n *html.Node) {
		for c := n.FirstChild; c != nil && ok; c = c.NextSibling {
			if seen++; seen > maxJumpNodes {
				ok = false
				return
			}
			if c.Type != html.ElementNode || blockTags[c.DataAtom] {
				continue
			}
			if c.DataAtom != atom.A || attr(c, "href") == "" {
				see(c)
				continue
			}
			if jump != nil || !strings.HasPrefix(strings.TrimSpace(attr(c, "href")), "#") {
				ok = false
				return
			}
			jump = c
		}
	}
	see(r.owner)
	if !ok || jump == nil || unspaced(textOf(jump)) != unspaced(r.text) {
		return nil
	}
	return jump
}

// unspaced returns t without its white space: textOf sets a space at
// each inline element's edges ("General ( XTS ) interface" for
// "General (<acronym>XTS</acronym>) interface"), which a run's text
// has not.
func unspaced(t string) string { return strings.Join(strings.Fields(t), "") }
