package archive

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/prov-archive/prov/internal/cputime"
)

// blockEntries are n entries whose captures differ in every way the
// record codes differently: a sketch or none, a head that is not UTF-8,
// fetch times or none, a failure.
func blockEntries(n int) []Entry {
	out := make([]Entry, n)
	for i := range out {
		u := fmt.Sprintf("http://block.test/%d.html", i)
		e := testEntry(u, fmt.Sprintf("<p>page %d</p>", i), fmt.Sprintf("text %d", i))
		c := &e.Capture
		c.Title, c.Lang = fmt.Sprintf("标题 %d", i), "zh"
		c.FetchStart = time.Date(2026, 12, 6, 10, 0, i, 0, time.UTC)
		c.FetchEnd = c.FetchStart.Add(time.Duration(i) * time.Millisecond)
		switch i % 4 {
		case 0:
			c.Sketch = []uint32{uint32(i), 7, 1 << 31}
		case 1:
			c.ResponseHead = "HTTP/1.1 200 OK\r\nX-Name: caf\xe9\r\n"
		case 2:
			c.FetchStart, c.FetchEnd = time.Time{}, time.Time{}
		case 3:
			e.Payload, e.Text, c.PayloadSHA256, c.TextSHA256 = nil, "", "", ""
			c.Status, c.Error = 0, "dial tcp: refused"
		}
		out[i] = e
	}
	return out
}

// writeBlocks writes entries in one transaction into a new archive and
// returns it with the captures as stored.
func writeBlocks(t *testing.T, entries []Entry) (*DB, []Capture) {
	t.Helper()
	db := openPairDB(t)
	caps, err := db.write(entries)
	if err != nil {
		t.Fatal(err)
	}
	return db, caps
}

// TestCaptureBlocksReadBack: 40 captures written in one transaction go
// into blocks of captureBlockMax, and each reads back field for field,
// alone (Capture) and in a walk (Captures); every record is recBlocked
// and no block is left open.
func TestCaptureBlocksReadBack(t *testing.T) {
	db, caps := writeBlocks(t, blockEntries(40))
	for _, want := range caps {
		got, err := db.Capture(want.ID)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("capture %d reads alone as\n%+v, %v\nwant\n%+v", want.ID, got, err, want)
		}
	}
	var walked []Capture
	if err := db.Captures(func(c Capture) error { walked = append(walked, c); return nil }); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(walked, caps) {
		t.Errorf("a walk reads %d captures unlike the %d written", len(walked), len(caps))
	}
	blocks := map[byte]int{}
	db.bolt.View(func(tx *bolt.Tx) error {
		tx.Bucket(bucketCaptures).ForEach(func(_, v []byte) error {
			if v[0] != recBlocked {
				t.Errorf("record of form %d, want recBlocked", v[0])
			}
			return nil
		})
		return tx.Bucket(bucketCapBlocks).ForEach(func(_, v []byte) error { blocks[v[0]]++; return nil })
	})
	if want := (map[byte]int{blockDeflated: 3}); !reflect.DeepEqual(blocks, want) {
		t.Errorf("blocks by form %v, want %v", blocks, want)
	}
	n := 0
	if err := db.Verify(func(f Finding) error { n++; t.Error(f); return nil }); err != nil || n > 0 {
		t.Errorf("verify: %v, %d findings", err, n)
	}
}

// TestCaptureBlockReadInItsTransaction: a capture whose block is still
// open reads in the transaction that writes it, so a later entry of the
// same batch sees it: the same bytes of the same URL again are a revisit.
func TestCaptureBlockReadInItsTransaction(t *testing.T) {
	first := testEntry("http://block.test/again", "<p>same</p>", "same")
	again := testEntry("http://block.test/again", "<p>same</p>", "same")
	_, caps := writeBlocks(t, []Entry{first, again})
	if caps[0].Kind != KindResponse || caps[1].Kind != KindRevisit {
		t.Errorf("kinds %q, %q: want %q, %q", caps[0].Kind, caps[1].Kind, KindResponse, KindRevisit)
	}
}

// damageBlock replaces the block holding capture id with what damage
// makes of it, and returns the block's ID.
func damageBlock(t *testing.T, path string, id uint64, damage func([]byte) []byte) uint64 {
	t.Helper()
	var block uint64
	RawUpdate(t, path, func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketCapBlocks)
		k, v := b.Cursor().Seek(idKey(id))
		if k == nil || keyID(k) != id {
			return fmt.Errorf("no block at capture %d", id)
		}
		block = keyID(k)
		if v = damage(bytes.Clone(v)); v == nil {
			return b.Delete(k)
		}
		return b.Put(k, v)
	})
	return block
}

// TestCaptureBlockDamage: a block cut short in its deflate stream takes
// the captures whose rests lie past the cut, and no other: verify reports
// each of them corrupt, naming the block; salvage copies every other
// capture (those of the block before the cut too) and loses those, and
// its archive verifies clean. A block that is gone takes all its
// captures.
func TestCaptureBlockDamage(t *testing.T) {
	for _, c := range []struct {
		name   string
		damage func([]byte) []byte
		all    bool // every capture of the block is lost
	}{
		{"cut short", func(v []byte) []byte { return v[:len(v)/2] }, false},
		{"gone", func([]byte) []byte { return nil }, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			db, caps := writeBlocks(t, blockEntries(40))
			path := db.Path()
			db.Close()
			block := damageBlock(t, path, caps[captureBlockMax].ID, c.damage)
			in := func(id uint64) bool { return id >= block && id < block+captureBlockMax }

			ro, err := Open(path, Options{ReadOnly: true})
			if err != nil {
				t.Fatal(err)
			}
			defer ro.Close()
			corrupt := map[uint64]bool{}
			_, err = ro.VerifyWith(VerifyOptions{}, func(f Finding) error {
				if f.Kind != FindCaptureCorrupt || !strings.Contains(f.Detail, fmt.Sprintf("block %d", block)) {
					t.Errorf("finding %+v: want captures corrupt, naming block %d", f, block)
				}
				corrupt[keyID(mustHex(t, f.Key))] = true
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			for _, want := range caps {
				got, err := ro.Capture(want.ID)
				switch {
				case corrupt[want.ID] != (err != nil):
					t.Errorf("capture %d: verify says corrupt %v, read says %v", want.ID, corrupt[want.ID], err)
				case err == nil && !reflect.DeepEqual(got, want):
					t.Errorf("capture %d reads as %+v", want.ID, got)
				case err != nil && !in(want.ID):
					t.Errorf("capture %d, not of block %d, lost: %v", want.ID, block, err)
				}
			}
			if len(corrupt) == 0 || c.all != (len(corrupt) == captureBlockMax) || !c.all && corrupt[block] {
				t.Errorf("%d captures of the block corrupt (the first: %v)", len(corrupt), corrupt[block])
			}

			into := filepath.Join(t.TempDir(), "rescued.db")
			lost := map[uint64]bool{}
			st, err := Salvage(path, into, SalvageOptions{}, func(l Loss) {
				if l.Bucket == "captures" {
					lost[l.Capture] = true
				}
			})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(lost, corrupt) || st.Copied["captures"] != len(caps)-len(corrupt) {
				t.Errorf("salvage lost %v and copied %d, want %v lost", lost, st.Copied["captures"], corrupt)
			}
			rescued, err := Open(into, Options{ReadOnly: true})
			if err != nil {
				t.Fatal(err)
			}
			defer rescued.Close()
			if err := rescued.Verify(func(f Finding) error { return f }); err != nil {
				t.Errorf("verify of the salvaged archive: %v", err)
			}
			for _, want := range caps {
				if got, err := rescued.Capture(want.ID); !lost[want.ID] && (err != nil || !reflect.DeepEqual(got, want)) {
					t.Errorf("salvaged capture %d reads as %+v, %v", want.ID, got, err)
				}
			}
		})
	}
}

func mustHex(t *testing.T, s string) []byte {
	t.Helper()
	var k []byte
	if _, err := fmt.Sscanf(s, "%x", &k); err != nil {
		t.Fatal(err)
	}
	return k
}

// TestSchema6ArchiveWithBlocks: an archive of schema 6 (recBinary and
// JSON records, no capblocks bucket) reads read-only as it did; a writer
// brings it to schema 8 and writes blocks beside the old records, which
// read as before.
func TestSchema6ArchiveWithBlocks(t *testing.T) {
	path := gunzipFixture(t, "testdata/schema6.db.gz")
	all := func(db *DB) []Capture {
		var out []Capture
		if err := db.Captures(func(c Capture) error { out = append(out, c); return nil }); err != nil {
			t.Fatal(err)
		}
		return out
	}
	ro, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	before := all(ro)
	ro.Close()
	if len(before) == 0 {
		t.Fatal("no captures in the fixture")
	}
	db := openUpgraded(t, path)
	caps, err := db.write(blockEntries(20))
	if err != nil {
		t.Fatal(err)
	}
	after := all(db)
	if !reflect.DeepEqual(after[:len(before)], before) || !reflect.DeepEqual(after[len(before):], caps) {
		t.Errorf("after the write, the archive reads %d captures unlike the %d old and %d new", len(after), len(before), len(caps))
	}
	for _, c := range before[:3] {
		if got, err := db.Capture(c.ID); err != nil || !reflect.DeepEqual(got, c) {
			t.Errorf("old capture %d reads alone as %+v, %v", c.ID, got, err)
		}
	}
	n := 0
	if err := db.Verify(func(f Finding) error { n++; t.Error(f); return nil }); err != nil || n > 0 {
		t.Errorf("verify: %v, %d findings", err, n)
	}
}

// TestBlockRestsRefuseDamage: counts and lengths that do not fit the
// block are errors, not allocations or panics.
func TestBlockRestsRefuseDamage(t *testing.T) {
	for _, v := range [][]byte{
		{blockDeflated},
		{blockDeflated, 0},
		{blockDeflated, 0xff, 0xff, 0xff, 0xff, 0x0f},
		{blockDeflated, 1, 0xff, 0xff, 0xff, 0xff, 0x0f, 1, 2},
		{blockOpen, 5, 'a'},
		{9, 1, 1},
	} {
		if rests, err := blockRests(v, 0); err == nil {
			t.Errorf("block %x reads as %q", v, rests)
		}
	}
}

// BenchmarkCaptureBlock codes the rests of 2,048 captures like the crawl
// benchmark's one by one, as recBinary records did (StatelessDeflate
// against captureDict), and in blocks of 8, 16 and 32 (deflateBlock):
// cpu-ns and stored bytes per capture.
func BenchmarkCaptureBlock(b *testing.B) {
	rests := make([][]byte, 2048)
	for i := range rests {
		c := benchLikeCapture()
		c.URL = fmt.Sprintf("http://bench.test/news/%d/%05d.html", 2000+i%25, i)
		c.RequestedURL, c.FinalURL, c.Title = c.URL, c.URL, fmt.Sprintf("%s %d", c.Title, i)
		c.Redirects[0].URL = c.URL
		c.RemoteAddr = fmt.Sprintf("127.0.0.1:%d", 30000+i)
		c.PayloadLength += int64(i)
		c.ID, c.RunID, c.Sketch, c.PayloadSHA256, c.TextSHA256 = 0, 0, nil, "", ""
		c.FetchStart, c.FetchEnd = time.Time{}, time.Time{}
		js, err := json.Marshal(storedCapture{Capture: &c})
		if err != nil {
			b.Fatal(err)
		}
		rests[i] = js
	}
	// report gives the CPU time (all threads', as cputime.Report) and
	// the stored bytes of a capture.
	report := func(b *testing.B, began time.Duration, size int) {
		if cpu := cputime.Process() - began; cpu > 0 {
			b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N*len(rests)), "cpu-ns/capture")
		}
		b.ReportMetric(float64(size)/float64(len(rests)), "bytes/capture")
	}
	b.Run("one", func(b *testing.B) {
		began, size := cputime.Process(), 0
		for b.Loop() {
			size = 0
			for _, r := range rests {
				size += len(deflateDict(nil, r))
			}
		}
		report(b, began, size)
	})
	for _, n := range []int{8, 16, 32} {
		b.Run(fmt.Sprint("block", n), func(b *testing.B) {
			began, size := cputime.Process(), 0
			var open []byte
			for b.Loop() {
				size = 0
				for i := 0; i < len(rests); i += n {
					open = append(open[:0], blockOpen)
					block := rests[i:min(i+n, len(rests))]
					for _, r := range block {
						open = appendOpenRest(open, r)
					}
					v, err := deflateBlock(open, len(block))
					if err != nil {
						b.Fatal(err)
					}
					size += len(v)
				}
			}
			report(b, began, size)
		})
	}
}

// BenchmarkCaptureReadAlone reads one capture by its ID in a read
// transaction (getCapture), as Previous and the exports' lookups do, from a block of 16 captures like the crawl
// benchmark's: the block's first, middle and last; and, for comparison,
// the same capture as a recBinary record (schema 3 to 7).
func BenchmarkCaptureReadAlone(b *testing.B) {
	db, err := Open(filepath.Join(b.TempDir(), "prov.db"), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	entries := make([]Entry, captureBlockMax)
	for i := range entries {
		c := benchLikeCapture()
		c.URL = fmt.Sprintf("http://bench.test/news/2005/%05d.html", i)
		c.RequestedURL, c.FinalURL, c.Title = c.URL, c.URL, fmt.Sprintf("%s %d", c.Title, i)
		c.ID, c.PayloadSHA256, c.PayloadLength = 0, "", 0
		entries[i] = Entry{Capture: c, Payload: []byte(fmt.Sprintf("<p>%d</p>", i))}
	}
	caps, err := db.write(entries)
	if err != nil {
		b.Fatal(err)
	}
	for _, i := range []int{0, captureBlockMax / 2, captureBlockMax - 1} {
		b.Run(fmt.Sprint("blocked", i), func(b *testing.B) {
			db.bolt.View(func(tx *bolt.Tx) error {
				defer cputime.Report(b, cputime.Process())
				for b.Loop() {
					if _, err := getCapture(tx, caps[i].ID); err != nil {
						b.Fatal(err)
					}
				}
				return nil
			})
		})
	}
	old, err := encodeCapture(caps[captureBlockMax/2])
	if err != nil {
		b.Fatal(err)
	}
	b.Run("binary", func(b *testing.B) {
		defer cputime.Report(b, cputime.Process())
		for b.Loop() {
			if _, err := decodeCapture(old); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// TestSharedPreviousKeepsBlocks: Previous through a Shared handle, which
// keeps the blocks it inflated, answers as a DB's does, for captures of
// blocks it keeps, of blocks written after it kept some, and of a block
// it dropped for newer ones.
func TestSharedPreviousKeepsBlocks(t *testing.T) {
	path := filepath.Join(t.TempDir(), "prov.db")
	s, err := OpenShared(path, SharedOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	entries := blockEntries(captureBlockMax * (blockCacheSize + 2))
	write := func(entries []Entry) {
		if err := s.Do(func(db *DB) error { _, err := db.write(entries); return err }); err != nil {
			t.Fatal(err)
		}
	}
	check := func(entries []Entry) {
		t.Helper()
		for _, e := range entries {
			got, err := s.Previous(e.Capture.URL)
			var want Previous
			if err == nil {
				err = s.Do(func(db *DB) (err error) { want, err = db.Previous(e.Capture.URL); return err })
			}
			if err != nil || !reflect.DeepEqual(got, want) || !got.Exists {
				t.Errorf("Previous(%s) through the handle = %+v, %v; want %+v", e.Capture.URL, got, err, want)
			}
		}
	}
	half := len(entries) / 2
	write(entries[:half])
	check(entries[:half])
	write(entries[half:])
	check(entries)
	check(entries[:captureBlockMax])
	if s.blocks.ids == [blockCacheSize]uint64{} {
		t.Error("the handle kept no block")
	}
}
