// Package urlpath holds what crawl and clean both need to know about an
// href without parsing it. It imports nothing of the project.
package urlpath

// Plain reports whether href is a path from the root that resolves, and
// canonicalises, to itself: after a single '/', only letters, digits,
// '-', '_', '.', '~' and '/' (nothing to escape or unescape, no query,
// no fragment, no ";jsessionid="), and no segment that starts with '.'
// (no dot segments for resolution to remove). Resolved against a page,
// such an href is the page's scheme and host followed by the href as
// written; most links of a page are such paths, so callers skip the
// parse for them.
func Plain(href string) bool {
	if len(href) < 2 || href[0] != '/' || href[1] == '/' {
		return false
	}
	for i := 1; i < len(href); i++ {
		c := href[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '-', c == '_', c == '~', c == '/':
		case c == '.' && href[i-1] != '/':
		default:
			return false
		}
	}
	return true
}
