package clean

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Generated documentation of old (pydoc's module pages, some javadoc
// and texi2html pages) sets each section of a page in a table of its own:
// a first row that holds the section's name alone in one cell ("Classes",
// "Functions", "Data"), and rows under it that hold the section's body.
// The tables stand side by side, each alone in its own <p> or right under
// one parent, all drawn alike. Scored one by one, one section wins and
// the others, with the module's description above them, are lost:
// sectionTables takes them all.

// sectionLevels is how far above the best container sectionTables looks
// for the section table that holds it.
const sectionLevels = 6

// sectionNameRunes is the longest name a section table's first row holds.
const sectionNameRunes = 40

// sectionTables returns the roots of a page cut into section tables when
// best lies in one (see above) and at least one other of the same drawing
// (tableKey) stands beside it under one parent: every such table, with
// the blocks beside them from the parent's first child up to the last of
// them that are no links and no chrome by their names (the description a
// module's page sets above its sections). Blocks after the last section
// (a footer) stay out. nil when best lies in no such table.
func sectionTables(bw *blockWalk, best *html.Node) []*html.Node {
	slot := sectionSlot(best)
	if slot == nil || slot.Parent == nil {
		return nil
	}
	key := tableKey(slotTable(slot))
	var sections []*html.Node
	for c := slot.Parent.FirstChild; c != nil; c = c.NextSibling {
		t := slotTable(c)
		if t == nil || tableKey(t) != key {
			continue
		}
		if !sectionTable(t) {
			return nil // a table drawn alike that is no section: the shape is misread, or the names are longer than sectionTable takes
		}
		sections = append(sections, c)
	}
	if len(sections) < 2 {
		return nil
	}
	last := sections[len(sections)-1]
	var out []*html.Node
	for c := slot.Parent.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		st := bw.stats[c]
		if st == nil || st.units == 0 {
			if c == last {
				break
			}
			continue
		}
		t := slotTable(c)
		switch {
		case t != nil && sectionTable(t) && tableKey(t) == key:
			out = append(out, c)
		case hintOf(st.cid) >= 0 && st.linkUnits*10 < st.units*3:
			out = append(out, c) // the description above the sections, a note between them
		}
		if c == last {
			break
		}
	}
	return out
}

// sectionSlot returns the child of a parent that holds a section table
// (sectionTable) around best, within sectionLevels levels up: the table,
// or the <p>, <div> or <center> it stands alone in. nil for none.
func sectionSlot(best *html.Node) *html.Node {
	for n, i := best, 0; n != nil && i <= sectionLevels; n, i = n.Parent, i+1 {
		if n.DataAtom != atom.Table || !sectionTable(n) {
			continue
		}
		if p := n.Parent; p != nil && slotTable(p) == n {
			return p
		}
		return n
	}
	return nil
}

// slotTable returns the table that n is, or that n holds alone as its
// only element child when n is a <p>, <div> or <center>; nil otherwise.
func slotTable(n *html.Node) *html.Node {
	switch n.DataAtom {
	case atom.Table:
		return n
	case atom.P, atom.Div, atom.Center:
	default:
		return nil
	}
	var only *html.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.ElementNode && only == nil:
			only = c
		case c.Type == html.ElementNode:
			return nil
		case c.Type == html.TextNode && strings.TrimSpace(c.Data) != "":
			return nil
		}
	}
	if only != nil && only.DataAtom == atom.Table {
		return only
	}
	return nil
}

// sectionTable reports a table whose first row holds one cell alone, a
// short name (1 to 4 words, at most sectionNameRunes runes, no sentence),
// and that has a row after it with text: a section's name over its body.
func sectionTable(t *html.Node) bool {
	rows := tableRows(t, 3)
	if len(rows) < 2 {
		return false
	}
	var cells []*html.Node
	for c := rows[0].FirstChild; c != nil; c = c.NextSibling {
		if c.DataAtom == atom.Td || c.DataAtom == atom.Th {
			cells = append(cells, c)
		}
	}
	if len(cells) != 1 {
		return false
	}
	name := collapse(textOf(cells[0]))
	if n := len(strings.Fields(name)); n == 0 || n > 4 || utf8.RuneCountInString(name) > sectionNameRunes || sentenceEnd(name) {
		return false
	}
	for _, r := range rows[1:] {
		if collapse(textOf(r)) != "" {
			return true
		}
	}
	return false
}

// tableRows returns the first k rows of t (in its <tbody>, <thead> or
// itself), not those of tables inside it.
func tableRows(t *html.Node, k int) []*html.Node {
	var rows []*html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && len(rows) < k; c = c.NextSibling {
			switch c.DataAtom {
			case atom.Tr:
				rows = append(rows, c)
			case atom.Tbody, atom.Thead, atom.Tfoot:
				walk(c)
			}
		}
	}
	walk(t)
	return rows
}

// tableKey is how a table is drawn: its tag's attributes that set its
// look (width, spacing, padding, border, summary, class), so that the
// sections of one page, drawn by one program, share it.
func tableKey(t *html.Node) string {
	if t == nil {
		return ""
	}
	var b strings.Builder
	for _, k := range []string{"width", "cellspacing", "cellpadding", "border", "summary", "class"} {
		b.WriteString(strings.ToLower(strings.TrimSpace(attr(t, k))))
		b.WriteByte('|')
	}
	return b.String()
}
