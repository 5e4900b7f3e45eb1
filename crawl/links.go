package crawl

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/transform"

	"github.com/prov-archive/prov/urlpath"
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
	t, queryEnc := pageTagsOf(p.Content, p.Header.Get("Content-Type"))
	t.encodeQueries(queryEnc)
	if t.base != "" {
		if b, err := base.Parse(strings.TrimSpace(t.base)); err == nil {
			base = b
		}
	}
	if t.canonical != "" {
		if c := resolve(base, t.canonical); c != "" && sameHost(c, p.CanonicalURL) {
			p.CanonicalURL = c
		}
	}
	return append(resolveAll(base, t.anchors, kindPage), resolveAll(base, t.feeds, kindFeed)...)
}

// pageTagsOf returns the tags of an HTML page as scanTags reads them in
// the page decoded (pageBytes), and the encoding of its links' queries.
//
// A page whose Content-Type declares UTF-8 is scanned as it came,
// without checking first that it is valid UTF-8 (in a crawl of the bench
// site, 0.07 s of utf8.Valid against 0.23 s of scanning). Decoding it would only replace each byte of an
// invalid sequence by U+FFFD: bytes above 0x7F, as is U+FFFD's encoding,
// where every byte the scan reads a tag's structure by (its name's end, a
// quote, '=', '<', '>', '-', white space) is ASCII, and where the words
// compared (tag and attribute names, rel tokens, http-equiv) are ASCII
// and cannot match a word holding either. So the scan finds the same tags
// and attributes in both, and the values it keeps differ only where they
// hold such a byte: when one does, the page is decoded and scanned again,
// as before.
func pageTagsOf(content []byte, contentType string) (pageTags, encoding.Encoding) {
	if declaredUTF8(content, contentType) {
		if t := scanTags(content); t.validUTF8() {
			return t, nil // a page declared UTF-8 has no other encoding for its queries
		}
	}
	text, queryEnc := pageBytes(content, contentType)
	return scanTags(text), queryEnc
}

// validUTF8 reports whether every value t kept is valid UTF-8.
func (t *pageTags) validUTF8() bool {
	if !utf8.ValidString(t.base) || !utf8.ValidString(t.canonical) {
		return false
	}
	for _, hrefs := range [...][]string{t.anchors, t.feeds} {
		for _, h := range hrefs {
			if !utf8.ValidString(h) {
				return false
			}
		}
	}
	return true
}

// plainUTF8 reports whether an HTML page is UTF-8 and valid, to be read
// as it is.
func plainUTF8(content []byte, contentType string) bool {
	if declaredUTF8(content, contentType) {
		return utf8.Valid(content)
	}
	_, name, _ := charset.DetermineEncoding(content, contentType)
	return name == "utf-8" && utf8.Valid(content)
}

// encodeQuery returns href with the non-ASCII of its query written in
// enc and percent-encoded, as a browser requests it from a page in enc;
// a character enc cannot write becomes "%26%23", its number in decimal
// and "%3B" (its HTML numeric reference, percent-encoded), as the
// standard says. An href without non-ASCII in its query is returned as
// it is.
func encodeQuery(href string, enc encoding.Encoding) string {
	q := strings.IndexByte(href, '?')
	if q < 0 {
		return href
	}
	end := len(href)
	if f := strings.IndexByte(href[q:], '#'); f >= 0 {
		end = q + f
	}
	query := href[q+1 : end]
	if !hasNonASCII(query) {
		return href
	}
	e := enc.NewEncoder()
	var b strings.Builder
	b.WriteString(href[:q+1])
	for _, r := range query {
		if r < utf8.RuneSelf {
			b.WriteRune(r)
			continue
		}
		out, err := e.Bytes(utf8.AppendRune(nil, r))
		if err != nil || (len(out) > 0 && out[0] == '&') { // charset's encoders write the reference "&#N;" themselves
			fmt.Fprintf(&b, "%%26%%23%d%%3B", r)
			continue
		}
		for _, c := range out {
			if c < utf8.RuneSelf {
				b.WriteByte(c) // the URL parser encodes what a query must not hold
			} else {
				fmt.Fprintf(&b, "%%%02X", c)
			}
		}
	}
	b.WriteString(href[end:])
	return b.String()
}

func hasNonASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return true
		}
	}
	return false
}

// pageBytes returns an HTML page's content as UTF-8, decoded as its BOM,
// Content-Type or <meta> says (windows-1252 when none does and it is not
// UTF-8), as charset.NewReader decodes it. A page that is UTF-8 and valid
// is returned as it is, without a decoder: most pages are, and the
// decoder's copy cost as much as the link scan. A decoder's error ends
// the page, as it ends the Tokenizer's reading.
//
// queryEnc is the encoding a browser writes the non-ASCII of the page's
// links' queries in (encodeQuery): the page's own when it is neither
// UTF-8 nor UTF-16, as the WHATWG URL standard has it, else nil. A link
// to search.jsp?keyword=通知 on a GBK page is requested with the GBK
// bytes of 通知, which is what such a site's server reads; a path is
// UTF-8 whatever the page.
func pageBytes(content []byte, contentType string) (text []byte, queryEnc encoding.Encoding) {
	if plainUTF8(content, contentType) {
		return content, nil
	}
	enc, name, _ := charset.DetermineEncoding(content, contentType)
	text, _ = io.ReadAll(transform.NewReader(bytes.NewReader(content), enc.NewDecoder()))
	if name == "utf-8" || strings.HasPrefix(name, "utf-16") {
		return text, nil
	}
	return text, enc
}

// pageTags is what inspect needs of a page's tags, hrefs as written.
type pageTags struct {
	base      string   // the first <base href>
	canonical string   // the first <link rel=canonical href>
	anchors   []string // every <a> and <area> href, <frame> and <iframe> src, <meta> refresh URL and <link rel=next|prev> href, in document order
	feeds     []string // every <link rel=alternate href> of an RSS or Atom type
}

// encodeQueries writes the queries of t's URLs in enc (encodeQuery), as
// a browser reads the URLs of a page in enc; nil leaves them.
func (t *pageTags) encodeQueries(enc encoding.Encoding) {
	if enc == nil {
		return
	}
	t.base, t.canonical = encodeQuery(t.base, enc), encodeQuery(t.canonical, enc)
	for _, hrefs := range [][]string{t.anchors, t.feeds} {
		for i, href := range hrefs {
			hrefs[i] = encodeQuery(href, enc)
		}
	}
}

// linkAttrs are the attributes of the tags in linkTags that inspect
// reads; the first of a repeated attribute counts, as in the parser.
type linkAttrs struct {
	href, rel, typ          string
	src, httpEquiv, content string
	hasHref, hasSrc         bool
}

// addTag notes a tag's link. A frame's or iframe's page and a <meta>
// refresh's target are part of what a browser shows for the page, so they
// are followed as its links are: a framed site's text is in its frames,
// and an old site's entry page often only refreshes to another.
func (t *pageTags) addTag(name string, attrs linkAttrs) {
	href := attrs.href
	switch {
	case name == "frame" || name == "iframe":
		if attrs.hasSrc {
			t.anchors = append(t.anchors, attrs.src)
		}
	case name == "meta":
		if u, ok := refreshURL(attrs.content); ok && isRefresh(attrs.httpEquiv) {
			t.anchors = append(t.anchors, u)
		}
	case !attrs.hasHref:
	case name == "a" || name == "area":
		t.anchors = append(t.anchors, href)
	case name == "base":
		if t.base == "" {
			t.base = href
		}
	case name == "link":
		rel := attrs.rel
		if hasToken(rel, "canonical") && t.canonical == "" {
			t.canonical = href
		}
		if hasToken(rel, "next") || hasToken(rel, "prev") || hasToken(rel, "previous") {
			t.anchors = append(t.anchors, href) // the other pages of an article split over pages (clean's Pagination)
		}
		if hasToken(rel, "alternate") && feedTypes[strings.ToLower(strings.TrimSpace(attrs.typ))] {
			t.feeds = append(t.feeds, href)
		}
	}
}

// isRefresh says whether an http-equiv value is refresh.
func isRefresh(equiv string) bool { return strings.EqualFold(strings.TrimSpace(equiv), "refresh") }

// refreshURL reads the URL of a <meta http-equiv=refresh> content value
// as the HTML standard's declarative refresh does: a time (digits and
// dots), then after a ';' or ',' the URL, optionally as url=, optionally
// quoted. ok is false when it names none (a refresh of the page itself)
// or does not start with a time.
func refreshURL(content string) (u string, ok bool) {
	s := strings.TrimLeft(content, asciiSpace)
	afterTime := strings.TrimLeft(s, "0123456789.")
	if len(afterTime) == len(s) {
		return "", false
	}
	s = strings.TrimLeft(afterTime, asciiSpace)
	if s != "" && (s[0] == ';' || s[0] == ',') {
		s = strings.TrimLeft(s[1:], asciiSpace)
	}
	if len(s) >= 3 && strings.EqualFold(s[:3], "url") {
		if rest := strings.TrimLeft(s[3:], asciiSpace); rest != "" && rest[0] == '=' {
			s = strings.TrimLeft(rest[1:], asciiSpace)
		}
	}
	if s != "" && (s[0] == '"' || s[0] == '\'') {
		q := s[0]
		s = s[1:]
		if k := strings.IndexByte(s, q); k >= 0 {
			s = s[:k]
		}
	}
	s = strings.TrimRight(s, asciiSpace)
	return s, s != ""
}

// asciiSpace is the HTML standard's ASCII whitespace.
const asciiSpace = " \t\n\f\r"

// resolveAll returns the canonical form of each href read against base,
// each once, as links of kind.
func resolveAll(base *url.URL, hrefs []string, kind byte) []link {
	out := make([]link, 0, len(hrefs))
	var seen linkSet
	r := pageResolver{base: base}
	for _, href := range hrefs {
		if u := r.resolve(href); u != "" && seen.add(u, out) {
			out = append(out, link{URL: u, Kind: kind})
		}
	}
	return out
}

// linkSet is the URLs resolveAll has kept. A page has some tens of
// links: below linkScanMax the kept links are scanned, which costs less
// than making and filling a map; past it a map holds them.
type linkSet struct{ m map[string]bool }

const linkScanMax = 32

// add reports whether u is new, and notes it; kept is every URL noted so
// far, in order.
func (s *linkSet) add(u string, kept []link) bool {
	if s.m == nil && len(kept) < linkScanMax {
		for _, l := range kept {
			if l.URL == u {
				return false
			}
		}
		return true
	}
	if s.m == nil {
		s.m = make(map[string]bool, 2*len(kept))
		for _, l := range kept {
			s.m[l.URL] = true
		}
	}
	if s.m[u] {
		return false
	}
	s.m[u] = true
	return true
}

// pageResolver is resolve for the hrefs of one page: a plain path from
// the root (urlpath.Plain) is the canonical root of base followed by the
// href as written, without a parse and without the memo, whose lookup
// (a lock, a hash of the key) cost more than joining the two. The root
// is made once, at the first such href.
type pageResolver struct {
	base   *url.URL
	root   string // canonicalRoot(base), once rooted
	rooted bool
}

func (r *pageResolver) resolve(href string) string {
	href = strings.TrimSpace(href)
	if urlpath.Plain(href) && r.canonicalRoot() != "" {
		return r.root + href
	}
	if r.onRoot(href) {
		return href
	}
	return resolve(r.base, href)
}

// onRoot reports whether href is an absolute URL of the page's own
// canonical root followed by a plain path (urlpath.Plain): its canonical
// form is itself, as root + a plain path href is the canonical form of
// that href, and Canonicalize keeps a canonical URL as it is. A site
// that writes its links absolute (http://host/a/b.html) is so read
// without the memo's lock and lookup.
func (r *pageResolver) onRoot(href string) bool {
	root := r.canonicalRoot()
	return root != "" && len(href) > len(root) && href[:len(root)] == root && urlpath.Plain(href[len(root):])
}

func (r *pageResolver) canonicalRoot() string {
	if !r.rooted {
		r.root, r.rooted = canonicalRoot(r.base), true
	}
	return r.root
}

// canonicalRoot returns the canonical form of base's scheme and host
// without its final '/', which Canonicalize(base.Parse(href).String())
// is followed by the path for a plain path href: Canonicalize drops user
// info and keeps such a path as it is. It is "" when base has no host or
// its root has no canonical form.
func canonicalRoot(base *url.URL) string {
	if base == nil || base.Host == "" {
		return ""
	}
	key := resolveKey{scheme: base.Scheme, host: base.Host}
	if c, ok := roots.get(key); ok {
		return c
	}
	c := canonicalRootOf(base.Scheme, base.Host)
	roots.put(key, c)
	return c
}

// roots memoises canonicalRoot by base's scheme and host: a page's links
// are read against the root of its own host, the same for every page of
// a site, and working it out cost a parse and a canonicalisation a page.
var roots = memo{m: map[resolveKey]string{}}

// canonicalRootOf is canonicalRoot without the memo.
func canonicalRootOf(scheme, host string) string {
	c, err := Canonicalize((&url.URL{Scheme: scheme, Host: host}).String())
	if err != nil || !strings.HasSuffix(c, "/") {
		return ""
	}
	return c[:len(c)-1]
}

// isHTML reports whether a response is HTML by its Content-Type, or by
// sniffing its content when it names none.
func isHTML(h http.Header, content []byte) bool {
	ct := h.Get("Content-Type")
	if ct == "" {
		ct = http.DetectContentType(content)
	}
	mt := mediaTypeOf(ct)
	if !mt.valid {
		return false
	}
	return mt.name == "text/html" || mt.name == "application/xhtml+xml"
}

// feedTypes are the <link type> values of the feeds a page names.
var feedTypes = map[string]bool{"application/rss+xml": true, "application/atom+xml": true}

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
	href = strings.TrimSpace(href)
	key, ok := memoKey(base, href)
	if !ok {
		return resolveParsed(base, href)
	}
	if c, ok := resolved.get(key); ok {
		return c
	}
	c := resolveParsed(base, href)
	resolved.put(key, c)
	return c
}

// resolved memoises resolve where the answer does not depend on the page's
// path: the pages of a site repeat their navigation links, and each costs
// three parses. It holds at most resolvedMax answers, emptied when full.
var resolved = memo{m: map[resolveKey]string{}}

const resolvedMax = 1 << 14

type memo struct {
	mu sync.Mutex
	m  map[resolveKey]string
}

// resolveKey is what an href's resolution depends on (memoKey): the
// href, and the base's scheme and host for a path from the root. Kept
// apart, not joined into one string: a key costs no allocation.
type resolveKey struct{ scheme, host, href string }

func (m *memo) get(key resolveKey) (string, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	v, ok := m.m[key]
	return v, ok
}

func (m *memo) put(key resolveKey, v string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if len(m.m) >= resolvedMax {
		clear(m.m)
	}
	m.m[key] = v
}

// memoKey is what href's resolution against base depends on, when that is
// less than the whole base: an absolute http(s) URL depends on nothing
// else, a path from the root ("/a/b", not "//host") on base's scheme and
// host. ok is false for other hrefs (relative paths, queries, fragments).
func memoKey(base *url.URL, href string) (key resolveKey, ok bool) {
	switch {
	case hasPrefixFold(href, "http://"), hasPrefixFold(href, "https://"):
		return resolveKey{href: href}, true
	case strings.HasPrefix(href, "/") && !strings.HasPrefix(href, "//"):
		return resolveKey{scheme: base.Scheme, host: base.Host, href: href}, true
	}
	return resolveKey{}, false
}

// hasPrefixFold is strings.HasPrefix ignoring ASCII case; prefix is
// lower-case ASCII.
func hasPrefixFold(s, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != prefix[i] {
			return false
		}
	}
	return true
}

// resolveParsed is resolve without the memo.
func resolveParsed(base *url.URL, href string) string {
	abs, err := absolute(base, href)
	if err != nil {
		return ""
	}
	c, err := Canonicalize(abs)
	if err != nil {
		return ""
	}
	return c
}

// absolute resolves href against base as a browser does. An href of
// plain ASCII net/url reads as browsers do; any other (a tab or newline
// inside it, a backslash, a '%' that escapes nothing, non-ASCII) is read
// by colly's WHATWG parser, as colly would read it: browsers drop the
// newline, take the backslash as '/', keep the '%'; net/url refused the
// first and last, and kept the backslash.
func absolute(base *url.URL, href string) (string, error) {
	if hrefSafe(href) {
		u, err := base.Parse(href)
		if err != nil {
			return "", err
		}
		return u.String(), nil
	}
	u, err := wireParser.ParseRef(base.String(), href)
	if err != nil {
		return "", err
	}
	return u.Href(false), nil
}

// hrefSafe reports whether href has only bytes net/url and a WHATWG
// parse read alike: printable ASCII that is not a space, quote, angle
// bracket, backslash, backtick, brace, pipe or caret, and '%' only before
// two hex digits.
func hrefSafe(href string) bool {
	for i := 0; i < len(href); i++ {
		c := href[i]
		switch {
		case c <= ' ' || c >= 0x7f || strings.IndexByte("\"<>\\`{}|^", c) >= 0:
			return false
		case c == '%' && !escapeAt(href, i):
			return false
		}
	}
	return true
}

// hasToken reports whether token is one of the space-separated words of
// list, in any case. The words are read in place, not split into a slice.
func hasToken(list, token string) bool {
	for t := range strings.FieldsSeq(list) {
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
