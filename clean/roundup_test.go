package clean

import (
	"strings"
	"testing"
)

// TestRoundUpKept: a sentence of the article that rounds up other sites'
// pieces by their linked titles, each as long as a headline, is text
// when the article's prose goes on after it; a line of the site's own
// headlines amid the article, and one after its last paragraph, still go.
func TestRoundUpKept(t *testing.T) {
	roundUp := `<p>This week's reading: <a href="https://a.example.com/p">a long piece about the river and its floods</a>, ` +
		`<a href="https://b.example.com/p">an essay on the valley's old mills and their owners</a>, and ` +
		`<a href="https://c.example.com/p">a report on the state of the county's bridges</a>.</p>`
	more := `<p>More news: <a href="/q/1">Shop fronts on the high street repainted</a> · <a href="/q/2">Allotment waiting list grows again</a>.</p>`
	also := `<p>Also today: <a href="/n/1">Council tax rise approved by a narrow vote</a> and <a href="/n/2">Bus routes to change from next month</a>.</p>`
	page := `<html><head><title>Title</title></head><body><article><h1>Title</h1>` + prose("guide", 2) + roundUp + also + prose("end", 1) + more + `</article></body></html>`
	doc := cleanPage(t, "http://example.com/a", []byte(page))
	if !strings.Contains(doc.Text, "an essay on the valley's old mills and their owners, and a report") {
		t.Errorf("round-up lost:\n%s", doc.Text)
	}
	for _, chrome := range []string{"Bus routes", "Allotment"} {
		if strings.Contains(doc.Text, chrome) {
			t.Errorf("the site's headlines %q kept:\n%s", chrome, doc.Text)
		}
	}
}
