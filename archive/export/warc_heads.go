package export

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// HTTP heads of the request and response records. A capture that kept
// its heads as on the wire (archive.Capture.RequestHead, ResponseHead)
// gives them as they were; any other is given a reconstructed head (see
// headNote, which the warcinfo carries). Either way the block's payload
// is the payload as stored, with the transfer coding removed, so a kept
// Transfer-Encoding line is renamed rather than claimed.

// headNote is the warcinfo's statement of how HTTP blocks are made and
// what the archive does not keep.
const headNote = "HTTP request and response heads are written as prov kept them on the wire (HTTP/1.x: " +
	"request or status line and header lines in their order and casing) when it kept them. " +
	"For captures made before heads were kept, and for HTTP/2 exchanges (made before prov spoke HTTP/1.1 only), the head is reconstructed: " +
	"the request line is the method, the URL's path and query and HTTP/1.1 followed by a Host line; " +
	"the status line is HTTP/1.1, the status code and Go's net/http reason phrase; " +
	"header lines follow in byte order of their names, each name's values in the order stored, " +
	"so the original protocol version, reason phrase, header order and casing are not known for them. " +
	"Response payloads are the bytes as received with the transfer coding removed and the content coding kept; " +
	"a kept Transfer-Encoding line is renamed X-Prov-Removed-Transfer-Encoding, and a Content-Length line beside it X-Prov-Removed-Content-Length. " +
	"Each redirect hop of a fetch is a request and a response record of its own, before the final exchange; " +
	"a hop whose head was not kept gets a status line and a Location line naming the next hop. " +
	"Request bodies and the bodies of redirect responses are not kept: a hop's response has an empty payload " +
	"and WARC-Truncated: unspecified unless its head says Content-Length: 0. " +
	"A fetch that failed before a response came is not written; one that failed after (a body the network ended early, " +
	"a content coding that would not decode, a redirect not followed) is written as it came, its error in the metadata record, " +
	"and a body whose reading ended early has WARC-Truncated: disconnect, time (the read timed out) or unspecified (a malformed chunk). " +
	"An article split over pages has a metadata and a conversion record of its own, naming its first page's record."

// requestHead is a request's head, ended by the blank line: kept as on
// the wire when kept is not "", else reconstructed for method and target
// with the header map h. wire says whether it is the kept one.
func requestHead(kept, method, target string, h map[string][]string) (head []byte, wire bool) {
	if kept != "" {
		return endHead(kept), true
	}
	if method == "" {
		method = http.MethodGet
	}
	var b strings.Builder
	path, host := "/", ""
	if u, err := url.Parse(target); err == nil {
		path, host = u.RequestURI(), u.Host
	}
	fmt.Fprintf(&b, "%s %s HTTP/1.1\r\n", method, path)
	if host != "" {
		fmt.Fprintf(&b, "Host: %s\r\n", host)
	}
	writeHeaderLines(&b, h, "Host")
	b.WriteString("\r\n")
	return []byte(b.String()), false
}

// responseHead is a response's head, ended by the blank line: kept as on
// the wire (Transfer-Encoding renamed) when kept is not "", else
// reconstructed from status and the header map h.
func responseHead(kept string, status int, h map[string][]string) (head []byte, wire bool) {
	if kept != "" {
		return endHead(renameTransferEncoding(kept)), true
	}
	var b strings.Builder
	reason := http.StatusText(status)
	if reason == "" {
		reason = "Unknown"
	}
	fmt.Fprintf(&b, "HTTP/1.1 %03d %s\r\n", status, reason)
	writeHeaderLines(&b, h, "")
	b.WriteString("\r\n")
	return []byte(renameTransferEncoding(b.String())), false
}

// endHead ends a kept head (CRLF-ended lines) with the blank line; a last
// line without its CRLF gets one.
func endHead(head string) []byte {
	if !strings.HasSuffix(head, "\r\n") {
		head += "\r\n"
	}
	return []byte(head + "\r\n")
}

// headField is the first value of the named field in an HTTP head, "" when absent.
func headField(head []byte, name string) string {
	lines := strings.Split(string(head), "\r\n")
	for _, l := range lines[1:] {
		if isHeader(l, name) {
			_, v, _ := strings.Cut(l, ":")
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// isHeader reports whether l, a line of a head after its first, is a
// header line of name, in any case, white space around the name allowed
// (the transport read "Content-Type :" as net/http would not: headmend).
func isHeader(l, name string) bool {
	n, _, ok := strings.Cut(l, ":")
	return ok && strings.EqualFold(strings.TrimSpace(n), name)
}

// mediaType is the head's Content-Type without parameters, as pywb and
// warcio index it.
func mediaType(head []byte) string {
	mt, _, _ := strings.Cut(headField(head, "Content-Type"), ";")
	return strings.TrimSpace(mt)
}

// writeHeaderLines writes h's lines, names in byte order, skipping skip.
// Line breaks inside a value (never in what net/http hands over) are
// folded to spaces so that a value cannot start a line of its own.
func writeHeaderLines(b *strings.Builder, h map[string][]string, skip string) {
	names := make([]string, 0, len(h))
	for name := range h {
		if !strings.EqualFold(name, skip) || skip == "" {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	for _, name := range names {
		for _, v := range h[name] {
			v = strings.NewReplacer("\r", " ", "\n", " ").Replace(v)
			fmt.Fprintf(b, "%s: %s\r\n", name, v)
		}
	}
}

// renameTransferEncoding renames Transfer-Encoding header lines of head,
// and with them any Content-Length line: the payload written is not
// transfer-coded, and a reader that believed the line would try to
// de-chunk it; and a Content-Length beside a Transfer-Encoding was
// ignored on the wire (RFC 9112, section 6.3), so it would be the one
// framing line left, most likely wrong.
func renameTransferEncoding(head string) string {
	lines := strings.SplitAfter(head, "\r\n")
	coded := false
	for i, l := range lines {
		if i > 0 && isHeader(l, "Transfer-Encoding") {
			lines[i], coded = "X-Prov-Removed-"+l, true
		}
	}
	for i, l := range lines {
		if coded && i > 0 && isHeader(l, "Content-Length") {
			lines[i] = "X-Prov-Removed-" + l
		}
	}
	return strings.Join(lines, "")
}
