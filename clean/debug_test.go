package clean

import (
	"net/http"
	"os"
	"sort"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/prov-archive/prov/clean/charset"
)

// TestDebugPage prints how a page is scored, the roots the generic
// extractor took and which extractor gave the text:
// DEBUG_PAGE=path go test -run TestDebugPage -v
func TestDebugPage(t *testing.T) {
	doc, bw := debugPage(t)
	roots := genericRoots(bw, headlineRegion(bw, doc.Title))
	type c struct {
		n *html.Node
		s float64
	}
	var cs []c
	for _, n := range bw.order {
		if st := bw.stats[n]; st.score > 0 {
			cs = append(cs, c{n, st.score})
		}
	}
	sort.Slice(cs, func(i, j int) bool { return cs[i].s > cs[j].s })
	for i := 0; i < len(cs) && i < 8; i++ {
		st := bw.stats[cs[i].n]
		t.Logf("%.1f <%s class=%q id=%q> units=%d link=%d runs=%d", cs[i].s, cs[i].n.Data, attr(cs[i].n, "class"), attr(cs[i].n, "id"), st.units, st.linkUnits, st.end-st.start)
	}
	for _, r := range roots {
		st := bw.stats[r]
		t.Logf("root <%s class=%q id=%q> units=%d score=%.1f", r.Data, attr(r, "class"), attr(r, "id"), st.units, st.score)
	}
	t.Logf("extractor=%s title=%q published=%q why=%q attr=%q lang=%q", doc.Extractor, doc.Title, doc.Published, doc.PublishedWhy, doc.Attribution, doc.Lang)
	n := 1500
	if os.Getenv("DEBUG_FULL") != "" {
		n = len(doc.Text)
	}
	t.Logf("text:\n%s", doc.Text[:min(len(doc.Text), n)])
}

// debugPage cleans the page at $DEBUG_PAGE and walks its blocks; it skips
// the test when the variable is unset.
func debugPage(t *testing.T) (*Document, *blockWalk) {
	path := os.Getenv("DEBUG_PAGE")
	if path == "" {
		t.Skip("set DEBUG_PAGE")
	}
	body, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc, _ := Clean(Input{URL: "http://example.com/", Header: http.Header{}, Body: body})
	return doc, walkBlocks(mustParse(t, doc, body))
}

func mustParse(t *testing.T, doc *Document, body []byte) *html.Node {
	n, err := html.Parse(strings.NewReader(decodeForTest(body, doc)))
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func decodeForTest(body []byte, doc *Document) string {
	return charset.Decode(body, doc.Charset)
}

// TestDebugTree prints the block skeleton of a page with each element's
// units, link units and score: DEBUG_PAGE=path go test -run TestDebugTree -v
func TestDebugTree(t *testing.T) {
	doc, bw := debugPage(t)
	roots := genericRoots(bw, headlineRegion(bw, doc.Title))
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		if st := bw.stats[n]; st != nil && blockTags[n.DataAtom] && st.units >= 50 {
			mark := ""
			for _, r := range roots {
				if r == n {
					mark = " <== ROOT"
				}
			}
			t.Logf("%s<%s class=%q id=%q> units=%d link=%d score=%.1f hint=%d%s", strings.Repeat("  ", depth), n.Data, attr(n, "class"), attr(n, "id"), st.units, st.linkUnits, st.score, hint(n), mark)
			depth++
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth)
		}
	}
	walk(bw.order[0], 0)
}
