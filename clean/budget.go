package clean

import (
	"strings"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// DefaultBudget is the time Clean gives one page when Input.Budget is zero.
// Ordinary pages take a few milliseconds; a pathological one (a hundred
// thousand nested elements, a few hundred thousand paragraphs) is cut off
// at its budget with what was found by then.
const DefaultBudget = 180 * time.Millisecond

// Each stage may run until its share of the budget (counted from the start
// of Clean) is spent: flattening a page nested too deep, the block walk,
// the scoring of what it gathered; the paragraph filters have the rest.
// The walk's share is generous (on ordinary pages it ends in a few
// milliseconds): a page is cut only when it is truly out of bounds.
const (
	flattenShare = 0.3
	walkShare    = 0.7
	scoreShare   = 0.85
)

// clock is time.Now; tests replace it with a fake clock to run out a budget
// deterministically.
var clock = time.Now

// budget is one page's time allowance. The loops of the walk, the scoring
// and the filters ask it whether a share of it is spent; it reads the clock
// once every checkEvery questions.
type budget struct {
	start   time.Time
	limit   time.Duration
	elapsed time.Duration // at the last clock reading
	asks    int
	hit     bool // some share was found spent: the result is partial
}

const checkEvery = 64

func newBudget(limit time.Duration) *budget {
	if limit <= 0 {
		limit = DefaultBudget
	}
	return &budget{start: clock(), limit: limit}
}

// spent reports whether share (0–1) of the budget is used up. A nil budget
// is never spent.
func (b *budget) spent(share float64) bool {
	if b == nil {
		return false
	}
	if b.asks++; b.asks%checkEvery == 0 {
		b.elapsed = clock().Sub(b.start)
	}
	if b.elapsed >= time.Duration(float64(b.limit)*share) {
		b.hit = true
		return true
	}
	return false
}

// over reports whether the whole budget is used up.
func (b *budget) over() bool { return b.spent(1) }

// cut reports whether some share was found spent: the result is partial.
func (b *budget) cut() bool { return b != nil && b.hit }

// maxDepth is the element nesting that parseHTML keeps when the parser
// refuses a page for nesting deeper than it allows (512 open elements).
const maxDepth = 256

// parseHTML parses src; a page nested too deep for the parser is parsed
// again with its tags beyond maxDepth dropped (their text kept).
func parseHTML(src string, b *budget) (*html.Node, error) {
	n, err := html.Parse(strings.NewReader(src))
	if err == nil || !strings.Contains(err.Error(), "open stack") {
		return n, err
	}
	return html.Parse(strings.NewReader(flatten(src, b)))
}

// flatten rewrites src without the start and end tags nested deeper than
// maxDepth: one pass of the tokenizer, text and shallower tags as they were.
// It ends where its share of the budget b runs out.
func flatten(src string, b *budget) string {
	z := html.NewTokenizer(strings.NewReader(src))
	var out strings.Builder
	out.Grow(len(src))
	depth := 0
	for !b.spent(flattenShare) {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return out.String()
		case html.StartTagToken:
			if voidTag(z) {
				break
			}
			depth++
			if depth > maxDepth {
				continue
			}
		case html.EndTagToken:
			depth = max(depth-1, 0)
			if depth >= maxDepth {
				continue
			}
		}
		out.Write(z.Raw())
	}
	return out.String()
}

// voidTag reports the start tag just read names an element without an end
// tag (<br>, <img>…), which nests nothing.
func voidTag(z *html.Tokenizer) bool {
	name, _ := z.TagName()
	switch atom.Lookup(name) {
	case atom.Area, atom.Base, atom.Br, atom.Col, atom.Embed, atom.Hr, atom.Img,
		atom.Input, atom.Link, atom.Meta, atom.Source, atom.Track, atom.Wbr, atom.Param:
		return true
	}
	return false
}
