package clean

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/prov-archive/prov/evalscore"
	"github.com/prov-archive/prov/rules"
	"github.com/prov-archive/prov/testweb"
)

// TestMiniWeb extracts every article copy of the demo mini-web (served by
// testweb.New's handler, no network) with the demo rules and checks text,
// title, date, attribution and language against testweb.Articles.
func TestMiniWeb(t *testing.T) {
	set, err := rules.Parse("rules.yaml", testweb.RulesYAML())
	if err != nil {
		t.Fatal(err)
	}
	web := testweb.New()
	for _, a := range testweb.Articles() {
		t.Run(a.Host+pathOf(a.URL), func(t *testing.T) {
			doc := cleanServed(t, web, set, a)
			if a.Pages != nil {
				doc = cleanPaged(t, web, set, a)
			}
			p, r := evalscore.PRF(evalscore.Shingles(doc.Text), evalscore.Shingles(a.Text))
			if f := evalscore.F1(p, r); f < 0.98 {
				t.Errorf("text F1 = %.3f (P %.3f R %.3f), want ≥ 0.98; got:\n%s", f, p, r, doc.Text)
			}
			if doc.Title != a.Title {
				t.Errorf("Title = %q, want %q", doc.Title, a.Title)
			}
			if !sameDate(doc.Published, a.Published) {
				t.Errorf("Published = %q (%s), want %q", doc.Published, doc.PublishedWhy, a.Published)
			}
			if doc.Attribution != a.Attribution {
				t.Errorf("Attribution = %q, want %q", doc.Attribution, a.Attribution)
			}
			if doc.Lang != a.Lang {
				t.Errorf("Lang = %q, want %q", doc.Lang, a.Lang)
			}
		})
	}
}

// cleanPaged cleans each page of a split article, checks that each page
// names its neighbours, and returns the first page's document with the
// pages' texts stitched, as the archive stitches them.
func cleanPaged(t *testing.T, web http.Handler, set *rules.Set, a testweb.Article) *Document {
	t.Helper()
	var first *Document
	var texts []string
	for i, u := range a.Pages {
		pa := a
		pa.URL = u
		doc := cleanServed(t, web, set, pa)
		next, prev := "", ""
		if i+1 < len(a.Pages) {
			next = a.Pages[i+1]
		}
		if i > 0 {
			prev = a.Pages[i-1]
		}
		if pg := doc.Pagination; pg.Next != next || pg.Prev != prev || pg.Number != i+1 || pg.First != a.URL {
			t.Errorf("page %d: Pagination %+v, want next %q prev %q", i+1, pg, next, prev)
		}
		if i == 0 {
			first = doc
		}
		texts = append(texts, doc.Text)
	}
	first.Text = StitchText(texts)
	return first
}

func pathOf(u string) string {
	if i := strings.Index(u, "//"); i >= 0 {
		if j := strings.IndexByte(u[i+2:], '/'); j >= 0 {
			return u[i+2+j:]
		}
	}
	return u
}

// cleanServed fetches a's page from web and cleans it with its site rule.
func cleanServed(t testing.TB, web http.Handler, set *rules.Set, a testweb.Article) *Document {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, a.URL, nil)
	req.Host = a.Host
	rec := httptest.NewRecorder()
	web.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		t.Fatalf("GET %s: status %d", a.URL, rec.Code)
	}
	doc, err := Clean(Input{URL: a.URL, Header: rec.Header(), Body: rec.Body.Bytes(), Site: set.ForHost(a.Host)})
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// sameDate compares a chosen date with the truth: the same instant when
// both carry a time, the same day when the truth is a date.
func sameDate(got, want string) bool {
	if len(want) == len(time.DateOnly) {
		return got == want
	}
	g, err1 := time.Parse(time.RFC3339, got)
	w, err2 := time.Parse(time.RFC3339, want)
	return err1 == nil && err2 == nil && g.Equal(w)
}
