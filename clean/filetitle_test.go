package clean

import "testing"

// TestFileTitle: a page saved from a word processor whose <title> names
// the file it came from takes the document's headline as its Title: its
// <h1>, or its title paragraph; a <title> that only begins with the
// program's name stands.
func TestFileTitle(t *testing.T) {
	paras := `<p class=MsoNormal>Meadow one was walked twice in June, and the counts of orchids, grasses and sedges were recorded on the standard sheets.</p>
<p class=MsoNormal>Meadow two was walked once, in late June, after the hay was cut; its counts are lower than last year's for that reason.</p>
<p class=MsoNormal>Meadow three was not walked because of flooding, and its counts from last year are given in the table instead of this year's.</p>`
	cases := []struct{ title, head, want string }{
		{"Microsoft Word - survey_2004_final.doc", "<h1><span lang=EN-GB>Survey of the Upper Meadows<o:p></o:p></span></h1>", "Survey of the Upper Meadows"},
		{"Microsoft Word - Survey.DOCX", "<p class=MsoTitle>Survey of the Upper Meadows</p>", "Survey of the Upper Meadows"},
	}
	// a <title> naming no file: fileTitle leaves it to the other rules
	if fileTitle("Microsoft Word - a year in the meadows") {
		t.Error("a title without a file's extension read as a file's name")
	}
	for _, c := range cases {
		page := `<html><head><meta charset="utf-8"><meta name=Generator content="Microsoft Word 11"><title>` + c.title + `</title></head>
<body><div class=WordSection1>` + c.head + paras + `</div></body></html>`
		d, err := Clean(Input{URL: "http://example.org/survey.htm", Body: []byte(page)})
		if err != nil {
			t.Fatal(err)
		}
		if d.Title != c.want {
			t.Errorf("<title>%s</title>: Title %q, want %q", c.title, d.Title, c.want)
		}
	}
}
