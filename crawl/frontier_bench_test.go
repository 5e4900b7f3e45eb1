package crawl

import (
	"fmt"
	"syscall"
	"testing"
	"time"
)

// BenchmarkFrontierPages runs the frontier through what a crawl of the
// bench site asks of it per page, one op per page: the page's links
// checked and the new ones queued (ten children, ten links to pages
// anywhere in the site of 20,000 pages, twenty navigation links seen long ago), the next
// URL taken, and the pages marked done 256 at a time (as the archive's
// writer commits them).
func BenchmarkFrontierPages(b *testing.B) {
	f, err := OpenFrontier(b.TempDir() + "/f")
	if err != nil {
		b.Fatal(err)
	}
	defer func() { f.Close() }()
	url := func(i int) string { return fmt.Sprintf("http://bench.test/news/%04d/%05d.html", 2000+i%25, i) }
	nav := make([]string, 20)
	for i := range nav {
		nav[i] = fmt.Sprintf("http://bench.test/section/%d/", i)
	}
	if _, _, err := f.add(append([]string{url(0)}, nav...), 0, kindPage, budget{}); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	began := cpuTime()
	const sitePages = 20000 // as bench/crawl's default site
	page := 0
	var done []string
	for b.Loop() {
		e, ok, _, err := f.take(0)
		if err == nil && !ok { // the site is crawled: start another
			b.StopTimer()
			f.Close()
			if f, err = OpenFrontier(b.TempDir() + "/f"); err == nil {
				_, _, err = f.add([]string{url(0)}, 0, kindPage, budget{})
			}
			page = 0
			b.StartTimer()
			if err == nil {
				e, ok, _, err = f.take(0)
			}
		}
		if err != nil || !ok {
			b.Fatalf("take: %v, %v", ok, err)
		}
		links := append([]string(nil), nav...)
		for c := 10*page + 1; c <= 10*page+10 && c < sitePages; c++ {
			links = append(links, url(c))
		}
		for k := range 10 {
			links = append(links, url((page*7919+k*104729)%sitePages))
		}
		if _, _, err := f.add(links, e.depth+1, kindPage, budget{}); err != nil {
			b.Fatal(err)
		}
		f.releaseLevel(e)
		if done = append(done, e.key); len(done) == 256 {
			if err := f.Done(done...); err != nil {
				b.Fatal(err)
			}
			done = done[:0]
		}
		page++
	}
	b.ReportMetric(float64((cpuTime()-began).Nanoseconds())/float64(b.N), "cpu-ns/op")
}

// cpuTime is the process's user and system time so far: steadier than
// the wall clock on a machine others share.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
