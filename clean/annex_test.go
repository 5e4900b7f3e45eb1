package clean

import (
	"net/http"
	"strings"
	"testing"
)

// noticeParas are the paragraphs of an official notice, written for
// TestAnnexList: each over proseUnits.
var noticeParas = []string{
	"<p>The office has reviewed the requests received this year and sets out below the procedure that every applicant is to follow from next month.</p>",
	"<p>Applicants send the completed form, with the documents listed in the annexes, to their regional office within thirty days of this notice.</p>",
	"<p>Where a request is incomplete the office writes to the applicant, naming what is missing and the date by which it must be sent in.</p>",
}

// noticePage sets a notice (its paragraphs, then tail) in a portal's
// template: a menu, a sidebar of links, a list of related notices, a footer.
func noticePage(tail string) string {
	return `<html><head><title>Notice on applications</title></head><body>
<ul class="nav"><li><a href="/">Home</a></li><li><a href="/policy">Policy</a></li><li><a href="/notices">Notices</a></li></ul>
<div class="left">` + linkRows(10) + `<div class="box"><p>Attachments:</p><ul><li><a href="/f/9.pdf">Form for a permit to build a shed</a></li><li><a href="/f/8.pdf">Form for a permit to hold a fair</a></li></ul></div></div>
<div class="main"><h1>Notice on applications</h1><div class="content">` + strings.Join(noticeParas, "\n") + tail + `</div>
<div class="related"><h4>Related notices</h4>` + linkRows(5) + `</div></div>
<div class="footer">Copyright the office. Address: 1 Main Street.</div></body></html>`
}

// TestAnnexList: the list of what an official notice encloses (annexRe:
// "附件：", "Annexes:") is the notice's text though each annex is a link to
// its file: a list of links after the label, links each in a paragraph of
// its own, the label and the first annex in one line, annexes cut by
// <br> in a paragraph that is all links but the label. Other link lists of
// the page stay out, a box the same label heads beside no prose among them.
func TestAnnexList(t *testing.T) {
	cases := []struct{ name, tail string }{
		{"list", `<p>Annexes:</p><ul><li><a href="/f/1.doc">1. Application form</a></li><li><a href="/f/2.xls">2. List of documents</a></li></ul>`},
		{"paragraphs", `<p>附件：</p><p><a href="/f/1.doc">1. Application form</a></p><p><a href="/f/2.xls">2. List of documents</a></p>`},
		{"one line", `<p>Annex: <a href="/f/1.doc">Application form</a></p><p><a href="/f/2.xls">List of documents</a></p>`},
		{"br lines", `<p>Annexes: <a href="/f/1.doc">1. Application form for a permit</a><br><a href="/f/2.xls">2. List of documents to send with it</a></p>`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc, err := Clean(Input{URL: "http://office.example/n/1.html", Header: http.Header{"Content-Type": {"text/html; charset=utf-8"}}, Body: []byte(noticePage(c.tail))})
			if err != nil {
				t.Fatal(err)
			}
			for _, want := range []string{"reviewed the requests", "naming what is missing", "Application form", "List of documents"} {
				if !strings.Contains(doc.Text, want) {
					t.Errorf("Text lacks %q:\n%s", want, doc.Text)
				}
			}
			for _, not := range []string{"An older post", "Policy", "Copyright", "Attachments", "a permit to"} {
				if strings.Contains(doc.Text, not) {
					t.Errorf("Text holds chrome %q:\n%s", not, doc.Text)
				}
			}
		})
	}
}
