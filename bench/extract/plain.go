package main

import (
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// plainTag maps each HTML5 sectioning or semantic element to the tag an
// older template would have used for it: a block becomes a div, a date
// inside a line a span.
var plainTag = map[atom.Atom]string{
	atom.Article:    "div",
	atom.Aside:      "div",
	atom.Figcaption: "div",
	atom.Figure:     "div",
	atom.Footer:     "div",
	atom.Header:     "div",
	atom.Hgroup:     "div",
	atom.Main:       "div",
	atom.Nav:        "div",
	atom.Search:     "div",
	atom.Section:    "div",
	atom.Time:       "span",
}

// plainTags returns body with every HTML5 sectioning or semantic element
// (plainTag) renamed, in its start and its end tag, to a div or a span,
// its attributes kept (re-rendered as the tokenizer reads them).
// Everything else passes through as it came: text, comments, scripts and
// styles, and every other tag.
//
// Many sites (older ones, CMS templates) mark none of their blocks with
// these tags: their text sits in divs and spans. With -plain, the scores
// show how far each extractor leans on the tags rather than on the
// page's structure and text.
func plainTags(body []byte) []byte {
	return rewriteTags(body, func(tok *html.Token) bool {
		tag, ok := plainTag[tok.DataAtom]
		if ok {
			tok.Data, tok.DataAtom = tag, atom.Lookup([]byte(tag))
		}
		return ok
	})
}

// view is what an extractor reads of a page's body under the -blind and
// -plain flags: names hidden, tags hidden, both or neither.
func view(blind, plain bool) func([]byte) []byte {
	return func(body []byte) []byte {
		if blind {
			body = blindNames(body)
		}
		if plain {
			body = plainTags(body)
		}
		return body
	}
}
