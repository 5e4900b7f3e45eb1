package crawl

import (
	"fmt"
	"net/http"
	"strings"
)

// mapsHost is the test site with robots.txt Sitemap: lines, sitemaps and
// feeds; its routes are in the package's one route table (newTestServer),
// bound to this host so www.example.test serves no sitemap.
const mapsHost = "maps.example.test"

func mapsURL(path string) string { return "http://" + mapsHost + path }

func urlset(entries ...string) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
	for _, e := range entries {
		loc, mod, _ := strings.Cut(e, " ")
		fmt.Fprintf(&b, "<url><loc>%s</loc>", loc)
		if mod != "" {
			fmt.Fprintf(&b, "<lastmod>%s</lastmod>", mod)
		}
		b.WriteString("</url>")
	}
	b.WriteString("</urlset>")
	return b.String()
}

func xmlDoc(contentType, body string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", contentType)
		fmt.Fprint(w, body)
	}
}

// mapsRoutes serve mapsHost: robots.txt names a sitemap index, one sitemap
// out of scope, one disallowed and one missing; /sitemap.xml lists pages
// with and without <lastmod>; the index names a gzip'd and a plain-text
// sitemap; /m/p1 links an RSS and an Atom feed.
func mapsRoutes() map[string]http.HandlerFunc {
	h := func(path string) string { return mapsHost + path }
	rss := `<?xml version="1.0"?><rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>t</title>` +
		`<link>http://maps.example.test/m/home</link><atom:link href="http://maps.example.test/m/feed.rss" rel="self"/>` +
		`<item><title>1</title><link>http://maps.example.test/m/r1</link></item>` +
		`<item><title>2</title><link> /m/r2?utm_source=rss </link></item></channel></rss>`
	atom := `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>` +
		`<link rel="self" href="/m/atom.xml"/><entry><title>a</title><link rel="self" href="/m/not-this"/>` +
		`<link rel="alternate" type="text/html" href="/m/a1"/><updated>2024-01-01T00:00:00Z</updated></entry></feed>`
	return map[string]http.HandlerFunc{
		h("/robots.txt"): func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprint(w, "User-agent: *\nDisallow: /m/private\n\n"+
				"Sitemap: http://maps.example.test/m/index.xml\nSitemap: http://other.test/sitemap.xml\n"+
				"Sitemap: http://maps.example.test/m/private/sitemap.xml\nSitemap: http://maps.example.test/m/missing.xml\n")
		},
		h("/sitemap.xml"): xmlDoc("application/xml", urlset(mapsURL("/m/p1")+" 2024-01-01", mapsURL("/m/p2"),
			"http://other.test/x", mapsURL("/m/private/page"))),
		h("/m/index.xml"): xmlDoc("text/xml", `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`+
			`<sitemap><loc>http://maps.example.test/m/sub1.xml.gz</loc><lastmod>2020-01-01</lastmod></sitemap>`+
			`<sitemap><loc>http://maps.example.test/m/sub.txt</loc></sitemap></sitemapindex>`),
		h("/m/sub1.xml.gz"): serve("application/x-gzip", gzipped([]byte(urlset(mapsURL("/m/p3")+" 2020-01-01T10:00:00+08:00")))),
		h("/m/sub.txt"):     xmlDoc("text/plain", "# pages\n"+mapsURL("/m/p4")+"\n\nnot a url\n"),
		h("/m/missing.xml"): func(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) },
		h("/m/p1"): page(`<html><head><link rel="alternate" type="application/rss+xml" href="/m/feed.rss">` +
			`<link rel="alternate" type="application/atom+xml" href="/m/atom.xml"></head><body>p1</body></html>`),
		h("/m/feed.rss"): xmlDoc("application/rss+xml; charset=utf-8", rss),
		h("/m/atom.xml"): xmlDoc("application/atom+xml", atom),
		h("/m/"):         page(article),
	}
}
