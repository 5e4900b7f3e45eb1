package search

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"

	bolt "go.etcd.io/bbolt"
)

// Hit is one document that matched a query.
type Hit struct {
	TextSHA256 string
	Titles     []string // the titles its captures bore, first seen first
	URLs       []string // the canonical URLs that brought it, first seen first
	Score      int      // occurrences of the query's tokens in its text, titles and URLs
}

// Result is one page of the documents that match a query.
type Result struct {
	Total int   // documents that match
	Hits  []Hit // those of the page asked for, best first
}

// Search finds the documents that hold every token of q (queryTokens),
// best first (most occurrences, then first indexed), and returns the
// limit of them after the first offset. A query with no token matches
// nothing. A negative offset or limit is an error: it is a caller's page
// arithmetic gone wrong (an overflow), never a page.
func (ix *Index) Search(q string, offset, limit int) (Result, error) {
	var res Result
	if offset < 0 || limit < 0 {
		return res, fmt.Errorf("search: offset %d, limit %d: want neither negative", offset, limit)
	}
	toks := queryTokens(q)
	if len(toks) == 0 {
		return res, nil
	}
	err := ix.bolt.View(func(tx *bolt.Tx) error {
		segs, err := segments(tx.Bucket(bucketMeta))
		if err != nil {
			return err
		}
		scores, err := matching(tx.Bucket(bucketPostings), segs, toks)
		if err != nil {
			return err
		}
		res.Total = len(scores)
		ranked := rank(scores)
		if offset >= len(ranked) {
			return nil
		}
		ranked = ranked[offset : offset+min(limit, len(ranked)-offset)]
		docs := tx.Bucket(bucketDocs)
		for _, s := range ranked {
			var rec docRecord
			if err := json.Unmarshal(docs.Get(docKey(s.doc)), &rec); err != nil {
				return fmt.Errorf("search: document %d: %w", s.doc, err)
			}
			res.Hits = append(res.Hits, Hit{TextSHA256: rec.SHA, Titles: rec.Titles, URLs: rec.URLs, Score: s.count})
		}
		return nil
	})
	return res, err
}

// matching returns the documents that hold every token, with the sum of
// their counts.
func matching(b *bolt.Bucket, segs []segment, toks []string) (map[uint32]int, error) {
	var scores map[uint32]int
	for _, t := range toks {
		got := map[uint32]int{}
		if err := postingsOf(b, segs, t, got); err != nil {
			return nil, err
		}
		if scores == nil {
			scores = got
		} else {
			for d, c := range scores {
				if n, ok := got[d]; ok {
					scores[d] = c + n
				} else {
					delete(scores, d)
				}
			}
		}
		if len(scores) == 0 {
			break
		}
	}
	return scores, nil
}

func rank(scores map[uint32]int) []posting {
	out := make([]posting, 0, len(scores))
	for d, c := range scores {
		out = append(out, posting{doc: d, count: c})
	}
	slices.SortFunc(out, func(a, b posting) int {
		if c := cmp.Compare(b.count, a.count); c != 0 {
			return c
		}
		return cmp.Compare(a.doc, b.doc)
	})
	return out
}
