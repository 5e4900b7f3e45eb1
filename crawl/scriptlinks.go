package crawl

import (
	"bytes"
	"regexp"
)

// Many a site's entry page only sends the browser on with a line of
// script, location.href = "/index.html"; a crawler that runs no script
// finds nothing there. So the script's plain redirects are read as the
// page's links: an assignment of a string literal to location (of the
// window, document, top…) or to its href, and location.replace or
// location.assign with one, the literal ending its statement. A URL put
// together in the script is not guessed at.

// scriptRedirect matches at a "location" of a script's text. A literal
// holds no quote, backslash, line break, NUL or U+FFFD (the Tokenizer's
// text turns CR LF into LF and NUL into U+FFFD; the link scan reads the
// raw bytes, and both must find the same).
var scriptRedirect = regexp.MustCompile(`^location(?:\s*\.\s*href\s*=|\s*=|\s*\.\s*(?:replace|assign)\s*\()\s*` +
	`(?:"([^"'\\\r\n\x00\x{FFFD}]+)"|'([^"'\\\r\n\x00\x{FFFD}]+)')\s*(?:\)\s*)?(?:;|\n|\r|\}|$)`)

// maxScriptURL bounds a URL read from a script, as the longest URL
// browsers and servers take (2 KB is the common limit).
const maxScriptURL = 2048

// appendScriptRedirects appends to hrefs the URLs script sends the page
// to. It looks only where "location" stands alone as a word, so a long
// script without one costs a byte search.
func appendScriptRedirects(hrefs []string, script []byte) []string {
	for i := 0; ; {
		k := bytes.Index(script[i:], []byte("location"))
		if k < 0 {
			return hrefs
		}
		at := i + k
		i = at + len("location")
		if at > 0 && isWordByte(script[at-1]) {
			continue
		}
		// Anchored, the match reads no further than the literal's end.
		if m := scriptRedirect.FindSubmatch(script[at:]); m != nil && len(m[1])+len(m[2]) <= maxScriptURL {
			hrefs = append(hrefs, string(m[1])+string(m[2]))
		}
	}
}

func isWordByte(c byte) bool {
	return c == '_' || c == '$' || isASCIIAlnum(c)
}
