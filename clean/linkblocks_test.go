package clean

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestLinkBlockKept: linkBlock answers from what it found the first time
// it was asked of an element (inLinkList asks it of every ancestor of
// every run), not by reading the element's runs again.
func TestLinkBlockKept(t *testing.T) {
	page := `<html><body><div id="card"><p><a href="/a">A linked headline of another story</a></p>` +
		`<p>Its summary in a line</p></div></body></html>`
	root, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	bw := walkBlocks(root)
	var card *html.Node
	for _, n := range bw.order {
		if attr(n, "id") == "card" {
			card = n
		}
	}
	st := bw.stats[card]
	if !linkBlock(bw, card, st) {
		t.Fatal("the teaser card is not a link block")
	}
	for i := st.start; i < st.end; i++ { // ten commas: linkyDiv would now say no
		bw.runs[i].text += strings.Repeat(", ", 10)
	}
	if !linkBlock(bw, card, st) {
		t.Error("asked again, linkBlock read the runs afresh")
	}
	if st.linkBlock = 0; linkBlock(bw, card, st) {
		t.Error("the commas do not change linkyDiv's answer: the test proves nothing")
	}
}
