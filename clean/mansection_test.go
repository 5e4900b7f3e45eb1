package clean

import (
	"strings"
	"testing"
)

// man2html's line under a manual page's name ("Section: User Commands
// (1)") is the page's furniture, as the date and links after it are; a
// sentence that names a section is text.
func TestManSectionLine(t *testing.T) {
	page := `<HTML><HEAD><TITLE>Manpage of TALLY</TITLE></HEAD><BODY>
<H1>TALLY</H1>
Section: User Commands  (1)<BR>Updated: 2004-06-12<BR><A HREF="#index">Index</A>
<A HREF="/cgi-bin/man/man2html">Return to Main Contents</A><HR>
<A NAME="lbAB">&nbsp;</A><H2>NAME</H2>
tally - count the lines of files
<A NAME="lbAC">&nbsp;</A><H2>DESCRIPTION</H2>
<P>The <B>tally</B> program reads each named file in turn and writes the number of its lines to the standard output, one file a line.
<P>When no file is named it reads the standard input instead, and reports it under the name of a single dash.
<HR></BODY></HTML>`
	doc, err := Clean(Input{URL: "http://docs.example.org/man/tally.1.html", Body: []byte(page)})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(doc.Text, "Section:") {
		t.Errorf("the man2html section line is kept:\n%s", doc.Text)
	}
	if !strings.Contains(doc.Text, "reads each named file in turn") {
		t.Errorf("the manual's text is lost:\n%s", doc.Text)
	}
	for _, l := range []string{"Section: User Commands (1)", "Section: Linux Programmer's Manual (3p)"} {
		if !manSectionLine(l) {
			t.Errorf("manSectionLine(%q) = false", l)
		}
	}
	for _, l := range []string{"Section: the rules of the club (see below) apply", "Section 4 (2) of the Act applies"} {
		if manSectionLine(l) {
			t.Errorf("manSectionLine(%q) = true", l)
		}
	}
}
