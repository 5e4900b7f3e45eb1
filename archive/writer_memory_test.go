package archive_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/memory"
)

// TestWriterMemoryHolds: an entry's hold is shrunk to what the queued
// entry keeps (its encoded payload and text) when Add returns, kept until
// its batch is done, and released then, whether the batch was committed
// or failed, and at once when Add refuses the entry. The payload is
// stored whole.
func TestWriterMemoryHolds(t *testing.T) {
	payload := bytes.Repeat([]byte("<p>harbour ferry budget</p>\n"), 1<<20/28) // about 1 MiB, deflates well
	failed := errors.New("disk full")
	cases := []struct {
		name     string
		fail     error // FailCommit's
		badURL   bool
		closeNow bool // Close before Add
		wantAdd  error
		wantKept bool // held while queued
	}{
		{name: "committed", wantKept: true},
		{name: "commit failed", fail: failed, wantKept: true},
		{name: "refused entry", badURL: true, wantAdd: errors.New("bad URL")},
		{name: "after Close", closeNow: true, wantAdd: archive.ErrClosed},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			db := MustOpen(t)
			b := memory.NewBudget(64 << 20)
			w := archive.NewWriter(db, archive.WriterConfig{MaxBatch: 100, MaxDelay: time.Hour,
				FailCommit: func() error { return c.fail }})
			if c.closeNow {
				w.Close()
			}
			var shas []string
			for i := range 3 {
				u := fmt.Sprintf("http://a.test/%d", i)
				e := page(u, string(payload)+u, "text of "+u)
				if c.badURL {
					e.Capture.URL, e.Capture.FinalURL, e.Capture.RequestedURL = "", "", ""
				}
				e.Memory, _ = b.Acquire(context.Background(), 20<<20)
				err := w.Add(context.Background(), e)
				if (err != nil) != (c.wantAdd != nil) {
					t.Fatalf("Add: %v, want %v", err, c.wantAdd)
				}
				if err != nil {
					if e.Memory.Bytes() != 0 {
						t.Errorf("refused entry still holds %d bytes", e.Memory.Bytes())
					}
					continue
				}
				if n := e.Memory.Bytes(); n == 0 || n > int64(len(payload))/10 {
					t.Errorf("queued entry holds %d bytes; want its encoded payload and text, under %d", n, len(payload)/10)
				}
				shas = append(shas, archive.Sum(append(append([]byte{}, payload...), u...)).String())
			}
			if kept := b.InUse() > 0; kept != c.wantKept {
				t.Errorf("before Close, %d bytes held; want held: %v", b.InUse(), c.wantKept)
			}
			if err := w.Close(); (err != nil) != (c.fail != nil) {
				t.Errorf("Close: %v, want %v", err, c.fail)
			}
			if n := b.InUse(); n != 0 {
				t.Errorf("%d bytes still held after Close", n)
			}
			if c.fail != nil {
				return
			}
			for i, sha := range shas {
				got, err := db.Payload(sha)
				want := append(append([]byte{}, payload...), fmt.Sprintf("http://a.test/%d", i)...)
				if err != nil || !bytes.Equal(got, want) {
					t.Errorf("payload %d: %d bytes, %v; want the %d bytes given", i, len(got), err, len(want))
				}
			}
		})
	}
}
