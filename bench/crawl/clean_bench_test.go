package main

import (
	"net/http"
	"syscall"
	"testing"
	"time"

	"github.com/prov-archive/prov/clean"
)

// BenchmarkCleanSite cleans pages of the generated site as prov crawl
// does, one op per page: the clean share of the crawl's CPU per page,
// without the network and the archive.
func BenchmarkCleanSite(b *testing.B) {
	const n = 500
	pages := make([][]byte, n)
	for i := range pages {
		pages[i] = []byte(renderPage(i, 20000, false))
	}
	h := http.Header{"Content-Type": {"text/html; charset=utf-8"}}
	b.ReportAllocs()
	i := 0
	began := cpuTime()
	for b.Loop() {
		in := clean.Input{URL: "http://" + benchHost + pagePath(i%n), Header: h, Body: pages[i%n]}
		if _, err := clean.Clean(in); err != nil {
			b.Fatal(err)
		}
		i++
	}
	// CPU time, garbage collection on other threads included, is steadier
	// than ns/op on a machine others share.
	b.ReportMetric(float64((cpuTime()-began).Nanoseconds())/float64(b.N), "cpu-ns/op")
}

// cpuTime is the process's user and system time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
