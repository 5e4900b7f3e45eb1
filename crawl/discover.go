package crawl

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"golang.org/x/net/html/charset"
)

// Kinds of what a frontier URL is fetched for. A page is sent on the run's
// channel; the others are documents read only for the URLs they list.
const (
	kindPage    byte = 0
	kindRobots  byte = 'r' // robots.txt, read for its Sitemap: lines
	kindSitemap byte = 's' // a sitemap or sitemap index (XML, gzip'd XML, or plain text)
	kindFeed    byte = 'f' // an RSS or Atom feed
)

// Bounds on the documents read for URLs.
const (
	maxSitemapBytes = 50 << 20 // a sitemap, un-gzipped (the sitemaps.org limit)
	maxDocLinks     = 50000    // URLs read from one sitemap or feed (the sitemaps.org limit)
	maxDocsPerHost  = 200      // sitemaps and feeds queued per host over a crawl
)

// link is a URL found in a fetched document.
type link struct {
	URL     string    // canonical
	Kind    byte      // kindPage, or kindSitemap / kindFeed for a document to read
	LastMod time.Time // a sitemap's <lastmod>, zero when none
}

// entryOf names, for each root element of a sitemap or feed, the element
// that holds one entry.
var entryOf = map[string]string{
	"urlset": "url", "sitemapindex": "sitemap", "rss": "item", "RDF": "item", "feed": "entry",
}

// docLinks returns the URLs a sitemap or feed lists. A sitemap index
// yields sitemaps to read; a sitemap that is neither XML nor gzip'd XML is
// read as plain text, one URL a line.
func docLinks(p *Page, kind byte) ([]link, error) {
	base, err := url.Parse(p.FinalURL)
	if err != nil {
		return nil, fmt.Errorf("crawl: read %s: %w", p.FinalURL, err)
	}
	content, err := gunzipDoc(p.Content, maxSitemapBytes)
	if err != nil {
		return nil, fmt.Errorf("crawl: read %s: %w", p.FinalURL, err)
	}
	out, root, err := xmlLinks(content, base)
	if root == "" && kind == kindSitemap && !looksLikeMarkup(content) {
		return textLinks(content, base), nil
	}
	if err == nil && entryOf[root] == "" {
		err = fmt.Errorf("<%s> is neither a sitemap nor a feed", root)
	}
	if err != nil {
		return out, fmt.Errorf("crawl: read %s: %w", p.FinalURL, err)
	}
	return out, nil
}

// gunzipDoc un-gzips a gzip'd sitemap (a .xml.gz file, gzip'd whatever
// its content coding), at most limit bytes of it, as decode removes a gzip
// coding (bytes after the gzip data left out).
func gunzipDoc(content []byte, limit int64) ([]byte, error) {
	if len(content) < 2 || content[0] != 0x1f || content[1] != 0x8b {
		return content, nil
	}
	data, over, _, err := decodeInto(&sink{limit: limit}, content, "gzip", false)
	if err != nil {
		return nil, err
	}
	if over {
		return data, fmt.Errorf("gunzip: over %d bytes", limit)
	}
	return data, nil
}

// xmlLinks reads the entries of a sitemap, sitemap index, RSS or Atom
// document and returns them with the root element's name. On a syntax
// error it returns what it read before it.
func xmlLinks(content []byte, base *url.URL) ([]link, string, error) {
	d := xml.NewDecoder(bytes.NewReader(content))
	d.Strict = false
	d.Entity = xml.HTMLEntity
	d.CharsetReader = charset.NewReaderLabel
	r := &xmlReader{base: base}
	for len(r.out) < maxDocLinks {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return r.out, r.root, err
		}
		r.token(tok)
	}
	return r.out, r.root, nil
}

// xmlReader collects entries token by token: each entry's <loc> or
// <link> (text, or Atom's href) and its <lastmod>.
type xmlReader struct {
	base     *url.URL
	root     string
	inEntry  bool
	field    string // local name of the element whose text is being read
	text     strings.Builder
	loc, mod string
	out      []link
}

func (r *xmlReader) token(tok xml.Token) {
	switch t := tok.(type) {
	case xml.StartElement:
		r.start(t)
	case xml.EndElement:
		r.end(t.Name.Local)
	case xml.CharData:
		if r.field != "" && r.text.Len() < DefaultMaxURLLength*2 {
			r.text.Write(t)
		}
	}
}

func (r *xmlReader) start(t xml.StartElement) {
	name := t.Name.Local
	switch {
	case r.root == "":
		r.root = name
	case name == entryOf[r.root]:
		r.inEntry, r.loc, r.mod = true, "", ""
	case !r.inEntry:
	case name == "link" && r.root == "feed":
		r.atomLink(t.Attr)
	case name == "loc" || name == "link" || name == "lastmod":
		r.field = name
		r.text.Reset()
	}
}

// atomLink takes an Atom entry's link: rel alternate, or no rel.
func (r *xmlReader) atomLink(attrs []xml.Attr) {
	var href, rel string
	for _, a := range attrs {
		switch a.Name.Local {
		case "href":
			href = a.Value
		case "rel":
			rel = a.Value
		}
	}
	if r.loc == "" && (rel == "" || rel == "alternate") {
		r.loc = href
	}
}

func (r *xmlReader) end(name string) {
	if name == r.field {
		v := strings.TrimSpace(r.text.String())
		if r.field == "lastmod" {
			r.mod = v
		} else if r.loc == "" {
			r.loc = v
		}
		r.field = ""
	}
	if !r.inEntry || name != entryOf[r.root] {
		return
	}
	r.inEntry = false
	u := resolve(r.base, r.loc)
	if u == "" {
		return
	}
	l := link{URL: u, LastMod: parseLastMod(r.mod)}
	if r.root == "sitemapindex" {
		l.Kind, l.LastMod = kindSitemap, time.Time{}
	}
	r.out = append(r.out, l)
}

// lastModLayouts are the W3C datetime forms sitemaps use.
var lastModLayouts = []string{time.RFC3339Nano, "2006-01-02T15:04Z07:00", "2006-01-02T15:04:05", "2006-01-02", "2006-01", "2006"}

// parseLastMod reads a <lastmod>; zero when it is absent or unreadable.
func parseLastMod(s string) time.Time {
	for _, layout := range lastModLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC()
		}
	}
	return time.Time{}
}

// textLinks reads a plain-text sitemap: one absolute URL a line.
func textLinks(content []byte, base *url.URL) []link {
	var out []link
	sc := bufio.NewScanner(bytes.NewReader(content))
	for sc.Scan() && len(out) < maxDocLinks {
		line := strings.TrimSpace(sc.Text())
		if !strings.HasPrefix(line, "http://") && !strings.HasPrefix(line, "https://") {
			continue
		}
		if u := resolve(base, line); u != "" {
			out = append(out, link{URL: u})
		}
	}
	return out
}

func looksLikeMarkup(content []byte) bool {
	return bytes.HasPrefix(bytes.TrimSpace(content), []byte("<"))
}

// isFeedOrSitemap reports whether a page is XML (a sitemap or a feed given
// as a seed, or linked as a page) rather than HTML: by its Content-Type,
// or by an XML declaration when it names none of those.
func isFeedOrSitemap(h http.Header, content []byte) bool {
	mt := mediaTypeOf(h.Get("Content-Type")).name
	switch {
	case mt == "application/rss+xml" || mt == "application/atom+xml" || mt == "application/rdf+xml":
		return true
	case mt == "application/xml" || mt == "text/xml":
		return true
	case mt == "application/gzip" || mt == "application/x-gzip":
		return true
	case mt == "" || mt == "text/plain" || mt == "application/octet-stream":
		return bytes.HasPrefix(bytes.TrimSpace(content), []byte("<?xml"))
	}
	return false
}
