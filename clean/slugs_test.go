package clean

import "testing"

// TestSlugID: an id made of the heading's first words, with at most one
// prefix word and a trailing counter, is an anchor; one word alone, or
// words the heading does not open with, is a name.
func TestSlugID(t *testing.T) {
	cases := []struct {
		id, text string
		want     bool
	}{
		{"related-work", "Related work", true},
		{"share-of-the-market", "Share of the market", true},
		{"h-navigation-in-fog", "Navigation in fog", true},
		{"nav_sidebar_options_0", "Sidebar options for the map", true}, // a prefix, a counter, the first words
		{"userContentFooterNotes", "Footer notes", false},              // two prefix words
		{"comments", "Comments", false},                                // one word: a label's name
		{"comments-title", "3 Responses to the water story", false},
		{"footerHeader", "Footer", false},
		{"mw-navigation", "Navigation menu", false}, // a prefix and one word
		{"navigation-menu", "Site navigation menu", false},
		{"", "Related work", false},
	}
	for _, c := range cases {
		if got := slugID(c.id, c.text); got != c.want {
			t.Errorf("slugID(%q, %q) = %v, want %v", c.id, c.text, got, c.want)
		}
	}
}

// TestSlugHeadingKept: a heading of the article whose anchor id holds a
// chrome word ("related", "share", "location", "comments") because the
// heading's own text does is the article's; a heading whose id names a
// part of the page it labels still goes with that part.
func TestSlugHeadingKept(t *testing.T) {
	heads := [][2]string{
		{"related-work", "Related work"},
		{"share-of-the-market", "Share of the market"},
		{"toc-location-and-access", "Location and access"},
		{"comments-on-the-draft", "Comments on the draft"},
		{"nav_sidebar_options_0", "Sidebar options for the map"},
	}
	for _, h := range heads {
		t.Run(h[0], func(t *testing.T) {
			page := `<article><h1>Title</h1>` + prose("story", 3) + `<h2 id="` + h[0] + `">` + h[1] + `</h2>` + prose("section", 3) + `</article>`
			checkText(t, cleanBody(t, "Title", page), []string{h[1], "Paragraph 2 of the section"}, nil)
		})
	}
	t.Run("a thread's heading", func(t *testing.T) {
		page := `<article><h1>Title</h1>` + prose("story", 4) +
			`<div class="comments-area"><h2 id="comments-title">3 Responses to the story</h2><ol class="comment-list"><li><p>Bob wrote: about time they fixed those pipes.</p></li></ol></div></article>`
		checkText(t, cleanBody(t, "Title", page), []string{"Paragraph 3 of the story"}, []string{"3 Responses", "Bob wrote"})
	})
}
