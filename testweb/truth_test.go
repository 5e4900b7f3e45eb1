package testweb

import (
	"html"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func paras(s string) []string { return strings.Split(s, "\n\n") }

func articlesBy(work string) []Article {
	var out []Article
	for _, a := range Articles() {
		if a.Work == work {
			out = append(out, a)
		}
	}
	return out
}

func TestTextsAreSubstantial(t *testing.T) {
	for _, a := range Articles() {
		if n := utf8.RuneCountInString(a.Text); n < 1000 {
			t.Errorf("%s: text only %d characters", a.URL, n)
		}
		for i, p := range paras(a.Text) {
			if p == "" || p != strings.TrimSpace(p) || strings.Contains(p, "\n") {
				t.Errorf("%s: paragraph %d is empty, untrimmed or broken: %q", a.URL, i, p)
			}
		}
	}
}

func TestIdenticalCopiesShareText(t *testing.T) {
	var orig string
	for _, a := range articlesBy("whitepaper-zh") {
		if a.Relation == "original" {
			orig = a.Text
		}
	}
	n := 0
	for _, a := range articlesBy("whitepaper-zh") {
		if a.Relation == "identical" {
			n++
			if a.Text != orig {
				t.Errorf("%s: identical copy's text differs from the original", a.URL)
			}
		}
	}
	if n != 2 {
		t.Errorf("%d identical copies, want 2", n)
	}
}

func TestExcerptIsContiguousRun(t *testing.T) {
	var full, part []string
	for _, a := range articlesBy("whitepaper-en") {
		switch a.Relation {
		case "original":
			full = paras(a.Text)
		case "excerpt":
			part = paras(a.Text)
		}
	}
	if len(part) == 0 || len(part) >= len(full) {
		t.Fatalf("excerpt %d paragraphs, full %d", len(part), len(full))
	}
	i := slices.Index(full, part[0])
	if i < 0 || i+len(part) > len(full) || !slices.Equal(full[i:i+len(part)], part) {
		t.Error("excerpt is not a contiguous verbatim run of the full English text")
	}
}

func TestEditedCopy(t *testing.T) {
	orig := theCorpus().zh
	var edited Article
	for _, a := range Articles() {
		if a.Relation == "near" {
			edited = a
		}
	}
	got := paras(edited.Text)
	if len(got) != len(orig)-1 {
		t.Fatalf("edited copy has %d paragraphs, want %d", len(got), len(orig)-1)
	}
	if want := []int{6, 14, 16}; !reflect.DeepEqual(edited.Changed, want) {
		t.Errorf("Changed = %v, want %v", edited.Changed, want)
	}
	// Rebuild the edited copy from the original and the documented edits.
	rebuilt := slices.Clone(orig)
	for _, e := range Edits() {
		if rebuilt[e.Index] != e.Before {
			t.Errorf("edit %d: Before is not the original paragraph", e.Index)
		}
		rebuilt[e.Index] = e.After
	}
	rebuilt = slices.DeleteFunc(rebuilt, func(p string) bool { return p == "" })
	if !slices.Equal(rebuilt, got) {
		t.Error("the edits do not explain the edited copy")
	}
	kinds := map[string]bool{}
	for _, e := range Edits() {
		kinds[e.Kind] = true
	}
	if len(kinds) != 3 {
		t.Errorf("edit kinds %v, want replaced-word, added-sentence, removed", kinds)
	}
}

func TestConceptPaperIsAnotherWork(t *testing.T) {
	c := theCorpus()
	if strings.Contains(text(c.concept), c.zh[1]) || len(c.concept) < 20 {
		t.Error("concept paper looks like the white paper")
	}
	if !strings.Contains(text(c.concept), "尊重网络主权") {
		t.Error("concept paper should share phrases with the white paper")
	}
}

// TestTruthIsOnThePage checks that what Articles says is what the pages
// serve: every paragraph, the title, the date as shown and the attribution.
func TestTruthIsOnThePage(t *testing.T) {
	shown := map[string]string{
		pathSCIOWhitePaper: "2022-11-07 10:00", pathSCIOConcept: "2019-10-18",
		pathXinhua: "2022年11月07日 13:40", pathSecPortal: "2022-11-08", pathAggregator: "2022-11-09 08:30",
		pathDailyEn: "Updated: 2022-11-08 11:05", pathMirror: "2022-11-11", pathXinhuaConcept: "2019年10月18日 20:05",
	}
	for _, a := range Articles() {
		u, _ := url.Parse(a.URL)
		s := ""
		for _, p := range append([]string{a.URL}, a.Pages...) { // a split article: all its pages
			pu, _ := url.Parse(p)
			s += html.UnescapeString(decode(t, a.Host, page(t, a.Host, pu.Path).body))
		}
		for i, p := range paras(a.Text) {
			if !strings.Contains(s, p) {
				t.Errorf("%s: paragraph %d not on the page", a.URL, i)
			}
		}
		for _, want := range []string{a.Title, a.Attribution, shown[u.Path]} {
			if !strings.Contains(s, want) {
				t.Errorf("%s: page lacks %q", a.URL, want)
			}
		}
		if a.Encoding != siteOf(t, a.Host).Encoding {
			t.Errorf("%s: encoding %s differs from its site's", a.URL, a.Encoding)
		}
	}
}

func TestPrivateCopyIsNotAnArticle(t *testing.T) {
	for _, a := range Articles() {
		if strings.Contains(a.URL, DisallowedPath) {
			t.Errorf("%s is disallowed by robots.txt", a.URL)
		}
	}
	r := page(t, HostAggregator, "/robots.txt")
	if !strings.Contains(string(r.body), "Disallow: "+DisallowedPath) {
		t.Error("robots.txt does not disallow " + DisallowedPath)
	}
	if page(t, HostAggregator, pathPrivate).status != 200 {
		t.Error("the private copy should exist for a careless crawler to find")
	}
}

func TestSeedsAreHomePages(t *testing.T) {
	seeds := Seeds()
	if len(seeds) != len(Sites()) {
		t.Fatalf("%d seeds for %d sites", len(seeds), len(Sites()))
	}
	for _, s := range seeds {
		u, err := url.Parse(s)
		if err != nil || u.Path != "/" || page(t, u.Host, "/").status != 200 {
			t.Errorf("seed %s is not a served home page", s)
		}
	}
}
