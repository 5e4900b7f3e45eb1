package archive

import (
	bolt "go.etcd.io/bbolt"
)

// oldLayout gives the archive of tx the layout of schema 4 and older,
// as those provs made it: every index key in its main bucket, no tails.
// The schema it states is the caller's to set.
func oldLayout(tx *bolt.Tx) error {
	for _, ix := range twoLevel {
		tail := tx.Bucket(ix.tail)
		if tail == nil {
			continue
		}
		main := tx.Bucket(ix.main)
		if err := tail.ForEach(func(k, v []byte) error { return main.Put(k, v) }); err != nil {
			return err
		}
		if err := tx.DeleteBucket(ix.tail); err != nil {
			return err
		}
	}
	return nil
}
