package crawl

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"
)

// BenchmarkCrawlPages crawls a site of 300 pages of bench/crawl's kind
// (some 5 KB of text, ten links to other pages, most met before), one
// request at a time, and reports the cost per page: the fetch path
// (worker, colly, net/http, transport, links) and the frontier's part.
func BenchmarkCrawlPages(b *testing.B) {
	const pages = 300
	text := strings.Repeat("<p>Some news of the day, told at length for the reader.</p>\n", 85)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n, err := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/p/"))
		if r.URL.Path == "/" {
			n, err = 0, nil
		}
		if err != nil {
			http.NotFound(w, r)
			return
		}
		var sb strings.Builder
		sb.WriteString("<!doctype html><html><head><title>Page</title></head><body><nav>")
		for i := 1; i <= 10; i++ {
			fmt.Fprintf(&sb, `<a href="/p/%d">page %d</a> `, (n*3+i)%pages, i)
		}
		sb.WriteString("</nav>")
		sb.WriteString(text)
		sb.WriteString("</body></html>")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(sb.String()))
	}))
	b.Cleanup(srv.Close)
	port := srv.URL[strings.LastIndex(srv.URL, ":")+1:]
	b.ReportAllocs()
	fetched := 0
	for b.Loop() {
		cfg := Config{Delay: -1, Timeout: 5 * time.Second, Stats: new(Stats), Parallel: 1, NoDiscovery: true,
			Seeds:     []string{"http://site.test/"},
			ConnectTo: []ConnectTo{{Host: "site.test", Port: "80", ToHost: "127.0.0.1", ToPort: port}}}
		ch := make(chan Page, 16)
		errc := make(chan error, 1)
		go func() { errc <- Run(context.Background(), cfg, ch) }()
		for p := range ch {
			p.Memory.Release()
			fetched++
		}
		if err := <-errc; err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(fetched), "ns/page")
}
