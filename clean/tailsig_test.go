package clean

import "testing"

// tailPost is a lone post of two paragraphs, then tail.
func tailPost(tail string) string {
	return `<div id="main"><h1>Build runners</h1><p>We moved the whole build to the new runners last week, and most jobs now finish in half the time they took on the old machines.</p><p>The one exception is the documentation job, which still downloads every theme on each run; caching the themes should bring it in line with the others.</p>` + tail + `</div>`
}

// TestTailSignature: a post's closing signature without a rule goes: a
// name and a role in small print, a link in small print, a motto in
// italics under "-- Anna"; the post's words stay.
func TestTailSignature(t *testing.T) {
	for _, c := range []struct{ tail, gone string }{
		{`<small>Anna Berg<br>Release manager, Example Project</small>`, "Release manager"},
		{`<font size="1">Anna Berg<br>Release manager</font>`, "Release manager"},
		{`<p><small><a href="https://anna.example.org/">anna.example.org</a></small></p>`, "anna.example.org"},
		{`<p>-- Anna</p><p><i>“Simplicity is prerequisite for reliability.”</i></p>`, "Simplicity"},
		{`<p>-- <br>Anna Berg<br>“Simplicity is prerequisite for reliability.” — E. W. Dijkstra</p>`, "Simplicity"},
	} {
		doc := cleanBody(t, "Build runners", tailPost(c.tail))
		checkText(t, doc, []string{"half the time", "caching the themes"}, []string{c.gone})
	}
}

// TestTailSignatureKeeps: what closes a post and is its own stays: a
// closing byline alone (in small print or after a dash), a sign-off
// sentence, a quotation the post leads into, a legal note of a
// sentence's length in small print, footnotes after a rule.
func TestTailSignatureKeeps(t *testing.T) {
	for _, c := range []struct{ tail, keep string }{
		{`<p><small>Anna Berg</small></p>`, "Anna Berg"},
		{`<p>— Anna Berg</p>`, "Anna Berg"},
		{`<p>-- Anna</p>`, "Anna"},
		{`<p>Thanks for reading, and see you at the meetup next month!</p>`, "see you at the meetup"},
		{`<p>As the operators say:</p><blockquote><p>“Simplicity is prerequisite for reliability.”</p></blockquote>`, "Simplicity"},
		{`<p><small>This report was prepared under contract 2026-17 and does not reflect the views of the ministry.</small></p>`, "prepared under contract"},
		{`<hr><ol><li id="fn1">Measured over forty runs. <a href="#r1">↩</a></li></ol>`, "Measured over forty runs"},
	} {
		doc := cleanBody(t, "Build runners", tailPost(c.tail))
		checkText(t, doc, []string{"half the time", c.keep}, nil)
	}
}

// TestTailNameAndRole: a lone small-print line that is a name and its
// bearer's role goes; a lone name, a name with a date, a copyright line
// in small print stay.
func TestTailNameAndRole(t *testing.T) {
	for _, tail := range []string{
		`<p><small>Jane Doe — Maintainer</small></p>`,
		`<small>Jane Doe, Maintainer of the build team</small>`,
		`<p><font size="1">Jana Schmidt | Betreuerin</font></p>`,
	} {
		doc := cleanBody(t, "Build runners", tailPost(tail))
		checkText(t, doc, []string{"half the time", "caching the themes"}, []string{"Maintainer", "Betreuerin"})
	}
	for _, c := range []struct{ tail, keep string }{
		{`<p><small>Jane Doe, 2 March 2026</small></p>`, "Jane Doe"},
		{`<p><small>Report of the Build Team — Annex 2</small></p>`, "Annex 2"},
		{`<p><small>This report was prepared by Jane Doe, Maintainer.</small></p>`, "prepared by"},
	} {
		doc := cleanBody(t, "Build runners", tailPost(c.tail))
		checkText(t, doc, []string{"half the time", c.keep}, nil)
	}
}

// TestTailNamedMotto: a bare name, then a motto in quotes or italics,
// closing a post goes; a name, then an italic note about its bearer,
// and a lead-in, then a quoted line, stay.
func TestTailNamedMotto(t *testing.T) {
	for _, tail := range []string{
		`<p>Jane Doe</p><p><i>Simplicity is prerequisite for reliability.</i></p>`,
		`<p>Jane Doe<br><em>Simplicity is prerequisite for reliability.</em></p>`,
		`<p>Jane</p><p>“Simplicity is prerequisite for reliability.”</p>`,
	} {
		doc := cleanBody(t, "Build runners", tailPost(tail))
		checkText(t, doc, []string{"half the time", "caching the themes"}, []string{"Simplicity"})
	}
	for _, c := range []struct{ tail, keep string }{
		{`<p>Jane Doe</p><p><i>Jane Doe covers the build infrastructure.</i></p>`, "covers the build"},
		{`<p>Or, as the review board put it:</p><p><i>“Every job should run on any runner.”</i></p>`, "Every job should"},
	} {
		doc := cleanBody(t, "Build runners", tailPost(c.tail))
		checkText(t, doc, []string{"half the time", c.keep}, nil)
	}
}

// TestTailSigDelimiter: a message set one line to a line break, short
// lines all, ends with "-- ", a name and a motto: the three go, the
// message's lines stay; "--help" closing a list of options stays.
func TestTailSigDelimiter(t *testing.T) {
	body := `<div id="body"><p>Hi all,<br>the nightly build failed again on the arm64 runner.<br>The link step timed out after forty minutes.</p><p>Does anyone know what changed in the image?<br>Jane</p><p>-- <br>Jane Doe<br><i>Simplicity is prerequisite for reliability.</i></p></div>`
	doc := cleanBody(t, "Re: Build", `<h1>Re: Build</h1>`+body)
	checkText(t, doc, []string{"failed again on the arm64", "Does anyone know"}, []string{"Simplicity", "Jane Doe"})
	opts := `<div id="body"><p>The tool reads its settings from the file named on its command line, and prints what it did to the standard output.</p><p>Options:</p><p>--verbose<br>--</p><p>--help</p></div>`
	doc = cleanBody(t, "Options", `<h1>Options</h1>`+opts)
	checkText(t, doc, []string{"--help"}, nil)
}
