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
// nil: a series of at least minIndexEntries jump lines (jumpLine), each
// repeating a heading of the runs before the series, with no prose
// (proseRun) after the series, and the heading right above the series,
// which labels it.
func closingIndex(runs []run) map[int]bool {
	for i := 0; i < len(runs); {
		if !jumpLine(runs[i]) {
			i++
			continue
		}
		j := i
		for j < len(runs) && jumpLine(runs[j]) {
			j++
		}
		if j-i >= minIndexEntries && repeatsHeadings(runs[:i], runs[i:j]) && !anyProse(runs[j:]) {
			idx := make(map[int]bool, j-i+1)
			for k := i; k < j; k++ {
				idx[k] = true
			}
			if i > 0 && runs[i-1].heading {
				idx[i-1] = true
			}
			return idx
		}
		i = j
	}
	return nil
}

// repeatsHeadings reports whether each run of entries has the words of a
// heading of before.
func repeatsHeadings(before, entries []run) bool {
	heads := make(map[string]bool)
	for _, r := range before {
		if r.heading {
			heads[Normalize(r.text)] = true
		}
	}
	for _, r := range entries {
		if !heads[Normalize(r.text)] {
			return false
		}
	}
	return true
}

// anyProse reports whether one of runs is prose (proseRun).
func anyProse(runs []run) bool {
	for _, r := range runs {
		if proseRun(r) {
			return true
		}
	}
	return false
}

// maxJumpNodes is the most nodes jumpLine looks at in a run's block: an
// index entry's block is a list item or a term, a few nodes, and a
// larger block is no entry.
const maxJumpNodes = 12

// jumpLine reports a run, no heading, of at most maxIndexEntryRunes, whose
// block (of at most maxJumpNodes nodes) holds one link alone, a jump to
// an anchor within the page ("#lbAB"), and whose text is that link's.
func jumpLine(r run) bool {
	if r.heading || r.owner == nil || r.linkUnits > 0 || r.text == "" || len(r.text) > maxIndexEntryBytes {
		return false
	}
	var jump *html.Node
	seen := 0
	for a := range r.owner.Descendants() {
		if seen++; seen > maxJumpNodes {
			return false
		}
		if a.Type != html.ElementNode || a.DataAtom != atom.A || attr(a, "href") == "" {
			continue
		}
		if jump != nil || !strings.HasPrefix(strings.TrimSpace(attr(a, "href")), "#") {
			return false
		}
		jump = a
	}
	return jump != nil && strings.TrimSpace(textOf(jump)) == strings.TrimSpace(r.text)
}
