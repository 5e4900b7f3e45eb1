package clean

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// DefaultBudget is the work Clean may do on one page when Input.Budget
// is zero, counted in steps: one step is one node visited, one block
// scored, one line filtered. The budget counts work, not time, so the same
// bytes always give the same text, however busy the machine. The largest
// of the 245 evaluation pages takes about 13,000 steps; a pathological page
// (a hundred thousand nested elements, a few hundred thousand paragraphs)
// is cut off at the budget with what was found by then. Parsing itself is
// not counted: it is linear in the page's size, which the crawler bounds.
const DefaultBudget = 100_000

// Each stage may run until its share of the budget (counted from the start
// of Clean) is spent: flattening a page nested too deep, the block walk,
// the scoring of what it gathered; the paragraph filters have the rest.
const (
	flattenShare = 0.3
	walkShare    = 0.7
	scoreShare   = 0.85
)

// budget is one page's allowance of steps. The loops of the walk, the
// scoring and the filters ask it whether a share of it is spent; each
// question is one step.
type budget struct {
	limit int
	steps int
	hit   bool // some share was found spent: the result is partial
}

func newBudget(limit int) *budget {
	if limit <= 0 {
		limit = DefaultBudget
	}
	return &budget{limit: limit}
}

// spent takes one step and reports whether share (0–1) of the budget is
// used up. A nil budget is never spent.
func (b *budget) spent(share float64) bool {
	if b == nil {
		return false
	}
	b.steps++
	if float64(b.steps) >= float64(b.limit)*share {
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
func parseHTML(src []byte, b *budget) (*html.Node, error) {
	n, err := html.Parse(bytes.NewReader(src))
	if err == nil || !strings.Contains(err.Error(), "open stack") {
		return n, err
	}
	return html.Parse(strings.NewReader(flatten(src, b)))
}

// flatten rewrites src without the start and end tags nested deeper than
// maxDepth: one pass of the tokenizer, text and shallower tags as they were.
// It ends where its share of the budget b runs out.
func flatten(src []byte, b *budget) string {
	z := html.NewTokenizer(bytes.NewReader(src))
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
