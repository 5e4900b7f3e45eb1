package clean

import "testing"

// shortPage is a page whose names say nothing (divs without classes): a
// consent notice, a header, a short story under its headline with the
// blocks after it (after), and a footer of several paragraphs.
func shortPage(story, after, footer string) string {
	return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Library extends its opening hours on Saturdays | Valley Gazette</title></head><body>` +
		`<div><p>This website stores small files on your device to measure visits, keep you signed in, and tailor what you see. Choose what you allow in the settings panel.</p><button>OK</button></div>` +
		`<div><a href="/">Valley Gazette</a><div><ul><li><a href="/local">Local</a></li><li><a href="/arts">Arts</a></li><li><a href="/jobs">Jobs</a></li></ul></div></div>` +
		`<div><div><h1>Library extends its opening hours on Saturdays</h1><p>3 May 2024</p><div>` + story + `</div>` + after + `</div></div>` +
		`<div>` + footer + `</div></body></html>`
}

// TestShortStoryKeepsItsParts: the parts of a short notice after its
// paragraph, without links (a list of key facts under a heading of its
// own, a contact line), stay with it though each scores under the floor
// of 10 that withSiblings asks of a sibling.
func TestShortStoryKeepsItsParts(t *testing.T) {
	story := `<p>From June, the town library will stay open until six on Saturdays, after a survey found that families, students, carers, nurses, and shift workers, most of them from the east side, wanted more time at weekends.</p>`
	after := `<div><h2>At a glance</h2><ul><li>Saturday hours: 9:00 to 18:00, from 1 June.</li><li>The children's room opens at 10:00 on weekdays.</li><li>Sunday stays closed.</li></ul></div>` +
		`<div><p>Questions: library desk, 01632 960777, or ask at any branch.</p></div>`
	doc := cleanPage(t, "http://gazette.example/news/42", []byte(shortPage(story, after, `<p>Copyright 2024 Valley Gazette Ltd. All rights reserved.</p>`)))
	checkText(t, doc, []string{"stay open until six on Saturdays", "Saturday hours: 9:00 to 18:00", "Questions: library desk"}, []string{"Copyright 2024", "small files on your device"})
}

// TestShortStoryBesideBox: a box after a one-paragraph story that outscores
// it (a heading of its own, a comma-laden appeal, a link out) does not make
// the whole page, and then the footer, the text.
func TestShortStoryBesideBox(t *testing.T) {
	story := `<p>The town library will stay open until six in the evening on Saturdays from June, after a survey of its members asked for longer weekend hours.</p>`
	after := `<div><h3>Keep local news alive</h3><p>Reporting takes hours, costs money, needs people on the ground, and relies on readers who chip in.</p><a href="https://pay.example/gazette">Chip in</a></div>` +
		`<div><h3>More news</h3><ul><li><a href="/n/1">Bridge closed for repairs</a><p>Bridge closed for repairs.</p></li><li><a href="/n/2">New bus route to the hospital</a><p>New bus route to the hospital.</p></li></ul></div>`
	foot := `<p>The Valley Gazette is a weekly paper for the upper valley, printed in Millbrook, and delivered free to every household.</p>` +
		`<p>Editorial office: 12 Mill Lane, Millbrook MB4 7QT, telephone 01632 960555.</p><p>Copyright 2024 Valley Gazette Ltd. All rights reserved.</p>`
	doc := cleanPage(t, "http://gazette.example/news/42", []byte(shortPage(story, after, foot)))
	checkText(t, doc, []string{"stay open until six in the evening"}, []string{"weekly paper for the upper valley", "small files on your device"})
}

// TestShortStoryNotPartOfPage: on a page whose blocks carry no names, the
// story's wrapper (headline and body) is not one part of an article cut
// into bare <div>s: the cookie notice before it and the footer's
// paragraphs after it, bare <div>s too, stay out.
func TestShortStoryNotPartOfPage(t *testing.T) {
	story := `<p>The town library will stay open until six in the evening on Saturdays from June, after a survey of its members, most of them families and students, asked for longer hours.</p>`
	after := `<div><h3>Keep local news alive</h3><p>Reporting takes hours, costs money, needs people on the ground, and relies on readers who chip in.</p><a href="https://pay.example/gazette">Chip in</a></div>`
	foot := `<p>The Valley Gazette is a weekly paper for the upper valley, printed in Millbrook, and delivered free to every household.</p>` +
		`<p>Editorial office: 12 Mill Lane, Millbrook MB4 7QT, telephone 01632 960555, open on weekdays.</p><p>Copyright 2024 Valley Gazette Ltd. All rights reserved.</p>`
	doc := cleanPage(t, "http://gazette.example/news/42", []byte(shortPage(story, after, foot)))
	checkText(t, doc, []string{"stay open until six in the evening"}, []string{"weekly paper for the upper valley", "Editorial office", "small files on your device"})
}
