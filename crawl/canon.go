package crawl

import (
	"errors"
	"fmt"
	whatwgerrors "github.com/nlnwa/whatwg-url/errors"
	whatwgurl "github.com/nlnwa/whatwg-url/url"
	"net"
	"net/netip"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/net/idna"
)

// trackingParams are the query parameters Canonicalize drops besides every
// utm_* one: click ids of ad and mail platforms, and the share markers that
// Chinese portals and WeChat append (spm, scm, from, isappinstalled). Names
// are compared case-insensitively.
var trackingParams = map[string]bool{
	"fbclid": true, "gclid": true, "gclsrc": true, "dclid": true, "gbraid": true, "wbraid": true,
	"msclkid": true, "yclid": true, "twclid": true, "ttclid": true, "igshid": true,
	"mc_cid": true, "mc_eid": true, "_ga": true, "_gl": true, "_hsenc": true, "_hsmi": true,
	"mkt_tok": true, "oly_enc_id": true, "oly_anon_id": true, "vero_id": true,
	"spm": true, "scm": true, "from": true, "isappinstalled": true,
}

// sessionParams are the query parameters that carry a server session id:
// the same page under every visitor's id. ASP's ASPSESSIONIDxxxxxxxx has a
// random suffix, so it matches by prefix.
var sessionParams = map[string]bool{
	"jsessionid": true, "phpsessid": true, "sid": true, "sessionid": true, "session_id": true,
}

func isTracking(name string) bool {
	if key, err := url.QueryUnescape(name); err == nil {
		name = key
	}
	name = strings.ToLower(name)
	return strings.HasPrefix(name, "utm_") || trackingParams[name] ||
		sessionParams[name] || strings.HasPrefix(name, "aspsessionid")
}

// jsessionPath matches a ;jsessionid=… path parameter (Java servlets put
// the session id in the path), up to the next path segment.
var jsessionPath = regexp.MustCompile(`(?i);jsessionid=[^/?#]*`)

// dropPathSession removes ;jsessionid=… from u's path.
func dropPathSession(u *url.URL) {
	if !strings.Contains(strings.ToLower(u.Path), ";jsessionid=") {
		return
	}
	u.Path = jsessionPath.ReplaceAllString(u.Path, "")
	u.RawPath = jsessionPath.ReplaceAllString(u.RawPath, "")
	if u.Path == "" {
		u.Path = "/"
	}
	if u.RawPath != "" && u.EscapedPath() != u.RawPath {
		u.RawPath = ""
	}
}

// Canonicalize returns the form of an http(s) URL that a run dedups on: the
// fragment, user info, tracking parameters (utm_* and trackingParams) and
// session ids (sessionParams, ASPSESSIONID*, a ;jsessionid= path parameter)
// dropped; scheme and host lower-cased, an internationalised host in its
// ASCII (punycode) form, a trailing dot of the host dropped; the default port
// dropped; an empty path made "/". The path and the remaining query
// parameters are kept as written, in their order, once in the form colly
// requests a URL in (wireForm): dot segments resolved, and what a browser
// would percent-encode (non-ASCII, spaces, quotes…) percent-encoded.
func Canonicalize(raw string) (string, error) {
	key, err := canonicalize(raw)
	if err != nil {
		return "", fmt.Errorf("crawl: canonicalize %q: %w", raw, err)
	}
	return key, nil
}

// canonicalize is Canonicalize, its error saying why raw has no canonical
// form without naming raw.
func canonicalize(raw string) (string, error) {
	raw = strings.TrimSpace(raw)
	if canonicalAsIs(raw) {
		return raw, nil
	}
	return canonicalizeParsed(raw)
}

// canonicalAsIs reports whether raw is its own canonical form, told
// without parsing it: an http(s) URL of a plain host and a plain path
// (plainKey: nothing to escape, unescape, drop or resolve, no query),
// which colly requests as written (wireSafe), and whose host is its own
// canonical host (canonicalHostMemo: no default port, no trailing dot,
// in ASCII). Most URLs a crawl canonicalises are canonical already: the
// frontier's own keys, as each page's fetch is recorded and marked done.
func canonicalAsIs(raw string) bool {
	scheme, host, _, ok := plainKey(raw)
	if !ok || !wireSafe(raw) {
		return false
	}
	h, err := canonicalHostMemo(scheme, host)
	return err == nil && h == host
}

// canonicalizeParsed is canonicalize for any raw, by parsing it.
func canonicalizeParsed(raw string) (string, error) {
	u, err := url.Parse(raw)
	if err == nil && !isHTTP(u.Scheme) {
		return "", errNotHTTP
	}
	wire, werr := wireForm(raw)
	parsedRaw := err == nil && werr == nil && wire == raw // u is url.Parse(raw)
	switch {
	case werr != nil && err != nil:
		return "", parseReason(err) // net/url's reason reads better
	case werr != nil:
		return "", werr
	case wire != raw || err != nil: // a browser reads what net/url may not: "%zz"
		if u, err = url.Parse(wire); err != nil {
			return "", parseReason(err)
		}
	}
	u.Scheme = strings.ToLower(u.Scheme)
	if !isHTTP(u.Scheme) {
		return "", errNotHTTP
	}
	if u.Host, err = canonicalHostMemo(u.Scheme, u.Host); err != nil {
		return "", err
	}
	u.User, u.Fragment, u.RawFragment, u.Opaque = nil, "", "", ""
	dropPathSession(u)
	if u.Path == "" {
		u.Path, u.RawPath = "/", ""
	}
	// Trailing white space would be trimmed when the result is read again,
	// also what is left once empty and tracking parameters are gone.
	u.RawQuery = trimSpace(cleanQuery(trimSpace(u.RawQuery)))
	u.ForceQuery = false
	out := u.String()
	if out == raw && parsedRaw {
		return out, nil // read already
	}
	if _, err := url.Parse(out); err != nil {
		return "", parseReason(err)
	}
	return out, nil
}

var errNotHTTP = errors.New("not an http(s) URL")

func isHTTP(scheme string) bool {
	return strings.EqualFold(scheme, "http") || strings.EqualFold(scheme, "https")
}

// wireParser parses URLs as colly does before it sends a request: by the
// WHATWG URL standard, as browsers do, a lone '%' encoded.
var wireParser = whatwgurl.NewParser(whatwgurl.WithPercentEncodeSinglePercentSign())

// wireForm returns raw as colly will request it: parsed by wireParser,
// then by net/url. A canonical URL must already be in that form, or the
// page fetched for it comes back under another URL than the one the
// frontier took (a key with a raw 白 in its query, or /a/../b, was
// never marked done, and the run ended "URLs taken and not accounted
// for"). raw is returned as it is when it has nothing the parse would
// change (wireSafe), which spares most links the parse. A URL the parse
// refuses is one colly cannot request: an error says why.
func wireForm(raw string) (string, error) {
	if wireSafe(raw) {
		return raw, nil
	}
	w, err := wireParser.Parse(raw)
	if err != nil {
		return "", fmt.Errorf("not a URL as browsers read URLs: %s", strings.ToLower(string(whatwgerrors.Type(err))))
	}
	u, err := url.Parse(w.Href(false))
	if err != nil {
		return "", parseReason(err)
	}
	return u.String(), nil
}

// wireSafe reports whether raw is plain ASCII that a WHATWG parse leaves
// as it is: letters, digits and the URL delimiters and sub-delimiters
// that need no escape, '%' only before two hex digits, no dot segment,
// no upper-case scheme or host to lower, and a host that does not end in
// a number (which the parse reads as an IPv4 address: "0" is 0.0.0.0).
func wireSafe(raw string) bool {
	scheme, rest, ok := strings.Cut(raw, "://")
	if !ok || (scheme != "http" && scheme != "https") {
		return false
	}
	host := rest
	if k := strings.IndexAny(rest, "/?#"); k >= 0 {
		host = rest[:k]
	}
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		case 'A' <= c && c <= 'Z':
			if i < len(scheme)+3+len(host) {
				return false
			}
		case strings.IndexByte("-._~!$&()*+,;=:@/?#[]", c) >= 0:
		case c == '%':
			if !escapeAt(raw, i) {
				return false
			}
		default:
			return false
		}
	}
	return !strings.Contains(rest, "/.") && !strings.Contains(host, "@") && !endsInNumber(host)
}

// endsInNumber reports whether the last label of host (its port cut
// off) is digits or 0x and hex digits, as the WHATWG host parser asks.
func endsInNumber(host string) bool {
	if strings.Contains(host, ":") { // without one, SplitHostPort only makes the error it fails with
		if h, _, err := net.SplitHostPort(host); err == nil {
			host = h
		}
	}
	host = strings.TrimSuffix(host, ".")
	label := host[strings.LastIndexByte(host, '.')+1:]
	if strings.HasPrefix(label, "0x") || strings.HasPrefix(label, "0X") {
		return true
	}
	return label != "" && strings.Trim(label, "0123456789") == ""
}

// escapeAt reports whether s[i], a '%', begins a percent-escape: two hex
// digits follow.
func escapeAt(s string, i int) bool {
	return i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2])
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// parseReason is url.Parse's reason, without the URL it names.
func parseReason(err error) error {
	if ue := (*url.Error)(nil); errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// canonicalHostMemo is canonicalHost, remembered for the hosts it
// accepts: a crawl canonicalises the URLs of a few hosts again and again,
// and the IDNA conversion of each was most of the cost.
func canonicalHostMemo(scheme, hostport string) (string, error) {
	key := resolveKey{scheme: scheme, host: hostport}
	if h, ok := canonicalHosts.get(key); ok {
		return h, nil
	}
	h, err := canonicalHost(scheme, hostport)
	if err == nil {
		canonicalHosts.put(key, h)
	}
	return h, err
}

// canonicalHosts memoises canonicalHost by scheme and host (with port).
var canonicalHosts = memo{m: map[resolveKey]string{}}

// canonicalHost lower-cases host, converts it to ASCII and drops the port
// that is the scheme's default.
func canonicalHost(scheme, hostport string) (string, error) {
	host, port := strings.TrimSuffix(strings.TrimPrefix(hostport, "["), "]"), ""
	if h, p, err := net.SplitHostPort(hostport); err == nil {
		host, port = h, p
	}
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	if host == "" {
		return "", fmt.Errorf("no host")
	}
	if strings.Contains(host, ":") {
		ip, err := netip.ParseAddr(host)
		if err != nil || ip.Zone() != "" {
			return "", fmt.Errorf("host %q: not an IPv6 address", host)
		}
		host = ip.String()
	} else {
		ascii, err := idna.Lookup.ToASCII(host)
		if err != nil || strings.ContainsAny(ascii, "[]") {
			return "", fmt.Errorf("host %q: not a host name (%v)", host, err)
		}
		if ascii == "" || strings.HasPrefix(ascii, ".") || strings.HasSuffix(ascii, ".") || strings.Contains(ascii, "..") {
			return "", fmt.Errorf("host %q: empty label", host)
		}
		host = ascii
	}
	if n, err := strconv.Atoi(port); port != "" && (err != nil || n < 1 || n > 65535) {
		return "", fmt.Errorf("port %q: not a port (1 to 65535)", port)
	}
	if (scheme == "http" && port == "80") || (scheme == "https" && port == "443") {
		port = ""
	}
	if port == "" {
		return bracket(host), nil
	}
	return net.JoinHostPort(host, port), nil
}

func trimSpace(s string) string { return strings.TrimRightFunc(s, unicode.IsSpace) }

// cleanQuery drops tracking and empty parameters from a raw query, keeping
// the others byte for byte and in order.
func cleanQuery(raw string) string {
	if raw == "" {
		return ""
	}
	var kept []string
	for _, p := range strings.Split(raw, "&") {
		name, _, _ := strings.Cut(p, "=")
		if p == "" || isTracking(name) {
			continue
		}
		kept = append(kept, p)
	}
	return strings.Join(kept, "&")
}
