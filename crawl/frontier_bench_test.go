package crawl

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prov-archive/prov/internal/cputime"
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
	began := cputime.Process()
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
	cputime.Report(b, began)
}

// BenchmarkFrontierCrawlParallel runs the frontier through a crawl of the
// bench site (as BenchmarkFrontierPages: 20,000 pages, each linking to
// its ten children, ten pages anywhere in the site and twenty navigation
// links) with eight workers at once, as a crawl has by default, and the
// pages marked done 256 at a time from a goroutine of their own, as the
// archive's writer does: the frontier's writes arrive together. One op is
// a whole crawl; cpu-ns/page is the CPU time per page.
func BenchmarkFrontierCrawlParallel(b *testing.B) {
	b.ReportAllocs()
	var cpu time.Duration
	for b.Loop() {
		b.StopTimer()
		f, err := OpenFrontier(b.TempDir() + "/f")
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		began := cputime.Process()
		if err := benchCrawl(f); err != nil {
			b.Fatal(err)
		}
		cpu += cputime.Process() - began
		f.Close()
	}
	b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N*benchSitePages), "cpu-ns/page")
}

const benchSitePages = 20000

// benchCrawl crawls the bench site into f with eight workers.
func benchCrawl(f *Frontier) error {
	url := func(i int) string { return fmt.Sprintf("http://bench.test/news/%04d/%05d.html", 2000+i%25, i) }
	nav := make([]string, 20)
	for i := range nav {
		nav[i] = fmt.Sprintf("http://bench.test/section/%d/", i)
	}
	if _, _, err := f.add([]string{url(0)}, 0, kindPage, budget{}); err != nil {
		return err
	}
	stored := make(chan string, 256)
	wrote := make(chan error, 1)
	go func() { // the archive's writer
		var done []string
		var err error
		for key := range stored {
			if done = append(done, key); len(done) == 256 && err == nil {
				err = f.Done(done...)
				done = done[:0]
			}
		}
		if err == nil {
			err = f.Done(done...)
		}
		wrote <- err
	}()
	total := int64(benchSitePages + len(nav)) // every page is reached
	var taken atomic.Int64
	finished := make(chan struct{}) // every page was taken, or a worker failed
	var finish sync.Once
	errs := make(chan error, 8)
	for range 8 {
		go func() {
			for {
				queued := f.wait()
				e, ok, _, err := f.take(0)
				if err == nil && ok {
					err = benchPage(f, e, url, nav)
				}
				if err != nil {
					finish.Do(func() { close(finished) })
					errs <- err
					return
				}
				if !ok {
					select {
					case <-queued:
						continue
					case <-finished:
						errs <- nil
						return
					}
				}
				stored <- e.key
				if taken.Add(1) == total {
					finish.Do(func() { close(finished) })
				}
			}
		}()
	}
	var err error
	for range 8 {
		err = cmp.Or(err, <-errs)
	}
	close(stored)
	return cmp.Or(err, <-wrote)
}

// benchPage queues the links of e, a page of the bench site.
func benchPage(f *Frontier, e entry, url func(int) string, nav []string) error {
	links := append([]string(nil), nav...)
	page, err := strconv.Atoi(strings.TrimSuffix(e.key[strings.LastIndex(e.key, "/")+1:], ".html"))
	if err == nil { // an article, not a navigation page
		for c := 10*page + 1; c <= 10*page+10 && c < benchSitePages; c++ {
			links = append(links, url(c))
		}
		for k := range 10 {
			links = append(links, url((page*7919+k*104729)%benchSitePages))
		}
	}
	if _, _, err := f.add(links, e.depth+1, kindPage, budget{}); err != nil {
		return err
	}
	f.releaseLevel(e)
	return nil
}

// BenchmarkFrontierDone marks done, 740 at a time as the archive's writer
// did in a crawl of the bench site, the 20,000 pages of a frontier that
// queued and took them all, in a shuffled order. One op is the 20,000;
// cpu-ns/op is the CPU time of the marking alone.
func BenchmarkFrontierDone(b *testing.B) {
	url := func(i int) string { return fmt.Sprintf("http://bench.test/news/%04d/%05d.html", 2000+i%25, i) }
	const pages, batch = 20000, 740
	var cpu time.Duration
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		f, taken := benchTakenFrontier(b, pages, url)
		b.StartTimer()
		began := cputime.Process()
		for i := 0; i < len(taken); i += batch {
			if err := f.Done(taken[i:min(i+batch, len(taken))]...); err != nil {
				b.Fatal(err)
			}
		}
		cpu += cputime.Process() - began
		b.StopTimer()
		f.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
}

// benchTakenFrontier returns a frontier that queued and took n pages,
// and their URLs in a shuffled order.
func benchTakenFrontier(b *testing.B, n int, url func(int) string) (*Frontier, []string) {
	f, err := OpenFrontier(b.TempDir() + "/f")
	if err != nil {
		b.Fatal(err)
	}
	keys := make([]string, n)
	for i := range keys {
		keys[i] = url(i)
	}
	if _, _, err := f.add(keys, 1, kindPage, budget{}); err != nil {
		b.Fatal(err)
	}
	var taken []string
	for {
		e, ok, _, err := f.take(0)
		if err != nil {
			b.Fatal(err)
		}
		if !ok {
			break
		}
		taken = append(taken, e.key)
	}
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(taken), func(i, j int) { taken[i], taken[j] = taken[j], taken[i] })
	return f, taken
}
