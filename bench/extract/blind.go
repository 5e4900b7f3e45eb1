package main

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"strings"

	"golang.org/x/net/html"
)

// blindNames returns body with every class and id value replaced, word by
// word, by a name made from a hash of that word: the same word becomes
// the same name everywhere on the page, so blocks that share a class
// still share one, but no name says what its block is. Everything else
// passes through as it came: text, comments, scripts and styles, the
// tags without a class or id, and the other attributes of those with one
// (re-rendered as the tokenizer reads them).
//
// A page of a site nobody tuned on names its blocks as no dev page did;
// with -blind, the scores show how far each extractor leans on names
// rather than on the page's structure and text.
func blindNames(body []byte) []byte {
	var out bytes.Buffer
	out.Grow(len(body))
	z := html.NewTokenizer(bytes.NewReader(body))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return out.Bytes() // io.EOF: a tokenizer without a buffer limit stops nowhere else
		}
		raw := z.Raw()
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			out.Write(raw)
			continue
		}
		if tok := z.Token(); blindAttrs(tok.Attr) {
			out.WriteString(tok.String())
		} else {
			out.Write(raw)
		}
	}
}

// blindAttrs replaces the values of the class and id attributes among
// attrs by their blind names and reports whether there was one.
func blindAttrs(attrs []html.Attribute) bool {
	named := false
	for i, a := range attrs {
		if a.Namespace == "" && (a.Key == "class" || a.Key == "id") {
			attrs[i].Val, named = blindValue(a.Val), true
		}
	}
	return named
}

// blindValue replaces each word of a class or id value by its blind name.
func blindValue(v string) string {
	words := strings.Fields(v)
	for i, w := range words {
		h := fnv.New32a()
		h.Write([]byte(w))
		words[i] = fmt.Sprintf("n%08x", h.Sum32())
	}
	return strings.Join(words, " ")
}
