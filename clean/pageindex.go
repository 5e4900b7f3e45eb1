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
// the sections it names is left alone: its entries come before their
// headings, and a reader may take it as the page's outline.

// minIndexEntries is the fewest entries of a closing index.
const minIndexEntries = 3

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
// text is the run's.
func jumpLine(r run) bool {
	if r.heading || r.owner == nil || r.linkUnits > 0 || r.text == "" || len(r.text) > maxIndexEntryBytes {
		return false
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
	return ok && jump != nil && strings.TrimSpace(textOf(jump)) == strings.TrimSpace(r.text)
}
