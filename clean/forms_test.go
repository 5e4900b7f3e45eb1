package clean

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// formCases are small pages written for these tests: each holds a block
// around a form field that formRuns drops or keeps.
var formCases = []struct {
	name       string
	page       string
	must, not_ []string
}{
	{
		// A newsletter box after the story: a heading, one line and an
		// email field.
		name: "newsletter box after the story",
		page: `<article><div>` + prose("story", 4) +
			`<div class="box"><h3>Get the Town Daily</h3><p>Enter your email below to get the day's top stories every morning.</p>` +
			`<form><input type="email" name="email"><button>Sign up</button></form></div></div></article>`,
		must: []string{"Paragraph 3 of the story"},
		not_: []string{"Get the Town Daily", "Enter your email below"},
	},
	{
		// A box around a zip code field without a <form> of its own.
		name: "quote box with a zip code field",
		page: `<article><div>` + prose("story", 4) + `<section><div><div>Get quotes from up to 3 pros!</div>` +
			`<div>Enter a zip below and get matched to top-rated pros near you.</div>` +
			`<input type="number" placeholder="Zip Code"></div></section>` + prose("end", 2) + `</div></article>`,
		must: []string{"Paragraph 1 of the end"},
		not_: []string{"Get quotes", "Enter a zip below"},
	},
	{
		// Paragraphs of prose around a field weigh more than formCost:
		// the box is the story's.
		name: "field inside paragraphs of the story",
		page: `<article><div>` + prose("story", 4) + `<div class="tool">` + prose("calculator", 2) +
			`<input type="text" name="amount"></div>` + prose("end", 2) + `</div></article>`,
		must: []string{"Paragraph 1 of the calculator", "Paragraph 1 of the end"},
	},
	{
		// A hidden value, a check box or a button is no field to type
		// into.
		name: "hidden value and buttons",
		page: `<article><div>` + prose("story", 4) + `<div><p>The council publishes its minutes every Friday.</p>` +
			`<input type="hidden" name="id" value="7"><input type="checkbox"><input type="button" value="Print"></div>` +
			prose("end", 2) + `</div></article>`,
		must: []string{"The council publishes its minutes every Friday"},
	},
	{
		// A paragraph is not a box: a field in a sentence leaves the
		// sentence in the story.
		name: "field inside a paragraph",
		page: `<article><div>` + prose("story", 4) + `<p>Type your street <input type="text"> to find the polling place.</p>` +
			prose("end", 2) + `</div></article>`,
		must: []string{"Type your street", "to find the polling place"},
	},
}

func TestFormRuns(t *testing.T) {
	for _, c := range formCases {
		t.Run(c.name, func(t *testing.T) {
			checkText(t, cleanBody(t, "Title", c.page), c.must, c.not_)
		})
	}
}

// TestFormRunsGuard calls formRuns itself: the passes after it (the
// relaxed pass, the fallbacks) would mend an article cut too short, and
// hide whether formRuns leaves one whole.
func TestFormRunsGuard(t *testing.T) {
	box := `<div><p>Write to the council clerk to be heard at the meeting.</p><input type="email"></div>`
	cases := []struct {
		name string
		page string
		drop bool
	}{
		{"story long enough", `<article><div>` + prose("story", 4) + box + `</div></article>`, true},
		{"story too short to stand alone", `<article><div><p>The council meets on Tuesday evening at the town hall.</p>` + box + `</div></article>`, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			root, err := html.Parse(strings.NewReader("<html><body>" + c.page + "</body></html>"))
			if err != nil {
				t.Fatal(err)
			}
			bw := walkBlocks(root)
			defer bw.release()
			if got := formRuns(bw, genericRoots(bw, nil)) != nil; got != c.drop {
				t.Errorf("formRuns drops the box: %v, want %v", got, c.drop)
			}
		})
	}
}
