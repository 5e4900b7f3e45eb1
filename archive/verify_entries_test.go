package archive

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// indexDamage adds to the urls and doccaps indexes of the archive at path
// entries that name captures of other URLs or texts, or none, among the
// right ones, in both levels.
func indexDamage(t *testing.T, path string, caps []Capture) {
	t.Helper()
	RawUpdate(t, path, func(tx *bolt.Tx) error {
		text0, _ := ParseHash(caps[0].TextSHA256)
		puts := []struct {
			bucket []byte
			key    []byte
		}{
			{idxURLs.tail, urlKey(caps[0].URL, caps[20].ID)},           // a capture of another URL, in another block
			{idxURLs.tail, urlKey(caps[5].URL, caps[1].ID)},            // of another URL, in the same block
			{idxURLs.main, urlKey(caps[9].URL, caps[39].ID)},           // in main, where the filter misses it too
			{idxURLs.tail, urlKey("http://block.test/none", 1<<40)},    // not stored
			{idxDocCaps.tail, docCapKey(text0, caps[21].ID)},           // a capture of another text
			{idxDocCaps.main, docCapKey(text0, caps[34].ID)},           // in main
			{idxDocCaps.tail, docCapKey(text0, caps[3].ID)},            // a capture of no text
			{idxDocCaps.tail, append(text0[:], 1, 2, 3)},               // malformed
			{idxDocCaps.tail, docCapKey(Sum([]byte("x")), caps[0].ID)}, // before the others in key order (2d71… < 822b…)
		}
		for _, p := range puts {
			if err := tx.Bucket(p.bucket).Put(p.key, []byte{}); err != nil {
				return err
			}
		}
		return nil
	})
}

// verifyAll returns the findings of VerifyWith on the archive at path,
// in the order reported, with entry batches of batch entries.
func verifyAll(t *testing.T, path string, batch int) []string {
	t.Helper()
	defer func(old int) { entryBatchMax = old }(entryBatchMax)
	entryBatchMax = batch
	ro, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	var got []string
	_, err = ro.VerifyWith(VerifyOptions{}, func(f Finding) error {
		got = append(got, fmt.Sprintf("%s %s %s %d: %s", f.Kind, f.Bucket, f.Key, f.Capture, f.Detail))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// TestVerifyIndexEntriesOfBlocks: in an archive of capture blocks, index
// entries naming captures of another URL or text, or none, are each a
// finding, in walk order, the same whether entries are checked one by
// one as they come or in batches in capture ID order; an entry whose
// capture does not decode (its block cut short) is no finding of its own,
// the capture's being one already.
func TestVerifyIndexEntriesOfBlocks(t *testing.T) {
	for _, cut := range []bool{false, true} {
		t.Run(fmt.Sprintf("block cut %v", cut), func(t *testing.T) {
			db, caps := writeBlocks(t, blockEntries(40))
			path := db.Path()
			db.Close()
			indexDamage(t, path, caps)
			if cut { // the block of captures 16 to 31, past about its middle
				damageBlock(t, path, caps[captureBlockMax].ID, func(v []byte) []byte { return v[:len(v)/2] })
			}
			one := verifyAll(t, path, 1)
			for _, batch := range []int{2, 3, 1 << 16} {
				if got := verifyAll(t, path, batch); !reflect.DeepEqual(got, one) {
					t.Errorf("batches of %d found\n%s\nentries one by one\n%s", batch, strings.Join(got, "\n"), strings.Join(one, "\n"))
				}
			}
			var entries []string
			for _, f := range one {
				if strings.HasPrefix(f, FindIndexDangling) {
					entries = append(entries, f)
				}
			}
			want := []string{
				fmt.Sprintf("index-dangling urls %s %d: capture is filed under URL %s", caps[9].URL, caps[39].ID, caps[39].URL),
				fmt.Sprintf("index-dangling urls %s %d: capture is filed under URL %s", caps[0].URL, caps[20].ID, caps[20].URL),
				fmt.Sprintf("index-dangling urls %s %d: capture is filed under URL %s", caps[5].URL, caps[1].ID, caps[1].URL),
				fmt.Sprintf("index-dangling urls http://block.test/none %d: capture is not stored", uint64(1<<40)),
				fmt.Sprintf("index-dangling doccaps %s %d: capture names text %s", caps[0].TextSHA256, caps[34].ID, caps[34].TextSHA256),
				fmt.Sprintf("index-dangling doccaps %s %d: capture names text %s", Sum([]byte("x")), caps[0].ID, caps[0].TextSHA256),
				fmt.Sprintf("index-dangling doccaps %s %d: capture names text %s", caps[0].TextSHA256, caps[3].ID, ""),
				fmt.Sprintf("index-dangling doccaps %s %d: capture names text %s", caps[0].TextSHA256, caps[21].ID, caps[21].TextSHA256),
				fmt.Sprintf("index-dangling doccaps %s 0: malformed key", caps[0].TextSHA256+"010203"),
			}
			if cut { // captures 20 and 21 are past the cut: corrupt, reported by the captures step
				want = append(want[:1], want[2:]...)
				want = append(want[:6], want[7:]...)
			}
			if !reflect.DeepEqual(entries, want) {
				t.Errorf("index findings\n%s\nwant\n%s", strings.Join(entries, "\n"), strings.Join(want, "\n"))
			}
			if cut && !strings.Contains(strings.Join(one, "\n"), fmt.Sprintf("capture-corrupt captures %x ", idKey(caps[20].ID))) {
				t.Errorf("capture %d of the cut block not reported corrupt:\n%s", caps[20].ID, strings.Join(one, "\n"))
			}
		})
	}
}

// TestVerifyStopsInEntryBatch: an error fn returns for a finding of a
// batch of entries stops the check there, as for any other finding.
func TestVerifyStopsInEntryBatch(t *testing.T) {
	db, caps := writeBlocks(t, blockEntries(40))
	path := db.Path()
	db.Close()
	indexDamage(t, path, caps)
	ro, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	var seen []Finding
	st, err := ro.VerifyWith(VerifyOptions{}, func(f Finding) error {
		seen = append(seen, f)
		if f.Bucket == "urls" && f.Kind == FindIndexDangling {
			return f
		}
		return nil
	})
	last := seen[len(seen)-1]
	if !errors.Is(err, ErrFinding) || last.Key != caps[9].URL || last.Capture != caps[39].ID || st.Findings != len(seen) {
		t.Fatalf("stopped with %v after %d findings (stats %d), the last %+v; want the first urls entry's", err, len(seen), st.Findings, last)
	}
}
