package search

import (
	"encoding/binary"
	"unicode/utf8"
)

// tokenIDs numbers the tokens of a write of the index, from 0, in the
// order it meets them (a dict the writes before it shared went on from
// theirs): dict, or the oracle of a test.
type tokenIDs interface {
	// each calls fn with the number of each token of text, in Tokens'
	// order.
	each(text []byte, fn func(id uint32))
	// count adds the number of each token of text to t, as each(text,
	// t.add) would.
	count(text []byte, t *tally)
	// tokens returns the tokens met so far, by number.
	tokens() []string
}

// dict numbers the tokens of a write of the index (of writes in turn:
// again), so that counting a text's tokens makes no string per token: a
// token's string is made once, the first time it is met. Most tokens (a CJK character or
// pair of BMP characters, most words) are short enough to be numbered by
// their bytes held in an integer (shortKey), in a table of its own, which
// costs a fraction of a string map's lookup; the rest by a string map.
type dict struct {
	short shortTable        // tokens of up to maxShort bytes
	long  map[string]uint32 // longer tokens
	toks  []string          // by id
	lower []byte            // eachToken's scratch
}

func newDict() *dict { return &dict{long: map[string]uint32{}} }

// maxKeptTokens bounds the tokens of a dict that writes share (again):
// past it, the next write starts a new one. A write groups its postings,
// and looks for those to write, over every number the dict holds. A
// variable for tests only.
var maxKeptTokens = 1 << 15

// again returns d for another write, or a new dict when there is none or
// d holds more than maxKeptTokens tokens. The writes of a Feed, or of an
// update, share one: a write's texts are mostly of the tokens the writes
// before it met (3,150 a write on bench/crawl's site, 39 writes), and
// each write numbering them anew made each token's string, and grew the
// table, again.
func (d *dict) again() *dict {
	if d == nil || len(d.toks) > maxKeptTokens {
		return newDict()
	}
	return d
}

func (d *dict) each(text []byte, fn func(id uint32)) {
	eachToken(text, &d.lower, func(tok []byte) { fn(d.id(tok)) })
}

// count adds the number of each token of text to t, as each would call
// t.add: without a call through a function value per token.
func (d *dict) count(text []byte, t *tally) {
	eachSpan(text, func(run []byte, cjk bool) {
		if !cjk {
			t.add(d.wordID(run))
			return
		}
		d.countCJK(run, t)
	})
}

// wordID returns the number of the token of word, a run of word
// characters (eachSpan), as id(lowerWord(word)) does: a short ASCII
// word's met before by its key, lower-cased as it is read (asciiKey),
// without lowerWord's pass and the calls.
func (d *dict) wordID(word []byte) uint32 {
	if len(word) <= maxShort {
		if key, ok := asciiKey(word); ok {
			if s := d.short.get(key); s != nil {
				return s.id
			}
		}
	}
	return d.id(lowerWord(word, &d.lower))
}

// asciiKey is shortKey of word lower-cased (lowerWord), for a word of 1
// to maxShort ASCII bytes; ok is false for any other.
func asciiKey(word []byte) (key uint64, ok bool) {
	for i, c := range word {
		if c >= utf8.RuneSelf {
			return 0, false
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		key |= uint64(c) << (8 * i)
	}
	return key | uint64(len(word))<<56, len(word) > 0
}

// countCJK adds the number of each token of a CJK run to t, in each's
// order (each character, then the pair it starts), numbering new ones in
// that order too: a run of characters of three bytes each (Han, kana,
// Hangul) by count3, any other one token by token.
func (d *dict) countCJK(run []byte, t *tally) {
	if threeByteChars(run) {
		d.count3(run, t)
		return
	}
	for i := 0; i < len(run); {
		char, pair, next := cjkStep(run, i)
		t.add(d.id(char))
		if pair != nil {
			t.add(d.id(pair))
		}
		i = next
	}
}

// threeByteChars says whether run, valid UTF-8, is characters of three
// bytes each.
func threeByteChars(run []byte) bool {
	if len(run)%3 != 0 {
		return false
	}
	for i := 0; i < len(run); i += 3 {
		if run[i]&0xf0 != 0xe0 {
			return false
		}
	}
	return true
}

// count3 is countCJK for a run of characters of three bytes each. A
// pair's slot of the short table also keeps the number of the pair's
// second character (shortSlot.second), so that a character whose pair
// the write has met costs one lookup (shortTable.get), not two: two in
// three pages of a crawl are Chinese, and most of their tokens such
// characters and pairs.
func (d *dict) count3(run []byte, t *tally) {
	char := bytes3(run, 0)
	id := d.id(run[:3]) // the character at i−3
	t.reserve(len(d.toks))
	// t.add, with t's fields in registers: set again after each new token
	counts, touched, n := t.counts, t.touched, t.n
	add := func(id uint32) {
		c := counts[id]
		touched[n] = id
		n += int((c - 1) >> 31) // 1 when c is 0
		counts[id] = c + 1
	}
	table := d.short // set again after each new token
	for i := 3; i < len(run); i += 3 {
		add(id)
		next := bytes3(run, i)
		// shortKey of the pair run[i−3:i+3]: its six bytes, and its length
		if s := table.get(char | next<<24 | 6<<56); s != nil && s.second != 0 {
			add(s.id)
			id = s.second - 1
		} else {
			var pairID uint32
			pairID, id = d.pairIDs(run[i-3:i+3], run[i:i+3])
			t.reserve(len(d.toks))
			counts, touched, table = t.counts, t.touched, d.short
			add(pairID)
		}
		char = next
	}
	add(id)
	t.n = n
}

// bytes3 is run[i:i+3] as an integer, the first byte lowest.
func bytes3(run []byte, i int) uint64 {
	_ = run[i+2]
	return uint64(run[i]) | uint64(run[i+1])<<8 | uint64(run[i+2])<<16
}

// pairIDs returns the numbers of pair, a CJK pair of at most maxShort
// bytes, and of second, its second character, numbering them as id(pair)
// then id(second) would.
func (d *dict) pairIDs(pair, second []byte) (pairID, secondID uint32) {
	key := shortKey(pair)
	slot, found := d.short.find(key)
	if found && slot.second != 0 {
		return slot.id, slot.second - 1
	}
	if !found {
		slot.id = d.add(pair)
	}
	pairID = slot.id
	secondID = d.id(second) // may grow the table: slot is found again
	slot, _ = d.short.find(key)
	slot.second = secondID + 1
	return pairID, secondID
}

func (d *dict) tokens() []string { return d.toks }

// id returns tok's number, giving it the next one when it is new; tok
// may be reused by the caller after the call.
func (d *dict) id(tok []byte) uint32 {
	if len(tok) <= maxShort {
		slot, found := d.short.find(shortKey(tok))
		if !found {
			slot.id = d.add(tok)
		}
		return slot.id
	}
	if id, ok := d.long[string(tok)]; ok { // no allocation: a lookup
		return id
	}
	id := d.add(tok)
	d.long[d.toks[id]] = id
	return id
}

// add gives tok the next number, and keeps its string.
func (d *dict) add(tok []byte) uint32 {
	id := uint32(len(d.toks))
	d.toks = append(d.toks, string(tok))
	return id
}

// maxShort is the longest token shortKey holds: 7 bytes and the length.
const maxShort = 7

// shortKey is tok (1 to maxShort bytes) as an integer: its bytes, the
// first lowest, and its length in the top byte, so that two tokens have
// one key only when they are the same bytes; never 0.
func shortKey(tok []byte) uint64 {
	n := len(tok)
	var k uint64
	if n >= 4 {
		// two loads of 4 bytes, overlapping when n < 8: the bytes they
		// share are put twice at the same place
		k = uint64(binary.LittleEndian.Uint32(tok)) | uint64(binary.LittleEndian.Uint32(tok[n-4:]))<<(8*(n-4))
	} else {
		k = uint64(tok[0]) | uint64(tok[n/2])<<(8*(n/2)) | uint64(tok[n-1])<<(8*(n-1))
	}
	return k | uint64(n)<<56
}

// shortTable maps shortKeys to token numbers: open addressing, linear
// probing, at most half full; key 0 marks an empty slot.
type shortTable struct {
	slots []shortSlot // a power of two of them, or none
	n     int         // keys held
}

type shortSlot struct {
	key    uint64
	id     uint32
	second uint32 // of a CJK pair's slot: its second character's id + 1, once countCJK has looked it up; else 0
}

// find returns the slot of key: the one holding it (found), or the empty
// one where it goes, now holding it, for the caller to set its id.
func (t *shortTable) find(key uint64) (slot *shortSlot, found bool) {
	if 2*(t.n+1) > len(t.slots) {
		t.grow()
	}
	mask := uint64(len(t.slots) - 1)
	for i := shortHash(key) & mask; ; i = (i + 1) & mask {
		s := &t.slots[i]
		switch s.key {
		case key:
			return s, true
		case 0:
			s.key = key
			t.n++
			return s, false
		}
	}
}

// get returns the slot holding key, nil when none does: find without
// the insertion, small enough to be inlined where each character of a
// text looks one up.
func (t *shortTable) get(key uint64) *shortSlot {
	mask := len(t.slots) - 1
	for i := int(shortHash(key)) & mask; mask > 0 && t.slots[i].key != 0; i = (i + 1) & mask {
		if t.slots[i].key == key {
			return &t.slots[i]
		}
	}
	return nil
}

// shortHash spreads a key's bits over the whole word (Fibonacci hashing,
// folded so that the low bits a mask keeps depend on all of them).
func shortHash(key uint64) uint64 {
	h := key * 0x9e3779b97f4a7c15
	return h ^ h>>29
}

// grow doubles the table (to 1024 slots at first) and places its keys
// again.
func (t *shortTable) grow() {
	old := t.slots
	t.slots = make([]shortSlot, max(1024, 2*len(old)))
	mask := uint64(len(t.slots) - 1)
	for _, s := range old {
		if s.key == 0 {
			continue
		}
		i := shortHash(s.key) & mask
		for t.slots[i].key != 0 {
			i = (i + 1) & mask
		}
		t.slots[i] = s
	}
}

// tally counts the tokens of one text by their dict ids; the posting
// log's addTally hands the counts over and empties it for the next text.
type tally struct {
	counts  []uint32 // by id; zero for every id not in touched[:n]
	touched []uint32 // ids counted, first met first, in touched[:n]; one longer than counts
	n       int
}

// add counts id. Whether id is new to the text is a coin toss for a
// CJK pair, so it is not a branch: id is written at touched[n] each time,
// and n moves past it only when its count was 0 (an id counted already
// is overwritten by the next). A text counts fewer than 2^31 tokens.
func (t *tally) add(id uint32) {
	if int(id) >= len(t.counts) {
		t.grow(id)
	}
	c := t.counts[id]
	t.touched[t.n] = id
	t.n += int((c - 1) >> 31) // 1 when c is 0
	t.counts[id] = c + 1
}

// reserve makes room to count ids below n.
func (t *tally) reserve(n int) {
	if n > len(t.counts) {
		t.grow(uint32(n - 1))
	}
}

// grow makes room to count ids up to id, and one more in touched.
func (t *tally) grow(id uint32) {
	t.counts = append(t.counts, make([]uint32, int(id)+1-len(t.counts))...)
	t.touched = append(t.touched, make([]uint32, len(t.counts)+1-len(t.touched))...)
}

// ids are the ids counted, first met first.
func (t *tally) ids() []uint32 { return t.touched[:t.n] }
