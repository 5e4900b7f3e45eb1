package main

import (
	"testing"

	"github.com/prov-archive/prov/clean/charset"
	"github.com/prov-archive/prov/internal/cputime"
)

// BenchmarkDecideSite decides and decodes pages of the generated site as
// clean.Clean does, one op per page: the charset share of its CPU on
// pages served and declared as UTF-8.
func BenchmarkDecideSite(b *testing.B) {
	const n = 500
	pages := sitePages(n)
	b.ReportAllocs()
	i := 0
	began := cputime.Process()
	for b.Loop() {
		charset.DecideDecode(pages[i%n], "text/html; charset=utf-8", "")
		i++
	}
	cputime.Report(b, began)
}
