package archive

import (
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"maps"
	"slices"

	bolt "go.etcd.io/bbolt"
)

var (
	jsonUnmarshal = json.Unmarshal
	mapsKeys      = func(m map[string][]Run) iter.Seq[string] { return maps.Keys(m) }
)

// copy writes one batch of shard captures in one transaction, leaving
// out those already in db.
func (m *merger) copy(batch []sourced) error {
	entries := make([]Entry, 0, len(batch))
	for _, sc := range batch {
		e, err := m.entry(sc)
		if err != nil {
			return fmt.Errorf("shard %s: capture %d: %w", sc.shard.path, sc.c.ID, err)
		}
		entries = append(entries, e)
	}
	return m.db.update(func(tx *bolt.Tx) error {
		blocks := newCapBlocks(tx)
		for i := range entries {
			from := batch[i]
			if id, ok := present(tx, entries[i].Capture); ok {
				m.st.Present++
				m.moved(from, id)
				continue
			}
			m.cleanFrom(from, &entries[i].Capture)
			var c Capture
			if err := putEntry(tx, blocks, &entries[i], &c); err != nil {
				return err
			}
			m.moved(from, c.ID)
			m.st.Added++
		}
		return blocks.close()
	})
}

// present says whether db holds c already, and under which ID: a capture
// of its URL by the same worker, fetched at the same instant.
func present(tx *bolt.Tx, c Capture) (uint64, bool) {
	for _, id := range urlCaptureIDs(tx, c.URL) {
		if have, err := getCapture(tx, id); err == nil &&
			have.Worker == c.Worker && have.RequestedURL == c.RequestedURL && have.FetchStart.Equal(c.FetchStart) {
			return id, true
		}
	}
	return 0, false
}

// moved notes that sc's capture is id in db.
func (m *merger) moved(sc sourced, id uint64) {
	if sc.c.CleanKey == "" {
		return // never named by a CleanFrom
	}
	if m.ids[sc.shard] == nil {
		m.ids[sc.shard] = map[uint64]uint64{}
	}
	m.ids[sc.shard][sc.c.ID] = id
}

// cleanFrom renames c's CleanFrom, a capture of sc's shard, to that
// capture's ID in db. Captures are copied in fetch order, so it was
// copied (or found present) before c; when it was not (a shard that
// lacks it), CleanFrom is cleared rather than left naming another
// capture of db.
func (m *merger) cleanFrom(sc sourced, c *Capture) {
	if c.CleanFrom != 0 {
		c.CleanFrom = m.ids[sc.shard][c.CleanFrom]
	}
}

// entry reads what sc's capture brought from its shard: its payload and
// text, and the sketch of its document (kept on the document's first
// capture in the shard, which may not be the first in db), and prepares
// it for putEntry.
func (m *merger) entry(sc sourced) (Entry, error) {
	c := sc.c
	c.ID, c.RunID = 0, m.runOf(sc.shard, c)
	e := Entry{Capture: c}
	err := sc.shard.view(func(tx *bolt.Tx) error {
		if c.PayloadSHA256 != "" {
			h, err := ParseHash(c.PayloadSHA256)
			if err != nil {
				return err
			}
			if v := idxPayloads.in(tx).get(h[:]); v != nil {
				if e.Payload, err = readPayload(tx, v); err != nil {
					return fmt.Errorf("payload %s: %w", h.Short(), err)
				}
			} else if c.Kind != KindRevisit && c.Kind != KindNotModified && c.Kind != KindFailed {
				return fmt.Errorf("payload %s: %w", h.Short(), ErrNotFound)
			}
		}
		return m.text(tx, &e)
	})
	if err != nil {
		return e, err
	}
	if err := prepare(&e); err != nil {
		return e, err
	}
	return e, nil
}

// text fills e's text, its capture's own (captureText: the write finds
// again whether it is its document's in db), and, when its capture
// carries none, the sketch of its document from the shard.
func (m *merger) text(tx *bolt.Tx, e *Entry) error {
	c := &e.Capture
	if c.TextSHA256 == "" {
		return nil
	}
	h, err := ParseHash(c.TextSHA256)
	if err != nil {
		return err
	}
	d, err := getDocument(tx, h)
	if err != nil {
		return fmt.Errorf("document %s: %w", h.Short(), err)
	}
	e.Text = d.Text
	if c.OwnTextSHA256 != "" {
		if e.Text, err = captureText(tx, *c); err != nil {
			return err
		}
	}
	if len(c.Sketch) > 0 || d.FirstCapture == 0 {
		return nil
	}
	first, err := getCapture(tx, d.FirstCapture)
	if errors.Is(err, ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	c.Sketch, c.Shingles = first.Sketch, first.Shingles
	return nil
}

// finish stitches each merged run's split articles and stores its
// record: the folded counts, less the extra captures of URLs it holds
// more than once.
func (m *merger) finish(groups map[string][]Run) error {
	for g, rs := range groups {
		id := m.runIDs[g]
		if _, err := m.db.Stitch(id, m.opts.Stitch); err != nil {
			return err
		}
		r := foldRuns(rs)
		r.ID = id
		if err := m.db.update(func(tx *bolt.Tx) error {
			uncountRepeats(tx, &r)
			return putRun(tx.Bucket(bucketRuns), r)
		}); err != nil {
			return err
		}
	}
	return nil
}

// uncount takes repeat capture c out of one of r's counts: the one its
// kind names first, else another that is not zero. Each worker counted
// its fetch against its own shard, so a page two workers fetched is new
// to both, though the merged archive holds the second as a revisit; so
// no count falls below zero, and they still add up to Fetched.
func uncount(r *Run, c Capture) {
	if reason := fmt.Sprintf("http %d", c.Status); c.Kind == KindFailed && r.Failed[reason] > 0 {
		r.Failed[reason]--
		return
	}
	order := []*int{&r.New, &r.Changed, &r.Unchanged}
	switch c.Kind {
	case KindRevisit, KindNotModified:
		order = []*int{&r.Unchanged, &r.New, &r.Changed}
	case KindFailed:
		for _, k := range slices.Sorted(maps.Keys(r.Failed)) {
			if r.Failed[k] > 0 {
				r.Failed[k]--
				return
			}
		}
	}
	for _, n := range order {
		if *n > 0 {
			*n--
			return
		}
	}
}

// uncountRepeats takes out of r's counts every capture of r beyond the
// first of its requested URL: at-least-once delivery fetched it again.
func uncountRepeats(tx *bolt.Tx, r *Run) {
	seen := map[string]bool{}
	walkCaptures(tx, nil, func(c Capture) error {
		if c.RunID != r.ID || c.Kind == KindStitched {
			return nil
		}
		if !seen[c.RequestedURL] {
			seen[c.RequestedURL] = true
			return nil
		}
		r.Fetched--
		r.Bytes = max(r.Bytes-c.PayloadLength, 0)
		uncount(r, c)
		return nil
	})
	for k, n := range r.Failed {
		if n <= 0 {
			delete(r.Failed, k)
		}
	}
}
