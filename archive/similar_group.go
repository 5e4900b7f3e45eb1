package archive

import (
	"slices"

	bolt "go.etcd.io/bbolt"
)

// grouping sorts texts into works. Two texts are one work when their
// Jaccard reaches Near (transitively: the near components). A component
// whose text lies in a longer component's text (containment ≥ Contains)
// then joins it as excerpts; it joins the one that holds it best, and
// only ever a longer one, so two full texts of different works never
// join through a shared passage, and every chain of joins ends.
type grouping struct {
	texts    map[string]*textInfo // by text hash
	byDoc    map[uint64]*textInfo
	parent   map[string]string // union-find over text hashes
	excerpts map[string]bool   // texts that joined as excerpts
	postings postingCache      // heavy postings read for one text, for the next
}

type containEdge struct {
	small, big string
	share      float64 // how much of small is in big
}

// groupTexts groups the texts with these hashes (distinct) and returns
// each group's members, keyed by a member, the excerpt texts, and every
// text as the comparisons saw it (by hash; their shingle sets, once
// computed, are kept for the next comparison).
func groupTexts(tx *bolt.Tx, cp *comparer, shas []string) (map[string][]string, map[string]bool, map[string]*textInfo, error) {
	g := &grouping{texts: map[string]*textInfo{}, byDoc: map[uint64]*textInfo{},
		parent: map[string]string{}, excerpts: map[string]bool{}, postings: postingCache{}}
	for _, sha := range shas {
		t, err := loadText(tx, sha)
		if err != nil {
			return nil, nil, nil, err
		}
		g.texts[sha], g.byDoc[t.docID], g.parent[sha] = t, t, sha
	}
	contains, err := g.link(tx, cp, shas)
	if err != nil {
		return nil, nil, nil, err
	}
	g.attach(contains)
	groups := map[string][]string{}
	for _, sha := range shas {
		r := g.find(sha)
		groups[r] = append(groups[r], sha)
	}
	return groups, g.excerpts, g.texts, nil
}

// link verifies every candidate pair the sketch index gives, unites near
// texts and returns the containment edges.
func (g *grouping) link(tx *bolt.Tx, cp *comparer, shas []string) ([]containEdge, error) {
	var edges []containEdge
	for _, sha := range shas {
		if err := cp.stopped(); err != nil {
			return nil, err
		}
		a := g.texts[sha]
		for _, c := range candidates(tx, a.sketch, g.postings) {
			b := g.byDoc[c.DocID]
			if b == nil || b.sha <= a.sha {
				continue // outside the copies, itself, or a pair seen from b
			}
			if g.find(a.sha) == g.find(b.sha) {
				// Already one near component: the pair can only unite them
				// again or give an edge attach ignores. Its texts' shingle
				// sets are still made, as comparing them would, since a
				// text's size (g.size) is taken from its set once made.
				if err := cp.prepare(a, b); err != nil {
					return nil, err
				}
				continue
			}
			r, err := cp.resemble(a, b)
			if err != nil {
				return nil, err
			}
			switch {
			case r.Jaccard >= cp.sim.Near:
				g.union(a.sha, b.sha)
			case r.Containment >= cp.sim.Contains:
				edges = append(edges, containEdge{a.sha, b.sha, r.Containment})
			case r.Contains >= cp.sim.Contains:
				edges = append(edges, containEdge{b.sha, a.sha, r.Contains})
			}
		}
	}
	return edges, nil
}

// attach joins each near component to the longer component that holds it
// best. Components are taken as they stood before any attachment.
func (g *grouping) attach(edges []containEdge) {
	size := map[string]int{}
	for sha, t := range g.texts {
		r := g.find(sha)
		size[r] = max(size[r], g.size(t))
	}
	best := map[string]containEdge{}
	for _, e := range edges {
		rs, rb := g.find(e.small), g.find(e.big)
		if rs == rb || size[rs] >= size[rb] {
			continue
		}
		if cur, ok := best[rs]; !ok || e.share > cur.share || (e.share == cur.share && size[rb] > size[g.find(cur.big)]) {
			best[rs] = e
		}
	}
	roots := make([]string, 0, len(best))
	for r := range best {
		roots = append(roots, r)
	}
	slices.Sort(roots)
	members := g.members()
	for _, r := range roots {
		for _, sha := range members[r] {
			g.excerpts[sha] = true
		}
	}
	for _, r := range roots {
		g.parent[r] = g.find(best[r].big)
	}
}

func (g *grouping) size(t *textInfo) int {
	if t.set != nil {
		return len(t.set)
	}
	return t.shingles
}

func (g *grouping) members() map[string][]string {
	m := map[string][]string{}
	for sha := range g.texts {
		r := g.find(sha)
		m[r] = append(m[r], sha)
	}
	return m
}

func (g *grouping) find(sha string) string {
	for g.parent[sha] != sha {
		g.parent[sha] = g.parent[g.parent[sha]]
		sha = g.parent[sha]
	}
	return sha
}

// union keeps the smaller hash as the root, so results do not depend on
// the order pairs are seen in.
func (g *grouping) union(a, b string) {
	ra, rb := g.find(a), g.find(b)
	if ra == rb {
		return
	}
	if rb < ra {
		ra, rb = rb, ra
	}
	g.parent[rb] = ra
}
