package clean

import (
	"fmt"
	"strings"
	"testing"
)

// part is one block of an article cut into parts as a CMS's paragraph
// component writes it: a wrapper of the class class, around a wrapper
// around the paragraph, under a heading when head is set. Part 2 is the
// longest, and scores best by far, as one part of such a story often
// does: the wrappers around it score too little for the climb to leave it.
func part(class string, i int, head bool) string {
	h := ""
	if head {
		h = fmt.Sprintf(`<h2 class="subline">Section %d</h2>`, i)
	}
	reps := 2
	if i == 2 {
		reps = 8
	}
	text := strings.Repeat(fmt.Sprintf("Part %d tells, with care and at some length, what the council decided, ", i), reps)
	return fmt.Sprintf(`<div><div class="%s">%s<div class="paragraph-text"><div><p>%s</p></div></div></div><div class="clear"></div></div>`, class, h, text)
}

// The cases are small pages written for these tests, one per rule of
// parts.go.
var partsCases = []struct {
	name       string
	page       string
	must, not_ []string
}{
	{
		name: "four parts, three under headings",
		page: `<article><h1>Title</h1><div class="body"><div>` + part("paragraph", 0, false) + part("paragraph", 1, true) +
			part("paragraph", 2, true) + part("paragraph", 3, true) + `</div></div></article>`,
		must: []string{"Part 0 tells", "Part 1 tells", "Section 2", "Part 2 tells", "Part 3 tells"},
	},
	{
		// a template repeated needs minGroup blocks: the body's block and
		// a note's block of one template are no parts
		name: "two blocks of one template",
		page: `<article><h1>Title</h1><div class="body"><div>` + part("paragraph", 2, false) +
			`<div><div class="paragraph"><div class="paragraph-text"><div><p>The writer is a freelance reporter who has ` +
			`covered the town council and its budget for many years, for several papers.</p></div></div></div></div></div></div></article>`,
		must: []string{"Part 2 tells"},
		not_: []string{"freelance reporter"},
	},
	{
		// a block of the template with no paragraph of prose, a credit
		// line, is no part
		name: "credit line in a block of the parts' template",
		page: `<article><h1>Title</h1><div class="body"><div>` + part("paragraph", 0, false) + part("paragraph", 1, false) +
			part("paragraph", 2, false) + `<div><div class="paragraph"><div class="paragraph-text"><div><p>Photos by the desk ` +
			`and the town hall archive</p></div></div></div></div></div></div></article>`,
		must: []string{"Part 0 tells", "Part 1 tells", "Part 2 tells"},
		not_: []string{"Photos by the desk"},
	},
	{
		// teaser cards of the same template beside the parts: over a
		// third of their text in links
		name: "linked cards beside the parts",
		page: `<article><h1>Title</h1><div class="body"><div>` + part("paragraph", 0, false) + part("paragraph", 1, false) +
			part("paragraph", 2, false) + strings.Repeat(`<div><div class="paragraph"><div class="paragraph-text"><div><p>`+
			`<a href="/other">Another story from the town hall, with a long linked headline</a>, read it here now, `+
			`with its summary of what the mayor said.</p></div></div></div></div>`, 3) + `</div></div></article>`,
		must: []string{"Part 0 tells", "Part 1 tells", "Part 2 tells"},
		not_: []string{"Another story from the town hall"},
	},
}

func TestParts(t *testing.T) {
	for _, c := range partsCases {
		t.Run(c.name, func(t *testing.T) {
			checkText(t, cleanBody(t, "Title", c.page), c.must, c.not_)
		})
	}
}
