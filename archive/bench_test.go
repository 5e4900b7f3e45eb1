package archive_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/prov-archive/prov/archive"
)

func benchEntries(n int) []archive.Entry {
	out := make([]archive.Entry, n)
	for i := range out {
		u := fmt.Sprintf("http://bench.test/page/%d", i)
		out[i] = page(u, htmlOf(u+" body text of a typical page"), "text of "+u)
	}
	return out
}

// BenchmarkWriteOnePerTx is the baseline: one transaction (one fsync) per entry.
func BenchmarkWriteOnePerTx(b *testing.B) {
	db := MustOpen(b)
	entries := benchEntries(b.N)
	b.ResetTimer()
	for i := range entries {
		if _, err := db.Write(entries[i : i+1]); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWriteBatch128 writes 128 entries per transaction.
func BenchmarkWriteBatch128(b *testing.B) {
	db := MustOpen(b)
	entries := benchEntries(b.N)
	b.ResetTimer()
	for i := 0; i < len(entries); i += 128 {
		if _, err := db.Write(entries[i:min(i+128, len(entries))]); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWriteWriter goes through the Writer with its defaults.
func BenchmarkWriteWriter(b *testing.B) {
	db := MustOpen(b)
	entries := benchEntries(b.N)
	b.ResetTimer()
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
