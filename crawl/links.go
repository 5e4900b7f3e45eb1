package crawl

import (
	"bytes"
	"mime"
	"net/http"
	"net/url"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html/charset"
)

// inspect reads a successful HTML page: it sets p.CanonicalURL from a
// same-host <link rel=canonical> and returns the page's links, canonical,
// each once, in document order, then the feeds it names (<link
// rel=alternate> of an RSS or Atom type). Other pages yield no links.
func inspect(p *Page) []link {
	if p.Err != nil || p.Status < 200 || p.Status > 299 || !isHTML(p.Header, p.Content) {
		return nil
	}
	base, err := url.Parse(p.FinalURL)
	if err != nil {
		return nil
	}
	r, err := charset.NewReader(bytes.NewReader(p.Content), p.Header.Get("Content-Type"))
	if err != nil {
		return nil
	}
	doc, err := goquery.NewDocumentFromReader(r)
	if err != nil {
		return nil
	}
	if href, ok := doc.Find("base[href]").First().Attr("href"); ok {
		if b, err := base.Parse(strings.TrimSpace(href)); err == nil {
			base = b
		}
	}
	if c := relCanonical(doc, base); c != "" && sameHost(c, p.CanonicalURL) {
		p.CanonicalURL = c
	}
	return append(links(doc, base), feeds(doc, base)...)
}

// isHTML reports whether a response is HTML by its Content-Type, or by
// sniffing its content when it names none.
func isHTML(h http.Header, content []byte) bool {
	ct := h.Get("Content-Type")
	if ct == "" {
		ct = http.DetectContentType(content)
	}
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		return false
	}
	return mt == "text/html" || mt == "application/xhtml+xml"
}

// relCanonical returns the canonical form of the first <link rel=canonical>.
func relCanonical(doc *goquery.Document, base *url.URL) string {
	var out string
	doc.Find("link[rel][href]").EachWithBreak(func(_ int, s *goquery.Selection) bool {
		rel, _ := s.Attr("rel")
		if !hasToken(rel, "canonical") {
			return true
		}
		href, _ := s.Attr("href")
		out = resolve(base, href)
		return false
	})
	return out
}

// links returns the canonical form of every <a href>, each once.
func links(doc *goquery.Document, base *url.URL) []link {
	var out []link
	seen := map[string]bool{}
	doc.Find("a[href]").Each(func(_ int, s *goquery.Selection) {
		href, _ := s.Attr("href")
		if u := resolve(base, href); u != "" && !seen[u] {
			seen[u] = true
			out = append(out, link{URL: u})
		}
	})
	return out
}

// feedTypes are the <link type> values of the feeds a page names.
var feedTypes = map[string]bool{"application/rss+xml": true, "application/atom+xml": true}

// feeds returns the feeds a page names with <link rel=alternate>, each once.
func feeds(doc *goquery.Document, base *url.URL) []link {
	var out []link
	seen := map[string]bool{}
	doc.Find("link[rel][href][type]").Each(func(_ int, s *goquery.Selection) {
		rel, _ := s.Attr("rel")
		typ, _ := s.Attr("type")
		if !hasToken(rel, "alternate") || !feedTypes[strings.ToLower(strings.TrimSpace(typ))] {
			return
		}
		href, _ := s.Attr("href")
		if u := resolve(base, href); u != "" && !seen[u] {
			seen[u] = true
			out = append(out, link{URL: u, Kind: kindFeed})
		}
	})
	return out
}

// readLinks returns the links of a successful fetch: the entries of a
// sitemap or feed (fetched as one, or a page that turns out to be one),
// else the links of an HTML page.
func readLinks(p *Page, kind byte) ([]link, error) {
	if p.Err != nil || p.Status < 200 || p.Status > 299 {
		return nil, nil
	}
	if kind != kindPage || isFeedOrSitemap(p.Header, p.Content) {
		return docLinks(p, kind)
	}
	return inspect(p), nil
}

// resolve returns the canonical form of href read against base, "" when it
// is not an http(s) URL.
func resolve(base *url.URL, href string) string {
	u, err := base.Parse(strings.TrimSpace(href))
	if err != nil {
		return ""
	}
	c, err := Canonicalize(u.String())
	if err != nil {
		return ""
	}
	return c
}

func hasToken(list, token string) bool {
	for _, t := range strings.Fields(list) {
		if strings.EqualFold(t, token) {
			return true
		}
	}
	return false
}

// sameHost reports whether two canonical URLs name the same host and port.
func sameHost(a, b string) bool {
	ua, errA := url.Parse(a)
	ub, errB := url.Parse(b)
	return errA == nil && errB == nil && ua.Host == ub.Host
}
