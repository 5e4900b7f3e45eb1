package clean

import (
	"net/http"
	"strings"
	"testing"
)

// Pathological pages stop at the budget with what was found by then, and
// the Document says so.
func TestBudgetStopsPathologicalPages(t *testing.T) {
	para := "A sentence of the article, with commas, long enough to score as a paragraph."
	pages := map[string]string{
		"30000 nested divs": "<html><body>" + strings.Repeat("<div>"+para, 30000) + "</body></html>",
		"30000 paragraphs":  "<html><body><article>" + strings.Repeat("<p>"+para+"</p>", 30000) + "</article></body></html>",
	}
	for name, page := range pages {
		t.Run(name, func(t *testing.T) {
			doc, err := Clean(Input{URL: "http://example.com/", Header: http.Header{}, Body: []byte(page), Budget: 20_000})
			if err != nil {
				t.Fatal(err)
			}
			if !doc.OverBudget {
				t.Error("OverBudget = false, want true")
			}
			if !strings.Contains(doc.Text, para) {
				t.Errorf("no text kept: %.200q", doc.Text)
			}
			if n := strings.Count(doc.Text, para); n >= 30000 {
				t.Errorf("%d paragraphs kept: the budget did not stop the walk", n)
			}
		})
	}
}

// An ordinary page finishes well inside the same budget.
func TestBudgetOrdinaryPage(t *testing.T) {
	body := "<html><body><article>" + strings.Repeat("<p>A sentence of the article, with commas, long enough to score.</p>", 20) + "</article></body></html>"
	doc, err := Clean(Input{URL: "http://example.com/", Header: http.Header{}, Body: []byte(body)})
	if err != nil {
		t.Fatal(err)
	}
	if doc.OverBudget || strings.Count(doc.Text, "A sentence") != 20 {
		t.Errorf("OverBudget = %v, %d paragraphs; want false, 20", doc.OverBudget, strings.Count(doc.Text, "A sentence"))
	}
}

// A page nested deeper than the HTML parser allows is read, not refused.
func TestDeepNestingParses(t *testing.T) {
	body := "<html><body>" + strings.Repeat("<div><span>", 2000) + "The deep text, with commas, is still the page's text." + "</body></html>"
	doc, err := Clean(Input{URL: "http://example.com/", Header: http.Header{}, Body: []byte(body)})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(doc.Text, "The deep text") {
		t.Errorf("Text = %.200q", doc.Text)
	}
}

// The budget counts work, not time: the same page gives the same text
// and the same cut every time, however busy the machine.
func TestBudgetIsDeterministic(t *testing.T) {
	page := "<html><body><article>" + strings.Repeat("<p>A sentence of the article, with commas, long enough.</p>", 2000) + "</article></body></html>"
	first, _ := Clean(Input{URL: "http://example.com/", Header: http.Header{}, Body: []byte(page), Budget: 5_000})
	for i := 0; i < 3; i++ {
		again, _ := Clean(Input{URL: "http://example.com/", Header: http.Header{}, Body: []byte(page), Budget: 5_000})
		if again.Text != first.Text || again.OverBudget != first.OverBudget {
			t.Fatalf("run %d: %d characters (cut %v), first run %d (cut %v)", i, len(again.Text), again.OverBudget, len(first.Text), first.OverBudget)
		}
	}
	if !first.OverBudget {
		t.Error("a 5,000-step budget should cut 2,000 paragraphs")
	}
}
