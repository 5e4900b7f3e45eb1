package export

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/net/idna"
)

// CDXJ writes index as CDXJ, the index pywb and ReplayWeb.page read: one
// line per entry, "SURT timestamp JSON", the JSON holding url, mime,
// status, digest, length, offset and filename (absent ones left out;
// numbers as strings), the lines sorted bytewise. The key and the
// fields follow warcio's indexer, so that re-indexing the WARC with it
// gives the same lines.
func CDXJ(w io.Writer, index []IndexLine) error {
	lines := make([][]byte, 0, len(index))
	for _, l := range index {
		b, err := cdxjLine(l)
		if err != nil {
			return err
		}
		lines = append(lines, b)
	}
	slices.SortFunc(lines, bytes.Compare)
	bw := bufio.NewWriter(w)
	for _, l := range lines {
		bw.Write(l)
	}
	return bw.Flush()
}

// cdxjFields is the JSON of a line, in pywb's field order.
type cdxjFields struct {
	URL      string `json:"url"`
	Mime     string `json:"mime,omitempty"`
	Status   string `json:"status,omitempty"`
	Digest   string `json:"digest,omitempty"`
	Length   string `json:"length"`
	Offset   string `json:"offset"`
	Filename string `json:"filename"`
}

func cdxjLine(l IndexLine) ([]byte, error) {
	f := cdxjFields{URL: l.URL, Mime: l.Mime, Digest: l.Digest,
		Length: strconv.FormatInt(l.Length, 10), Offset: strconv.FormatInt(l.Offset, 10), Filename: l.Filename}
	if l.Status != 0 {
		f.Status = strconv.Itoa(l.Status)
	}
	var b bytes.Buffer
	b.WriteString(SURT(l.URL))
	b.WriteByte(' ')
	b.WriteString(l.Date.UTC().Format("20060102150405"))
	b.WriteByte(' ')
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(f); err != nil { // ends the line
		return nil, err
	}
	return b.Bytes(), nil
}

var leadingWWW = regexp.MustCompile(`^(https?://)www\d*\.`)

// SURT is the sort-friendly form of an http(s) URL that CDXJ indexes are
// keyed by, as warcio and pywb make it: a leading www. dropped, lower
// case, the host's labels reversed and joined by commas, a non-default
// port, ")" and the path (dot segments resolved), then the query's parts sorted; the host in
// ASCII (punycode) and the path and query percent-encoded, as warcio's
// WHATWG parser leaves them. Any other URL is its own key.
func SURT(raw string) string {
	if !strings.HasPrefix(raw, "http:") && !strings.HasPrefix(raw, "https:") {
		return raw
	}
	lower := strings.ToLower(leadingWWW.ReplaceAllString(raw, "$1"))
	u, err := url.Parse(lower)
	if err != nil || u.Host == "" {
		return raw
	}
	host := u.Hostname()
	if a, err := idna.Lookup.ToASCII(host); err == nil { // as a WHATWG URL parser does
		host = a
	}
	labels := strings.Split(host, ".")
	slices.Reverse(labels)
	key := strings.Join(labels, ",")
	if p := u.Port(); p != "" && !(u.Scheme == "http" && p == "80") && !(u.Scheme == "https" && p == "443") {
		key += ":" + p
	}
	path := removeDots(u.EscapedPath())
	key += ")" + path
	if u.RawQuery != "" {
		parts := strings.Split(queryEscape(u.RawQuery), "&")
		slices.Sort(parts)
		key += "?" + strings.Join(parts, "&")
	}
	return key
}

// removeDots resolves the "." and ".." segments of a path, as a WHATWG URL
// parser does ("/a/b/../c" is "/a/c", "/a/b/.." is "/a/"); "" is "/".
func removeDots(p string) string {
	segs := strings.Split(p, "/")
	var out []string
	for i, s := range segs[1:] {
		last := i == len(segs)-2
		switch s {
		case ".", "..":
			if s == ".." && len(out) > 0 {
				out = out[:len(out)-1]
			}
			if last {
				out = append(out, "")
			}
		default:
			out = append(out, s)
		}
	}
	return "/" + strings.Join(out, "/")
}

// queryEscape percent-encodes what a WHATWG URL parser encodes in the
// query of an http(s) URL: bytes outside printable ASCII, space, ", #,
// ', < and >.
func queryEscape(q string) string {
	var b strings.Builder
	for i := 0; i < len(q); i++ {
		c := q[i]
		if c <= 0x20 || c >= 0x7f || strings.IndexByte(`"#'<>`, c) >= 0 {
			fmt.Fprintf(&b, "%%%02X", c)
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}
