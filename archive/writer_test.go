package archive_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/prov-archive/prov/archive"
)

func TestWriterBatchesAndFlushesOnClose(t *testing.T) {
	db := MustOpen(t)
	var mu sync.Mutex
	var batches []int
	w := archive.NewWriter(db, archive.WriterConfig{MaxBatch: 10, MaxDelay: time.Hour,
		OnCommit: func(caps []archive.Capture) { mu.Lock(); batches = append(batches, len(caps)); mu.Unlock() }})
	var wg sync.WaitGroup
	for g := 0; g < 5; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 5; i++ {
				u := fmt.Sprintf("http://a.test/%d/%d", g, i)
				if err := w.Add(context.Background(), page(u, u, "")); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if want := []int{10, 10, 5}; fmt.Sprint(batches) != fmt.Sprint(want) {
		t.Errorf("batches = %v, want %v (two full, the rest on Close)", batches, want)
	}
	if st, _ := db.Stats(); st.Captures != 25 {
		t.Errorf("captures = %d, want 25", st.Captures)
	}
	if err := w.Add(context.Background(), page("http://a.test/late", "x", "")); !errors.Is(err, archive.ErrClosed) {
		t.Errorf("Add after Close: %v", err)
	}
}

func TestWriterFlushesAfterMaxDelay(t *testing.T) {
	db := MustOpen(t)
	committed := make(chan int, 1)
	w := archive.NewWriter(db, archive.WriterConfig{MaxDelay: 20 * time.Millisecond,
		OnCommit: func(caps []archive.Capture) { committed <- len(caps) }})
	defer w.Close()
	w.Add(context.Background(), page("http://a.test/", "x", ""))
	select {
	case n := <-committed:
		if n != 1 {
			t.Errorf("batch of %d", n)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("no flush after MaxDelay")
	}
}

// Flush commits the batch at once, long before MaxDelay.
func TestWriterFlushCommitsNow(t *testing.T) {
	db := MustOpen(t)
	committed := make(chan int, 1)
	w := archive.NewWriter(db, archive.WriterConfig{MaxDelay: time.Hour,
		OnCommit: func(caps []archive.Capture) { committed <- len(caps) }})
	defer w.Close()
	w.Flush() // an empty batch: nothing to commit
	w.Add(context.Background(), page("http://a.test/", "x", ""))
	w.Add(context.Background(), page("http://a.test/2", "y", ""))
	deadline := time.After(5 * time.Second)
	for n := 0; n < 2; {
		w.Flush()
		select {
		case got := <-committed:
			n += got
		case <-time.After(10 * time.Millisecond):
		case <-deadline:
			t.Fatalf("%d of 2 entries committed 5 s after Flush, with MaxDelay an hour", n)
		}
	}
}

func TestWriterRejectsBadEntryInAdd(t *testing.T) {
	db := MustOpen(t)
	w := archive.NewWriter(db, archive.WriterConfig{})
	bad := page("http://a.test/", "bytes", "")
	bad.Capture.PayloadSHA256 = archive.Sum([]byte("else")).String()
	if err := w.Add(context.Background(), bad); !errors.Is(err, archive.ErrMismatch) {
		t.Errorf("Add = %v, want ErrMismatch", err)
	}
	if err := w.Add(context.Background(), page("http://a.test/", "ok", "")); err != nil {
		t.Errorf("a bad entry poisoned the writer: %v", err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if st, _ := db.Stats(); st.Captures != 1 {
		t.Errorf("captures = %d, want 1", st.Captures)
	}
}

// TestWriterStoresRunRecordWithBatch: the run record RunRecord returns is
// stored in each batch's own transaction, so after any commit the run's
// counters equal the captures stored, and the record stays running.
func TestWriterStoresRunRecordWithBatch(t *testing.T) {
	db := MustOpen(t)
	run, err := db.BeginRun([]string{"http://a.test/"}, "")
	if err != nil {
		t.Fatal(err)
	}
	stored := 0
	var seen []int // the record as the archive holds it after each commit
	w := archive.NewWriter(db, archive.WriterConfig{MaxBatch: 4, MaxDelay: time.Hour,
		RunRecord: func(caps []archive.Capture) archive.Run {
			r := run
			r.Fetched = stored + len(caps)
			return r
		},
		OnCommit: func(caps []archive.Capture) {
			stored += len(caps)
			runs, _ := db.Runs()
			seen = append(seen, runs[0].Fetched)
		}})
	for i := range 10 {
		u := fmt.Sprintf("http://a.test/%d", i)
		if err := w.Add(context.Background(), page(u, u, "")); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(seen) != "[4 8 10]" {
		t.Errorf("run record after each commit counted %v, want [4 8 10]", seen)
	}
	if runs, _ := db.Runs(); runs[0].Status != archive.RunRunning {
		t.Errorf("status %q, want running until FinishRun", runs[0].Status)
	}
}

// A batch is committed once its entries' bytes (payloads, their stored
// forms and texts) reach MaxBatchBytes, however few they are.
func TestWriterBoundsBatchBytes(t *testing.T) {
	db := MustOpen(t)
	var mu sync.Mutex
	var batches []int
	w := archive.NewWriter(db, archive.WriterConfig{MaxBatch: 100, MaxBatchBytes: 1000, MaxDelay: time.Hour,
		OnCommit: func(caps []archive.Capture) { mu.Lock(); batches = append(batches, len(caps)); mu.Unlock() }})
	for i := range 7 {
		u := fmt.Sprintf("http://a.test/%d", i)
		text := fmt.Sprintf("%d %0400d", i, 0) // about 400 bytes: the third fills a batch
		if err := w.Add(context.Background(), page(u, "x", text)); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if want := []int{3, 3, 1}; fmt.Sprint(batches) != fmt.Sprint(want) {
		t.Errorf("batches = %v, want %v (two of 1,000 bytes, the rest on Close)", batches, want)
	}
}
