package clean

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
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
// as the part's last; or the list's footer (listFooter), blank lines
// between the parts. The parts must be the text's last lines, and the
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
			start = listFooter(lines[:end])
		}
		if start < 0 {
			break
		}
		cut, end = start, start
		for end > 0 && strings.TrimSpace(lines[end-1]) == "" {
			end-- // blank lines between the parts
		}
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

// A list's footer. A list server appends to each message it passes on
// the list's own lines, under a rule of underscores: the list's name,
// its address, the page to leave it ("_______________________________
// ________________ / dev mailing list / dev@lists.example.org /
// https://lists.example.org/mailman/listinfo/dev"). Mailman writes it
// as a part of its own, so the archive may set an attachment part's rule
// of dashes over it.

// maxFooterLines bounds the lines of a list's footer after its rule.
const maxFooterLines = 4

// minFooterRule is the shortest rule of underscores over a list's
// footer (Mailman writes 47).
const minFooterRule = 20

// listFooter returns the index in lines of the rule of underscores
// (minFooterRule or more, nothing else on the line) that opens the
// list's footer ending lines, or of an attachment part's rule
// (trailerRule) right over it; -1 when lines do not end with a footer.
// A footer is two to maxFooterLines lines after the rule, each no
// longer than maxTrailerURLRunes and none a sentence (sigSentence), the
// last an address (footerAddress), and the list's name, as its address
// or its page gives it (listNames), among their words outside the
// addresses. A program's output that ends in a rule of underscores and
// an address line, or a footer's template whose last line is no
// address, is no footer.
func listFooter(lines []string) int {
	last := len(lines) - 1
	if last < 2 || !footerAddress(strings.TrimSpace(lines[last])) {
		return -1
	}
	for i := last - 1; i >= 0 && last-i <= maxFooterLines; i-- {
		t := strings.TrimSpace(lines[i])
		if underscoreRule(t) {
			if last-i < 2 || !namesList(lines[i+1:]) {
				return -1
			}
			if i > 0 && trailerRule(strings.TrimSpace(lines[i-1])) {
				return i - 1
			}
			return i
		}
		if t == "" || utf8.RuneCountInString(t) > maxTrailerURLRunes || sigSentence(t) {
			return -1
		}
	}
	return -1
}

// footerURLRe is a web address in a list's footer.
var footerURLRe = regexp.MustCompile(`https?://[^\s<>]+`)

// namesList reports footer lines that name their list: a word of theirs,
// outside their addresses, is the name an address gives (listNames).
// "dev mailing list" over "dev@lists.example.org" does; "Sent to:
// release@example.org" under a program's report does not.
func namesList(lines []string) bool {
	text := strings.Join(lines, "\n")
	var names []string
	for _, re := range []*regexp.Regexp{footerURLRe, emailMarkRe, maskedAddressRe} {
		for _, m := range re.FindAllString(text, -1) {
			names = append(names, listName(m))
			text = strings.Replace(text, m, " ", 1)
		}
	}
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' && r != '_'
	})
	for _, n := range names {
		if len(n) >= 2 && slices.Contains(words, n) {
			return true
		}
	}
	return false
}

// listName is the name of a list an address gives, lower case: a mail
// address's local part ("dev" of "dev@lists.example.org", "dev at
// lists.example.org"), a web address's last path segment ("dev" of
// ".../listinfo/dev").
func listName(addr string) string {
	addr = strings.ToLower(addr)
	if strings.HasPrefix(addr, "http") {
		p := strings.TrimRight(addr, "/")
		return p[strings.LastIndex(p, "/")+1:]
	}
	if i := strings.Index(addr, "@"); i >= 0 {
		return addr[:i]
	}
	local, _, _ := strings.Cut(addr, " at ")
	return local
}

// underscoreRule reports a line of minFooterRule or more underscores and
// nothing else.
func underscoreRule(t string) bool {
	return len(t) >= minFooterRule && strings.Trim(t, "_") == ""
}

// footerAddress reports the last line of a list's footer: a web address
// alone ("https://lists.example.org/mailman/listinfo/dev", in "<…>" or
// not), or a line holding a mail address, as written or masked ("dev at
// lists.example.org", "To unsubscribe send an email to
// dev-leave@lists.example.org").
func footerAddress(t string) bool {
	v := strings.TrimSuffix(strings.TrimPrefix(t, "<"), ">")
	if (strings.HasPrefix(v, "http://") || strings.HasPrefix(v, "https://")) && !strings.ContainsAny(v, " \t") {
		return true
	}
	return utf8.RuneCountInString(t) <= maxTrailerRunes && mailAddress(t)
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
