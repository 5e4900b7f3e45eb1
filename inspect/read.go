package inspect

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"

	"github.com/prov-archive/prov/clean"
	"github.com/prov-archive/prov/crawl"
	"github.com/prov-archive/prov/rules"
)

// Reader reads inputs, each a URL to fetch or a file, as a crawl would.
type Reader struct {
	Rules *rules.Set // site rules: the final URL's host picks one; nil for none
	// Fetch fetches a URL input, as crawl.Fetch with the caller's
	// crawl.Config does; its error is the input's.
	Fetch func(ctx context.Context, rawURL string) (crawl.Page, error)
	// URL is the URL a file input was fetched from (resolves its links,
	// picks its site rule); "" for none.
	URL string
	// ContentType is the Content-Type a file input is read with; "" for
	// none, as from a server that sends no header.
	ContentType string
}

// IsURL says whether an input is a URL to fetch (http or https) rather
// than a file.
func IsURL(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

// Read reads one input, fetched when IsURL, else from the file at that
// path up to the crawl's body limit. A failure is reported in the
// Inspection's Error, not returned, so a caller shows the other inputs.
func (r Reader) Read(ctx context.Context, in string) Inspection {
	var input clean.Input
	var p crawl.Page // the fetch of a URL input; none for a file
	cut := int64(0)
	if IsURL(in) {
		var err error
		if p, err = r.Fetch(ctx, in); err != nil {
			return Inspection{URL: in, Error: err.Error()}
		}
		if why := unread(p); why != "" { // as a crawl keeps no text for it
			return Inspection{URL: in, Error: why, Status: p.Status}
		}
		input = clean.Input{URL: p.FinalURL, Header: p.Header, Body: p.Content}
		if p.Truncated {
			cut = p.Limit
		}
	} else {
		body, err := readBounded(in, crawl.DefaultMaxBodySize)
		if err != nil {
			return Inspection{URL: in, Error: err.Error()}
		}
		if int64(len(body)) == crawl.DefaultMaxBodySize {
			cut = crawl.DefaultMaxBodySize // at the limit: maybe more behind it, said either way
		}
		input = clean.Input{URL: r.URL, Header: http.Header{}, Body: body}
		if r.ContentType != "" {
			input.Header.Set("Content-Type", r.ContentType)
		}
	}
	input.Site = r.Rules.ForHost(hostOf(input.URL))
	doc, err := clean.Clean(input)
	if err != nil {
		return Inspection{URL: in, Error: err.Error(), Status: p.Status}
	}
	ins := Of(doc)
	ins.URL, ins.Status, ins.TruncatedAt, ins.TrailingBytes = in, p.Status, cut, p.Trailing
	ins.TLSUnverified = p.TLSUnverified
	if n := len(p.Redirects); n > 0 {
		ins.HeadRepairs = p.Redirects[n-1].HeadRepairs
	}
	if ins.Captions == nil {
		ins.Captions = []string{}
	}
	if input.Site != nil {
		ins.Rule = input.Site.Name
	}
	return ins
}

// unread says why a crawl keeps no text for a fetched page, "" when it
// reads one: an answer that is not 2xx, or of a type clean does not read.
func unread(p crawl.Page) string {
	ct := p.Header.Get("Content-Type")
	switch {
	case p.Status < 200 || p.Status > 299:
		return fmt.Sprintf("%s answered %d %s: a crawl archives the answer and reads no text from it", p.FinalURL, p.Status, http.StatusText(p.Status))
	case !clean.Reads(ct):
		return fmt.Sprintf("%s is %s: a crawl archives its bytes and reads no text from it (prov reads HTML and plain text)", p.FinalURL, ct)
	}
	return ""
}

// readBounded reads at most limit bytes of the file at path, as a crawl
// reads at most its body limit: /dev/zero or a huge file is cut, and the
// inspection says where.
func readBounded(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, limit))
}

func hostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return u.Hostname()
}
