package archive

// Excerpts in the election. A work's excerpts (texts that another member
// text holds) are elected apart, after its full texts, so that a copy cut
// short is not made the original over the whole text because it was
// fetched first. But holding more text is not evidence of being first: an
// aggregator that reposts an official notice and appends its own
// commentary holds the notice, and the notice is then the "excerpt". So
// an excerpt copy stands in the election with the full texts when it
// outranks every one of them on the grounds that weigh evidence about the
// copies: provenance, authority, a credible earlier date. On the crawl's
// own order (first fetched, capture ID) it never does.
//
// The text alone cannot tell an official page cut short from an official
// text that others extended: both are a shorter text that a longer one
// holds from its start. An official page with three paragraphs and a
// news copy with those three and six more, dated a day later, elect the
// official page; the news copy is then related as one that contains the
// original, and prov diff shows the paragraphs it adds.

// evidenceGrounds is how many of the election's grounds, from the first,
// weigh evidence about the copies (provenance, authority, date).
const evidenceGrounds = 3

// admit moves into core (the full texts' copies, sorted) the copies of
// rest (the excerpts') that outrank core's first on evidenceGrounds, and
// returns both.
func (e *election) admit(core, rest []*Capture) ([]*Capture, []*Capture) {
	if len(core) == 0 || len(rest) == 0 {
		return core, rest
	}
	best, kept := core[0], rest[:0:0]
	for _, c := range rest {
		if e.compareOn(evidenceGrounds, c, best) < 0 {
			core = append(core, c)
		} else {
			kept = append(kept, c)
		}
	}
	return core, kept
}

// compareOn is compare on the first n grounds only.
func (e *election) compareOn(n int, a, b *Capture) int {
	ba, bb := e.ballots[a.ID], e.ballots[b.ID]
	for _, c := range e.criteria[:n] {
		if r := c.compare(ba, bb, a, b); r != 0 {
			return r
		}
	}
	return 0
}
