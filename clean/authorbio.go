package clean

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// bylineWindow is how many of the page's runs before the article's first
// paragraph of prose are read for the byline (authorBio): a story's
// byline sits between its headline and its text, with a date, a kicker
// or a caption beside it.
const bylineWindow = 8

// bylineTries is how many paragraphs of prose authorBio reads a byline
// before: one for a notice over the page, one for the story's lead.
const bylineTries = 3

// bylineRunes is the longest line read as a byline: a name, a date and a
// label or two ("By Jane Doe, 12 March 2024", "作者：李明 发布时间：…").
const bylineRunes = 80

// withoutAuthorBio returns runs, the article's, without the box about the
// story's author after its text (authorBio). The byline above the text is
// looked for among the walk's runs: it is often chrome, and so not among
// runs.
func withoutAuthorBio(bw *blockWalk, runs []run) []run {
	bio := authorBio(bw, runs)
	if bio == nil {
		return runs
	}
	out := runs[:0:0]
	for _, r := range runs {
		if r.owner == nil || r.owner.Parent != bio {
			out = append(out, r)
		}
	}
	return out
}

// authorBio returns the block of a paragraph about the story's author
// after its text, or nil when there is none. Such a paragraph opens with
// the name the byline above the text gives ("Jane Doe is a reporter
// covering…", "李明，本报记者…") and stands in a block apart from the
// text's first paragraph of prose (its parent is another), after it: a
// template's author box, set under the story with a portrait and links.
// When no class or id names the box, it is the only sign that the
// paragraph is the site's and not the story's. A paragraph beside the
// text's own (a "Background" part, the text's last lines) is never one,
// whatever it opens with; nor is a page with no byline near its text.
// The text's first paragraph is the first, of the first bylineTries
// paragraphs of prose, with a short line among the runs before it: a
// cookie notice or a site's blurb over the page has none.
func authorBio(bw *blockWalk, runs []run) *html.Node {
	tries := 0
	for i, r := range runs {
		if !proseRun(r) || r.owner == nil || r.owner.Parent == nil {
			continue
		}
		if tries++; tries > bylineTries {
			return nil
		}
		bylines := bylinesBefore(bw, r.owner)
		if len(bylines) == 0 {
			continue // a paragraph before the story's (a cookie notice over the page)
		}
		return bioAfter(bw, runs, i+1, r.owner.Parent, bylines)
	}
	return nil
}

// bioAfter returns the block of the first of runs[from:], the runs after
// the text's first paragraph of prose, that opens with a name of bylines, stands
// apart from body, that paragraph's parent, in a box (bioBox), and ends
// the story: no paragraph of prose follows the box in the element around
// it and body (a part of the story set apart has more of it after it;
// the boxes of the page after the story, that may still be among runs,
// lie outside that element), and weighs on the text (bioWeighs). Nil
// when none does.
func bioAfter(bw *blockWalk, runs []run, from int, body *html.Node, bylines []string) *html.Node {
	for i := from; i < len(runs); i++ {
		r := runs[i]
		if r.owner == nil || r.owner.Parent == nil || r.owner.Parent == body || r.heading || !opensWithName(r.text, bylines) || !bioBox(bw, r.owner.Parent) {
			continue
		}
		box := r.owner.Parent
		if proseBeyond(runs[i+1:], box, commonAncestor(box, body)) || !bioWeighs(bw, box, runs[:i]) {
			return nil
		}
		return box
	}
	return nil
}

// bioShare is the least share of the text before it, in units, that an
// author's box holds for authorBio to take it out: a fifth. The rule is
// for a short story (a brief, a notice) under which the box about its
// author runs near as long as the story, where keeping it makes a good
// part of the text the site's. Under a long story such a box is a line
// or two at the end, and the reference texts the bench holds keep it
// there as often as not: without this bound, the readability check row
// fell in the views without semantic tags (0.98805 -> 0.98696).
const bioShare = 0.2

// bioWeighs reports whether box holds at least bioShare of the units of
// before, the article's runs before it.
func bioWeighs(bw *blockWalk, box *html.Node, before []run) bool {
	n := 0
	for _, r := range before {
		n += r.units
	}
	return float64(bw.stats[box].units) >= bioShare*float64(n)
}

// proseBeyond reports whether a paragraph of prose outside box but inside
// story is among runs.
func proseBeyond(runs []run, box, story *html.Node) bool {
	for _, r := range runs {
		if proseRun(r) && r.owner != nil && r.owner.Parent != box && deeper(r.owner, story) {
			return true
		}
	}
	return false
}

// commonAncestor is the nearest element holding both a and b.
func commonAncestor(a, b *html.Node) *html.Node {
	for p := a.Parent; p != nil; p = p.Parent {
		if deeper(b, p) {
			return p
		}
	}
	return nil
}

// bioMaxProse is the most paragraphs of prose an author's box holds.
const bioMaxProse = 2

// bioBox reports whether n reads as an author's box: a portrait or two
// links or more (to the author's page, to follow them), and no more than
// bioMaxProse paragraphs of prose. A part of the story's text set apart
// by a figure holds more paragraphs, and seldom a picture of its own
// outside a <figure>.
func bioBox(bw *blockWalk, n *html.Node) bool {
	st := bw.stats[n]
	if st == nil || st.pictures == 0 && st.links < 2 {
		return false
	}
	prose := 0
	for _, r := range bw.runs[st.start:st.end] {
		if proseRun(r) {
			prose++
		}
	}
	return prose <= bioMaxProse
}

// bylinesBefore returns the short lines (bylineRunes or fewer, no
// heading, no caption) among the bylineWindow runs of the page before
// owner's first: where a story's byline stands.
func bylinesBefore(bw *blockWalk, owner *html.Node) []string {
	st := bw.stats[owner]
	if st == nil {
		return nil
	}
	var out []string
	for _, r := range bw.runs[max(0, st.start-bylineWindow):st.start] {
		if !r.heading && !r.caption && runesUpTo(r.text, bylineRunes+1) <= bylineRunes {
			out = append(out, r.text)
		}
	}
	return out
}

// opensWithName reports whether t opens with a name that one of bylines
// holds: two to four words that each begin with a capital letter, or two
// to four Han characters set off by a comma or a space from what
// follows ("李明，本报记者"). One word is no name: a paragraph that
// opens with "The" or a place may share it with a byline by chance.
func opensWithName(t string, bylines []string) bool {
	for _, name := range leadingNames(t) {
		for _, b := range bylines {
			if strings.Contains(b, name) {
				return true
			}
		}
	}
	return false
}

// leadingNames returns the names t may open with, shortest first (see
// opensWithName).
func leadingNames(t string) []string {
	t = strings.TrimLeft(t, " \u00a0")
	if r, _ := utf8.DecodeRuneInString(t); unicode.Is(unicode.Han, r) {
		return leadingHanName(t)
	}
	var out []string
	words := make([]string, 0, 4)
	for w := range strings.FieldsSeq(t) {
		if words = append(words, w); len(words) == 4 {
			break
		}
	}
	for k := range words {
		w := strings.TrimRight(words[k], ",;:")
		if r, _ := utf8.DecodeRuneInString(w); !unicode.IsUpper(r) {
			break
		}
		if k >= 1 {
			out = append(out, strings.Join(append(words[:k:k], w), " "))
		}
		if w != words[k] {
			break // a comma ends the name
		}
	}
	return out
}

// leadingHanName returns the two to four Han characters t opens with when
// a comma or a space follows them, else nil.
func leadingHanName(t string) []string {
	n := 0
	for i, r := range t {
		if unicode.Is(unicode.Han, r) {
			if n++; n > 4 {
				return nil
			}
			continue
		}
		if n >= 2 && strings.ContainsRune("，, \u3000", r) {
			return []string{t[:i]}
		}
		return nil
	}
	return nil
}
