package clean

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Data tables inside the article: a schedule (an event's link and its
// time), a list of laws or notices (a number, a linked title, a date), a
// table of results. Most of a row's text may be in its links, so each row
// reads as a link line and the table as a block of links; but a row that
// sets a cell of its own words or figures beside its links is a record,
// not a headline, as a list item with words of its own beside its link is
// a point, not a link (linkItems).

// The shape of a table as tableShape reads it, kept in its elemStats'
// dataTable as bits once asked.
const (
	shapeAsked   int8 = 1 << iota
	shapeRecords      // two or more rows of records (dataRows)
	shapeWorded       // over half the rows have words or figures besides a date
	shapeHead         // a head row of <th> cells
	shapeFiles        // over half the rows list a document (fileCell)
)

// inDataTable reports whether n is a row of a data table (dataTable)
// inside root: its line is text of the article, as a lead-in line's
// announced items are (articleRuns marks it announced).
func inDataTable(bw *blockWalk, n, root *html.Node) bool {
	if n == nil || n.DataAtom != atom.Tr {
		return false
	}
	t := enclosingTable(n)
	if t == nil || !deeper(t, root) {
		return false
	}
	return dataTable(bw, t, root)
}

// dataRow reports a row, one line, of a data table (dataTable) that
// needs no root to be one.
func dataRow(bw *blockWalk, tr *html.Node) bool {
	st := bw.stats[tr]
	t := enclosingTable(tr)
	return st != nil && st.end-st.start == 1 && t != nil && dataTable(bw, t, nil)
}

// dataTable reports a table of records (tableShape) that the article sets
// as its own: it has a head row of <th> cells, or a line of the article
// right before it introduces it (introBefore), or the article's prose
// goes on after it inside root (proseAfter; with root nil, never), or,
// when its rows have words or figures besides a date, a label of its own
// (tableLabel: its caption, or a heading right before it) that is no
// related-reading label, or, when its rows list documents (fileCell), a
// paragraph of prose beside it (amidProse), as a list of files
// (fileList). Its rows are then text, though they link, and no reply,
// though they end in a time (signedOff). A table of dated headlines
// after the story (the site's latest news) has none of these; under a
// related-reading label it is never one.
func dataTable(bw *blockWalk, table, root *html.Node) bool {
	shape := tableShape(bw, table)
	if shape&shapeRecords == 0 {
		return false
	}
	if label, ok := tableLabel(bw, table); ok {
		if namesRelated(label) {
			return false
		}
		if shape&shapeWorded != 0 {
			return true
		}
	}
	return shape&shapeHead != 0 || introBefore(bw, table, shape&shapeWorded != 0) || root != nil && proseAfter(bw, table, root) || shape&shapeFiles != 0 && amidProse(bw, table)
}

// tableLabel is the label a table's author set it under: its own
// <caption>, or else a heading right before it (headingBefore). A
// caption is the table's title, as a heading is a section's.
func tableLabel(bw *blockWalk, table *html.Node) (string, bool) {
	for c := table.FirstChild; c != nil; c = c.NextSibling {
		if c.DataAtom != atom.Caption {
			continue
		}
		if st := bw.stats[c]; st != nil && st.end > st.start {
			return headingLabel(bw.runs[st.start].text), true
		}
	}
	return headingBefore(bw, table)
}

// introBefore reports a table whose block comes right after a line of
// the article that introduces it (tableIntro): "The hearings will be held
// on the following dates:", "具体安排如下：", "目录见下表。". A wrapper
// that holds the table alone stands for it. The site's tables of dated
// headlines come under a heading or a label of a word or two, or after
// the article's block, not after a sentence of it; but a sentence may
// label them too ("You may also be interested in the following
// stories:", "More from the council this week:"), so a table whose rows
// hold no more than a date beside their links (worded false: the shape
// of a list of headlines) needs a line that points at a table, a list or
// dates (introCueRe), not any lead-in line.
func introBefore(bw *blockWalk, table *html.Node, worded bool) bool {
	n := table
	for prevElement(n) == nil && n.Parent != nil && n.Parent.DataAtom == atom.Div && nextElement(n) == nil {
		n = n.Parent // a wrapper around the table alone
	}
	p := prevElement(n)
	if p == nil || p.DataAtom != atom.P && p.DataAtom != atom.Div {
		return false
	}
	st := bw.stats[p]
	if st == nil || st.end-st.start != 1 {
		return false
	}
	return tableIntro(bw.runs[st.start], worded)
}

// introCueRe matches the words with which a sentence's last clause
// points at a table after it: "… are listed below.", "… wie folgt:",
// "the following table", "in der folgenden Tabelle", "如下", "见下表",
// "下列", "次のとおり", "下記". "Below" and "unten" must end the clause
// ("below zero" does not point), and "following" and "folgende" must
// name a table or a list ("the following week" does not).
var introCueRe = regexp.MustCompile(`(?i)\b(?:below|unten|as follows|wie folgt)\W*$|` +
	`\b(?:following|folgenden?|nachstehenden?)\s+(?:table|list|schedule|dates|times|tabelle|liste|übersicht|aufstellung|terminen?|daten)\b|` +
	`如下|下表|下列|次のとおり|次の通り|下記|以下のとおり|以下の通り`)

// lastClause is t after its last comma or semicolon (Latin, Chinese or
// Japanese), all of t when it has none.
func lastClause(t string) string {
	if i := strings.LastIndexAny(t, ",;，；、"); i >= 0 {
		_, w := utf8.DecodeRuneInString(t[i:])
		return t[i+w:]
	}
	return t
}

// tableIntro reports a line that introduces a table after it: a lead-in
// line (leadIn, when anyLead), or a sentence, mostly outside links and no heading, that
// ends with a colon or a full stop and whose last clause points at what
// follows (introCueRe): a paragraph that says "as follows" in passing
// ("现将有关事项公告如下，欢迎……") goes on to say something else.
// Unlike leadIn it needs no spaces between words: a Chinese or Japanese
// sentence is one word.
func tableIntro(r run, anyLead bool) bool {
	if anyLead && leadIn(r) {
		return true
	}
	t := strings.TrimRight(r.text, " \u00a0")
	if r.heading || linkLine(r) || utf8.RuneCountInString(t) < 6 || !introCueRe.MatchString(lastClause(t)) {
		return false
	}
	if !strings.HasSuffix(t, ":") && !strings.HasSuffix(t, "：") && !sentenceEnd(t) {
		return false
	}
	n := runeCountFor(r)
	return !relatedHeading(t, n) && !relatedLabel(t) && !chromeLine(r, n, false)
}

// tableShape reads table's rows once (the answer is kept in its stats):
// it holds records when it has two or more body rows, every row one line
// (simpleRow) of two or more cells, and over half of them with a cell
// that holds words or figures outside links (a time, a date, a number, a
// score) or whose links all lead to files (fileCell). A row of <th>
// cells alone is its head.
func tableShape(bw *blockWalk, table *html.Node) int8 {
	st := bw.stats[table]
	if st == nil {
		return 0
	}
	if st.dataTable == 0 {
		st.dataTable = shapeAsked | readShape(bw, table)
	}
	return st.dataTable
}

// readShape is tableShape's answer, read afresh.
func readShape(bw *blockWalk, table *html.Node) int8 {
	rows, records, worded, files := 0, 0, 0, 0
	var shape int8
	for tr := range table.Descendants() {
		if tr.Type != html.ElementNode || tr.DataAtom != atom.Tr || enclosingTable(tr) != table {
			continue
		}
		st := bw.stats[tr]
		if st == nil || st.units == 0 {
			continue
		}
		if st.end-st.start != 1 {
			return 0 // a row of blocks: layout, not records
		}
		cells, th, plain, words, file := 0, 0, false, false, false
		for c := tr.FirstChild; c != nil; c = c.NextSibling {
			if c.DataAtom != atom.Td && c.DataAtom != atom.Th {
				continue
			}
			if cs := bw.stats[c]; cs == nil || cs.units == 0 {
				continue
			}
			cells++
			if c.DataAtom == atom.Th {
				th++
			}
			switch {
			case plainText(c):
				plain = true
				words = words || !dateCell(c)
			case fileCell(c):
				plain, words, file = true, true, true // a document the row lists, not a headline
			}
		}
		switch {
		case cells < 2:
			return 0
		case th == cells:
			shape |= shapeHead
			continue
		}
		rows++
		if plain {
			records++
		}
		if words {
			worded++
		}
		if file {
			files++
		}
	}
	if rows < 2 || records*2 <= rows {
		return 0
	}
	shape |= shapeRecords
	if worded*2 > rows {
		shape |= shapeWorded
	}
	if files*2 > rows {
		shape |= shapeFiles
	}
	return shape
}

// dateCell reports a cell whose words outside links are a date and no
// more ("2023-05-01", "(2023年5月1日)", "12 May 2023"): the date of the
// headline it stands beside.
func dateCell(c *html.Node) bool {
	t := strings.Trim(plainOf(c), " \u00a0()[]（）【】")
	return dateLine(t) || enDateLine(t)
}

// plainOf is the text of n outside links, scripts and styles.
func plainOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode:
				b.WriteString(c.Data)
			case c.Type == html.ElementNode && c.DataAtom != atom.A && c.DataAtom != atom.Script && c.DataAtom != atom.Style:
				walk(c)
			}
		}
	}
	walk(n)
	return collapse(b.String())
}

// enclosingTable is the nearest <table> around n, nil when none is.
func enclosingTable(n *html.Node) *html.Node {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.DataAtom == atom.Table {
			return p
		}
	}
	return nil
}

// prevElement is n's previous sibling that is an element, nil when none is.
func prevElement(n *html.Node) *html.Node {
	for c := n.PrevSibling; c != nil; c = c.PrevSibling {
		if c.Type == html.ElementNode {
			return c
		}
	}
	return nil
}
