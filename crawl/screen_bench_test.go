package crawl

import (
	"fmt"
	"net/url"
	"testing"
)

// BenchmarkScreen screens the links of a page of bench/crawl's site, one
// op a page: its navigation (seven links) and twenty article links, all
// in scope, none a trap.
func BenchmarkScreen(b *testing.B) {
	seed, _ := url.Parse("http://bench.test/")
	cfg := Config{MaxDepth: 50}
	cr := &crawler{cfg: cfg, scope: newScope(cfg, []*url.URL{seed}), traps: newTraps(cfg)}
	links := []link{{URL: "http://bench.test/", Kind: kindPage}}
	for i := range 6 {
		links = append(links, link{URL: fmt.Sprintf("http://bench.test/news/%04d/%05d.html", 2000+i, i), Kind: kindPage})
	}
	for i := range 20 {
		links = append(links, link{URL: fmt.Sprintf("http://bench.test/news/%04d/%05d.html", 2000+i%25, 10*i+1234), Kind: kindPage})
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, l := range links {
			if why := cr.screen(l, 3); why != "" {
				b.Fatalf("%s: %s", l.URL, why)
			}
		}
	}
}
