package clean

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// A signature without a rule. A lone post ends, under its last
// paragraph, with its author's signature set apart by its markup alone:
// a line or three in small print (<small>, <font size="1">) — a name, a
// role, a link, a motto — or opened by a signature's dashes ("-- Anna")
// and closed by a motto in quotes or italics. Its shape tells it: short
// lines, none a sentence but the motto, the last of the post.

// tailSignatureRuns returns a test of the runs of roots (by index into
// bw.runs) that close a root as its signature (tailSignature); nil when
// none does.
func tailSignatureRuns(bw *blockWalk, roots []*html.Node) func(int) bool {
	out := map[int]bool{}
	for _, root := range roots {
		from, to := tailSignature(bw, root)
		for i := from; i < to; i++ {
			out[i] = true
		}
	}
	return indexTest(out)
}

// tailSignature returns the range of root's runs after its last
// paragraph of prose (lastProse), or from a signature's delimiter after
// it (sigDelimiter), when those runs are a signature: one to
// maxSigLines of them, each no longer than maxSigRunes and no sentence
// (sigSentence) unless a motto (mottoRun), and either all in small print
// (smallRun), a lone one only when it links, is a motto or is a name
// and a role (nameAndRole), or two or more, the first opened by a mail
// signature's "--" or a bare name over a motto (namedMotto); none set
// as notes (noteMarkup: a list of footnotes, a way back to the text).
// An empty range when root holds no prose or its runs after it are no
// signature: a closing sentence, a quotation the post leads into, a
// legal note of a sentence's length, a lone name stay.
func tailSignature(bw *blockWalk, root *html.Node) (int, int) {
	rs := bw.stats[root]
	if rs == nil {
		return 0, 0
	}
	last := max(lastProse(bw, root), sigDelimiter(bw, rs)-1)
	if last < 0 || rs.end-last-1 < 1 || rs.end-last-1 > maxSigLines {
		return 0, 0
	}
	tail := bw.runs[last+1 : rs.end]
	smalls := smallPrintAfter(bw, root, last+1)
	// A lone line in small print, or one dash-opened line, is a closing
	// byline as often as a signature: the truths keep those.
	small, dashed := true, len(tail) >= 2 && strings.HasPrefix(strings.TrimSpace(tail[0].text), "--")
	if len(tail) == 1 && tail[0].linkUnits == 0 && !mottoRun(tail[0]) && !nameAndRole(tail[0].text) {
		small = false
	}
	dashed = dashed || namedMotto(tail)
	for _, r := range tail {
		if r.heading || r.chrome || utf8.RuneCountInString(r.text) > maxSigRunes || sigSentence(r.text) && !mottoRun(r) {
			return 0, 0
		}
		if os := bw.stats[r.owner]; r.owner != nil && os != nil && os.start > last && noteMarkup(r.owner) || inList(r.owner, root) {
			return 0, 0
		}
		small = small && smallRun(r, smalls)
	}
	if !small && !dashed || slices.ContainsFunc(smalls, noteMarkup) {
		return 0, 0
	}
	return last + 1, rs.end
}

// sigDelimiter returns the index of a mail signature's delimiter among
// the last runs of rs: a line of "--" alone (the "-- " a mail program
// sets over a signature), with one to maxSigLines runs after it, the
// first of them a name (sigName), and more text before it, in rs, than
// after it. A message whose lines are set one to a line break holds no
// run of prose's length near its end, so the lines over its signature
// are no paragraph lastProse finds. -1 when there is none; "--help",
// "-- Anna" and a "--" option with its description are no delimiter.
func sigDelimiter(bw *blockWalk, rs *elemStats) int {
	for d := rs.end - 2; d > rs.start && rs.end-d-1 <= maxSigLines; d-- {
		if strings.TrimSpace(bw.runs[d].text) != "--" {
			continue
		}
		if !sigName(strings.TrimSpace(bw.runs[d+1].text)) {
			return -1 // "--" closing a list of options, its description after it
		}
		before, after := 0, 0
		for i := rs.start; i < rs.end; i++ {
			if i < d {
				before += bw.runs[i].units
			} else {
				after += bw.runs[i].units
			}
		}
		if before > after {
			return d
		}
		return -1
	}
	return -1
}

// inList reports n inside an <ol> or <ul> below root.
func inList(n, root *html.Node) bool {
	for p := n; p != nil && p != root; p = p.Parent {
		if p.DataAtom == atom.Ol || p.DataAtom == atom.Ul {
			return true
		}
	}
	return false
}

// smallPrintAfter returns the elements of root in small print
// (smallPrint) whose text lies in runs from index from on.
func smallPrintAfter(bw *blockWalk, root *html.Node, from int) []*html.Node {
	var out []*html.Node
	for d := range root.Descendants() {
		if d.Type != html.ElementNode || !smallPrint(d) {
			continue
		}
		if st := bw.stats[d]; st != nil && st.start < from {
			continue
		}
		out = append(out, d)
	}
	return out
}

// smallRun reports a run whose text lies in one of smalls, or whose
// owner is in small print itself.
func smallRun(r run, smalls []*html.Node) bool {
	for p := r.owner; p != nil; p = p.Parent {
		if slices.Contains(smalls, p) {
			return true
		}
	}
	t := strings.TrimSpace(r.text)
	for _, s := range smalls {
		if st := textOf(s); t != "" && strings.Contains(st, t) {
			return true
		}
	}
	return false
}

// smallPrint reports an element set in small print: <small>, or <font>
// of size 1 or 2, or of a size below the page's ("-1", "-2").
func smallPrint(n *html.Node) bool {
	if n.DataAtom == atom.Small {
		return true
	}
	if n.DataAtom != atom.Font {
		return false
	}
	s := strings.TrimSpace(attr(n, "size"))
	v, err := strconv.Atoi(s)
	return err == nil && v <= 2 && !strings.HasPrefix(s, "+")
}

// mottoRun reports a run that is a motto: its text wholly in quotes
// (“…”, "…", «…», „…“), an attribution after them allowed ("— E. W.
// Dijkstra"), or wholly in italics (<i>, <em> holding all of it).
func mottoRun(r run) bool {
	t := strings.TrimSpace(r.text)
	for _, q := range [][2]string{{"“", "”"}, {"\"", "\""}, {"«", "»"}, {"„", "“"}} {
		if strings.HasPrefix(t, q[0]) && strings.Contains(t[len(q[0]):], q[1]) {
			return true
		}
	}
	return italicOnly(r.owner, t)
}

// italicOnly reports an owner whose text t lies all in one <i> or <em>.
func italicOnly(owner *html.Node, t string) bool {
	if owner == nil {
		return false
	}
	for d := range withDescendants(owner) {
		if d.Type == html.ElementNode && (d.DataAtom == atom.I || d.DataAtom == atom.Em) && strings.TrimSpace(textOf(d)) == t {
			return true
		}
	}
	return false
}

// maxRoleWords bounds the role after a signature's name: "Maintainer",
// "Release manager, Example Project".
const maxRoleWords = 6

// nameAndRole reports a line that is a name and what its bearer is: a
// person's name (personWords), a separator (bylineNameSeps: ", ", " — ",
// " | ", " · "), then a role of one to maxRoleWords words opening with
// a capital, no date and no digit in it ("Jane Doe — Maintainer",
// "Anna Berg, Release manager"). A closing byline with its date or its
// place's date line ("Jane Doe, 2 March 2026") is no signature; nor is
// a copyright line, which no name opens.
func nameAndRole(t string) bool {
	name, role := cutBylineName(strings.TrimSpace(t))
	if role == "" || !personWords(name) || len(strings.Fields(name)) > 3 || !startsUpper(role) {
		return false
	}
	if n := len(strings.Fields(role)); n > maxRoleWords || strings.ContainsAny(role, "0123456789") {
		return false
	}
	_, _, dated := findDate(role)
	return !dated
}

// namedMotto reports a tail that is a bare name, then a motto: two runs,
// the first a name (personWords, or one capitalised word alone: "Anna"),
// the second a motto (mottoRun) that does not name the first (a line
// about its bearer, "Anna Berg is a reporter…", is a note on the author).
func namedMotto(tail []run) bool {
	if len(tail) != 2 || !mottoRun(tail[1]) {
		return false
	}
	name := strings.TrimSpace(tail[0].text)
	return sigName(name) && !strings.Contains(tail[1].text, strings.Fields(name)[0])
}

// sigName reports a line that is a name a signature opens with: a
// person's name of up to three words (personWords), or one capitalised
// word of letters alone ("Anna").
func sigName(t string) bool {
	words := strings.Fields(t)
	if len(words) == 0 || len(words) > 3 {
		return false
	}
	return personWords(t) || len(words) == 1 && startsUpper(t) && kindWords(words)
}
