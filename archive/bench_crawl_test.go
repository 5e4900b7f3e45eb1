package archive_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/internal/cputime"
)

// crawlEntries makes n entries like a crawl's: a few kilobytes of HTML, a
// text, and a sketch of independent values (unrelated texts).
func crawlEntries(n int) []archive.Entry {
	r := rand.New(rand.NewPCG(1, 2))
	words := strings.Fields("the state council information office white paper on jointly building a community with a shared future in cyberspace")
	out := make([]archive.Entry, n)
	for i := range out {
		var sb strings.Builder
		for sb.Len() < 3000 {
			sb.WriteString(words[r.IntN(len(words))])
			sb.WriteByte(' ')
		}
		u := fmt.Sprintf("http://bench.test/a/%d.html", i)
		text := u + " " + sb.String()
		out[i] = page(u, htmlOf(text), text)
		out[i].Capture.Sketch = make([]uint32, archive.SketchSize)
		for j := range out[i].Capture.Sketch {
			out[i].Capture.Sketch[j] = r.Uint32()
		}
		out[i].Capture.Shingles = 500
	}
	return out
}

// BenchmarkWriteCrawl writes 20,000 crawl-like entries through a Writer
// with its defaults, as prov crawl does (issue #6).
func BenchmarkWriteCrawl(b *testing.B) {
	entries := crawlEntries(20000)
	b.ResetTimer()
	for range b.N {
		db := MustOpen(b)
		w := archive.NewWriter(db, archive.WriterConfig{})
		for _, e := range entries {
			if err := w.Add(context.Background(), e); err != nil {
				b.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWriteGrowth writes 100,000 small entries, batchOf a
// transaction, through a Shared handle with its defaults (the archive
// closed and opened again every half second, as in a crawl), and reports
// the process's CPU time (user and system, as getrusage counts it:
// bbolt's page faults and pwrites are system time) per 1,000 entries
// over the first and the last 20,000: a write path whose cost does not
// grow with the archive reports the same for both. URLs are spread over
// the key space, as a crawl's are.
func BenchmarkWriteGrowth(b *testing.B) {
	const total, part, batchOf = 100000, 20000, 600
	for range b.N {
		s, err := archive.OpenShared(filepath.Join(b.TempDir(), "growth.db"), archive.SharedOptions{})
		if err != nil {
			b.Fatal(err)
		}
		var first, last time.Duration
		for i := 0; i < total; i += batchOf {
			batch := make([]archive.Entry, 0, batchOf)
			for j := i; j < min(i+batchOf, total); j++ {
				u := fmt.Sprintf("http://bench.test/%08x/%d.html", uint32(j)*2654435761, j)
				batch = append(batch, page(u, htmlOf(u+" body text of a typical page"), "text of "+u))
			}
			start := cputime.Process()
			if err := s.Do(func(db *archive.DB) error { _, err := db.Write(batch); return err }); err != nil {
				b.Fatal(err)
			}
			spent := cputime.Process() - start
			switch {
			case i < part:
				first += spent
			case i >= total-part:
				last += spent
			}
		}
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(first.Milliseconds())*1000/part, "cpu-ms/kpage-first")
		b.ReportMetric(float64(last.Milliseconds())*1000/part, "cpu-ms/kpage-last")
	}
}

// BenchmarkWriteCopies writes 20,000 crawl-like entries untimed, then,
// timed, a copy of each under another URL with other bytes and the same
// text: every text's document is stored already, as for a re-crawl whose
// pages changed around their text, or an agency's stories republished.
// The write then tells whether each copy's text is its document's.
func BenchmarkWriteCopies(b *testing.B) {
	entries := crawlEntries(20000)
	copies := make([]archive.Entry, len(entries))
	for i, e := range entries {
		u := strings.Replace(e.Capture.URL, "bench.test", "copy.test", 1)
		e.Capture.URL, e.Capture.RequestedURL, e.Capture.FinalURL = u, u, u
		e.Payload = []byte(htmlOf(e.Text) + "<!-- copy -->")
		copies[i] = e
	}
	write := func(db *archive.DB, batch []archive.Entry) {
		w := archive.NewWriter(db, archive.WriterConfig{})
		for _, e := range batch {
			if err := w.Add(context.Background(), e); err != nil {
				b.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		db := MustOpen(b)
		write(db, entries)
		b.StartTimer()
		write(db, copies)
	}
}
