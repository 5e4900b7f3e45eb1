package clean

import (
	"net/http"
	"net/http/httptest"
	"reflect"
	"testing"

	"github.com/prov-archive/prov/rules"
	"github.com/prov-archive/prov/testweb"
)

// Input.NoLinks leaves Document.Links nil and every other field as Clean
// makes it without: checked on each article page of the mini-web.
func TestNoLinksChangesOnlyLinks(t *testing.T) {
	set, err := rules.Parse("rules.yaml", testweb.RulesYAML())
	if err != nil {
		t.Fatal(err)
	}
	web := testweb.New()
	for _, a := range testweb.Articles() {
		req := httptest.NewRequest(http.MethodGet, a.URL, nil)
		req.Host = a.Host
		rec := httptest.NewRecorder()
		web.ServeHTTP(rec, req)
		in := Input{URL: a.URL, Header: rec.Header(), Body: rec.Body.Bytes(), Site: set.ForHost(a.Host)}
		full, err := Clean(in)
		if err != nil {
			t.Fatal(err)
		}
		in.NoLinks = true
		short, err := Clean(in)
		if err != nil {
			t.Fatal(err)
		}
		if len(full.Links) == 0 {
			t.Errorf("%s: no links without NoLinks", a.URL)
		}
		if short.Links != nil {
			t.Errorf("%s: %d links with NoLinks, want none", a.URL, len(short.Links))
		}
		full.Links = nil
		if !reflect.DeepEqual(full, short) {
			t.Errorf("%s: the Document differs with NoLinks beyond its links:\n%+v\n%+v", a.URL, full, short)
		}
	}
}
