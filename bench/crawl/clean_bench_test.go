package main

import (
	"net/http"
	"testing"

	"github.com/prov-archive/prov/clean"
	"github.com/prov-archive/prov/internal/cputime"
)

// BenchmarkCleanSite cleans pages of the generated site as prov crawl
// does, one op per page: the clean share of the crawl's CPU per page,
// without the network and the archive.
func BenchmarkCleanSite(b *testing.B) {
	const n = 500
	pages := sitePages(n)
	h := http.Header{"Content-Type": {"text/html; charset=utf-8"}}
	b.ReportAllocs()
	i := 0
	began := cputime.Process()
	for b.Loop() {
		in := clean.Input{URL: "http://" + benchHost + pagePath(i%n), Header: h, Body: pages[i%n]}
		if _, err := clean.Clean(in); err != nil {
			b.Fatal(err)
		}
		i++
	}
	// CPU time, garbage collection on other threads included, is steadier
	// than ns/op on a machine others share.
	cputime.Report(b, began)
}

// sitePages renders the first n pages of a generated site of 20,000, for
// the benchmarks that take pages one op at a time.
func sitePages(n int) [][]byte {
	pages := make([][]byte, n)
	for i := range pages {
		pages[i] = []byte(renderPage(i, 20000, false))
	}
	return pages
}
