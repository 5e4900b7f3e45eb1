package clean

import (
	"net/http"
	"strings"
	"testing"
)

// bylineName reads the name alone from a byline of English, bylineLangs
// or Chinese; a sentence that opens with a by-word names nobody.
func TestBylineName(t *testing.T) {
	for in, want := range map[string]string{
		"Von Anna Schmidt":                          "Anna Schmidt",
		"Von Anna Schmidt, 3. März 2026":            "Anna Schmidt",
		"Par Jean Dupont, publié le 3 mars 2026":    "Jean Dupont",
		"Por María López | 03/03/2026":              "María López",
		"Di Marco Rossi":                            "Marco Rossi",
		"Door Jan de Vries":                         "Jan de Vries",
		"Autor: Peter Müller":                       "Peter Müller",
		"Autor: Anna Kowalska":                      "Anna Kowalska",
		"By Jane Doe":                               "Jane Doe",
		"记者 张三":                                     "张三",
		"文/李四":                                      "李四",
		"Von Montag an bleibt die Bibliothek zu.":   "",
		"Por su parte, el alcalde lo confirmó.":     "",
		"Door de regen werd de stemming uitgesteld": "",
		"Von Anna Schmidt, der Bürgermeisterin zufolge, kommt der Plan": "",
		"文章来源于网络": "",
	} {
		if got := bylineName(in); got != want {
			t.Errorf("bylineName(%q) = %q, want %q", in, got, want)
		}
	}
}

// Document.Author is the name a byline of another language names, above
// the text or under it, with a byline class or none: the name only.
func TestAuthorFromIntlByline(t *testing.T) {
	for _, c := range []struct{ line, name string }{
		{`<div class="author">Von Anna Schmidt</div>`, "Anna Schmidt"},
		{`<p>Par Jean Dupont</p>`, "Jean Dupont"},
		{`<p>记者 张三</p>`, "张三"},
	} {
		for _, above := range []bool{true, false} {
			page := langPage("de", "")
			if above {
				page = strings.Replace(page, `<div class="c3">`, `<div class="c3">`+c.line, 1)
			} else {
				page = strings.Replace(page, `</div></div></body>`, c.line+`</div></div></body>`, 1)
			}
			doc, err := Clean(Input{URL: "https://example.org/news/1", Header: http.Header{"Content-Type": {"text/html; charset=utf-8"}}, Body: []byte(page)})
			if err != nil {
				t.Fatal(err)
			}
			if doc.Author != c.name {
				t.Errorf("%s (above %v): Author %q, want %q", c.line, above, doc.Author, c.name)
			}
		}
	}
}
