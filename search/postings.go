package search

import (
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"

	bolt "go.etcd.io/bbolt"
)

// posting is one document holding a token, and how often.
type posting struct {
	doc   uint32
	count int
}

// hit is a posting as an update gathers it, in half the memory.
type hit struct{ doc, count uint32 }

// putChunks writes one chunk per token: key token ‖ 0x00 ‖ chunk number
// (4 bytes BE, from the bucket's sequence), value the postings in
// document order, each as uvarint(document − previous document) and
// uvarint(count). A document met twice in one chunk is merged.
func putChunks(b *bolt.Bucket, chunks map[string][]hit) error {
	tokens := make([]string, 0, len(chunks))
	for t := range chunks {
		tokens = append(tokens, t)
	}
	slices.Sort(tokens) // bbolt fills its pages best in key order
	seq, err := b.NextSequence()
	if err != nil {
		return err
	}
	for i, t := range tokens {
		if err := b.Put(postingKey(t, uint32(seq)), encodeChunk(chunks[t])); err != nil {
			return err
		}
		if i%dropEveryTokens == dropEveryTokens-1 {
			if err := dropMappedTx(b.Tx(), mappedLimit); err != nil {
				return err
			}
		}
	}
	return nil
}

// dropEveryTokens is how many chunks putChunks puts between looks at
// the resident set (dropMappedTx): the index pages one write reads, a
// chunk beside each token's last, are most of the file.
const dropEveryTokens = 4096

func encodeChunk(ps []hit) []byte {
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

var errChunk = errors.New("search: damaged posting chunk")

// postingsOf adds every posting of token to into, by document.
func postingsOf(b *bolt.Bucket, token string, into map[uint32]int) error {
	prefix := append([]byte(token), 0)
	cur := b.Cursor()
	for k, v := cur.Seek(prefix); k != nil && len(k) == len(prefix)+4 && string(k[:len(prefix)]) == string(prefix); k, v = cur.Next() {
		if err := decodeChunk(v, into); err != nil {
			return fmt.Errorf("%w: token %q", err, token)
		}
	}
	return nil
}

func decodeChunk(v []byte, into map[uint32]int) error {
	doc := uint32(0)
	for len(v) > 0 {
		d, n := binary.Uvarint(v)
		if n <= 0 {
			return errChunk
		}
		v = v[n:]
		c, m := binary.Uvarint(v)
		if m <= 0 {
			return errChunk
		}
		v = v[m:]
		doc += uint32(d)
		into[doc] += int(c)
	}
	return nil
}
