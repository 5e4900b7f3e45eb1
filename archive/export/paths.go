package export

import (
	"net/url"
	"strconv"
	"strings"
)

// namer gives each copy a unique text file path under texts/. Paths are
// compared case-insensitively, as macOS and Windows would.
type namer struct {
	used map[string]bool
}

func newNamer() *namer { return &namer{used: map[string]bool{}} }

// textPath returns texts/<host>/<name>.txt for rawURL, with a hash suffix
// when the plain name is already taken.
func (n *namer) textPath(rawURL string) string {
	host, stem := urlParts(rawURL)
	dir := "texts/" + SafeName(host) + "/"
	p := dir + SafeName(stem) + ".txt"
	for i := 0; n.used[strings.ToLower(p)]; i++ {
		suffix := "-" + shortSum(rawURL+"#"+strconv.Itoa(i))
		p = dir + cut(SafeName(stem), MaxNameLen-len(suffix)) + suffix + ".txt"
	}
	n.used[strings.ToLower(p)] = true
	return p
}

// urlParts splits a URL into a host and a file stem: the path (and query)
// with slashes flattened and a page extension dropped.
func urlParts(rawURL string) (host, stem string) {
	u, err := url.Parse(rawURL)
	if err != nil || u.Host == "" {
		return "_nohost", rawURL
	}
	stem = strings.Trim(u.Path, "/")
	for _, ext := range []string{".html", ".htm", ".shtml", ".php", ".aspx", ".asp", ".jsp", ".txt"} {
		stem = strings.TrimSuffix(stem, ext)
	}
	stem = strings.ReplaceAll(stem, "/", "_")
	if u.RawQuery != "" {
		q, err := url.PathUnescape(u.RawQuery) // read as the path is; '+' kept
		if err != nil {
			q = u.RawQuery
		}
		stem += "_" + q
	}
	if stem == "" {
		stem = "index"
	}
	return strings.ToLower(u.Host), stem
}
