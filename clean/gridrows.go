package clean

import (
	"slices"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Tables built without <table>: a statistical release's figures, a
// notice's key facts or a timetable laid out as rows of <div> cells
// ("div.table > div.row > div.cell", hashed class names or none) or in
// ARIA roles (role=row, role=cell). Each cell is a block, so the walk
// would make every cell a paragraph of its own, a word or a figure long,
// which the filters take for short chrome lines and the reader no longer
// reads as a record. A row of such a grid (gridRow) is walked as a simple
// <tr> is: its cells join one run, " | " between them. It is told by its
// structure, not by class words: a parent whose element children include
// two or more rows of one signature (rowSignature).

// gridCellRunes is the most runes a cell of a grid row holds: a name, a
// date, a figure or a short phrase. Longer blocks side by side are
// columns of a layout or paragraphs, not cells of a record.
const gridCellRunes = 80

// rowSig is the signature of a grid row: its tag and its count of cells.
type rowSig struct {
	tag   atom.Atom
	cells int
}

// gridRow reports a block element, other than a <tr> (simpleRow's), that
// is a row of a grid: it has a row signature (rowSignature) that at least
// one element sibling shares. No row inside <pre> or <code> is one.
func (bw *blockWalk) gridRow(n *html.Node) bool {
	if n.DataAtom == atom.Tr || bw.code > 0 || n.Parent == nil {
		return false
	}
	sig, ok := rowSignature(n)
	return ok && bw.gridSiblings(n.Parent)[sig] >= 2
}

// gridSiblings returns how many element children of p have each row
// signature, counted once for the last parent asked: a grid's rows are
// walked one after another, and no row lies inside a cell (gridCell).
func (bw *blockWalk) gridSiblings(p *html.Node) map[rowSig]int {
	if bw.gridOf == p {
		return bw.gridSigs
	}
	m := map[rowSig]int{}
	for c := p.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if sig, ok := rowSignature(c); ok {
			m[sig]++
		}
	}
	bw.gridOf, bw.gridSigs = p, m
	return m
}

// rowSignature returns n's signature when n reads as a row of records:
// two or more element children, every one a cell (gridCell), no text
// outside them, and two or more of them holding text.
func rowSignature(n *html.Node) (rowSig, bool) {
	cells, filled := 0, 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			if strings.TrimSpace(c.Data) != "" {
				return rowSig{}, false
			}
		case html.ElementNode:
			k, ok := gridCell(c)
			if !ok {
				return rowSig{}, false
			}
			cells++
			if k > 0 {
				filled++
			}
		}
	}
	return rowSig{n.DataAtom, cells}, cells >= 2 && filled >= 2
}

// gridCell returns the runes of a cell of a grid row and whether c is
// one: a <div>, or any element in a cell's role (cell, gridcell,
// columnheader, rowheader), holding no block element and no <br> below
// it (a simple row's cell, simpleRow) and gridCellRunes runes or fewer.
func gridCell(c *html.Node) (int, bool) {
	if c.DataAtom != atom.Div && !cellRole(c) || holdsBreak(c, 0) {
		return 0, false
	}
	k := runesUpTo(cellText(c, gridCellRunes*4), gridCellRunes+1)
	return k, k <= gridCellRunes
}

// cellRole reports an element in an ARIA role of a table's or grid's cell.
func cellRole(n *html.Node) bool {
	v, ok := attrOK(n, "role")
	if !ok {
		return false
	}
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "cell", "gridcell", "columnheader", "rowheader":
		return true
	}
	return false
}

// cellText is the text below n, white space collapsed, read up to about
// limit bytes (what dropTags never show aside): a cell's text, measured.
func cellText(n *html.Node, limit int) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && b.Len() < limit; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode:
				b.WriteString(c.Data)
			case c.Type == html.ElementNode && !dropTags[c.DataAtom]:
				walk(c)
			}
		}
	}
	walk(n)
	return strings.TrimSpace(collapse(b.String()))
}

// pairList reports a <dl> used as a table of keys and values ("Date of
// issue" / "3 March 2026"): two or more pairs, its element children a
// <dt> then a <dd>, and again, each of them short and simple as a grid's
// cell is (gridCell's bounds: no block element and no <br> below it,
// gridCellRunes runes or fewer), and none empty. The walk joins each
// pair into one run, " | " between key and value, as a two-cell row of a
// table is. A glossary whose <dd> holds paragraphs, a <dt> with two
// <dd>s (an address's lines) or a list of terms alone is not one: its
// items stay paragraphs.
func pairList(dl *html.Node) bool {
	pairs, want := 0, atom.Dt
	for c := dl.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			if strings.TrimSpace(c.Data) != "" {
				return false
			}
			continue
		case html.ElementNode:
		default:
			continue
		}
		if c.DataAtom != want || holdsBreak(c, 0) {
			return false
		}
		if k := runesUpTo(cellText(c, gridCellRunes*4), gridCellRunes+1); k == 0 || k > gridCellRunes {
			return false
		}
		if want == atom.Dd {
			pairs++
			want = atom.Dt
		} else {
			want = atom.Dd
		}
	}
	return pairs >= 2 && want == atom.Dt
}

// pairPart reports a key or a value of a pair list's pair, as the walk
// found them (pairList, blockWalk.pairLists): asked once an item of a
// group, a list of many pairs is not read again each time.
func (bw *blockWalk) pairPart(n *html.Node) bool {
	return (n.DataAtom == atom.Dt || n.DataAtom == atom.Dd) && n.Parent != nil && slices.Contains(bw.pairLists, n.Parent)
}

// pairKeyRunes is the most runes the key of a key/value row or item
// holds: "Consultation closes", "Date of issue", "征求意见截止".
const pairKeyRunes = 40

// keyedStamp reports a record of a box of key facts whose value is a
// date or a time: a table row of exactly two cells ("Consultation closes
// | 14 April 2026"), or a list item "Key: value" ("Hearing: 21 April
// 2026"), one line outside links and no paragraph of prose. Its key is
// short, holds no time and ends no sentence; its value is short and holds
// the time. signOff reads such a line as a name beside a time, but a
// reply signs off text it holds; a record holds none, so it is no reply
// (signedOff), as a pair list's pair is not (pairPart).
func keyedStamp(bw *blockWalk, n *html.Node) bool {
	st := bw.stats[n]
	if st == nil || st.end-st.start != 1 || st.links > 0 {
		return false
	}
	r := bw.runs[st.start]
	if proseRun(r) || r.heading {
		return false
	}
	var key, value string
	switch n.DataAtom {
	case atom.Tr:
		cells := rowCells(n)
		if len(cells) != 2 {
			return false
		}
		key, value = cellText(cells[0], pairKeyRunes*4), cellText(cells[1], gridCellRunes*4)
	case atom.Li:
		i := strings.IndexAny(r.text, ":：")
		if i < 0 || strings.HasPrefix(r.text[i:], "://") {
			return false // no label, or a URL's scheme: an address is no record
		}
		key, value = r.text[:i], strings.TrimLeft(r.text[i:], ":： \u00a0")
	default:
		return false
	}
	key = strings.TrimRight(strings.TrimSpace(key), ":： \u00a0")
	return pairKey(key) && value != "" && runesUpTo(value, gridCellRunes+1) <= gridCellRunes && timeRe.MatchString(value)
}

// pairKey reports the key of a key/value record: a label of a few words
// with letters, no time and no sentence's end.
func pairKey(key string) bool {
	k := runesUpTo(key, pairKeyRunes+1)
	return k > 0 && k <= pairKeyRunes && hasLetter(key) && !timeRe.MatchString(key) && !sentenceEnd(key)
}

// rowCells returns the <td> and <th> children of tr that hold text.
func rowCells(tr *html.Node) []*html.Node {
	var out []*html.Node
	for c := tr.FirstChild; c != nil; c = c.NextSibling {
		if (c.DataAtom == atom.Td || c.DataAtom == atom.Th) && cellText(c, 4) != "" {
			out = append(out, c)
		}
	}
	return out
}

// factBoxRecords is the fewest records of one signature a box of key
// facts holds (factRecords), and factBoxPlain the fewest of them that are
// no metadata (metaRecord) and no chrome: a post's list of date, author
// and category is all metadata; a notice's box names its reference, its
// issuer, its place beside its dates.
//
// A box of exactly pairBoxRecords records is one too when one of them is
// a fact by factPair's stricter test ("Reference | CONS-2026-014",
// "Status: Open for comment") and the other a date record (datedRecord:
// "Published: 3 March 2026"): the box keeps its date. A post's pair of
// date and author, category or tags lines holds no fact; two credit
// lines under a story ("编辑：…", "审核：…") hold no date; a record
// whose words are a link's ("上一篇：…", "Next: …") is a way to another
// page, no fact.
const (
	factBoxRecords = 3
	factBoxPlain   = 2
	pairBoxRecords = 2
)

// A recordSig is the signature of a record of a box of key facts: the
// box (the parent of the record's block), the record's tag, how many
// parts the walk joined (" | " between cells, a pair's key and value) or
// 2 for an item whose key a colon sets off, and for a paragraph record
// (paraRecord) the index of the first run of its streak: paragraphs are
// a box only where they stand in a row, the story's own paragraphs
// sharing their parent.
type recordSig struct {
	box    *html.Node
	tag    atom.Atom
	parts  int
	streak int
}

// factRecords reports, for each of runs, a record of a box of key facts
// (keyedRecord) that stands among factBoxRecords or more sibling records
// of its signature, factBoxPlain or more of them no metadata
// (metaRecord) and no other chrome line (chromeLine): a table's rows,
// a list's "Key: value" items, a pair list's pairs or a streak of
// "Key: value" paragraphs (paraRecord). Such a record is
// a fact whatever its key ("Published | 3 March 2026", "Stand:
// 04.03.2026", "发布日期：2026年3月3日") and wherever the box stands;
// the same line alone under a headline, or in a post's list of date,
// author and category, is the template's.
func factRecords(runs []run) []bool {
	out := make([]bool, len(runs))
	sigs := recordSigs(runs, recordSignature, atom.P)
	type tally struct{ records, plain, facts, dated int }
	count := map[recordSig]*tally{}
	for i, r := range runs {
		sig := sigs[i]
		if sig.box == nil {
			continue
		}
		c := count[sig]
		if c == nil {
			c = &tally{}
			count[sig] = c
		}
		c.records++
		if plainRecord(r) {
			c.plain++
		}
		if datedRecord(r) {
			c.dated++
		} else if r.linkUnits == 0 && factPair(asPair(r)) && !publisherRecord(r) {
			c.facts++
		}
	}
	for i := range runs {
		c := count[sigs[i]]
		if sigs[i].box == nil {
			continue
		}
		if c.records >= factBoxRecords && c.plain >= factBoxPlain || c.records == pairBoxRecords && c.facts == 1 && c.dated == 1 {
			out[i] = true
		}
	}
	return out
}

// publisherKeys are the keys a paper's metadata names its publisher by
// ("From: Department for …", "Herausgeber: Bundesministerium …").
var publisherKeys = []string{"from", "published by", "publisher", "issued by",
	"herausgeber", "herausgeberin", "herausgegeben von", "éditeur", "édité par"}

// publisherRecord reports a record whose key names who published the
// page (publisherKeys): with a dated record beside it, it is a paper's
// metadata list, no box of two key facts (factRecords).
func publisherRecord(r run) bool {
	key, _, ok := recordParts(r)
	return ok && oneOfFold(recordKey(key), publisherKeys)
}

// recordKey is a record's key as a list of keys reads it, without the
// spaces and the colon a <dt> may write after it ("Stand:", "Date :").
func recordKey(key string) string { return strings.TrimRight(strings.TrimSpace(key), " \u00a0:：") }

// datedRecord reports a record whose value, past its key, holds a date
// or a time, in any language findDate reads ("Published: 3 March 2026",
// "Datum | 03.03.2026", "Publié le : 3 mars 2026").
func datedRecord(r run) bool {
	_, value, ok := recordParts(r)
	if !ok {
		return false
	}
	_, _, date := findDate(value)
	return date || timeRe.MatchString(value)
}

// asPair returns r with its text read as "key | value" (factPair's
// form) when a colon sets its key off ("Status: Open for comment");
// a record the walk joined with " | " is returned as it is.
func asPair(r run) run {
	if strings.Contains(r.text, " | ") {
		return r
	}
	i := strings.IndexAny(r.text, ":：")
	if i < 0 || strings.HasPrefix(r.text[i:], "://") {
		return r
	}
	r.text = strings.TrimSpace(r.text[:i]) + " | " + strings.TrimSpace(strings.TrimLeft(r.text[i:], ":："))
	return r
}

// recordParts returns the key and the value of r read as a record
// (asPair), ok false when no " | " or colon sets a key off.
func recordParts(r run) (key, value string, ok bool) {
	return strings.Cut(asPair(r).text, " | ")
}

// plainRecord reports a record (recordSignature) that is no metadata
// (metaRecord) and no other chrome line (chromeLine). An item whose key
// only its markup sets off (labelledItem: "Category News", no colon nor
// " | " for metaRecord to read) must be a fact as a pair list's pair
// under a chrome name must (factPair), read as "key | value".
func plainRecord(r run) bool {
	if r.owner.DataAtom == atom.Li && !strings.Contains(r.text, " | ") && !strings.ContainsAny(r.text, ":：") {
		key, ok := labelledItem(r.owner)
		if !ok || !strings.HasPrefix(r.text, key) {
			return false
		}
		pair := r
		pair.text = key + " | " + strings.TrimSpace(r.text[len(key):])
		return factPair(pair)
	}
	return !metaRecord(r.text) && !chromeLine(r, runeCountFor(r), false)
}

// recordSignature returns the signature of r when r is a record of a box
// of key facts (keyedRecord, gridRecord, paraRecord) outside chrome.
func recordSignature(r run) (recordSig, bool) {
	if r.chrome || !keyedRecord(r) && !gridRecord(r) && !paraRecord(r) || r.owner.Parent == nil {
		return recordSig{}, false
	}
	parts := strings.Count(r.text, " | ") + 1
	if parts == 1 {
		parts = 2 // "Key: value"
	}
	return recordSig{box: r.owner.Parent, tag: r.owner.DataAtom, parts: parts}, true
}

// authorKeys are keys of a record that name who wrote a post ("Author |
// Jane Doe", "Written by: Jane Doe", "Publicado por: Redacción"):
// metaLineRe reads only "By:", and intlMetaRe the other languages' author
// labels of one word, not their "posted by" phrases.
var authorKeys = []string{"author", "authors", "written by", "posted by", "reporter", "editor",
	"publicado por", "escrito por", "publié par", "écrit par", "veröffentlicht von", "geschrieben von", "pubblicato da", "scritto da"}

// metaRecord reports a record (keyedRecord's text: key and value set off
// by " | " or a colon) that is a template's metadata: read as "key:
// value", it is a metadata line (metaChrome, folded as chromeLine folds
// it: "Published | 3 March 2026", "Autor | Anna Schmidt"), or its key
// names the author (authorKeys).
func metaRecord(t string) bool {
	key, value, ok := strings.Cut(t, " | ")
	if !ok {
		i := strings.IndexAny(t, ":：")
		if i < 0 {
			return metaChrome(foldTrad(t))
		}
		key, value = t[:i], strings.TrimLeft(t[i:], ":：")
	}
	key = strings.TrimSpace(key)
	return oneOfFold(key, authorKeys) || metaChrome(foldTrad(key+": "+strings.TrimSpace(value)))
}

// gridRecord reports a run that is a row of a grid built without
// <table> (rowSignature: the walk joined its cells with " | ") and reads
// as a key and its value as keyedRecord reads a table's row: its first
// cell a label, not a person's name.
func gridRecord(r run) bool {
	if r.heading || r.owner == nil || r.owner.Parent == nil {
		return false
	}
	if _, ok := rowSignature(r.owner); !ok {
		return false
	}
	key, _, ok := strings.Cut(r.text, " | ")
	key = strings.TrimSpace(key)
	return ok && pairKey(key) && !personName(key)
}

// paraRecord reports a run that is a paragraph written as a record of a
// box of key facts, "Key: value" ("<p><strong>Closing date:</strong> 14
// April 2026</p>"), when no list or table holds the box: its key a label
// as keyedRecord's is (pairKey, no person's name), its value short
// (gridCellRunes runes or fewer) and no sentence. A paragraph of prose
// that opens with a label ("Note: the council meets again on Tuesday.")
// ends a sentence, and one alone is no box: factRecords asks for a streak
// of them in a row.
func paraRecord(r run) bool {
	return r.owner != nil && r.owner.DataAtom == atom.P && keyValueLine(r)
}

// keyValueLine reports a run, no heading, written "Key: value": its key a
// label (pairKey, no person's name), its value short (gridCellRunes runes
// or fewer) and no sentence.
func keyValueLine(r run) bool {
	if r.heading {
		return false
	}
	i := strings.IndexAny(r.text, ":：")
	if i < 0 || strings.HasPrefix(r.text[i:], "://") {
		return false
	}
	key := strings.TrimSpace(r.text[:i])
	value := strings.TrimSpace(strings.TrimLeft(r.text[i:], ":："))
	return pairKey(key) && !personName(key) && value != "" && runesUpTo(value, gridCellRunes+1) <= gridCellRunes && !sentenceEnd(value)
}

// factPairBox reports an element named as chrome by weak hints alone
// (weakNamed: "meta", "info") that holds a box of key facts: factBoxPlain
// or more of its runs are records (factBoxRecord) that are facts
// (factPair): a case's or a product's record data ("Reference |
// CONS-2026-014", "Gericht | Landgericht Kassel") under a stylesheet's
// "meta" name, whether a pair list, a table, a grid of <div> rows, a
// list's "Key: value" items or "Key: value" paragraphs hold it, and
// whether the name is the box's own or its wrapper's. A post's meta
// block of date, author, category and tags holds no such fact, and
// still goes by its hint.
func (bw *blockWalk) factPairBox(n *html.Node, st *elemStats) bool {
	if st == nil || !weakNamed(st) {
		return false
	}
	facts := 0
	for i := st.start; i < st.end && i < len(bw.runs) && facts < factBoxPlain; i++ {
		if r := bw.runs[i]; factBoxRecord(r) && r.linkUnits == 0 && factPair(asPair(r)) {
			facts++
		}
	}
	return facts >= factBoxPlain
}

// factBoxRecord reports a run written as a record of a box of key facts:
// a table's row, a list's item or a pair list's pair (keyedRecord), a
// grid's row (gridRecord), or a "Key: value" line of a <p> or <div>
// (lineRecord).
func factBoxRecord(r run) bool {
	return keyedRecord(r) || gridRecord(r) || lineRecord(r)
}

// factPair reports a pair of a pair list, as the walk joined it ("key |
// value"), that is a fact and no template's metadata: its key a label
// (pairKey) naming no author (authorKeys) nor a person, its value holding
// no date or time and more than a count ("Comments | 4", "Views | 1,024"),
// its key no filing key (filingKeys), the whole no metadata (metaRecord)
// and no chrome line.
func factPair(r run) bool {
	key, value, ok := strings.Cut(r.text, " | ")
	if !ok {
		return false
	}
	key, value = strings.TrimSpace(key), strings.TrimSpace(value)
	if !pairKey(key) || personName(key) || oneOfFold(key, authorKeys) || oneOfFold(key, filingKeys) || timeRe.MatchString(value) || countValue(value) {
		return false
	}
	return !metaRecord(r.text) && !chromeLine(r, runeCountFor(r), false)
}

// filingKeys are keys of a post's meta list that file it on the site
// ("Section | Local news", "Topics | Roads", "Rubrik | Lokales"): metaRecord
// reads category and tags lines, not these.
var filingKeys = []string{"section", "topic", "topics", "subject", "subjects", "rubrik", "thema", "themen",
	"rubrique", "thème", "thèmes", "sección", "tema", "temas", "etiquetas", "栏目", "分类", "标签", "主题"}

// countValue reports a value that is a count alone: digits, with the
// spaces, commas and dots that group or part them, and nothing else.
func countValue(v string) bool {
	digits := false
	for _, c := range v {
		switch {
		case c >= '0' && c <= '9':
			digits = true
		case c == ' ' || c == ',' || c == '.' || c == '\u00a0':
		default:
			return false
		}
	}
	return digits
}

// postKeys are keys of a post's meta line, beyond authorKeys and
// filingKeys, that file the post on the site or name who wrote it:
// category and tag words, and the one-word author labels of other
// languages ("Autor", "Auteur", "Catégorie").
var postKeys = []string{"category", "categories", "filed under", "posted in", "tags", "tag", "tagged", "labels",
	"kategorie", "kategorien", "schlagwörter", "schlagworte", "autor", "autorin",
	"catégorie", "catégories", "mots-clés", "auteur", "auteure",
	"categoría", "categorías", "etiquetas", "autora", "categoria", "categorie", "autore"}

// metaBoxLines reports, for each of runs, a line of a post's meta block:
// two or more records of one signature (recordSignature, or "Key: value"
// lines of <p> or <div> blocks in a row, lineRecord), every one of them
// metadata (metaRecord) or a date record (datedRecord), one or more
// naming who wrote the post or where the site files it (postRecord:
// "Author: Jane Doe", "Posted by: Mark Hollis", "Kategorie | Lokales"),
// the box above the text's first paragraph of prose or below its last.
// A notice's box of dates alone, or one naming its reference or issuer
// beside them, is no meta block; neither is a box among the paragraphs.
// A page without a paragraph of prose has no meta block: its short
// lines may be all there is. A paper's <dl> of who published it and
// when, with no author or category record, is metaList's (filter.go).
func metaBoxLines(runs []run) []bool {
	out := make([]bool, len(runs))
	first, last := -1, -1
	for i, r := range runs {
		if proseRun(r) {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	if first < 0 {
		return out
	}
	type tally struct {
		records, meta, post int
		inside              bool // a record stands between the first and last paragraph of prose
	}
	sigs := recordSigs(runs, metaSignature, atom.P, atom.Div)
	count := map[recordSig]*tally{}
	for i, r := range runs {
		sig := sigs[i]
		if sig.box == nil {
			continue
		}
		c := count[sig]
		if c == nil {
			c = &tally{}
			count[sig] = c
		}
		c.records++
		c.inside = c.inside || i > first && i < last
		post := postRecord(r)
		if post {
			c.post++
		}
		if post || metaRecord(r.text) || datedRecord(r) || countRecord(r) {
			c.meta++
		}
	}
	for i, r := range runs {
		if (i < first || i > last) && partedMetaLine(r) {
			out[i] = true // a post's meta line set as inline parts of one block
			continue
		}
		if sigs[i].box == nil {
			continue
		}
		if c := count[sigs[i]]; c.records >= 2 && c.meta == c.records && c.post >= 1 && !c.inside {
			out[i] = true
		}
	}
	return out
}

// metaPartTags are the inline elements a post's meta line sets its parts
// in (partedMetaLine).
var metaPartTags = map[atom.Atom]bool{atom.Span: true, atom.Time: true, atom.A: true, atom.Small: true, atom.Em: true, atom.B: true, atom.Strong: true}

// partedMetaLine reports a run that is a post's meta line set as the
// inline parts of one block ("<div class=post-meta><span>Posted by Jane
// Miller</span> | <span>12 March 2026</span> <span>Category:
// News</span></div>"), which the walk joins into one line that no
// metadata test reads whole: its block holds two or more such elements
// (metaPartTags) and between them only white space or separators; every
// part is metadata (postMetaPart), and one at least names who wrote the
// post or where the site files it (postAuthorPart, postRecord). A line
// of dates alone is metaPart's to answer; a paragraph whose words lie
// outside its elements is text.
func partedMetaLine(r run) bool {
	if r.heading || r.owner == nil || runeCountFor(r) > shortLine {
		return false
	}
	parts, post := 0, false
	for c := r.owner.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			if strings.Trim(c.Data, " \t\r\n\u00a0|·•—–-/,") != "" {
				return false
			}
			continue
		case html.ElementNode:
		default:
			continue
		}
		if !metaPartTags[c.DataAtom] {
			return false
		}
		p := cellText(c, shortLine*4)
		if p == "" {
			continue
		}
		author := postAuthorPart(p) || postRecord(run{text: p})
		if !author && !postMetaPart(p) {
			return false
		}
		post = post || author
		parts++
	}
	return parts >= 2 && post
}

// postMetaPart reports a part of a post's meta line that is metadata: a
// date, a source, date or author line (metaPart), a date in another
// language with its words and no name (intlBylineKind's dateLineOf: "12.
// März 2026", "12 de marzo de 2026"), or a "Key: value" record
// metaRecord reads as metadata.
func postMetaPart(p string) bool {
	f := foldTrad(p)
	return metaPart(f) || metaRecord(f) || intlBylineKind(p) == dateLineOf
}

// postAuthorPart reports a part of a post's meta line that names its
// author: a byline (bylineName: "By Jane Doe", "Von Anna Schmidt") or an
// author key without its colon, then a person's name ("Posted by Jane
// Miller", "Publié par Marie Dubois", "Publicado por Carlos Ruiz").
func postAuthorPart(p string) bool {
	if bylineName(p) != "" {
		return true
	}
	for _, k := range authorKeys {
		if len(p) > len(k) && p[len(k)] == ' ' && strings.EqualFold(p[:len(k)], k) {
			return personWords(strings.TrimSpace(p[len(k):]))
		}
	}
	return false
}

// countRecord reports a record that is a count of a post's thread alone,
// its key a counter's label and its value a number ("Comments | 4",
// "Views: 1,024", "Kommentare | 3"): a post's meta block counts its
// comments beside its author and date. A box of facts whose count is
// no thread's ("Applicants | 12") holds other labels.
func countRecord(r run) bool {
	key, value, ok := recordParts(r)
	if !ok {
		return false
	}
	key, value = strings.TrimSpace(key), strings.TrimSpace(value)
	line := key + ": " + value
	return countValue(value) && mayCounter(line) && counterRe.MatchString(line) && !hasLetter(counterRe.ReplaceAllString(line, ""))
}

// metaSignature is a record's signature as metaBoxLines groups records:
// recordSignature's, or for a "Key: value" line of a <p> or <div> block
// outside chrome (lineRecord) its parent, tag and two parts.
func metaSignature(r run) (recordSig, bool) {
	if sig, ok := recordSignature(r); ok {
		return sig, true
	}
	if !lineRecord(r) || r.chrome || r.owner.Parent == nil {
		return recordSig{}, false
	}
	return recordSig{box: r.owner.Parent, tag: r.owner.DataAtom, parts: 2}, true
}

// recordSigs returns each run's record signature by sigOf, the zero
// recordSig for a run that is no record. A record whose tag is one of
// streakTags (paragraph-like blocks) carries the index of the first run
// of its streak: such blocks are a box only where they stand in a row,
// the story's own paragraphs sharing their parent.
func recordSigs(runs []run, sigOf func(run) (recordSig, bool), streakTags ...atom.Atom) []recordSig {
	sigs := make([]recordSig, len(runs))
	for i, r := range runs {
		sig, ok := sigOf(r)
		if !ok {
			continue
		}
		if slices.Contains(streakTags, sig.tag) {
			sig.streak = i
			if i > 0 && sigs[i-1].box == sig.box && sigs[i-1].tag == sig.tag {
				sig.streak = sigs[i-1].streak // the streak of the run before goes on
			}
		}
		sigs[i] = sig
	}
	return sigs
}

// postRecord reports a record whose key names who wrote a post or where
// the site files it (authorKeys, filingKeys, postKeys).
func postRecord(r run) bool {
	key, _, ok := recordParts(r)
	if !ok {
		return false
	}
	key = strings.TrimSpace(key)
	return oneOfFold(key, authorKeys) || oneOfFold(key, filingKeys) || oneOfFold(key, postKeys)
}

// lineRecord reports a run that is a "Key: value" line of a <p> or a
// <div> block, as paraRecord reads a paragraph's: a post's meta block
// sets its lines so ("<div><span>Author:</span> Jane Doe</div>").
func lineRecord(r run) bool {
	return r.owner != nil && (r.owner.DataAtom == atom.P || r.owner.DataAtom == atom.Div) && keyValueLine(r)
}
