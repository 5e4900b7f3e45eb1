package testweb

import (
	"fmt"
	"html"
	"strings"
	"time"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"
)

// response is one prepared answer of the mini-web.
type response struct {
	status   int
	ctype    string // Content-Type header, exactly as sent
	body     []byte
	location string    // redirect target (path)
	modified time.Time // Last-Modified; zero = none
}

// routes maps a path to its response, for one site.
type routes map[string]*response

// encodings maps the WHATWG names the sites use to their encoders.
var encodings = map[string]encoding.Encoding{
	"gb18030":      simplifiedchinese.GB18030,
	"gbk":          simplifiedchinese.GBK,
	"big5":         traditionalchinese.Big5,
	"windows-1252": charmap.Windows1252,
	"utf-8":        unicode.UTF8,
}

// encode turns an HTML page into the bytes of name. Every page is built
// from text the encoding can hold, so a failure is a bug in this package.
func encode(name, s string) []byte {
	enc, ok := encodings[name]
	if !ok {
		panic("testweb: unknown encoding " + name)
	}
	b, err := enc.NewEncoder().Bytes([]byte(s))
	if err != nil {
		panic(fmt.Sprintf("testweb: %s cannot encode a page: %v", name, err))
	}
	return b
}

// Times shown on the pages are China Standard Time.
var cst = time.FixedZone("CST", 8*3600)

func at(layout, value string) time.Time {
	t, err := time.ParseInLocation(layout, value, cst)
	if err != nil {
		panic(err)
	}
	return t
}

// siteModified is the Last-Modified of home and channel pages.
var siteModified = at(time.DateTime, "2022-11-12 09:00:00")

func htmlResponse(ctype string, body []byte, mod time.Time) *response {
	return &response{status: 200, ctype: ctype, body: body, modified: mod}
}

func esc(s string) string { return html.EscapeString(s) }

// wrap renders each paragraph between open and close, HTML-escaped.
func wrap(ps []string, open, close string) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString(open + esc(p) + close + "\n")
	}
	return b.String()
}

// link is one entry of a navigation bar or list.
type link struct{ href, label string }

func links(ls []link, open, close string) string {
	var b strings.Builder
	for _, l := range ls {
		fmt.Fprintf(&b, "%s<a href=\"%s\">%s</a>%s\n", open, esc(l.href), esc(l.label), close)
	}
	return b.String()
}

// robots is an allow-all robots.txt, with the given extra Disallow lines.
func robots(disallow ...string) *response {
	var b strings.Builder
	b.WriteString("User-agent: *\n")
	if len(disallow) == 0 {
		b.WriteString("Disallow:\n")
	}
	for _, d := range disallow {
		b.WriteString("Disallow: " + d + "\n")
	}
	return htmlResponse("text/plain", []byte(b.String()), siteModified)
}

// channels registers a list page for each navigation entry that is a
// local path, built by page, so that no chrome link leads to a 404.
func channels(r routes, nav []link, page func(heading string) *response) {
	for _, l := range nav {
		if strings.HasPrefix(l.href, "/") && l.href != "/" && r[l.href] == nil {
			r[l.href] = page(l.label)
		}
	}
}
