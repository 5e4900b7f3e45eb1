package archive

import (
	"index/suffixarray"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"
)

// The indexes an election finds derivations through, built once per
// work in time linear in its copies (and in the text of its distinct
// publishers and attributions), so that each copy's derivation is a few
// lookups instead of a pass over every other copy.

// firstIndex answers, for a key and a host, which is the first copy (in
// the order of the work's copies) filed under the key whose URL is on
// another host: the first copy under the key, or, when that one is on
// the host asked about, the first under the key on any other host.
type firstIndex struct {
	hosts []string          // host of each copy's URL
	first map[string][2]int // key → first copy, first copy on another host than it (-1: none)
}

func newFirstIndex(hosts []string) *firstIndex {
	return &firstIndex{hosts: hosts, first: map[string][2]int{}}
}

// add files copy i under key; copies must be added in ascending order.
func (x *firstIndex) add(key string, i int) {
	f, ok := x.first[key]
	switch {
	case !ok:
		x.first[key] = [2]int{i, -1}
	case f[1] < 0 && x.hosts[i] != x.hosts[f[0]]:
		x.first[key] = [2]int{f[0], i}
	}
}

// other returns the first copy under key on a host other than host, or -1.
func (x *firstIndex) other(key, host string) int {
	f, ok := x.first[key]
	switch {
	case !ok:
		return -1
	case x.hosts[f[0]] != host:
		return f[0]
	}
	return f[1]
}

// newURLIndex files each copy under its URL and its final URL: what a
// canonical link may name.
func newURLIndex(all []*Capture, hosts []string) *firstIndex {
	x := newFirstIndex(hosts)
	for i := range all {
		x.add(all[i].URL, i)
		if all[i].FinalURL != all[i].URL {
			x.add(all[i].FinalURL, i)
		}
	}
	return x
}

// publisherIndex answers which copy on another host an attribution line
// names the publisher of. An attribution names a publisher when, with
// case and spaces ignored (sourceKey), one holds the other; both must be
// at least two characters long.
type publisherIndex struct {
	hosts []string
	// named maps an attribution's key to the first copy whose publisher it
	// names, and the first such copy on another host than that one (-1:
	// none): a copy on that one's host is named by the second.
	namedBy map[string][2]int
}

// newPublisherIndex finds, for every distinct attribution of all, the
// distinct publishers it names, through two suffix arrays: one over the
// publishers (the publishers that hold an attribution) and one over the
// attributions (the attributions that hold a publisher). The work is the
// length of those texts and the number of matches, not their product.
func newPublisherIndex(all []*Capture, hosts []string) *publisherIndex {
	pubs := newFirstIndex(hosts)
	var attrs []string
	seen := map[string]bool{}
	for i := range all {
		if p := sourceKey(all[i].Publisher); p != "" {
			pubs.add(p, i)
		}
		if a := sourceKey(all[i].Attribution); a != "" && !seen[a] {
			seen[a] = true
			attrs = append(attrs, a)
		}
	}
	x := &publisherIndex{hosts: hosts, namedBy: map[string][2]int{}}
	if len(attrs) == 0 || len(pubs.first) == 0 {
		return x
	}
	keys := make([]string, 0, len(pubs.first))
	for k := range pubs.first {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	names := map[string][]string{} // attribution → publishers it names
	inPubs, inAttrs := newJoined(keys), newJoined(attrs)
	for _, a := range attrs {
		for _, k := range inPubs.holding(a) {
			names[a] = append(names[a], keys[k])
		}
	}
	for _, p := range keys {
		for _, k := range inAttrs.holding(p) {
			names[attrs[k]] = append(names[attrs[k]], p)
		}
	}
	for a, ps := range names {
		x.namedBy[a] = firstOf(pubs, ps)
	}
	return x
}

// firstOf returns the first copy filed under any of keys, and the first
// on another host than that one's (-1: none).
func firstOf(x *firstIndex, keys []string) [2]int {
	first := -1
	for _, k := range keys {
		if f := x.first[k][0]; first < 0 || f < first {
			first = f
		}
	}
	next := -1
	for _, k := range keys {
		if o := x.other(k, x.hosts[first]); o >= 0 && (next < 0 || o < next) {
			next = o
		}
	}
	return [2]int{first, next}
}

// named returns the first copy on a host other than host whose publisher
// attribution names, or -1.
func (x *publisherIndex) named(attribution, host string) int {
	m, ok := x.namedBy[sourceKey(attribution)]
	switch {
	case !ok:
		return -1
	case x.hosts[m[0]] != host:
		return m[0]
	}
	return m[1]
}

// sourceKey is an attribution or publisher as they are matched: without
// spaces, in lower case; "" when shorter than two characters.
func sourceKey(s string) string {
	k := strings.ToLower(strings.Join(strings.Fields(s), ""))
	if utf8.RuneCountInString(k) < 2 {
		return ""
	}
	return k
}

// joined is a set of keys in one text, each followed by 0xff (which
// sourceKey's lower-casing never leaves in a key), with its suffix array.
type joined struct {
	keys   []string
	starts []int // offset of each key in the text
	index  *suffixarray.Index
}

func newJoined(keys []string) joined {
	j := joined{keys: keys, starts: make([]int, len(keys))}
	var text []byte
	for i, k := range keys {
		j.starts[i] = len(text)
		text = append(append(text, k...), 0xff)
	}
	j.index = suffixarray.New(text)
	return j
}

// holding returns the keys that hold s, by position, once per occurrence;
// an occurrence that runs past its key's end is not one.
func (j joined) holding(s string) []int {
	var out []int
	for _, off := range j.index.Lookup([]byte(s), -1) {
		k := sort.SearchInts(j.starts, off+1) - 1
		if off+len(s) <= j.starts[k]+len(j.keys[k]) {
			out = append(out, k)
		}
	}
	return out
}
