package clean

import (
	"os"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestHintTable: a hint table matches the words of a class and id exactly
// when hasHint finds one of its hints there, on every classID of the test
// pages (and the eval pages unless short) and on crafted ones.
func TestHintTable(t *testing.T) {
	ids := []string{"", " ", "nav", "nav ", "navbar ", "canvas ", "a nav", "side bar ", "side  bar ", "sidebar",
		"main text ", "| nav ", "content", "trs editor ", "trs", "ad", "ad ", "bad ad ", "head| ", "x  nav "}
	eachTestElement(t, func(n *html.Node) { ids = append(ids, classID(n)) })
	lists := map[string][]string{"strongPositive": strongPositive, "weakPositive": weakPositive, "strongNegative": strongNegative, "weakNegative": weakNegative}
	tables := map[string]*hintTable{"strongPositive": strongPositiveHints, "weakPositive": weakPositiveHints, "strongNegative": strongNegativeHints, "weakNegative": weakNegativeHints}
	hits := 0
	for name, list := range lists {
		for _, s := range ids {
			want := false
			for _, h := range list {
				want = want || hasHint(s, h)
			}
			if got := tables[name].matches(s); got != want {
				t.Errorf("%s table matches %q: %v, hasHint: %v", name, s, got, want)
			}
			if want {
				hits++
			}
		}
	}
	if hits < 20 {
		t.Errorf("only %d hits: pages missing?", hits)
	}
}

// TestNamesHold: namesHold lets through every class and id whose words
// name a caption, a credit or a gallery (captionClass) or a byline
// (bylineNames), on every element of the pages and on crafted names.
func TestNamesHold(t *testing.T) {
	pairs := [][2]string{{"wp-caption-text", ""}, {"", "imageCaption"}, {"PhotoCredit", ""}, {"photo_credit x", ""}, {"image credit", ""},
		{"Gallery-Slide", ""}, {"", "SLIDESHOW"}, {"hp-carousel", ""}, {"byLine", ""}, {"", "post-author"}, {"AUTHOR", ""}, {"by-line", ""}}
	eachTestElement(t, func(n *html.Node) { pairs = append(pairs, [2]string{attr(n, "class"), attr(n, "id")}) })
	named := 0
	for _, p := range pairs {
		s := classIDOf(p[0], p[1])
		if captionName(s) || galleryName(s) {
			named++
			if !namesHold(p[0], p[1], captionWords...) {
				t.Errorf("class %q id %q name a caption or gallery, namesHold says no", p[0], p[1])
			}
		}
		if strings.Contains(s, "byline") || strings.Contains(s, "author") {
			named++
			if !namesHold(p[0], p[1], "byline", "author") {
				t.Errorf("class %q id %q name a byline, namesHold says no", p[0], p[1])
			}
		}
	}
	if named < 11 {
		t.Errorf("only %d names: samples missing?", named)
	}
}

// eachTestElement calls fn with each element of the test pages, and of
// the eval pages unless the test is short, a page at a time.
func eachTestElement(t *testing.T, fn func(*html.Node)) {
	t.Helper()
	for _, p := range testPagePaths() {
		body, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		root, err := html.Parse(strings.NewReader(string(body)))
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		for n := range root.Descendants() {
			if n.Type == html.ElementNode {
				fn(n)
			}
		}
	}
}

// TestHintWordsWith: the words of a class name after "with" say what the
// element goes with, not what it is: a documentation heading styled
// "anchor anchorWithStickyNavbar" is no navbar, and stays in the text.
func TestHintWordsWith(t *testing.T) {
	for _, c := range []struct{ class, want string }{
		{"anchorWithStickyNavbar", "anchor "},
		{"layout-with-sidebar main", "layout main "},
		{"main-nav", "main nav "},
		{"withdrawn-notice", "withdrawn notice "},
		{"Withnav", "withnav "},
	} {
		if got := classIDOf(c.class, ""); got != c.want {
			t.Errorf("classIDOf(%q): %q, want %q", c.class, got, c.want)
		}
	}
	doc := cleanBody(t, "Writing plugins", `<article><h1>Writing plugins</h1>`+prose("intro", 3)+
		`<h2 class="anchor anchorWithStickyNavbar" id="hooks">Hooks a plugin may register</h2>`+prose("hooks", 3)+`</article>`)
	checkText(t, doc, []string{"Paragraph 2 of the intro", "Hooks a plugin may register", "Paragraph 0 of the hooks"}, nil)
}
