package clean

import (
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The opening post. A thread's posts share one template, and a reply
// may be longer than the post it answers (a one-paragraph question
// under a two-paragraph answer): the best container found by score may
// lie in a reply. The thread's text is its first post all the same.

// postLevels is how far above the best container openingPost looks for
// the post it lies in.
const postLevels = 12

// openingPost returns, when best lies in a reply (an item after the first
// of a group of minGroup or more siblings of one template, threadSig,
// whose items after the first are signed off: replyGroup), the element
// at best's place in the first item, or the first item itself when the
// first item's tree differs there or that place lies in a subtree the
// walk skips. best is returned as it is when it
// lies in no reply, when the group's items are the page's text
// (signedText), or when the first item holds no prose.
func openingPost(bw *blockWalk, best *html.Node, bestScore float64) (*html.Node, float64) {
	n := best
	for i := 0; i <= postLevels && n != nil && n.Parent != nil && n.Parent.Type == html.ElementNode; i, n = i+1, n.Parent {
		g := postSiblings(bw, n)
		if g == nil || !replyGroup(bw, g) || signedText(bw, g) {
			continue // no thread here: the parts of a post's own template, a list in its text
		}
		if g.items[0] == n || !holdsProse(bw, bw.stats[g.items[0]]) {
			return best, bestScore // in the opening post, or a thread without one
		}
		to := samePlace(best, n, g.items[0])
		st := bw.stats[to]
		if st == nil { // best's place in the first post lies in a subtree the walk skips (<aside>, <nav>)
			to, st = g.items[0], bw.stats[g.items[0]]
		}
		return to, st.score
	}
	return best, bestScore
}

// postSiblings returns the group of n's element siblings of n's template
// (threadSig), n among them, when it has minGroup or more items all
// holding text; nil otherwise.
func postSiblings(bw *blockWalk, n *html.Node) *sibGroup {
	sig := threadSig(n)
	g := &sibGroup{parent: n.Parent, sig: sig}
	for c := n.Parent.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || c.DataAtom != n.DataAtom || threadSig(c) != sig {
			continue
		}
		if st := bw.stats[c]; st == nil || st.units == 0 {
			return nil
		}
		g.items = append(g.items, c)
	}
	if len(g.items) < minGroup {
		return nil
	}
	return g
}

// samePlace returns the element of to's tree at the place of target in
// from's: the same path of element children's indexes and tags. It
// returns to when the trees differ on the way.
func samePlace(target, from, to *html.Node) *html.Node {
	var path []int
	for n := target; n != from; n = n.Parent {
		path = append(path, elemIndex(n))
	}
	at := to
	for i := len(path) - 1; i >= 0; i-- {
		c := nthElement(at, path[i])
		if c == nil {
			return to
		}
		at = c
	}
	if at.DataAtom != target.DataAtom {
		return to
	}
	return at
}

// elemIndex is n's index among its parent's element children.
func elemIndex(n *html.Node) int {
	i := 0
	for c := n.PrevSibling; c != nil; c = c.PrevSibling {
		if c.Type == html.ElementNode {
			i++
		}
	}
	return i
}

// nthElement returns n's i-th element child, or nil.
func nthElement(n *html.Node, i int) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			if i == 0 {
				return c
			}
			i--
		}
	}
	return nil
}

// threadSig is signature with the tokens a template alternates from one
// item to the next read as one: a token that differs from its fellows
// only by a trailing number ("bg1", "bg2"; "row1", "row2"; "alt1",
// "alt2") is read without it, and "odd" and "even", alone or as a
// token's last part ("thread-odd", "thread-even"), as one word.
func threadSig(n *html.Node) string {
	class := strings.ToLower(attr(n, "class"))
	if !strings.ContainsAny(class, "0123456789") && !strings.Contains(class, "odd") && !strings.Contains(class, "even") {
		return signature(n) // nothing alternates: no digit, neither word
	}
	toks := strings.Fields(class)
	for i, t := range toks {
		toks[i] = alternateToken(t)
	}
	return n.Data + "." + strings.Join(sortedUnique(toks), ".")
}

// alternateToken is a class token without what alternates: its trailing
// digits when letters come before them, "odd" or "even" as "oddeven".
func alternateToken(t string) string {
	for _, oe := range []string{"odd", "even"} {
		if t == oe {
			return "oddeven"
		}
		if base, ok := strings.CutSuffix(t, "-"+oe); ok {
			return base + "-oddeven"
		}
	}
	s := strings.TrimRight(t, "0123456789")
	if s != t && s != "" && asciiLetter(s[len(s)-1]) {
		return s
	}
	return t
}

// sortedUnique returns toks sorted, each once (toks is reordered).
func sortedUnique(toks []string) []string {
	slices.Sort(toks)
	return slices.Compact(toks)
}

// The opening post's furniture. A thread's template sets beside or
// around each post's words the same blocks: the poster's card (name,
// rank, "Joined: Mar 2019", "Posts: 1,204"), the signature under the
// body, the bar of buttons ("Quote Reply Report"). The replies go with
// theirs; the opening post keeps its words only.

// postFurniture returns the blocks of first, a thread's opening post,
// that its template sets in every post: blocks holding no prose that
// two or more (minGroup-1) of replies hold at the same place (the same
// path of tags and classes below the post: furniturePath), and that are
// either the poster's card (cardKeys: a label line or more whose key
// the reply's block repeats, beside the name and the rank: "Senior
// Member" over "Joined: Mar 2019") or lie, in first and in those
// replies alike, past the post's last paragraph of prose (a signature,
// a bar). A block holding a heading is no furniture: a post's title
// stays with it as its stamp does.
func postFurniture(bw *blockWalk, first *html.Node, replies []*html.Node) []*html.Node {
	last := lastProse(bw, first)
	if last < 0 {
		return nil
	}
	byPath := map[string][]*html.Node{} // the replies' blocks by their path
	for _, r := range replies {
		for _, e := range elementsIn(bw, r) {
			p := furniturePath(e, r)
			byPath[p] = append(byPath[p], e)
		}
	}
	var out []*html.Node
	for _, e := range elementsIn(bw, first) {
		es := bw.stats[e]
		if insideAny(bw, e, out) || holdsProseRun(bw, es) || slices.ContainsFunc(bw.runs[es.start:es.end], func(r run) bool { return r.heading }) {
			continue
		}
		keys := cardKeys(bw, e)
		trailing := es.start > last
		same := 0
		for _, o := range byPath[furniturePath(e, first)] {
			os := bw.stats[o]
			if holdsProseRun(bw, os) {
				continue
			}
			if len(keys) >= 1 && sharedKeys(keys, cardKeys(bw, o)) >= 1 ||
				trailing && os.start > lastProse(bw, replyOf(o, replies)) {
				same++
			}
		}
		if same >= minGroup-1 {
			out = append(out, e)
		}
	}
	return out
}

// furniturePath is the signatures of the elements from n up to item,
// item left out, joined: a block's place in a post's template.
func furniturePath(n, item *html.Node) string {
	var b strings.Builder
	for ; n != nil && n != item; n = n.Parent {
		b.WriteString(signature(n))
		b.WriteByte('/')
	}
	return b.String()
}

// replyOf returns the item of replies that holds n.
func replyOf(n *html.Node, replies []*html.Node) *html.Node {
	for p := n; p != nil; p = p.Parent {
		if slices.Contains(replies, p) {
			return p
		}
	}
	return nil
}

// lastProse returns the index of the last run of prose in n, -1 for
// none; bw.lastProse keeps it for the root asked last.
func lastProse(bw *blockWalk, n *html.Node) int {
	st := bw.stats[n]
	if st == nil {
		return -1
	}
	for i := st.end - 1; i >= st.start; i-- {
		if proseRun(bw.runs[i]) {
			return i
		}
	}
	return -1
}

// holdsProseRun reports a range of runs with a paragraph of prose.
func holdsProseRun(bw *blockWalk, st *elemStats) bool {
	return proseBetween(bw.runs, st.start, st.end)
}

// cardKeys returns the keys of n's label lines: a line "Key: value"
// whose key is short (labelKey), or the term of a <dt> or <th> a value
// follows. A poster's card is such lines, in every post the same keys.
func cardKeys(bw *blockWalk, n *html.Node) map[string]bool {
	st := bw.stats[n]
	keys := map[string]bool{}
	for i := st.start; i < st.end; i++ {
		r := bw.runs[i]
		if k, ok := labelKey(r.text); ok {
			keys[k] = true
		} else if r.owner != nil && (r.owner.DataAtom == atom.Dt || r.owner.DataAtom == atom.Th) && i+1 < st.end && utf8.RuneCountInString(r.text) <= maxKeyRunes {
			keys[strings.ToLower(r.text)] = true
		}
	}
	return keys
}

// maxKeyRunes is the longest key of a label line: "Registriert",
// "Join Date", "注册时间".
const maxKeyRunes = 16

// labelKey returns the key of a line "Key: value" (a colon, a full-width
// colon, or a colon after a space as French writes it) with a key of at
// most maxKeyRunes runes and three words, and a value after it.
func labelKey(t string) (string, bool) {
	i := strings.IndexAny(t, ":：")
	if i <= 0 {
		return "", false
	}
	k := strings.TrimSpace(t[:i])
	_, size := utf8.DecodeRuneInString(t[i:])
	v := strings.TrimSpace(t[i+size:])
	if k == "" || v == "" || utf8.RuneCountInString(k) > maxKeyRunes || len(strings.Fields(k)) > 3 || !hasLetter(k) {
		return "", false
	}
	return strings.ToLower(k), true
}

// sharedKeys counts the keys a and b share.
func sharedKeys(a, b map[string]bool) int {
	n := 0
	for k := range a {
		if b[k] {
			n++
		}
	}
	return n
}

// A question and its answers. A page of questions and answers sets the
// question in a template of its own and its answers in another; with
// two answers the answers are too few for a group (minGroup), though
// they are no more the page's text than three would be.

// answerPair returns the two items of a pair of signed-off siblings
// (signedOff) of one template, each holding prose, that follow the
// question: the block around roots' first paragraph of prose (prose, a
// run's index) that is itself signed off ("asked Mar 2, 2026 at 10:15
// anna") and of another template (threadSig). nil when there is no
// such question or pair.
func answerPair(bw *blockWalk, roots []*html.Node, prose int) []*html.Node {
	q := signedAround(bw, roots, prose)
	if q == nil {
		return nil
	}
	qs, qsig := bw.stats[q], threadSig(q)
	for _, root := range roots {
		for _, e := range elementsIn(bw, root) {
			if es := bw.stats[e]; es.start < qs.end || !holdsProseRun(bw, es) || !signedOff(bw, e) {
				continue
			}
			if pair := signedPair(bw, e); pair != nil && threadSig(e) != qsig {
				return pair
			}
			if loneTwin(bw, q, e) {
				return []*html.Node{e}
			}
		}
	}
	return nil
}

// loneTwin reports e, a signed block with prose after the question q,
// as q's one answer: the only element among its siblings of its
// template (threadSig), that template not q's, and its element
// children with text of the same signatures as q's, two or more, in
// the same order (childShape: votes, body and stamp beside one
// another). A correction or an update after an article is set in a
// box of its own shape, not the article's.
func loneTwin(bw *blockWalk, q, e *html.Node) bool {
	sig := threadSig(e)
	if sig == threadSig(q) {
		return false
	}
	for c := e.Parent.FirstChild; c != nil; c = c.NextSibling {
		if c != e && c.Type == html.ElementNode && !textless(bw, c) && threadSig(c) == sig {
			return false
		}
	}
	shape := childShape(bw, q)
	return len(shape) >= minGroup-1 && slices.Equal(shape, childShape(bw, e))
}

// childShape returns the signatures of n's element children with text,
// in order.
func childShape(bw *blockWalk, n *html.Node) []string {
	var out []string
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && !textless(bw, c) {
			out = append(out, signature(c))
		}
	}
	return out
}

// signedAround returns the nearest block around the run at index prose,
// no more than postLevels above its owner and inside one of roots, that
// is signed off (signedOff); nil for none.
func signedAround(bw *blockWalk, roots []*html.Node, prose int) *html.Node {
	if prose >= len(bw.runs) {
		return nil
	}
	n := bw.runs[prose].owner
	for i := 0; i <= postLevels && n != nil; i, n = i+1, n.Parent {
		if bw.stats[n] != nil && signedOff(bw, n) {
			return n
		}
		if slices.Contains(roots, n) {
			return nil
		}
	}
	return nil
}

// signedPair returns e and its one element sibling of e's template
// (threadSig) with text, after it, when there are exactly those two
// (minGroup-1), both holding prose and signed off; nil otherwise.
func signedPair(bw *blockWalk, e *html.Node) []*html.Node {
	sig := threadSig(e)
	var items []*html.Node
	for c := e.Parent.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || textless(bw, c) || threadSig(c) != sig {
			continue
		}
		if len(items) == 0 && c != e {
			return nil // e is not the first
		}
		items = append(items, c)
	}
	if len(items) != minGroup-1 {
		return nil
	}
	for _, c := range items[1:] {
		if !holdsProseRun(bw, bw.stats[c]) || !signedOff(bw, c) {
			return nil
		}
	}
	return items
}

// leadStamp returns the blocks of an opening post n, before its body
// (the block around its first paragraph of prose), that each hold one
// line and that line a sign-off: the post's stamp set over its words
// ("Posted by anna » Mon Mar 02, 2026 10:15 am", "发表于 2026-3-2
// 10:15"). A heading stays (the post's title), and so does a line that
// is no sign-off (a poster's name alone).
func leadStamp(bw *blockWalk, n *html.Node) []*html.Node {
	st := bw.stats[n]
	first := slices.IndexFunc(bw.runs[st.start:st.end], proseRun)
	if first < 0 {
		return nil
	}
	to := st.start + first
	if body := bw.runs[to].owner.Parent; body != nil && body != n && bw.stats[body] != nil {
		to = min(to, bw.stats[body].start)
	}
	var out []*html.Node
	for _, e := range elementsIn(bw, n) {
		es := bw.stats[e]
		if es.start >= to {
			break
		}
		if es.end-es.start != 1 || es.end > to || insideAny(bw, e, out) {
			continue
		}
		if r := &bw.runs[es.start]; !r.heading && runSignOff(r) {
			out = append(out, e)
		}
	}
	return out
}

// maxSigLines and maxSigRunes bound a signature under a rule: a line
// or three ("-- anna", a motto, a link to the poster's site), each no
// sentence of a post's length.
const (
	maxSigLines = 3
	maxSigRunes = 80
)

// ruledSignatures returns, for each <hr> in root with the post's words
// before it in its parent (a paragraph of prose), the element siblings
// after it that end the parent when they are a signature by shape: one
// to maxSigLines short lines (maxSigRunes), one at
// least a link or opened by a signature's dashes ("-- anna", "——
// 老张"), and no prose of root after them. A post chosen alone has no
// replies to compare its signature with (postFurniture); its shape
// tells it. A closing line of the post's length after a rule stays.
func ruledSignatures(bw *blockWalk, root *html.Node) []*html.Node {
	rs := bw.stats[root]
	if rs == nil {
		return nil
	}
	last := lastProse(bw, root)
	var out []*html.Node
	for d := range root.Descendants() {
		if d.Type != html.ElementNode || d.DataAtom != atom.Hr || d.Parent == nil || bw.stats[d.Parent] == nil {
			continue
		}
		sig := afterRule(bw, d)
		if len(sig) == 0 {
			continue
		}
		start, end := bw.stats[sig[0]].start, bw.stats[sig[len(sig)-1]].end
		ps := bw.stats[d.Parent]
		if end-start > maxSigLines || last >= start || !proseBetween(bw.runs, ps.start, start) || !sigLines(bw.runs[start:end]) || slices.ContainsFunc(sig, noteMarkup) {
			continue
		}
		out = append(out, sig...)
	}
	return out
}

// afterRule returns the element siblings with text after hr, nil when
// text outside an element follows it.
func afterRule(bw *blockWalk, hr *html.Node) []*html.Node {
	var out []*html.Node
	for c := hr.NextSibling; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.TextNode && strings.TrimSpace(c.Data) != "":
			return nil
		case c.Type == html.ElementNode && !textless(bw, c):
			out = append(out, c)
		}
	}
	return out
}

// noteMarkup reports a block set as notes, not as a signature: an <ol>
// or one inside n (a list of footnotes), or a link to a fragment of the
// page (a footnote's way back, "↩", href="#fnref1").
func noteMarkup(n *html.Node) bool {
	note := func(d *html.Node) bool {
		return d.Type == html.ElementNode && (d.DataAtom == atom.Ol ||
			d.DataAtom == atom.A && strings.HasPrefix(strings.TrimSpace(attr(d, "href")), "#"))
	}
	if note(n) {
		return true
	}
	for d := range n.Descendants() {
		if note(d) {
			return true
		}
	}
	return false
}

// sigSentence reports a line that is a sentence (sentenceEnd, three
// words or more): a note or a closing remark, no signature.
func sigSentence(t string) bool {
	return sentenceEnd(t) && len(strings.Fields(t)) >= 3
}

// sigLines reports lines that are a signature's: each short
// (maxSigRunes) and no sentence (sigSentence), one a link or opened by
// dashes.
func sigLines(runs []run) bool {
	marked := false
	for _, r := range runs {
		if utf8.RuneCountInString(r.text) > maxSigRunes || sigSentence(r.text) {
			return false
		}
		marked = marked || r.linkUnits > 0 || sigDashes(r.text)
	}
	return marked
}

// sigDashes reports a line opened by a signature's dashes: "--", "—",
// "——", "~~".
func sigDashes(t string) bool {
	for _, p := range []string{"--", "—", "~~", "__"} {
		if strings.HasPrefix(t, p) {
			return true
		}
	}
	return false
}
