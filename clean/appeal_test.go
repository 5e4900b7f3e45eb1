package clean

import (
	"strings"
	"testing"
)

// appealPage is a page of a one-paragraph notice whose names say nothing:
// a header, the story under its headline (inside, blocks set inside the
// story's element after the paragraph), after, blocks set after the
// story's element, and a footer.
func appealPage(inside, after string) string {
	return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Riverside path reopens after flood repairs | Dale Herald</title></head><body>` +
		`<div><a href="/">Dale Herald</a><ul><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></div>` +
		`<div><div><h1>Riverside path reopens after flood repairs</h1><p>4 June 2024</p>` +
		`<div><p>The riverside path between the mill and the old bridge reopened on Friday, eight months after the winter floods washed away part of its bank, and walkers, runners and cyclists may use it again from dawn to dusk.</p></div>` +
		inside + `</div>` + after + `</div>` +
		`<div><p>Copyright 2024 Dale Herald Ltd. All rights reserved.</p></div></body></html>`
}

// TestAppealBoxOut: a box that appeals to the reader after a short story
// (a heading of its own, a paragraph or two, and a button, a field or a
// link alone on its last line) holds as much prose as the story and is
// no part of it, whatever it is named and wherever it is set.
func TestAppealBoxOut(t *testing.T) {
	appeal := `<h3>Keep the Herald going</h3><p>Reporting on your town takes time, money, and people at every meeting. If you value it, please give what you can today, once or every month, so that our stories stay free for everyone.</p>`
	for name, c := range map[string][2]string{
		"button inside the story's element":    {`<div>` + appeal + `<button>Give</button></div>`, ""},
		"field after the story's element":      {"", `<div>` + appeal + `<form action="/give"><input type="text" name="amount"><input type="submit" value="Give"></form></div>`},
		"link alone after the story's element": {"", `<div>` + appeal + `<a href="https://give.example.org/herald">Give now</a></div>`},
	} {
		t.Run(name, func(t *testing.T) {
			doc := cleanPage(t, "https://herald.example/news/path", []byte(appealPage(c[0], c[1])))
			checkText(t, doc, []string{"The riverside path between the mill"}, []string{"Reporting on your town", "Keep the Herald going"})
		})
	}
}

// TestAppealBoxStoryParts: a part of the story under its own heading
// stays: one with no control, and one inside the story's element that
// ends with the link it speaks of (only a button or a field marks an
// appeal there).
func TestAppealBoxStoryParts(t *testing.T) {
	for _, c := range []struct{ inside, must string }{
		{`<div><h2>Background</h2><p>The bank gave way in January, when the river rose higher than at any time since 1968, and the council closed the path the same week.</p></div>`, "The bank gave way in January"},
		{`<div><h2>How to report damage</h2><p>If you see a crack, a fallen tree or a loose railing on the path, you can tell the council online, and a ranger will check it within two days.</p><a href="https://report.example.gov/path">Report a problem</a></div>`, "you can tell the council online"},
	} {
		doc := cleanPage(t, "https://herald.example/news/path", []byte(appealPage(c.inside, "")))
		checkText(t, doc, []string{"The riverside path between the mill", c.must}, []string{"Copyright 2024"})
	}
}

// TestAppealBoxNoHeading: a newsletter box with no heading (a paragraph
// of prose and a form field or a button) after a short story, inside the
// story's wrapper or after it, is an appeal all the same; a paragraph of
// the story followed by a block without a control stays.
func TestAppealBoxNoHeading(t *testing.T) {
	line := `<p>Sign up for our weekly newsletter, and get the stories from your town, the council's decisions and the week's events in your inbox every Friday morning.</p>`
	for name, inside := range map[string]string{
		"form in a div":       `<div>` + line + `<form action="/nl"><input type="email" name="email"><button>Subscribe</button></form></div>`,
		"the form as the box": `<form action="/nl">` + line + `<label>E-mail</label> <input type="text" name="e"> <button type="submit">Subscribe</button></form>`,
	} {
		t.Run(name, func(t *testing.T) {
			doc := cleanPage(t, "https://herald.example/news/path", []byte(appealPage(inside, "")))
			checkText(t, doc, []string{"The riverside path between the mill"}, []string{"Sign up for our weekly newsletter"})
		})
	}
	doc := cleanPage(t, "https://herald.example/news/path", []byte(appealPage(`<div>`+strings.ReplaceAll(line, "Sign up for", "Readers asked for")+`</div>`, "")))
	checkText(t, doc, []string{"The riverside path between the mill", "Readers asked for our weekly"}, nil)
}
