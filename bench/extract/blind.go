package main

import (
	"bytes"
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
	return rewriteTags(body, func(tok *html.Token) bool {
		return tok.Type != html.EndTagToken && blindAttrs(tok.Attr)
	})
}

// rewriteTags returns body with every tag that edit changes (edit reports
// whether it did) re-rendered from its edited token, as the tokenizer
// reads it; everything else passes through byte for byte: text,
// comments, doctypes, scripts and styles, and every tag edit leaves.
func rewriteTags(body []byte, edit func(*html.Token) bool) []byte {
	var out bytes.Buffer
	out.Grow(len(body))
	z := html.NewTokenizer(bytes.NewReader(body))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return out.Bytes() // io.EOF: a tokenizer without a buffer limit stops nowhere else
		}
		raw := z.Raw()
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken && tt != html.EndTagToken {
			out.Write(raw)
			continue
		}
		if tok := z.Token(); edit(&tok) {
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
		words[i] = blindWord(w)
	}
	return strings.Join(words, " ")
}

// blindWord is the blind name of one word: "q" and seven lower-case
// letters spelling a hash of it (26^7 names cover the 2^32 hashes). It
// holds no digit: an extractor may read a digit in a class name as the
// mark of a generated or numbered name ("post-1234", "css-1x9f2") and set
// such names aside when it compares the templates of sibling blocks; a
// hex hash made every blind name look generated, and every block's
// template its bare tag. No class or id hint begins with "q".
func blindWord(w string) string {
	h := fnv.New32a()
	h.Write([]byte(w))
	v := h.Sum32()
	b := make([]byte, 1, 8)
	b[0] = 'q'
	for range 7 {
		b = append(b, byte('a'+v%26))
		v /= 26
	}
	return string(b)
}
