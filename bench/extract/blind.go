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
			return out.Bytes() // io.EOF, or a page the tokenizer stops on: what came before is kept
		}
		raw := z.Raw()
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken || !hasNameAttr(raw) {
			out.Write(raw)
			continue
		}
		tok := z.Token()
		for i, a := range tok.Attr {
			if a.Namespace == "" && (a.Key == "class" || a.Key == "id") {
				tok.Attr[i].Val = blindValue(a.Val)
			}
		}
		out.WriteString(tok.String())
	}
}

// hasNameAttr is a cheap test that a tag's raw bytes may hold a class or
// id attribute; Token then says for sure.
func hasNameAttr(raw []byte) bool {
	l := bytes.ToLower(raw)
	return bytes.Contains(l, []byte("class")) || bytes.Contains(l, []byte("id"))
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
