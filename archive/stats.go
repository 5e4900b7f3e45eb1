package archive

import (
	"encoding/hex"
	"net/url"
	"strings"

	bolt "go.etcd.io/bbolt"
)

// Stats summarises an archive.
type Stats struct {
	Captures    int            `json:"captures"`
	ByKind      map[string]int `json:"by_kind"`
	URLs        int            `json:"urls"`
	Hosts       int            `json:"hosts"`
	Payloads    int            `json:"payloads"`
	StoredBytes int64          `json:"stored_bytes"` // payload bytes on disk, after compression (a pair blob's with its text's part)
	RawBytes    int64          `json:"raw_bytes"`    // payload bytes as they came
	Documents   int            `json:"documents"`
	Runs        int            `json:"runs"`
	Schema      int            `json:"schema"`
}

// Stats counts what the archive holds, in one read transaction. With
// Options.OnSkip set, it counts only what reads: a capture or document
// that does not decode, or a payload or text whose blob is missing, is
// skipped (payloads are not re-hashed here: that is Verify's work).
func (db *DB) Stats() (Stats, error) {
	s := Stats{ByKind: map[string]int{}, Schema: SchemaVersion}
	skip := db.skipper()
	err := db.view(func(tx *bolt.Tx) error {
		err := walkCaptures(tx, skip, interruptible(db, func(c Capture) error {
			s.Captures++
			s.ByKind[c.Kind]++
			return nil
		}))
		if err != nil {
			return err
		}
		countURLs(tx, &s)
		if err := countPayloads(tx, &s, skip); err != nil {
			return err
		}
		if s.Documents, err = countDocuments(tx, skip); err != nil {
			return err
		}
		s.Runs = tx.Bucket(bucketRuns).Stats().KeyN
		return nil
	})
	return s, err
}

// countDocuments counts the documents: every key, or, with skip, those
// that read (documentReadable).
func countDocuments(tx *bolt.Tx, skip skipFunc) (int, error) {
	if skip == nil {
		return idxDocuments.in(tx).keyN(), nil
	}
	n := 0
	err := walkLevels(tx, idxDocuments, func(k, _ []byte) error {
		sha := hex.EncodeToString(k)
		if err := documentReadable(tx, sha); err != nil {
			return skip.handle(Skipped{Bucket: "documents", Key: sha, Err: err})
		}
		n++
		return nil
	}, skipDamageIn(skip))
	return n, err
}

func countURLs(tx *bolt.Tx, s *Stats) {
	hosts := map[string]bool{}
	_ = forEachURL(tx, func(u string, _ []uint64) error {
		s.URLs++
		if p, err := url.Parse(u); err == nil && p.Host != "" {
			hosts[strings.ToLower(p.Hostname())] = true
		}
		return nil
	})
	s.Hosts = len(hosts)
}

// countPayloads counts the payloads and their bytes. Without skip, one
// whose blob is missing counts without stored bytes; with skip, it is
// skipped.
func countPayloads(tx *bolt.Tx, s *Stats, skip skipFunc) error {
	return walkLevels(tx, idxPayloads, func(k, v []byte) error {
		var stored []byte
		err := guarded(func() (err error) { stored, err = storedPayload(tx, v); return err })
		if err != nil && skip != nil {
			return skip.handle(Skipped{Bucket: "payloads", Key: hex.EncodeToString(k), Err: err})
		}
		s.Payloads++
		s.StoredBytes += int64(len(stored))
		s.RawBytes += payloadRawLen(v)
		return nil
	}, skipDamageIn(skip))
}

// skipDamageIn is skipDamage for the bucket walkLevels names.
func skipDamageIn(skip skipFunc) func(bucket []byte) func(Damage) error {
	return func(bucket []byte) func(Damage) error { return skipDamage(skip, string(bucket)) }
}
