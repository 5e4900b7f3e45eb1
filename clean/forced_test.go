package clean

import (
	"net/http"
	"strings"
	"testing"

	"github.com/prov-archive/prov/rules"
	"golang.org/x/text/encoding/charmap"
)

// A site rule's encoding wins over what the bytes and labels say: a site
// that lies about its charset can be read right.
func TestSiteRuleForcesEncoding(t *testing.T) {
	text := "Съешь же ещё этих мягких французских булок, да выпей чаю."
	body, err := charmap.KOI8R.NewEncoder().String("<html><head><meta charset=\"windows-1252\"><title>t</title></head><body><article><p>" +
		strings.Repeat(text+" ", 4) + "</p><p>" + strings.Repeat(text+" ", 4) + "</p></article></body></html>")
	if err != nil {
		t.Fatal(err)
	}
	h := http.Header{"Content-Type": {"text/html; charset=iso-8859-1"}}
	site := &rules.Site{Name: "ru", Hosts: []string{"ru.test"}, Encoding: "koi8-r"}
	doc, err := Clean(Input{URL: "http://ru.test/a", Header: h, Body: []byte(body), Site: site})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Charset.Name != "koi8-r" || doc.Charset.Evidence != "rule" {
		t.Errorf("charset = %+v, want koi8-r by rule", doc.Charset)
	}
	if !strings.Contains(doc.Text, "мягких французских") {
		t.Errorf("text not decoded as KOI8-R: %q", doc.Text)
	}
	generic, _ := Clean(Input{URL: "http://ru.test/a", Header: h, Body: []byte(body)})
	if generic.Charset.Evidence == "rule" {
		t.Errorf("without a rule the evidence must not be rule: %+v", generic.Charset)
	}
}
