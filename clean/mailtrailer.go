package clean

import (
	"strings"
	"unicode/utf8"
)

// A mail archive's attachment trailer. A list archiver (Mailman's
// pipermail and the archives fed from it) sets a message's body in a
// <pre> and writes in place of each attachment it kept aside a part of
// its own at the end: a rule of dashes around a word or three
// ("-------------- next part --------------", in the list's language),
// a line that says what was taken out and ends in an ellipsis ("An HTML
// attachment was scrubbed...", "Ein Dateianhang mit HTML-Daten wurde
// abgetrennt..."), perhaps the attachment's "Name:", "Type:", "Size:"
// lines, and last a label line that points to it ("URL: <http://…>").
// Those parts are the archiver's, not the message's.

// maxTrailerLines bounds one part of a trailer after its rule: the note,
// Name, Type, Size, Desc and URL lines, and a blank line or two.
const maxTrailerLines = 8

// maxTrailerRunes bounds a trailer's line; its last, an address, may be
// longer (maxTrailerURLRunes).
const (
	maxTrailerRunes    = 80
	maxTrailerURLRunes = 240
)

// mailTrailer returns the byte offset in text, a <pre>'s text, where its
// closing attachment parts begin, at a line's start: one or more parts
// that are each a rule of dashes around one to three words
// (trailerRule), a note that ends in an ellipsis and is no label line,
// short lines, and a label line whose value is an address (trailerURL)
// as the part's last. The parts must be the text's last lines, and the
// text must hold a line of its own before them. -1 when text does not
// end so. Only whole lines go: the <pre> keeps the line breaks of what
// stays.
func mailTrailer(text string) int {
	lines := strings.Split(text, "\n")
	end := len(lines)
	for end > 0 && strings.TrimSpace(lines[end-1]) == "" {
		end--
	}
	cut := -1
	for end > 0 {
		start := trailerPart(lines[:end])
		if start < 0 {
			break
		}
		cut, end = start, start
	}
	if cut <= 0 || !hasLetter(strings.Join(lines[:cut], "\n")) {
		return -1
	}
	off := 0
	for _, l := range lines[:cut] {
		off += len(l) + 1
	}
	return off
}

// trailerPart returns the index in lines of the rule that opens the
// attachment part ending lines (mailTrailer), -1 when lines do not end
// with one.
func trailerPart(lines []string) int {
	last := len(lines) - 1
	if last < 0 || !trailerURL(strings.TrimSpace(lines[last])) {
		return -1
	}
	for i := last - 1; i >= 0 && last-i <= maxTrailerLines; i-- {
		t := strings.TrimSpace(lines[i])
		if trailerRule(t) {
			note := strings.TrimSpace(lines[i+1])
			if i+1 == last || !ellipsisEnd(note) {
				return -1
			}
			if _, label := labelKey(note); label {
				return -1
			}
			return i
		}
		if utf8.RuneCountInString(t) > maxTrailerRunes {
			return -1
		}
	}
	return -1
}

// trailerRule reports a rule of dashes around a word or three: five or
// more dashes on each side, "-------------- next part --------------".
func trailerRule(t string) bool {
	inner := strings.TrimRight(t, "-")
	if len(t)-len(inner) < 5 {
		return false
	}
	mid := strings.TrimLeft(inner, "-")
	if len(inner)-len(mid) < 5 {
		return false
	}
	n := len(strings.Fields(mid))
	return n >= 1 && n <= 3 && hasLetter(mid)
}

// trailerURL reports a label line whose value is an address: "URL:
// <http://…>", "Url : http://…", no longer than maxTrailerURLRunes.
func trailerURL(t string) bool {
	if utf8.RuneCountInString(t) > maxTrailerURLRunes {
		return false
	}
	if _, ok := labelKey(t); !ok {
		return false
	}
	v := strings.TrimSpace(t[strings.IndexAny(t, ":：")+1:])
	v = strings.TrimPrefix(v, "<")
	return (strings.HasPrefix(v, "http://") || strings.HasPrefix(v, "https://")) && !strings.ContainsAny(v, " \t")
}

// ellipsisEnd reports a line ending in an ellipsis: "...", "…".
func ellipsisEnd(t string) bool {
	return strings.HasSuffix(t, "...") || strings.HasSuffix(t, "…")
}

// cutMailTrailer takes a <pre>'s closing attachment parts (mailTrailer)
// out of the run being written, which holds the <pre>'s last text, and
// out of the units counted for it. Called as the walk leaves a <pre>.
func (bw *blockWalk) cutMailTrailer() {
	at := mailTrailer(string(bw.w.b))
	if at < 0 {
		return
	}
	u := units(string(bw.w.b[at:]))
	bw.w.b = bw.w.b[:at]
	link := min(bw.runLink, u) // the trailer's address, when the archiver linked it
	bw.runUnits -= u
	bw.runLink -= link
	bw.units -= u
	bw.linkUnits -= link
}
