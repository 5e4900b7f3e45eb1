package clean

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// A mail archive's header lines. An archiver sets over a message's body,
// a <pre>, the message's header fields as lines of their own: "From:
// Anna Berg <anna@example.org>", "Date: …", "Subject: …", "Message-ID:
// <…>", as bold keys before line breaks (pipermail), as the items of a
// list (MHonArc's "<li><em>From</em>: …"), or as a table's rows. They
// are the message's envelope, not its words: the page's title repeats
// the subject, and the date is read as the page's date elsewhere.

// mailHeaderKeys are the names of the header fields an archive shows, in
// English and as German and French archives name them, lower case.
var mailHeaderKeys = map[string]bool{
	"from": true, "to": true, "cc": true, "date": true, "subject": true, "sender": true,
	"reply-to": true, "message-id": true, "in-reply-to": true, "references": true,
	"von": true, "an": true, "datum": true, "betreff": true, "absender": true,
	"de": true, "à": true, "objet": true, "sujet": true, "expéditeur": true,
}

// maxHeaderRunes bounds a header line ("References:" may list a few ids).
const maxHeaderRunes = 200

// mailHeaderRuns returns a test of the runs of roots (by index into
// bw.runs) that are a message's header lines: the runs right before a
// <pre> holding text (the message's body, a line may be all of it) that are each a one-line
// label line (labelKey) of at most maxHeaderRunes, two or more of them
// under the name of a header field (mailHeaderKeys) and one at least
// with an address in its value ("anna@example.org", "anna at
// example.org", "<87a1@example.org>"). nil when roots hold none. A
// label line of another name among them goes with them; the run before
// them, whatever it is, stays. The <pre> may be a root itself, its
// header lines in a root beside it.
func mailHeaderRuns(bw *blockWalk, roots []*html.Node) func(int) bool {
	out := map[int]bool{}
	for _, root := range roots {
		for d := range withDescendants(root) {
			if d.Type != html.ElementNode || d.DataAtom != atom.Pre || bw.stats[d] == nil || bw.stats[d].units == 0 {
				continue
			}
			for _, i := range headerBefore(bw, bw.stats[d].start) {
				out[i] = true
			}
		}
	}
	return indexTest(out)
}

// indexTest is a test of membership in idx, nil when idx is empty: the
// form of articleRuns' run filters (mailHeaderRuns, tailSignatureRuns).
func indexTest(idx map[int]bool) func(int) bool {
	if len(idx) == 0 {
		return nil
	}
	return func(i int) bool { return idx[i] }
}

// withDescendants yields n and the nodes below it, in document order.
func withDescendants(n *html.Node) func(yield func(*html.Node) bool) {
	return func(yield func(*html.Node) bool) {
		if !yield(n) {
			return
		}
		for d := range n.Descendants() {
			if !yield(d) {
				return
			}
		}
	}
}

// headerBefore returns the indexes of the header lines that end just
// before the run at index at (mailHeaderRuns' test), in the <pre>'s
// root or in a root beside it; nil when those lines are no message's
// header.
func headerBefore(bw *blockWalk, at int) []int {
	from := at
	for from > 0 {
		if _, ok := headerLine(bw.runs[from-1]); !ok {
			break
		}
		from--
	}
	if !headerBlock(bw.runs[from:at]) {
		return nil
	}
	var lines []int
	for i := from; i < at; i++ {
		lines = append(lines, i)
	}
	return lines
}

// headerLine returns the key of a run that is one label line
// ("Message-ID: <…>", a table row's "From: | Anna Berg") of at most
// maxHeaderRunes, no heading; or a table row whose first cell is a
// header field's name without a colon ("From | Anna Berg",
// mailHeaderKeys).
func headerLine(r run) (string, bool) {
	if r.heading || strings.Contains(r.text, "\n") || utf8.RuneCountInString(r.text) > maxHeaderRunes {
		return "", false
	}
	if k, v, ok := strings.Cut(r.text, " | "); ok && mailHeaderKeys[strings.ToLower(strings.TrimSpace(k))] && strings.TrimSpace(v) != "" {
		return strings.ToLower(strings.TrimSpace(k)), true
	}
	return labelKey(r.text)
}

// mailAddress reports a line holding a mail address, as written or as
// an archive masks it ("anna at example.org").
func mailAddress(t string) bool {
	return emailMarkRe.MatchString(t) || maskedAddressRe.MatchString(t)
}

// maskedAddressRe is a mail address as pipermail masks it: "anna at
// example.org".
var maskedAddressRe = regexp.MustCompile(`[\w.+-]+ at [\w-]+\.[\w.-]*\w`)

// headerOverBody returns, when best, the best container found by score,
// holds only a message's header lines (headerBlock) and the next text
// after it lies in a <pre> (the message's body), that <pre> in best's
// place with best's score: a short message ("Applied, thanks.") scores
// under its header's date and address lines, though the header is its
// envelope and the <pre> its words. best is returned as it is
// otherwise.
func headerOverBody(bw *blockWalk, best *html.Node, bestScore float64) (*html.Node, float64) {
	st := bw.stats[best]
	if st == nil || st.end >= len(bw.runs) || !headerBlock(bw.runs[st.start:st.end]) {
		return best, bestScore
	}
	for p := bw.runs[st.end].owner; p != nil && p.Type == html.ElementNode; p = p.Parent {
		if deeper(best, p) || p == best {
			return best, bestScore // the next text lies around best, in no <pre> of its own
		}
		if p.DataAtom == atom.Pre && bw.stats[p] != nil && bw.stats[p].units > 0 {
			return p, bestScore
		}
	}
	return best, bestScore
}

// headerBlock reports runs that are all a message's header lines
// (headerLine), two or more under the name of a header field
// (mailHeaderKeys), one at least with an address: what headerBefore
// asks of the lines over a <pre>, and headerOverBody of the best
// container.
func headerBlock(runs []run) bool {
	named, addressed := 0, false
	for _, r := range runs {
		k, ok := headerLine(r)
		if !ok {
			return false
		}
		if mailHeaderKeys[k] {
			named++
		}
		addressed = addressed || mailAddress(r.text)
	}
	return named >= 2 && addressed
}
