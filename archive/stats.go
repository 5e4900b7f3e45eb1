package archive

import (
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
	StoredBytes int64          `json:"stored_bytes"` // payload bytes on disk, after compression
	RawBytes    int64          `json:"raw_bytes"`    // payload bytes as they came
	Documents   int            `json:"documents"`
	Runs        int            `json:"runs"`
	Schema      int            `json:"schema"`
}

// Stats counts what the archive holds, in one read transaction.
func (db *DB) Stats() (Stats, error) {
	s := Stats{ByKind: map[string]int{}, Schema: SchemaVersion}
	err := db.bolt.View(func(tx *bolt.Tx) error {
		if err := countKinds(tx, &s); err != nil {
			return err
		}
		countURLs(tx, &s)
		countPayloads(tx, &s)
		s.Documents = tx.Bucket(bucketDocuments).Stats().KeyN
		s.Runs = tx.Bucket(bucketRuns).Stats().KeyN
		return nil
	})
	return s, err
}

func countKinds(tx *bolt.Tx, s *Stats) error {
	return tx.Bucket(bucketCaptures).ForEach(func(_, v []byte) error {
		c, err := decodeCapture(v)
		if err != nil {
			return err
		}
		s.Captures++
		s.ByKind[c.Kind]++
		return nil
	})
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

func countPayloads(tx *bolt.Tx, s *Stats) {
	_ = tx.Bucket(bucketPayloads).ForEach(func(_, v []byte) error {
		s.Payloads++
		if stored, err := storedPayload(tx, v); err == nil {
			s.StoredBytes += int64(len(stored))
		}
		s.RawBytes += payloadRawLen(v)
		return nil
	})
}
