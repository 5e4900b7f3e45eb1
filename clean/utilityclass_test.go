package clean

import (
	"strings"
	"testing"
)

// TestUtilitySpacingJoinsNothing: on a page styled by utilities alone,
// the author's box after the article wears the spacing class of the
// article's body ("space-y-4 leading-relaxed"). That class names a
// style, not a kind of block, so the box is no other part of the
// article: the text ends with the article.
func TestUtilitySpacingJoinsNothing(t *testing.T) {
	page := `<html><head><title>Harbour town rebuilds its sea wall</title></head><body>` +
		`<div class="max-w-3xl mx-auto px-4"><div class="flex flex-col gap-4">` +
		`<h1 class="font-bold">Harbour town rebuilds its sea wall</h1>` +
		`<div class="space-y-4 leading-relaxed">` + prose("story", 2) + `</div></div>` +
		`<div class="space-y-4 leading-relaxed"><img src="/tom.jpg" alt=""><p class="text-sm">Tom Hughes is our coastal ` +
		`affairs correspondent, covering flooding, fisheries and the communities of the east coast since 2015, ` +
		`and he writes a column every Saturday.</p></div></div></body></html>`
	doc := cleanPage(t, "https://news.example.com/2026/10/14/wall", []byte(page))
	if !strings.Contains(doc.Text, "Paragraph 1 of the story") {
		t.Errorf("the article is lost:\n%s", doc.Text)
	}
	if strings.Contains(doc.Text, "correspondent") {
		t.Errorf("text holds the author's box:\n%s", doc.Text)
	}
}

// TestScaleClass: a utility's shape is a scale step, an arbitrary value
// or a fraction; a hashed or a named class is none.
func TestScaleClass(t *testing.T) {
	for tok, want := range map[string]bool{
		"space-y-4": true, "max-w-3xl": true, "text-gray-600": true, "w-[320px]": true, "w-1/2": true,
		"css-1q2w3e": false, "sc-bdVaJa": false, "article-body": false, "content": false, "x-": false, "-4": false,
	} {
		if got := scaleClass(tok); got != want {
			t.Errorf("scaleClass(%q) = %v, want %v", tok, got, want)
		}
	}
}
