package archive

import (
	"encoding/binary"
	"fmt"
	"slices"

	bolt "go.etcd.io/bbolt"
)

// The sketch index (segments in bucket "lshseg", lsh_seg.go; bucket "lsh"
// in older archives) finds, for a new sketch, the documents
// that may resemble it without scanning the archive. Each document is
// indexed once, by the capture that first brought it (its doc ID, i.e.
// Document.FirstCapture), under LSHKeys keys of the form
//
//	slot (1 byte) ‖ hash (4 bytes big-endian) ‖ doc ID (uvarint) → empty
//
// Slots 0..15 are the resemblance bands: band b hashes sketch values
// 8b..8b+7 together, so two texts with Jaccard J share at least one band
// with probability 1-(1-J⁸)¹⁶ (0.5 at J≈0.71, 0.98 at J=0.85). Slots
// 16..27 are the containment probes: slot 16+i is sketch value i on its
// own. A text A inside a longer text B shares value i with B with
// probability |A|/|B|, so an excerpt of a quarter of B is a candidate with
// probability 1-(3/4)¹² ≈ 0.97. A probe value that more than MaxPosting
// documents share (a stock phrase) is ignored. Candidates are only
// candidates: callers verify them (Similar, Works).
const (
	SketchSize = 128 // values in a sketch (clean.SketchSize)
	lshBands   = 16
	lshRows    = 8
	lshProbes  = 12
	LSHKeys    = lshBands + lshProbes // index keys per document
	MaxPosting = 1000                 // documents per probe value beyond which the probe is ignored
)

var bucketLSH = []byte("lsh")

// lshPrefixes returns the slot ‖ hash prefix of each index key of sketch.
func lshPrefixes(sketch []uint32) [][5]byte {
	out := make([][5]byte, 0, LSHKeys)
	for b := 0; b < lshBands; b++ {
		out = append(out, lshPrefix(b, bandHash(sketch[b*lshRows:(b+1)*lshRows])))
	}
	for i := 0; i < lshProbes; i++ {
		out = append(out, lshPrefix(lshBands+i, sketch[i]))
	}
	return out
}

func lshPrefix(slot int, h uint32) [5]byte {
	var p [5]byte
	p[0] = byte(slot)
	binary.BigEndian.PutUint32(p[1:], h)
	return p
}

// bandHash folds a band's values into 32 bits (FNV-1a over their bytes).
func bandHash(vals []uint32) uint32 {
	h := uint32(2166136261)
	for _, v := range vals {
		for s := 0; s < 32; s += 8 {
			h = (h ^ (v >> s & 0xFF)) * 16777619
		}
	}
	return h
}

func lshKey(p [5]byte, doc uint64) []byte {
	return binary.AppendUvarint(p[:], doc)
}

func validSketch(s []uint32) bool { return len(s) == SketchSize }

// putSketch indexes the capture's sketch (through the tail, lsh_tail.go)
// when the capture is the first to bring its document, read from the
// stored document, and drops the sketch from every other capture (it is
// kept once, with the document's first capture). Called in the capture's
// transaction, after its document is stored.
func putSketch(tx *bolt.Tx, c *Capture) error {
	return indexSketch(tx, c, c.TextSHA256 != "" && validSketch(c.Sketch) && firstOfDocument(tx, c))
}

// indexSketch is putSketch for a caller that knows whether c brought its
// document (first): putEntry, from putDocument.
func indexSketch(tx *bolt.Tx, c *Capture, first bool) error {
	if c.TextSHA256 == "" || !validSketch(c.Sketch) || !first {
		c.Sketch, c.Shingles = nil, 0
		return nil
	}
	return putTail(tx, c.Sketch, c.ID)
}

func putLSH(b *bolt.Bucket, sketch []uint32, doc uint64) error {
	for _, p := range lshPrefixes(sketch) {
		if err := b.Put(lshKey(p, doc), []byte{}); err != nil {
			return fmt.Errorf("archive: put sketch of %d: %w", doc, err)
		}
	}
	return nil
}

// firstOfDocument says whether c brought its document into the archive.
func firstOfDocument(tx *bolt.Tx, c *Capture) bool {
	h, err := ParseHash(c.TextSHA256)
	if err != nil {
		return false
	}
	d, err := getDocument(tx, h)
	return err == nil && d.FirstCapture == c.ID
}

// Candidate is a document the sketch index names for a query sketch.
type Candidate struct {
	DocID  uint64 // the document's first capture
	Bands  int    // resemblance bands shared
	Probes int    // containment probes shared
}

// Candidates returns the documents whose index keys meet the sketch's (in
// the index, its segments or its tail), in doc ID order. It reads at most LSHKeys·(MaxPosting+1) keys whatever the
// archive's size. A sketch of the wrong length has no candidates.
func (db *DB) Candidates(sketch []uint32) ([]Candidate, error) {
	var out []Candidate
	err := db.view(func(tx *bolt.Tx) error {
		out = candidates(tx, sketch, nil)
		return nil
	})
	return out, err
}

// candidates returns the documents sketch meets in the index; pc, when
// not nil, keeps the heavy postings read for the next sketch of the same
// transaction.
func candidates(tx *bolt.Tx, sketch []uint32, pc postingCache) []Candidate {
	if !validSketch(sketch) {
		return nil
	}
	prefixes := lshPrefixes(sketch)
	tail := tailPostings(tx, prefixes)
	hits := map[uint64]*Candidate{}
	for slot, p := range prefixes {
		docs := union(pc.posting(tx, p), tail[slot])
		if slot >= lshBands && len(docs) > MaxPosting {
			continue
		}
		for _, d := range docs {
			c := hits[d]
			if c == nil {
				c = &Candidate{DocID: d}
				hits[d] = c
			}
			if slot < lshBands {
				c.Bands++
			} else {
				c.Probes++
			}
		}
	}
	return sortedCandidates(hits)
}

// postingCache keeps, for one read transaction, the postings of prefixes
// that many documents share (more than heavyPosting): a band of a
// template's boilerplate, met by thousands of pages, is read from every
// segment and put in order once per grouping, not once per page.
type postingCache map[[5]byte][]uint64

// heavyPosting is the least posting a postingCache keeps.
const heavyPosting = 64

// posting is indexPosting, read once per prefix when it is heavy. The
// slice returned must only be read or appended to (it is clipped, so an
// append copies).
func (pc postingCache) posting(tx *bolt.Tx, p [5]byte) []uint64 {
	if docs, ok := pc[p]; ok {
		return docs
	}
	docs := slices.Clip(indexPosting(tx, p))
	if pc != nil && len(docs) > heavyPosting {
		pc[p] = docs
	}
	return docs
}

// union appends to indexed the docs of tail it lacks: a flush cut short
// leaves a document in both.
func union(indexed, tail []uint64) []uint64 {
	n := len(indexed)
	for _, d := range tail {
		if !slices.Contains(indexed[:n], d) {
			indexed = append(indexed, d)
		}
	}
	return indexed
}

// posting returns the doc IDs under prefix p, stopping after MaxPosting+1.
func posting(cur *bolt.Cursor, p [5]byte) []uint64 {
	var docs []uint64
	for k, _ := cur.Seek(p[:]); hasPrefix(k, p[:]) && len(docs) <= MaxPosting; k, _ = cur.Next() {
		if d, n := binary.Uvarint(k[len(p):]); n > 0 {
			docs = append(docs, d)
		}
	}
	return docs
}
