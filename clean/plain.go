package clean

import (
	"strings"
	"unicode"

	"golang.org/x/net/html"
)

// isPlainText reports whether a payload is read as plain text: its
// Content-Type says text/plain and its text does not open as an HTML
// document does (a server that labels its HTML pages text/plain would
// otherwise have their markup taken for their text).
func isPlainText(contentType, text string) bool {
	mt, _, _ := strings.Cut(contentType, ";")
	if !strings.EqualFold(strings.TrimSpace(mt), "text/plain") {
		return false
	}
	head := strings.TrimLeft(strings.TrimPrefix(text, "\uFEFF"), " \t\r\n\f")
	head = strings.ToLower(head[:min(len(head), len("<!doctype html"))])
	return !strings.HasPrefix(head, "<!doctype html") && !strings.HasPrefix(head, "<html")
}

// cleanPlain extracts from a decoded text/plain payload. Its text is all
// of it, nothing dropped (plain text marks no chrome to leave out; a "<"
// in it is a character, not a tag), in the paragraphs plainParagraphs
// finds. The rest (dates, attribution, language) is read as from a page
// whose body holds those paragraphs, each its own <p>: the runs of text
// that they read are the lines a reader sees. Plain text has no title.
func cleanPlain(src string, in Input, b *budget) (*Document, error) {
	paras := plainParagraphs(src)
	var page strings.Builder
	page.Grow(len(src) + 16*len(paras) + 64)
	page.WriteString("<!DOCTYPE html><html><head></head><body>")
	for _, p := range paras {
		page.WriteString("<p>")
		page.WriteString(html.EscapeString(p))
		page.WriteString("</p>")
	}
	page.WriteString("</body></html>")
	root, err := parseHTML(page.String(), b)
	if err != nil {
		return nil, err // parsing escaped text in <p>s does not fail
	}
	if paras == nil {
		paras = []string{}
	}
	return cleanTree(root, in, b, paras)
}

// plainParagraphs splits plain text into paragraphs. A text with no
// blank line between two lines has a paragraph per line: it marks its
// paragraphs by line breaks alone. Otherwise a blank line ends a
// paragraph, and inside the blocks between blank lines a line break is a
// paragraph's wrapping, collapsed as white space is in HTML (a space
// between words, none between CJK characters), when the text was wrapped
// (wrapped):
func plainParagraphs(src string) []string {
	lines := strings.Split(strings.ReplaceAll(strings.ReplaceAll(src, "\r\n", "\n"), "\r", "\n"), "\n")
	perLine := !hasInnerBlank(lines)
	var paras []string
	add := func(text string) {
		if p := collapse(text); p != "" {
			paras = append(paras, p)
		}
	}
	for len(lines) > 0 {
		n := 0
		for n < len(lines) && !isBlank(lines[n]) {
			n++
		}
		block := lines[:n]
		lines = lines[min(n+1, len(lines)):]
		if perLine {
			for _, l := range block {
				add(l)
			}
			continue
		}
		var cur strings.Builder
		wide := widest(block)
		for i, l := range block {
			cur.WriteString(l)
			cur.WriteByte('\n')
			if i+1 == len(block) || !wrapped(l, block[i+1], wide) {
				add(cur.String())
				cur.Reset()
			}
		}
	}
	return paras
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

func widest(lines []string) int {
	w := 0
	for _, l := range lines {
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
func hasInnerBlank(lines []string) bool {
	seenText, blank := false, false
	for _, l := range lines {
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
