package clean

import (
	"bytes"
	"fmt"
	"mime"
	"net/http"
	"slices"
	"strings"
	"unicode"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
)

// Reads says whether Clean reads a body served with contentType: HTML
// (text/html, application/xhtml+xml), plain text, and a body with no
// type or one that does not parse, as a browser would sniff it. Other
// types (PDF, images, feeds) have no text here.
func Reads(contentType string) bool {
	if contentType == "" || readType(contentType) {
		return true
	}
	mt, _, err := mime.ParseMediaType(contentType)
	return err != nil || slices.Contains(readTypes[:], mt)
}

// readTypes are the media types Reads says yes to.
var readTypes = [...]string{"text/html", "application/xhtml+xml", "text/plain"}

// readType reports a contentType whose type, before any parameter, is one
// of readTypes in some case: Reads says yes to it whatever its parameters
// are (ParseMediaType gives that type, lower-cased, or an error), so they
// are not parsed. EqualFold folds no rune past ASCII to a letter of
// readTypes (only K and ſ fold to ASCII, to k and s), so the type it lets
// through is the one ParseMediaType lower-cases.
func readType(contentType string) bool {
	base, _, _ := strings.Cut(contentType, ";")
	base = strings.TrimSpace(base)
	for _, t := range readTypes {
		if strings.EqualFold(base, t) {
			return true
		}
	}
	return false
}

// isPlainType reports whether a Content-Type says text/plain. Such a
// payload is read as plain text (cleanPlain) unless it opens as HTML
// does (opensAsHTML): a server that labels its HTML pages text/plain
// would otherwise have their markup taken for their text.
func isPlainType(contentType string) bool {
	mt, _, _ := strings.Cut(contentType, ";")
	return strings.EqualFold(strings.TrimSpace(mt), "text/plain")
}

// hasTag reports whether text holds anything markup could be: a '<'
// followed by a letter, '/', '!' or '?'. A body served without a
// Content-Type and without one is a plain text, as a browser sniffs it
// (a text with no HTML signature and no binary bytes is text/plain);
// one with a tag anywhere is read as HTML, a little more leniently than
// a browser, which looks only at how the body opens.
func hasTag(text []byte) bool {
	for i := bytes.IndexByte(text, '<'); i >= 0 && i+1 < len(text); {
		c := text[i+1]
		if c == '/' || c == '!' || c == '?' || ('a' <= c|0x20 && c|0x20 <= 'z') {
			return true
		}
		j := bytes.IndexByte(text[i+1:], '<')
		if j < 0 {
			return false
		}
		i += 1 + j
	}
	return false
}

// opensAsHTML reports whether text, past a byte order mark, opens with
// one of the signatures by which the WHATWG MIME sniffing standard tells
// HTML (http.DetectContentType's): past white space, <!DOCTYPE HTML,
// <html, <head, <body, <p, <div, <!-- and the others, each followed by a
// space or '>'.
func opensAsHTML(text []byte) bool {
	text = bytes.TrimPrefix(text, []byte("\uFEFF"))
	ct := http.DetectContentType(text[:min(len(text), 512)])
	return strings.HasPrefix(ct, "text/html")
}

// cleanPlain extracts from a decoded text/plain payload. Its text is all
// of it, nothing dropped (plain text marks no chrome to leave out; a "<"
// in it is a character, not a tag), in the paragraphs plainParagraphs
// finds. The rest (dates, attribution, language) is read as from a page
// whose body holds those paragraphs, each its own <p>: the runs of text
// that they read are the lines a reader sees. Plain text has no title.
// A NUL is U+FFFD (nulPlain).
func cleanPlain(src string, in Input, b *budget) (*Document, error) {
	paras := plainParagraphs(strings.ReplaceAll(src, "\x00", nulPlain))
	var page bytes.Buffer
	page.Grow(len(src) + 16*len(paras) + 64)
	page.WriteString("<!DOCTYPE html><html><head></head><body>")
	for _, p := range paras {
		page.WriteString("<p>")
		page.WriteString(html.EscapeString(p))
		page.WriteString("</p>")
	}
	page.WriteString("</body></html>")
	root, err := parseHTML(page.Bytes(), b)
	if err != nil {
		return nil, fmt.Errorf("clean: parse %s: %w", in.URL, err)
	}
	return cleanTree(root, in, b, func(*parsed, *goquery.Document, *Document) extraction {
		return extraction{paras: paras, extractor: ExtractorPlain}
	})
}

// nulPlain is what a NUL in a text/plain payload becomes: U+FFFD, as the
// HTML tokenizer's PLAINTEXT state, which browsers read text/plain with,
// makes it. (In an HTML page's text the tree builder drops a NUL.)
const nulPlain = "\uFFFD"

// plainParagraphs splits plain text into paragraphs. A text with no
// blank line between two lines has a paragraph per line: it marks its
// paragraphs by line breaks alone. Otherwise a blank line ends a
// paragraph, and inside the blocks between blank lines a line break is a
// paragraph's wrapping, collapsed as white space is in HTML (a space
// between words, none between CJK characters), when the text was wrapped
// (wrapped):
func plainParagraphs(src string) []string {
	src = strings.ReplaceAll(strings.ReplaceAll(src, "\r\n", "\n"), "\r", "\n")
	perLine := !hasInnerBlank(src)
	var paras []string
	add := func(text string) {
		if p := collapse(text); p != "" {
			paras = append(paras, p)
		}
	}
	eachBlock(src, func(block string) {
		wide := 0 // a width nothing is wrapped at: a paragraph per line
		if !perLine {
			wide = widest(block)
		}
		start := 0 // of the paragraph being read
		for i := 0; ; {
			end := strings.IndexByte(block[i:], '\n')
			if end < 0 {
				add(block[start:])
				return
			}
			end += i
			next, _, _ := strings.Cut(block[end+1:], "\n")
			if !wrapped(block[i:end], next, wide) {
				add(block[start:end])
				start = end + 1
			}
			i = end + 1
		}
	})
	return paras
}

// eachBlock calls f with each run of lines of src that are not blank, in
// order, without the line break after its last line.
func eachBlock(src string, f func(block string)) {
	start := -1 // of the block being read
	for i := 0; i <= len(src); {
		end := strings.IndexByte(src[i:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += i
		}
		switch blank := isBlank(src[i:end]); {
		case blank && start >= 0:
			f(src[start : i-1])
			start = -1
		case !blank && start < 0:
			start = i
		}
		i = end + 1
	}
	if start >= 0 {
		f(src[start:])
	}
}

// Wrapping. A line break inside a block is wrapping when the block is
// prose wrapped at a width (its widest line at least minWrapColumns), the
// line before the break fills most of that width (wrapFill of it: a
// shorter one ends its paragraph), and the line after it is not indented
// (a tab, two spaces or an ideographic space open a paragraph). So a
// block of short lines, a heading's or a letterhead's, keeps a paragraph
// per line. Columns count a CJK character as two, as a terminal shows it.
const (
	minWrapColumns = 50
	wrapFill       = 0.75
)

func wrapped(line, next string, widest int) bool {
	return widest >= minWrapColumns && float64(columns(line)) >= wrapFill*float64(widest) && !isIndented(next)
}

func widest(block string) int {
	w := 0
	for l := range strings.Lines(block) {
		w = max(w, columns(l))
	}
	return w
}

func columns(l string) int {
	n := 0
	for _, r := range strings.TrimRightFunc(l, unicode.IsSpace) {
		n++
		if isCJK(r) {
			n++
		}
	}
	return n
}

// hasInnerBlank reports whether a blank line stands between two lines
// with text.
func hasInnerBlank(src string) bool {
	seenText, blank := false, false
	for l := range strings.Lines(src) {
		switch {
		case !isBlank(l) && seenText && blank:
			return true
		case !isBlank(l):
			seenText = true
		case seenText:
			blank = true
		}
	}
	return false
}

func isBlank(l string) bool { return strings.TrimSpace(l) == "" }

func isIndented(l string) bool {
	return strings.HasPrefix(l, "\t") || strings.HasPrefix(l, "  ") || strings.HasPrefix(l, "\u3000")
}
