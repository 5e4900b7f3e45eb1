package evalscore

import (
	"math"
	"testing"
)

func TestSnippetScore(t *testing.T) {
	truth := Snippets{
		With:    []string{"Die Bahn streicht", "Neues Konzept", "第一段"},
		Without: []string{"Newsletter", "Impressum"},
	}
	cases := []struct {
		name string
		text string
		want SnippetCounts
	}{
		{"all right", "Die Bahn streicht den Zutritt.\nNeues Konzept. 第一段", SnippetCounts{TP: 3, TN: 2}},
		{"one missing, one unwanted", "Die Bahn streicht.\nNewsletter\n第一段", SnippetCounts{TP: 2, FN: 1, FP: 1, TN: 1}},
		{"byte for byte: case and spacing count", "die bahn streicht Neues  Konzept", SnippetCounts{FN: 3, TN: 2}},
		{"empty text", "", SnippetCounts{FN: 3, TN: 2}},
		{"whole page", "Die Bahn streicht Neues Konzept 第一段 Newsletter Impressum", SnippetCounts{TP: 3, FP: 2}},
	}
	for _, c := range cases {
		if got := truth.Score(c.text); got != c.want {
			t.Errorf("%s: %+v, want %+v", c.name, got, c.want)
		}
	}
	if got := (Snippets{With: []string{""}, Without: []string{""}}).Score(""); got != (SnippetCounts{FN: 1, TN: 1}) {
		t.Errorf("empty snippets in an empty text: %+v, want nothing found", got)
	}
}

func TestSnippetRates(t *testing.T) {
	cases := []struct {
		c             SnippetCounts
		p, r, f1, acc float64
	}{
		{SnippetCounts{TP: 6, FN: 2, FP: 3, TN: 9}, 6.0 / 9, 6.0 / 8, 12.0 / 17, 15.0 / 20},
		{SnippetCounts{FN: 3, TN: 2}, 0, 0, 0, 2.0 / 5},     // empty output
		{SnippetCounts{TN: 2}, 1, 1, 1, 1},                  // nothing to find, nothing unwanted found
		{SnippetCounts{TP: 1, FP: 1}, 0.5, 1, 2.0 / 3, 0.5}, // F1 is the harmonic mean of P and R
	}
	for _, c := range cases {
		got := []float64{c.c.Precision(), c.c.Recall(), c.c.F1(), c.c.Accuracy()}
		want := []float64{c.p, c.r, c.f1, c.acc}
		for i := range got {
			if math.Abs(got[i]-want[i]) > 1e-9 {
				t.Errorf("%+v: P R F1 acc %.4f, want %.4f", c.c, got, want)
				break
			}
		}
	}
	sum := SnippetCounts{TP: 1, FN: 2}.Add(SnippetCounts{TP: 3, FP: 4, TN: 5})
	if sum != (SnippetCounts{TP: 4, FN: 2, FP: 4, TN: 5}) {
		t.Errorf("Add: %+v", sum)
	}
}

func TestParseSnippets(t *testing.T) {
	s, err := ParseSnippets([]byte(`{"url": "https://example.com/", "with": ["a", "b"], "without": ["c"]}`))
	if err != nil || len(s.With) != 2 || s.With[1] != "b" || len(s.Without) != 1 || s.Without[0] != "c" {
		t.Errorf("ParseSnippets: %+v, %v", s, err)
	}
	if _, err := ParseSnippets([]byte(`{"with": "not a list"}`)); err == nil {
		t.Errorf("ParseSnippets of a malformed file: no error")
	}
}
