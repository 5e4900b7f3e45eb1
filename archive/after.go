package archive

import (
	"encoding/hex"

	bolt "go.etcd.io/bbolt"
)

// CapturesAfter calls fn with each capture whose ID is greater than after,
// in ID order, at most limit of them (all when limit ≤ 0), inside one read
// transaction, and returns the ID of the last one it read (after when
// there is none). An index kept beside the archive reads on from where it
// stopped with it, a batch at a time, so that no read holds the archive
// long. A capture that does not decode is an error, or skipped
// (Options.OnSkip); either way it counts toward limit.
func (db *DB) CapturesAfter(after uint64, limit int, fn func(Capture) error) (last uint64, err error) {
	skip := db.skipper()
	last = after
	err = db.view(func(tx *bolt.Tx) error {
		cur := tx.Bucket(bucketCaptures).Cursor()
		caps := captureReader{tx: tx, keep: true}
		n := 0
		for k, v := cur.Seek(idKey(after + 1)); k != nil && (limit <= 0 || n < limit); k, v = cur.Next() {
			n++
			last = keyIDOf(k)
			c, err := caps.at(k, v)
			if err != nil {
				if err := skip.handle(Skipped{Bucket: "captures", Key: hex.EncodeToString(k), Capture: last, Err: err}); err != nil {
					return err
				}
				continue
			}
			if err := fn(c); err != nil {
				return err
			}
		}
		return nil
	})
	return last, err
}

// LastCaptureID returns the ID of the newest capture, 0 in an empty
// archive: what CapturesAfter would read up to now.
func (db *DB) LastCaptureID() (uint64, error) {
	var id uint64
	err := db.view(func(tx *bolt.Tx) error {
		if k, _ := tx.Bucket(bucketCaptures).Cursor().Last(); k != nil {
			id = keyIDOf(k)
		}
		return nil
	})
	return id, err
}
