package clean

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// pageLinkSaysRef is pageLinkSays as it was before it turned most anchors
// away by their first rune (firstRuneOf, pagerOpeners): it makes every
// anchor's text.
func pageLinkSaysRef(n *html.Node) (pageLink, bool) {
	rel := strings.ToLower(attr(n, "rel"))
	switch {
	case hasToken(rel, "next"):
		return pageLink{dir: dirNext}, true
	case hasToken(rel, "prev"), hasToken(rel, "previous"):
		return pageLink{dir: dirPrev}, true
	case n.DataAtom != atom.A:
		return pageLink{}, false
	}
	text := textOf(n)
	if d := wordDir(text); d != 0 {
		return pageLink{dir: d, rank: 1}, true
	}
	if k, ok := pageNumber(strings.Trim(text, " []【】")); ok {
		return pageLink{num: k, rank: 2}, true
	}
	return pageLink{}, false
}

// firstRuneOf is the first rune of textOf, and pageLinkSays reads every
// anchor as pageLinkSaysRef does: on the anchors written here (pager
// texts in every form wordDir and pageNumber accept, and texts that only
// begin like one) and on every element and anchor of the testdata pages
// and of one eval page in four (first 64 KB, for -race).
func TestPageLinkSaysAsBefore(t *testing.T) {
	page := `<p><a href=/2>Next</a><a href=/2> <b>NEXT</b> page </a><a href=/2>【下一页】</a><a href=/2>下一頁</a>` +
		`<a href=/1>« Previous</a><a href=/1>PREV PAGE</a><a href=/3>»</a><a href=/3>&gt;&gt;</a><a href=/3>[3]</a>` +
		`<a href=/3> +3 </a><a href=/3>-3</a><a href=/3>０3</a><a href=/3>03</a><a href=/4>Ｎext</a><a href=/5>Nexus</a>` +
		`<a href=/6>Pages</a><a href=/7>上海</a><a href=/8><script>x</script>Next</a><a href=/9></a><a href=/10>` +
		"\u3000\u00a0next</a><a href=/11>\xffnext</a><a href=/12>12 items</a><a href=/13>→ Next ←</a><a href=/14>|</a>" +
		`<a href=/15><img alt=next></a><a href=/16>News</a><a href=/17>预告</a></p>`
	docs := map[string]string{"written": page}
	files, _ := filepath.Glob("testdata/*.html")
	eval, _ := filepath.Glob(evalDir + "/*/*.html")
	for i, f := range eval {
		if i%4 == 0 {
			files = append(files, f)
		}
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		docs[f] = string(b[:min(len(b), 64<<10)])
	}
	anchors, pagers := 0, 0
	for name, src := range docs {
		root, err := html.Parse(strings.NewReader(src))
		if err != nil {
			t.Fatal(err)
		}
		for n := range root.Descendants() {
			if n.Type != html.ElementNode {
				continue
			}
			text := textOf(n)
			want, _ := utf8.DecodeRuneInString(text)
			if r, ok := firstRuneOf(n); ok != (text != "") || ok && r != want {
				t.Errorf("%s: <%s> text %.40q: firstRuneOf = %q, %v", name, n.Data, text, r, ok)
			}
			if n.DataAtom != atom.A {
				continue
			}
			anchors++
			got, ok := pageLinkSays(n)
			ref, refOK := pageLinkSaysRef(n)
			if got != ref || ok != refOK {
				t.Errorf("%s: <a> %.40q: pageLinkSays = %+v, %v; before %+v, %v", name, text, got, ok, ref, refOK)
			}
			if refOK {
				pagers++
			}
		}
	}
	// The eval pages (../shared, beside a checkout of the project) bring
	// most anchors; a clone without them checks the testdata pages alone.
	wantAnchors, wantPagers := 1000, 20
	if len(eval) == 0 {
		wantAnchors, wantPagers = 50, 10
	}
	if anchors < wantAnchors || pagers < wantPagers {
		t.Errorf("read %d anchors, %d of them pager links: too few to tell", anchors, pagers)
	}
}

// TestPagerOpenerAsMap: pagerOpener is pagerOpeners[unicode.ToLower(r)]
// for every rune.
func TestPagerOpenerAsMap(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune+1; r++ {
		if got, want := pagerOpener(r), pagerOpeners[unicode.ToLower(r)]; got != want {
			t.Fatalf("pagerOpener(%U) = %v, the map says %v", r, got, want)
		}
	}
}
