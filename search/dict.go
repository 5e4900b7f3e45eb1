package search

// tokenIDs numbers the tokens of one write of the index, from 0, in the
// order the write meets them: dict, or the oracle of a test.
type tokenIDs interface {
	// each calls fn with the number of each token of text, in Tokens'
	// order.
	each(text []byte, fn func(id uint32))
	// tokens returns the tokens met so far, by number.
	tokens() []string
}

// dict numbers the tokens of one write of the index, so that counting a
// text's tokens makes no string per token: a token's string is made once,
// the first time the write meets it.
type dict struct {
	ids   map[string]uint32
	toks  []string // by id
	lower []byte   // eachToken's scratch
}

func newDict() *dict { return &dict{ids: map[string]uint32{}} }

func (d *dict) each(text []byte, fn func(id uint32)) {
	eachToken(text, &d.lower, func(tok []byte) { fn(d.id(tok)) })
}

func (d *dict) tokens() []string { return d.toks }

// id returns tok's number, giving it the next one when it is new; tok
// may be reused by the caller after the call.
func (d *dict) id(tok []byte) uint32 {
	if id, ok := d.ids[string(tok)]; ok { // no allocation: a lookup
		return id
	}
	id := uint32(len(d.toks))
	s := string(tok)
	d.ids[s] = id
	d.toks = append(d.toks, s)
	return id
}

// tally counts the tokens of one text by their dict ids; take hands the
// counts over and empties it for the next text.
type tally struct {
	counts  []uint32 // by id; zero for every id not in touched
	touched []uint32 // ids counted, first met first
}

func (t *tally) add(id uint32) {
	if int(id) >= len(t.counts) {
		t.counts = append(t.counts, make([]uint32, int(id)+1-len(t.counts))...)
	}
	if t.counts[id] == 0 {
		t.touched = append(t.touched, id)
	}
	t.counts[id]++
}

// each calls fn with each id counted and its count, and empties t.
func (t *tally) each(fn func(id, count uint32)) {
	for _, id := range t.touched {
		fn(id, t.counts[id])
		t.counts[id] = 0
	}
	t.touched = t.touched[:0]
}
