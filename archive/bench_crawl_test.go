package archive_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/prov-archive/prov/archive"
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
