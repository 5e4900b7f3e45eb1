package search

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"math/rand"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/prov-archive/prov/archive"
)

// refDict is dict as it was at the start of its CPU work (commit
// 05a6d0b: a string map), numbering the oracle tokenizer's tokens
// (stringTokens): the oracle the index's token numbering is checked
// against.
type refDict struct {
	ids  map[string]uint32
	toks []string
}

func (d *refDict) each(text []byte, fn func(id uint32)) {
	for _, tok := range stringTokens(string(text)) {
		fn(d.id([]byte(tok)))
	}
}

func (d *refDict) count(text []byte, t *tally) { d.each(text, t.add) }

func (d *refDict) tokens() []string { return d.toks }

func (d *refDict) id(tok []byte) uint32 {
	if id, ok := d.ids[string(tok)]; ok {
		return id
	}
	id := uint32(len(d.toks))
	s := string(tok)
	d.ids[s] = id
	d.toks = append(d.toks, s)
	return id
}

// oracleCapture is a capture and its text.
type oracleCapture struct {
	c    archive.Capture
	text []byte
}

// oracleCaptures are captures of texts of every kind: the module's
// testdata, some eval texts when they are beside the checkout, the
// benchmarks' prose, random mixes of scripts; every fifth a text met
// before, at a URL of its own (a copy: its title and URL added to the
// document), every seventh one met before at the same URL (nothing new).
func oracleCaptures(t *testing.T) []oracleCapture {
	var texts [][]byte
	for _, b := range sortedValues(repoTestdata(t)) {
		texts = append(texts, b)
	}
	for i, s := range sortedValues(sameTexts(t)) {
		if i%8 == 0 {
			texts = append(texts, []byte(s))
		}
	}
	for k := range 60 {
		texts = append(texts, []byte(benchText(k)))
	}
	rng := rand.New(rand.NewSource(3))
	parts := []string{"Word", "ВОДА", "Straße", "ÉTÉ", "網絡", "ひらがな", "한국어", "42", " ", "，", "\xff", "\xe7\xbd", "ǅ", "İ", "ＡＢ", "e\u0301", "𠀀", "OVERLONGWORD"}
	for range 200 {
		var b strings.Builder
		for range rng.Intn(30) {
			b.WriteString(parts[rng.Intn(len(parts))])
		}
		texts = append(texts, []byte(b.String()))
	}
	return oracleMix(texts, rng)
}

// oracleMix are the captures of texts, in order, with copies among them:
// every fifth text follows a text met before, at a URL of its own (its
// title and URL added to the document), every seventh a capture met
// before again, at the same URL (nothing new).
func oracleMix(texts [][]byte, rng *rand.Rand) []oracleCapture {
	var caps []oracleCapture
	for i, text := range texts {
		if i%5 == 4 {
			caps = append(caps, oracleCapture{capture(len(caps), texts[rng.Intn(i)], i), nil})
		}
		if i%7 == 6 {
			caps = append(caps, caps[rng.Intn(len(caps))])
			caps[len(caps)-1].c.ID = uint64(len(caps))
		}
		caps = append(caps, oracleCapture{capture(len(caps), text, i), text})
	}
	return caps
}

// capture is the capture numbered n+1 of text, at URL and with title of
// page k.
func capture(n int, text []byte, k int) archive.Capture {
	sum := sha256.Sum256(text)
	return archive.Capture{ID: uint64(n + 1), TextSHA256: hex.EncodeToString(sum[:]),
		Title: fmt.Sprintf("Page %d 网页 Ünïcode %d", k, k%9), URL: fmt.Sprintf("http://Oracle.test/%d?q=%d", k, k%11)}
}

func sortedValues[V any](m map[string]V) []V {
	var out []V
	for _, k := range slices.Sorted(func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}) {
		out = append(out, m[k])
	}
	return out
}

// buildOracleIndex writes caps into a new index at path, perWrite
// captures a write (so that segments are merged), each write's tokens
// numbered by a tokenIDs of ids.
func buildOracleIndex(t *testing.T, path string, caps []oracleCapture, perWrite int, ids func() tokenIDs) {
	t.Helper()
	ix, err := Open(path, false, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	var log postingLog
	for from := 0; from < len(caps); from += perWrite {
		b, err := ix.newBatch(uint64(from), ids(), &log)
		if err != nil {
			t.Fatal(err)
		}
		for _, oc := range caps[from:min(from+perWrite, len(caps))] {
			text := func() ([]byte, error) {
				if oc.text == nil {
					return nil, fmt.Errorf("capture %d: the text of a copy read", oc.c.ID)
				}
				return oc.text, nil
			}
			if err := ix.note(b, oc.c, text); err != nil {
				t.Fatal(err)
			}
			b.captures++
			b.last = oc.c.ID
		}
		if err := ix.write(b); err != nil {
			t.Fatal(err)
		}
	}
}

// boltEntry is one key of a bbolt file: its bucket path, its key and its
// value (a nested bucket's value is its sequence).
type boltEntry struct{ bucket, key, value string }

// dumpBolt is every key of every bucket of the bbolt file at path, in
// the file's order, and each bucket's sequence.
func dumpBolt(t *testing.T, path string) []boltEntry {
	t.Helper()
	db, err := bolt.Open(path, 0o644, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var out []boltEntry
	var walk func(name string, b *bolt.Bucket)
	walk = func(name string, b *bolt.Bucket) {
		out = append(out, boltEntry{name, "(sequence)", fmt.Sprint(b.Sequence())})
		c := b.Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			if v == nil {
				walk(name+"/"+hex.EncodeToString(k), b.Bucket(k))
				continue
			}
			out = append(out, boltEntry{name, string(k), string(v)})
		}
	}
	err = db.View(func(tx *bolt.Tx) error {
		return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
			walk(string(name), b)
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestIndexSameAsOracle: an index built with the package's token
// numbering holds, bucket for bucket and byte for byte, what one built
// with the oracle's (the tokenizer and dict as they were) holds, over
// texts of every kind, copies among them, in writes whose segments are
// merged: with a dict of each write's own, and with one the writes share
// (dict.again), kept throughout or renewed past a bound.
func TestIndexSameAsOracle(t *testing.T) {
	caps := oracleCaptures(t)
	dir := t.TempDir()
	want := filepath.Join(dir, "oracle.search")
	buildOracleIndex(t, want, caps, 24, func() tokenIDs { return &refDict{ids: map[string]uint32{}} })
	checkMerged(t, want)
	w := dumpBolt(t, want)
	var shared *dict
	renewed := 0
	again := func() tokenIDs {
		prev := shared
		if shared = shared.again(); prev != nil && shared != prev {
			renewed++
		}
		return shared
	}
	for _, c := range []struct {
		name    string
		bound   int
		ids     func() tokenIDs
		renewed bool
	}{
		{"each write's", maxKeptTokens, func() tokenIDs { return newDict() }, false},
		{"shared", 1 << 30, again, false},
		{"shared, renewed", 3000, again, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			defer func(b int) { maxKeptTokens = b }(maxKeptTokens)
			maxKeptTokens, shared, renewed = c.bound, nil, 0
			got := filepath.Join(t.TempDir(), "new.search")
			buildOracleIndex(t, got, caps, 24, c.ids)
			sameAsOracle(t, dumpBolt(t, got), w)
			if (renewed > 0) != c.renewed {
				t.Fatalf("the shared dict renewed %d times", renewed)
			}
		})
	}
}

// sameAsOracle fails t unless g, an index's entries, are w, the oracle
// index's, which holds enough chunks of postings to compare.
func sameAsOracle(t *testing.T, g, w []boltEntry) {
	t.Helper()
	postings := 0
	for _, e := range w {
		if strings.HasPrefix(e.bucket, "postings/") {
			postings++
		}
	}
	if postings < 10000 {
		t.Fatalf("the oracle's index holds %d chunks of postings: too few to compare", postings)
	}
	for i := range min(len(g), len(w)) {
		if g[i] != w[i] {
			t.Fatalf("entry %d: %s %q = %q; the oracle's: %s %q = %q", i, g[i].bucket, g[i].key, trim(g[i].value), w[i].bucket, w[i].key, trim(w[i].value))
		}
	}
	if len(g) != len(w) {
		t.Fatalf("%d entries, the oracle's index %d", len(g), len(w))
	}
	t.Logf("%d entries, %d chunks of postings: the same", len(g), postings)
}

// checkMerged fails t unless the index at path has merged segments.
func checkMerged(t *testing.T, path string) {
	t.Helper()
	ix, err := Open(path, true, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	c, err := ReadContents(ix)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(c.Levels, func(l uint8) bool { return l > 0 }) {
		t.Fatalf("segment levels %v: no merge to compare", c.Levels)
	}
}

func trim(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}

// TestDictSameAsOracle: over the texts of TestIndexSameAsOracle, one
// dict numbers every token as the oracle's does, and keeps the same
// strings; another, counting them (count), counts what the oracle's
// numbers add up to, token for token in the order first met.
func TestDictSameAsOracle(t *testing.T) {
	d, counter, ref := newDict(), newDict(), &refDict{ids: map[string]uint32{}}
	var got, want []uint32
	var counted, wantCounted tally
	for _, oc := range oracleCaptures(t) {
		got, want = got[:0], want[:0]
		d.each(oc.text, func(id uint32) { got = append(got, id) })
		ref.each(oc.text, func(id uint32) { want = append(want, id) })
		if !slices.Equal(got, want) {
			t.Fatalf("capture %d: numbers differ at %d of %d", oc.c.ID, firstDiffIDs(got, want), len(want))
		}
		counter.count(oc.text, &counted)
		for _, id := range want {
			wantCounted.add(id)
		}
		if g, w := tallied(&counted), tallied(&wantCounted); !slices.Equal(g, w) {
			t.Fatalf("capture %d: counted %v, the oracle %v", oc.c.ID, g, w)
		}
	}
	for _, got := range [][]string{d.tokens(), counter.tokens()} {
		if !slices.Equal(got, ref.tokens()) || len(ref.tokens()) < 10000 {
			t.Fatalf("%d tokens kept, the oracle %d (want the same, at least 10,000)", len(got), len(ref.tokens()))
		}
	}
}

// TestCountAfterEach: a dict that numbers some texts' tokens (each, as a
// write does a title's and a URL's) and counts the others' (count, as it
// does a text's), in turn, numbers and counts them as the oracle's does:
// a CJK pair met first through each, whose slot keeps no second
// character yet (count3), counted as one met through count.
func TestCountAfterEach(t *testing.T) {
	d, ref := newDict(), &refDict{ids: map[string]uint32{}}
	var counted, wantCounted tally
	for i, oc := range oracleCaptures(t) {
		if i%2 == 0 {
			var got, want []uint32
			d.each(oc.text, func(id uint32) { got = append(got, id) })
			ref.each(oc.text, func(id uint32) { want = append(want, id) })
			if !slices.Equal(got, want) {
				t.Fatalf("capture %d: numbers differ at %d of %d", oc.c.ID, firstDiffIDs(got, want), len(want))
			}
			continue
		}
		d.count(oc.text, &counted)
		ref.count(oc.text, &wantCounted)
		if g, w := tallied(&counted), tallied(&wantCounted); !slices.Equal(g, w) {
			t.Fatalf("capture %d: counted %v, the oracle %v", oc.c.ID, g, w)
		}
	}
	if !slices.Equal(d.tokens(), ref.tokens()) {
		t.Fatalf("%d tokens kept, the oracle %d: not the same", len(d.tokens()), len(ref.tokens()))
	}
}

// each calls fn with each id t counted and its count, in t's order, and
// empties t, one by one: what addTally does at once, and the tests'
// reading of a tally.
func (t *tally) each(fn func(id, count uint32)) {
	for _, id := range t.ids() {
		fn(id, t.counts[id])
		t.counts[id] = 0
	}
	t.n = 0
}

// tallied is what t counted, id and count each, in t's order; it
// empties t.
func tallied(t *tally) [][2]uint32 {
	var out [][2]uint32
	t.each(func(id, count uint32) { out = append(out, [2]uint32{id, count}) })
	return out
}

func firstDiffIDs(a, b []uint32) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

// refEncodeChunk is encodeChunk as it was (commit 05a6d0b): the oracle
// of the chunks a write makes.
func refEncodeChunk(ps []hit) []byte {
	slices.SortFunc(ps, func(a, b hit) int { return cmp.Compare(a.doc, b.doc) })
	var out []byte
	prev := uint32(0)
	for i := 0; i < len(ps); {
		p := ps[i]
		for i++; i < len(ps) && ps[i].doc == p.doc; i++ {
			p.count += ps[i].count
		}
		out = binary.AppendUvarint(out, uint64(p.doc-prev))
		out = binary.AppendUvarint(out, uint64(p.count))
		prev = p.doc
	}
	return out
}

// TestChunkSameAsOracle: for postings in document order, out of it, with
// a document more than once, and large numbers, appendChunk appends what
// the oracle encodes, and leaves what it appends to alone.
func TestChunkSameAsOracle(t *testing.T) {
	rng := rand.New(rand.NewSource(5))
	for i := range 5000 {
		ps := make([]hit, rng.Intn(40))
		doc := uint32(rng.Intn(3))
		for j := range ps {
			doc += uint32(rng.Intn(4)) // repeats: a copy's title and URL
			if i%100 == 0 {
				doc += uint32(rng.Int63n(1 << 31))
			}
			ps[j] = hit{doc: doc, count: uint32(1 + rng.Intn(1<<uint(rng.Intn(20))))}
		}
		if i%3 == 0 {
			rng.Shuffle(len(ps), func(a, b int) { ps[a], ps[b] = ps[b], ps[a] })
		}
		want := refEncodeChunk(slices.Clone(ps))
		got := appendChunk([]byte("prefix"), ps)
		if string(got[:6]) != "prefix" || !bytes.Equal(got[6:], want) {
			t.Fatalf("postings %v: % x, the oracle % x", ps, got, want)
		}
	}
}

// TestPostingLogSameAsAppends: byToken groups a log's postings as
// appending each to a slice of its token's own did (the way a write
// gathered them before the log), order within a token kept, tokens
// without postings empty, and the groups do not overlap; one log used
// again and again, some of its writes given up (reset) before byToken,
// groups only what was added since.
func TestPostingLogSameAsAppends(t *testing.T) {
	rng := rand.New(rand.NewSource(9))
	var l postingLog
	for i := range 500 {
		if i%7 == 3 {
			l.add(0, 1, 1)
			l.add(uint32(rng.Intn(99)), 2, 2)
			l.reset() // a write that failed
		}
		n := 1 + rng.Intn(1<<uint(rng.Intn(12)))
		want := make([][]hit, n)
		for range rng.Intn(4*n + 3*logBlock*(i%2)) {
			id := uint32(rng.Intn(n))
			if i%2 == 0 {
				id = uint32(rng.Intn(1 + n/8)) // a few tokens hold most postings
			}
			h := hit{doc: uint32(rng.Intn(1 << 20)), count: uint32(1 + rng.Intn(9))}
			l.add(id, h.doc, h.count)
			want[id] = append(want[id], h)
		}
		got := l.byToken(n)
		if len(got) != n {
			t.Fatalf("%d groups, want %d", len(got), n)
		}
		for id := range want {
			if !slices.Equal(got[id], want[id]) {
				t.Fatalf("token %d of %d: %v, want %v", id, n, got[id], want[id])
			}
			if len(got[id]) != cap(got[id]) {
				t.Fatalf("token %d: capacity %d past its %d postings", id, cap(got[id]), len(got[id]))
			}
		}
	}
}

// TestAddTallySameAsAdds: a log fed a text's tally by addTally holds, in
// order, what adding each id counted and its count (tally.each) one by
// one holds, across its blocks' ends (texts of up to three blocks' ids,
// a log part full), and both tallies are left empty and count the next
// text alone.
func TestAddTallySameAsAdds(t *testing.T) {
	rng := rand.New(rand.NewSource(11))
	var got, want postingLog
	var bulk, single tally
	for doc := uint32(1); doc <= 60; doc++ {
		n := 1 + rng.Intn(1<<uint(rng.Intn(14)))
		for range 1 + rng.Intn(3*n) {
			id := uint32(rng.Intn(n))
			bulk.add(id)
			single.add(id)
		}
		added := got.addTally(&bulk, doc)
		before := want.n
		single.each(func(id, count uint32) { want.add(id, doc, count) })
		if added != want.n-before || got.n != want.n {
			t.Fatalf("text %d: addTally added %d (log %d), one by one %d (log %d)", doc, added, got.n, want.n-before, want.n)
		}
		if g, w := slices.Concat(got.blocks...), slices.Concat(want.blocks...); !slices.Equal(g, w) {
			t.Fatalf("text %d: the logs differ at %d of %d", doc, firstDiffEntries(g, w), len(w))
		}
		for _, b := range got.blocks {
			if cap(b) != logBlock {
				t.Fatalf("text %d: a block of capacity %d, want %d", doc, cap(b), logBlock)
			}
		}
		if len(bulk.ids()) != 0 || slices.ContainsFunc(bulk.counts, func(c uint32) bool { return c != 0 }) {
			t.Fatalf("text %d: the tally was not emptied", doc)
		}
	}
}

func firstDiffEntries(a, b []logEntry) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

// TestASCIIKeySameAsShortKey: asciiKey of a word of 1 to maxShort ASCII
// letters and digits, capitals among them, is shortKey of the word
// lower-cased; a word with a byte past ASCII has none.
func TestASCIIKeySameAsShortKey(t *testing.T) {
	rng := rand.New(rand.NewSource(13))
	const chars = "abcxyzABCXYZ0189"
	var buf []byte
	for range 20000 {
		w := make([]byte, 1+rng.Intn(maxShort))
		for i := range w {
			w[i] = chars[rng.Intn(len(chars))]
		}
		got, ok := asciiKey(w)
		if want := shortKey(lowerWord(w, &buf)); !ok || got != want {
			t.Fatalf("%q: asciiKey %#x (%v), shortKey of it lower-cased %#x", w, got, ok, want)
		}
		w[rng.Intn(len(w))] = 0xc3
		if _, ok := asciiKey(w); ok {
			t.Fatalf("%q: a key for a word past ASCII", w)
		}
	}
}
