package crawl

import (
	"net/url"
	"strings"

	"github.com/prov-archive/prov/urlpath"
)

// parseKey parses a link's canonical URL as url.Parse does, into a value
// (which stays on its caller's stack when the caller lets it). Most links
// of a page are an http(s) URL of a plain host and a plain path
// (plainKey), which url.Parse reads as its scheme, host and path and
// nothing else: those are split here, without the parse that screen
// made for every link of every page (in a crawl of the bench site, 0.08 s
// and 55 MB of net/url.parse). Any other URL goes to url.Parse.
func parseKey(key string) (url.URL, error) {
	if scheme, host, path, ok := plainKey(key); ok {
		return url.URL{Scheme: scheme, Host: host, Path: path}, nil
	}
	u, err := url.Parse(key)
	if err != nil {
		return url.URL{}, err
	}
	return *u, nil
}

// plainKey splits key when it is "http://" or "https://", a host of
// lower-case letters, digits, '-' and '.' with an optional port of
// digits, then "/" or a urlpath.Plain path: a URL whose parse sets only
// Scheme, Host and Path, each as written (no user info, no escapes, no
// query or fragment).
func plainKey(key string) (scheme, host, path string, ok bool) {
	scheme, rest, found := strings.Cut(key, "://")
	if !found || (scheme != "http" && scheme != "https") {
		return "", "", "", false
	}
	slash := strings.IndexByte(rest, '/')
	if slash <= 0 {
		return "", "", "", false
	}
	host, path = rest[:slash], rest[slash:]
	if !plainHost(host) || (path != "/" && !urlpath.Plain(path)) {
		return "", "", "", false
	}
	return scheme, host, path, true
}

// plainHost reports whether host is lower-case letters, digits, '-' and
// '.', then optionally ':' and one or more digits.
func plainHost(host string) bool {
	name, port, hasPort := strings.Cut(host, ":")
	if name == "" || (hasPort && port == "") {
		return false
	}
	for i := 0; i < len(name); i++ {
		if c := name[i]; !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '.') {
			return false
		}
	}
	for i := 0; i < len(port); i++ {
		if c := port[i]; c < '0' || c > '9' {
			return false
		}
	}
	return true
}
