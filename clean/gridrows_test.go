package clean

import (
	"strings"
	"testing"
)

// divGrid is a grid of rows built of <div>s: rowAttr on each row, cellAttr
// on each cell, one row a slice of cells.
func divGrid(rowAttr, cellAttr string, rows ...[]string) string {
	var b strings.Builder
	b.WriteString("<div>")
	for _, r := range rows {
		b.WriteString("\n<div" + rowAttr + ">")
		for _, c := range r {
			b.WriteString("<div" + cellAttr + ">" + c + "</div>")
		}
		b.WriteString("</div>")
	}
	b.WriteString("\n</div>")
	return b.String()
}

// TestGridRowsJoin: a table built of <div>s (with table words for class
// names, with none, or in ARIA roles) inside the article comes out as a
// <table>'s simple rows do, one line a row with its cells in order, " | "
// between them; cut into one paragraph a cell, its figures were dropped
// as short lines. Two side-by-side columns of a layout, each holding
// blocks, are no grid: their paragraphs stay paragraphs.
func TestGridRowsJoin(t *testing.T) {
	rows := [][]string{{"North East", "4.1%", "4.3%", "+0.2"}, {"North West", "3.8%", "3.7%", "-0.1"}, {"Yorkshire", "4.0%", "4.0%", "0.0"}}
	for _, c := range []struct{ name, row, cell string }{
		{"table words", ` class="row"`, ` class="cell"`},
		{"no class", "", ""},
		{"aria", ` role="row"`, ` role="cell"`},
	} {
		doc := guideDoc(t, `<p>The table below sets out the rate by region.</p>`+divGrid(c.row, c.cell, rows...))
		for _, r := range rows {
			if want := strings.Join(r, " | "); !strings.Contains(doc.Text, want+"\n") {
				t.Errorf("%s: row %q not one line:\n%s", c.name, want, doc.Text)
			}
		}
	}
	layout := `<div><div class="col"><p>` + strings.Repeat("Left column words. ", 4) + `</p></div><div class="col"><p>` + strings.Repeat("Right column words. ", 4) + `</p></div></div>`
	doc := guideDoc(t, layout+layout)
	if strings.Contains(doc.Text, " | ") {
		t.Errorf("layout columns joined as a row:\n%s", doc.Text)
	}
}

// TestGridHeadCells: the head row of a grid whose cells are named for it
// ("cell head", "th", "col-head") is a line of the grid, as a <table>'s
// <th> row is: the weak hint "head" names a cell's style inside a row
// walked as one paragraph, as on a <span>, not a page's header.
func TestGridHeadCells(t *testing.T) {
	grid := `<div class="table"><div class="row"><div class="cell head">Region</div><div class="cell head">Q4 2025</div><div class="cell head">Q1 2026</div></div>` +
		divGrid(` class="row"`, ` class="cell"`, []string{"North East", "4.1%", "4.3%"}, []string{"North West", "3.8%", "3.7%"})[len("<div>"):]
	doc := guideDoc(t, `<p>The table below sets out the rate by region.</p>`+grid)
	if !strings.Contains(doc.Text, "Region | Q4 2025 | Q1 2026\n") {
		t.Errorf("head row lost:\n%s", doc.Text)
	}
}

// TestPairListJoins: a <dl> of keys and values (a notice's key facts)
// comes out one pair a line, " | " between key and value, as a two-cell
// table row does; cut into one paragraph a part, the dates were dropped
// as short date lines. A glossary whose <dd>s hold paragraphs, and a key
// with two values (an address's lines), keep their items as paragraphs.
func TestPairListJoins(t *testing.T) {
	facts := `<h2>Key facts</h2><dl><dt>Reference</dt><dd>APP/2026/0412</dd><dt>Date of issue</dt><dd>3 March 2026</dd>` +
		`<dt>Hearing date</dt><dd>14 April 2026</dd></dl>`
	glossary := `<dl><dt>Appellant</dt><dd><p>The person who lodges the appeal against the council's decision.</p></dd>` +
		`<dt>Inspector</dt><dd><p>The officer appointed to hear the appeal and decide it.</p></dd></dl>`
	address := `<dl><dt>Town Hall</dt><dd>Market Square</dd><dd>Westford WF1 2AB</dd><dt>Post</dt><dd>PO Box 12</dd></dl>`
	doc := guideDoc(t, facts+glossary+address)
	for _, want := range []string{"Reference | APP/2026/0412\n", "Date of issue | 3 March 2026\n", "Hearing date | 14 April 2026\n",
		"\nAppellant\n", "\nTown Hall\n"} {
		if !strings.Contains(doc.Text, want) {
			t.Errorf("want %q in:\n%s", want, doc.Text)
		}
	}
}

// TestKeyedStampsStay: a box of key facts whose values are dates, a
// two-cell table ("Consultation closes | 14 April 2026") or a list of
// "Key: value" items, inside the story with no head row and no sentence
// introducing it, is text: each of its lines read as a name beside a
// time (signedOff), and the box went as a comment thread. The readers'
// replies under the story, prose signed with a name and a time, still
// go.
func TestKeyedStampsStay(t *testing.T) {
	rows := [][2]string{{"Consultation opens", "3 March 2026"}, {"Consultation closes", "14 April 2026 at 17:00"},
		{"Public hearing", "21 April 2026, 10:00"}, {"Cabinet decision", "16 June 2026"}}
	table, list := "<table>", "<ul>"
	for _, r := range rows {
		table += "<tr><td>" + r[0] + "</td><td>" + r[1] + "</td></tr>"
		list += "<li><strong>" + r[0] + ":</strong> " + r[1] + "</li>"
	}
	table, list = table+"</table>", list+"</ul>"
	replies := `<div id="comments">`
	for _, c := range [][2]string{{"Great idea, the road is dangerous for my kids every morning and something needs to be done.", "Jane Roe, March 4, 2026 at 9:15 am"},
		{"This will cost a fortune and nobody cycles there in winter anyway, what a waste of public money.", "Mark Smith, March 4, 2026 at 11:02 am"},
		{"I hope they keep the parking spaces outside the shops or the high street will suffer even more.", "Ann Lee, March 5, 2026 at 6:40 pm"}} {
		replies += `<div class="c"><p>` + c[0] + `</p><div class="meta">` + c[1] + `</div></div>`
	}
	replies += `</div>`
	for name, box := range map[string]string{"table": table, "list": list} {
		page := `<html><head><title>Consultation</title></head><body><main><article><h1>Consultation</h1>` + prose("story", 2) + box +
			prose("close", 1) + `</article>` + replies + `</main></body></html>`
		doc := cleanPage(t, "http://example.com/a", []byte(page))
		for _, r := range rows {
			if !strings.Contains(doc.Text, r[1]) {
				t.Errorf("%s: fact %q lost:\n%s", name, r[1], doc.Text)
			}
		}
		if strings.Contains(doc.Text, "Jane Roe") || strings.Contains(doc.Text, "waste of public money") {
			t.Errorf("%s: replies kept:\n%s", name, doc.Text)
		}
	}
}

// storyWithBox returns a page headed title whose <article> holds a
// story of three paragraphs and box above it, inside it (after its
// second paragraph) or under it: at is "above", "inside" or "under".
func storyWithBox(title, box, at string) string {
	page := `<html><head><title>` + title + `</title></head><body><main><article><h1>` + title + `</h1>`
	switch at {
	case "above":
		page += box + prose("story", 3)
	case "inside":
		page += prose("story", 2) + box + prose("close", 1)
	default:
		page += prose("story", 3) + box
	}
	return page + `</article></main></body></html>`
}

// TestFactRowsKeepDates: a box of key facts keeps its rows whose keys
// are a template's date labels ("Published | 3 March 2026", "Stand:
// 04.03.2026", "发布日期：2026年3月3日") wherever it stands, above,
// inside or under the story, as a table, a list of "Key: value" items,
// a pair list or a grid of <div> rows (whose last row, a date with its
// time, is no post's footer): each is one record among three or more,
// two of them no metadata. The same line alone under the headline or
// under the story, or in a post's list of date, author and category,
// still goes.
func TestFactRowsKeepDates(t *testing.T) {
	boxes := map[string]string{
		"table": `<table><tr><th>Reference</th><td>APP/2026/0412</td></tr><tr><th>Published</th><td>3 March 2026</td></tr>` +
			`<tr><th>Applicant</th><td>Westford Homes Ltd</td></tr><tr><th>Last updated</th><td>4 March 2026</td></tr></table>`,
		"list": `<ul><li><strong>Aktenzeichen:</strong> HW-12/2026</li><li><strong>Stand:</strong> 04.03.2026</li>` +
			`<li><strong>Herausgeber:</strong> Stadt Westfurt, Tiefbauamt</li></ul>`,
		"zh list": `<ul><li>索引号：11330100/2026-00412</li><li>发布日期：2026年3月3日</li><li>发文机关：市住房和城乡建设局</li></ul>`,
		"dl":      `<dl><dt>Référence</dt><dd>AP-2026-041</dd><dt>Publié le</dt><dd>3 mars 2026</dd><dt>Service</dt><dd>Direction de la voirie</dd></dl>`,
	}
	boxes["grid"] = `<div class="facts"><div class="row"><div>Product</div><div>Kettle model K200</div></div>` +
		`<div class="row"><div>Hazard</div><div>Electric shock</div></div><div class="row"><div>Published</div><div>2 March 2026 09:30</div></div></div>`
	kept := map[string][]string{"grid": {"Published | 2 March 2026 09:30"}, "table": {"Published | 3 March 2026", "Last updated | 4 March 2026"}, "list": {"Stand: 04.03.2026"},
		"zh list": {"发布日期：2026年3月3日"}, "dl": {"Publié le | 3 mars 2026"}}
	for name, box := range boxes {
		for _, at := range []string{"above", "inside", "under"} {
			doc := cleanPage(t, "http://example.com/a", []byte(storyWithBox("Notice", box, at)))
			for _, want := range kept[name] {
				if !strings.Contains(doc.Text, want) {
					t.Errorf("%s %s the story: %q lost:\n%s", name, at, want, doc.Text)
				}
			}
		}
	}
	for _, meta := range []string{`<p>Published: 3 March 2026</p>` + prose("story", 3),
		prose("story", 3) + `<p>Last updated: 4 March 2026</p>`,
		`<ul><li>Published: 3 March 2026</li><li>Author: Jane Doe</li><li>Category: News</li></ul>` + prose("story", 3)} {
		doc := cleanPage(t, "http://example.com/a", []byte(`<html><head><title>Notice</title></head><body><main><article><h1>Notice</h1>`+meta+`</article></main></body></html>`))
		if strings.Contains(doc.Text, "March 2026") {
			t.Errorf("a template's date line kept:\n%s", doc.Text)
		}
	}
}

// TestParagraphFactBoxKeepsDates: a box of key facts written as
// paragraphs, "Key: value" three or more in a row with no list or table
// ("<p><strong>Published:</strong> 3 March 2026</p>" among the
// reference and the issuer), keeps its date rows above, inside or under
// the story, as a list's box does. A post's paragraphs of date, author
// and category, and a lone date paragraph, still lose their date.
func TestParagraphFactBoxKeepsDates(t *testing.T) {
	box := `<p><strong>Reference:</strong> RC-2026-0412</p><p><strong>Published:</strong> 3 March 2026</p>` +
		`<p><strong>Product:</strong> Cordless kettle K200</p><p><b>Date</b>: Saturday 9 May 2026</p><p><strong>Hazard:</strong> Electric shock</p>`
	for _, at := range []string{"above", "inside", "under"} {
		doc := cleanPage(t, "http://example.com/a", []byte(storyWithBox("Recall", box, at)))
		for _, want := range []string{"Published: 3 March 2026", "Date: Saturday 9 May 2026", "Reference: RC-2026-0412"} {
			if !strings.Contains(doc.Text, want) {
				t.Errorf("box %s the story: %q lost:\n%s", at, want, doc.Text)
			}
		}
	}
	for _, meta := range []string{`<p><strong>Published:</strong> 3 March 2026</p><p><strong>Author:</strong> Jane Doe</p><p><strong>Category:</strong> News</p>` + prose("story", 3),
		`<p>Published: 3 March 2026</p>` + prose("story", 3)} {
		doc := cleanPage(t, "http://example.com/a", []byte(`<html><head><title>Notice</title></head><body><main><article><h1>Notice</h1>`+meta+`</article></main></body></html>`))
		if strings.Contains(doc.Text, "March 2026") {
			t.Errorf("a template's date line kept:\n%s", doc.Text)
		}
	}
}

// TestMetaNamedFactListStays: a pair list of a case's or a product's
// facts whose stylesheet names it "meta" ("case-meta") keeps its pairs,
// its date rows too: two or more of its pairs are facts (factPair), no
// date, author, filing key or count. A post's meta list of date, author
// and category, or of date, section, topics and a comment count, still
// goes by its name.
func TestMetaNamedFactListStays(t *testing.T) {
	page := func(dl string) *Document {
		return cleanPage(t, "http://example.com/a", []byte(`<html><head><title>Case</title></head><body><main><article><h1>Case</h1>`+
			dl+prose("story", 3)+`</article></main></body></html>`))
	}
	for _, cls := range []string{"meta", "case-meta"} {
		doc := page(`<dl class="` + cls + `"><dt>Case number</dt><dd>T-2026/881</dd><dt>Court</dt><dd>Westford Crown Court</dd>` +
			`<dt>Hearing date</dt><dd>21 April 2026</dd><dt>Published</dt><dd>3 March 2026</dd></dl>`)
		for _, want := range []string{"Case number | T-2026/881", "Hearing date | 21 April 2026", "Published | 3 March 2026"} {
			if !strings.Contains(doc.Text, want) {
				t.Errorf("dl.%s: %q lost:\n%s", cls, want, doc.Text)
			}
		}
	}
	for _, meta := range []string{`<dl class="meta"><dt>Published</dt><dd>3 March 2026</dd><dt>Author</dt><dd>Jane Doe</dd><dt>Category</dt><dd>News</dd></dl>`,
		`<dl class="meta"><dt>Published</dt><dd>3 March 2026</dd><dt>Section</dt><dd>Local news</dd><dt>Topics</dt><dd>Roads</dd><dt>Comments</dt><dd>4</dd></dl>`} {
		if doc := page(meta); strings.Contains(doc.Text, "March 2026") {
			t.Errorf("a post's meta list kept:\n%s", doc.Text)
		}
	}
}

// TestMetaNamedFactBoxStays: a box of a notice's key facts that its
// stylesheet names "meta" keeps its records in any markup, not in a <dl>
// alone, and whether the name is the box's or its wrapper's: a table of
// a German court notice, a French grid of <div> rows, a list of "Key:
// value" items. A post's meta table of author, date and category under
// the same name still goes.
func TestMetaNamedFactBoxStays(t *testing.T) {
	page := func(box string) *Document {
		return cleanPage(t, "http://example.com/a", []byte(`<html><head><title>Notice</title></head><body><main><article><h1>Notice</h1>`+
			prose("story", 3)+box+`</article></main></body></html>`))
	}
	for _, c := range []struct{ box, want string }{
		{`<table class="meta"><tr><th>Aktenzeichen</th><td>3 O 214/24</td></tr><tr><th>Gericht</th><td>Landgericht Kassel</td></tr>` +
			`<tr><th>Datum</th><td>04.03.2026</td></tr></table>`, "Landgericht Kassel"},
		{`<div class="case-meta"><div class="row"><div>Référence</div><div>n° 2401873</div></div>` +
			`<div class="row"><div>Juridiction</div><div>Tribunal administratif de Lyon</div></div>` +
			`<div class="row"><div>Statut</div><div>Décision publique</div></div></div>`, "Tribunal administratif de Lyon"},
		{`<div class="meta-info"><ul><li><b>Producto:</b> Pimientos asados</li><li><b>Lote:</b> L-2604-B</li></ul></div>`, "L-2604-B"},
	} {
		if doc := page(c.box); !strings.Contains(doc.Text, c.want) {
			t.Errorf("%q lost from a fact box named meta:\n%s", c.want, doc.Text)
		}
	}
	doc := page(`<table class="meta"><tr><th>Author</th><td>Jane Doe</td></tr><tr><th>Published</th><td>3 March 2026</td></tr>` +
		`<tr><th>Category</th><td>News</td></tr></table>`)
	if strings.Contains(doc.Text, "Jane Doe") {
		t.Errorf("a post's meta table kept:\n%s", doc.Text)
	}
}

// TestLabelledItemsKeepDates: a list of key facts whose keys only their
// markup sets off, no colon ("<li><span class="label">Published</span>
// <span>3 March 2026</span></li>", "<b>Frist</b>"), keeps its date rows
// as a list of "Key: value" items does. A post's list of date, category
// and tags, or of date, section and a comment count, set the same way,
// still loses its date.
func TestLabelledItemsKeepDates(t *testing.T) {
	page := func(list string) *Document {
		return cleanPage(t, "http://example.com/a", []byte(`<html><head><title>Recall</title></head><body><main><article><h1>Recall</h1>`+
			prose("story", 2)+list+prose("close", 1)+`</article></main></body></html>`))
	}
	doc := page(`<ul class="summary-list"><li><span class="label">Product</span> <span class="value">Cordless kettle K200</span></li>` +
		`<li><span class="label">Hazard</span> <span class="value">Electric shock</span></li>` +
		`<li><b>Published</b> <span>3 March 2026</span></li><li><span class="label">Sold at</span> <span class="value">Homestore</span></li></ul>`)
	if !strings.Contains(doc.Text, "Published 3 March 2026") {
		t.Errorf("a labelled fact's date lost:\n%s", doc.Text)
	}
	for _, meta := range []string{`<ul><li><span class="label">Posted</span> <span>3 March 2026</span></li><li><span class="label">Category</span> <span>News</span></li><li><b>Tags</b> <span>roads, council</span></li></ul>`,
		`<ul><li><span>Last updated</span> <time>3 March 2026</time></li><li><span>Section</span> <span>Local</span></li><li><span>Comments</span> <span>3</span></li></ul>`} {
		if doc := page(meta); strings.Contains(doc.Text, "March 2026") {
			t.Errorf("a post's labelled meta list kept:\n%s", doc.Text)
		}
	}
}

// TestTwoRecordBox: a notice's box of two records, one of them a fact
// ("Reference: CONS-2026-014", "Status: Open for comment"), keeps its
// date record beside it, in a list or as paragraphs: "Published: 3
// March 2026" is the notice's record there, not the template's meta
// line. A post's pair of date and author lines holds no fact, and its
// date line still goes.
func TestTwoRecordBox(t *testing.T) {
	for name, c := range map[string]struct{ box, date string }{
		"list":       {`<ul><li><strong>Published:</strong> 3 March 2026</li><li><strong>Reference:</strong> CONS-2026-014</li></ul>`, "3 March 2026"},
		"paragraphs": {`<div><p><strong>Date:</strong> 3 March 2026</p><p><strong>Status:</strong> Open for comment</p></div>`, "3 March 2026"},
		"french":     {`<ul><li>Publié le : 3 mars 2026</li><li>Référence : AR-2026-117</li></ul>`, "3 mars 2026"},
	} {
		doc := guideDoc(t, c.box)
		if !strings.Contains(doc.Text, c.date) {
			t.Errorf("%s: the box's date record lost:\n%s", name, doc.Text)
		}
	}
	for name, box := range map[string]string{
		"author": `<ul><li><strong>Published:</strong> 3 March 2026</li><li><strong>Publicado por:</strong> Redacción</li></ul>`,
		"link":   `<ul><li><strong>Published:</strong> 3 March 2026</li><li><strong>Next:</strong> <a href="/b">Council meets again</a></li></ul>`,
	} {
		doc := guideDoc(t, box)
		if strings.Contains(doc.Text, "3 March 2026") {
			t.Errorf("%s: a post's date line kept beside a record that is no fact:\n%s", name, doc.Text)
		}
	}
}

// TestPostMetaBlock: a post's meta block, lines of who wrote it and
// where the site files it ("Author: Jane Doe", "Posted by: …",
// "Kategorie | Lokales") in <div>s, a <p> of <br>-parted lines or a
// <dl class="info">, above the text or under it, goes; "Author:" and
// the other languages' labels were no meta line for the line filters. A
// case's facts beside its date (Aktenzeichen, Gericht, Datum) stay, as
// does a notice's box of dates alone.
func TestPostMetaBlock(t *testing.T) {
	for name, c := range map[string]struct{ before, after string }{
		"div lines": {`<div><div><span>Author:</span> Jane Doe</div><div><span>Posted by:</span> Mark Hollis</div></div>`, ""},
		"br lines":  {"", `<p>Author: Jane Doe<br>Category: Local news</p>`},
		"dl de":     {`<dl class="info"><dt>Datum</dt><dd>03.03.2026</dd><dt>Autor</dt><dd>Jane Doe</dd><dt>Kategorie</dt><dd>Lokales</dd></dl>`, ""},
		"table fr":  {"", `<table class="meta"><tr><td>Auteur</td><td>Jane Doe</td></tr><tr><td>Rubrique</td><td>Société</td></tr></table>`},
	} {
		doc := postDoc(t, c.before+prose("story", 2)+c.after)
		if strings.Contains(doc.Text, "Jane Doe") {
			t.Errorf("%s: the post's meta lines kept:\n%s", name, doc.Text)
		}
	}
	for name, box := range map[string]string{
		"case":  `<dl class="info"><dt>Aktenzeichen</dt><dd>4 K 112/25</dd><dt>Gericht</dt><dd>Verwaltungsgericht Halle</dd><dt>Datum</dt><dd>03.03.2026</dd></dl>`,
		"dates": `<ul><li>Consultation opens: 3 March 2026</li><li>Consultation closes: 14 April 2026</li></ul>`,
	} {
		doc := postDoc(t, box+prose("story", 2))
		for _, want := range []string{"4 K 112/25", "14 April 2026"} {
			if strings.Contains(box, want) && !strings.Contains(doc.Text, want) {
				t.Errorf("%s: the box's record %q lost:\n%s", name, want, doc.Text)
			}
		}
	}
}

// postDoc is the Document of a post whose article holds its headline and
// then body alone.
func postDoc(t *testing.T, body string) *Document {
	t.Helper()
	page := `<html><head><title>Title</title></head><body><article><h1>Title</h1>` + body + `</article></body></html>`
	return cleanPage(t, "http://example.com/a", []byte(page))
}

// TestMetaBoxWithCount: a post's meta box that counts its comments
// beside its author, date, category and tags ("Comments | 4") goes as
// one without the count does, above the text or under it; a box of
// facts whose count is no thread's ("Objections | 12") stays.
func TestMetaBoxWithCount(t *testing.T) {
	page := func(box string, before bool) *Document {
		body := prose("story", 3) + box
		if before {
			body = box + prose("story", 3)
		}
		return cleanPage(t, "http://example.com/a", []byte(`<html><head><title>Post</title></head><body><main><article><h1>Post</h1>`+
			body+`</article></main></body></html>`))
	}
	meta := `<table><tr><th>Author</th><td>Jane Miller</td></tr><tr><th>Published</th><td>12 March 2026</td></tr>` +
		`<tr><th>Category</th><td>Local news</td></tr><tr><th>Comments</th><td>4</td></tr></table>`
	for _, before := range []bool{true, false} {
		if doc := page(meta, before); strings.Contains(doc.Text, "Jane Miller") {
			t.Errorf("a post's meta box with a comment count kept (above: %v):\n%s", before, doc.Text)
		}
	}
	facts := `<table><tr><th>Reference</th><td>PLN/2026/0142</td></tr><tr><th>Applicant</th><td>Riverside Works Ltd</td></tr>` +
		`<tr><th>Objections</th><td>12</td></tr></table>`
	if doc := page(facts, false); !strings.Contains(doc.Text, "Objections | 12") {
		t.Errorf("a box of facts lost its count:\n%s", doc.Text)
	}
}
