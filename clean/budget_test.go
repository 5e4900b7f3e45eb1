package clean

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// fakeClock replaces clock with one that moves a millisecond each time it
// is read, so that a budget runs out after a fixed amount of work, however
// fast the machine.
func fakeClock(t *testing.T) {
	t.Helper()
	now := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	old := clock
	clock = func() time.Time {
		now = now.Add(time.Millisecond)
		return now
	}
	t.Cleanup(func() { clock = old })
}

// Pathological pages stop at the budget with what was found by then, and
// the Document says so.
func TestBudgetStopsPathologicalPages(t *testing.T) {
	para := "A sentence of the article, with commas, long enough to score as a paragraph."
	pages := map[string]string{
		"100000 nested divs": "<html><body>" + strings.Repeat("<div>"+para, 100000) + "</body></html>",
		"200000 paragraphs":  "<html><body><article>" + strings.Repeat("<p>"+para+"</p>", 200000) + "</article></body></html>",
	}
	for name, page := range pages {
		t.Run(name, func(t *testing.T) {
			fakeClock(t)
			doc, err := Clean(Input{URL: "http://example.com/", Header: http.Header{}, Body: []byte(page), Budget: 100 * time.Millisecond})
			if err != nil {
				t.Fatal(err)
			}
			if !doc.OverBudget {
				t.Error("OverBudget = false, want true")
			}
			if !strings.Contains(doc.Text, para) {
				t.Errorf("no text kept: %.200q", doc.Text)
			}
			if n := strings.Count(doc.Text, para); n >= 100000 {
				t.Errorf("%d paragraphs kept: the budget did not stop the walk", n)
			}
		})
	}
}

// An ordinary page finishes well inside the same budget.
func TestBudgetOrdinaryPage(t *testing.T) {
	fakeClock(t)
	body := "<html><body><article>" + strings.Repeat("<p>A sentence of the article, with commas, long enough to score.</p>", 20) + "</article></body></html>"
	doc, err := Clean(Input{URL: "http://example.com/", Header: http.Header{}, Body: []byte(body), Budget: 100 * time.Millisecond})
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
