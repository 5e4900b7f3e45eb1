package clean

import (
	"fmt"
	"strings"
	"testing"
)

// wordExport is a report a word processor saved as HTML: its paragraphs
// in one section <div>, its two footnotes in a list beside it, linked
// both ways to their marks in the text.
func wordExport(paras int) string {
	var b strings.Builder
	b.WriteString(`<html><head><meta http-equiv=Content-Type content="text/html; charset=utf-8">
<meta name=Generator content="Microsoft Word 11"><title>Survey of the Upper Meadows</title></head>
<body lang=EN-GB><div class=WordSection1>
<p class=MsoTitle><span lang=EN-GB>Survey of the Upper Meadows<o:p></o:p></span></p>
`)
	for i := 0; i < paras; i++ {
		mark := ""
		if i == 1 {
			mark = `<a style='mso-footnote-id:ftn1' href="#_ftn1" name="_ftnref1" title=""><span class=MsoFootnoteReference>[1]</span></a>`
		}
		if i == paras-1 {
			mark = `<a style='mso-footnote-id:ftn2' href="#_ftn2" name="_ftnref2" title=""><span class=MsoFootnoteReference>[2]</span></a>`
		}
		fmt.Fprintf(&b, "<p class=MsoNormal><span lang=EN-GB>Meadow %d was walked twice in June, and the counts of orchids, grasses and sedges were recorded on the standard sheets by two surveyors working apart.%s<o:p></o:p></span></p>\n", i+1, mark)
	}
	b.WriteString(`</div>
<div style='mso-element:footnote-list'><![if !supportFootnotes]><br clear=all><hr align=left size=1 width="33%"><![endif]>
<div style='mso-element:footnote' id=ftn1><p class=MsoFootnoteText><a style='mso-footnote-id:ftn1' href="#_ftnref1" name="_ftn1" title="">[1]</a> Counts from the second walk were used where the two differ.</p></div>
<div style='mso-element:footnote' id=ftn2><p class=MsoFootnoteText><a style='mso-footnote-id:ftn2' href="#_ftnref2" name="_ftn2" title="">[2]</a> The eastern edge was not walked in June because of flooding.</p></div>
</div>
</body></html>`)
	return b.String()
}

// TestNotesJoinArticle: the footnotes of a long document saved from a word
// processor sit beside its section, score little, and are its text.
func TestNotesJoinArticle(t *testing.T) {
	for _, n := range []int{3, 8, 12} {
		d, err := Clean(Input{URL: "http://example.org/survey.htm", Body: []byte(wordExport(n))})
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"Counts from the second walk were used", "The eastern edge was not walked", fmt.Sprintf("Meadow %d was walked", n)} {
			if !strings.Contains(d.Text, want) {
				t.Errorf("%d paragraphs: text lost %q:\n%s", n, want, d.Text)
			}
		}
	}
}

// TestNotesOneWayLinksStay: a list beside the article that the article
// links to but that links nowhere back into it (a box of the page's
// sections) is no list of notes, and does not join the article.
func TestNotesOneWayLinksStay(t *testing.T) {
	page := strings.Replace(wordExport(12), `href="#_ftnref1"`, `href="/other.htm"`, 1)
	page = strings.Replace(page, `href="#_ftnref2"`, `href="/more.htm"`, 1)
	d, err := Clean(Input{URL: "http://example.org/survey.htm", Body: []byte(page)})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(d.Text, "Counts from the second walk") {
		t.Errorf("a one-way linked box joined the article:\n%s", d.Text)
	}
}
