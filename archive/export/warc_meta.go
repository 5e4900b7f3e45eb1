package export

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/prov-archive/prov/archive"
)

// warcFields is an application/warc-fields block: "name: value" lines in
// the order added. Empty values are left out; values are folded onto one
// line and made valid UTF-8.
type warcFields struct{ b strings.Builder }

func (f *warcFields) add(name, value string) {
	value = strings.Join(strings.Fields(strings.ToValidUTF8(value, "\uFFFD")), " ")
	if value == "" {
		return
	}
	f.b.WriteString(name)
	f.b.WriteString(": ")
	f.b.WriteString(value)
	f.b.WriteString("\r\n")
}

func (f *warcFields) bytes() []byte { return []byte(f.b.String()) }

// captureFields is the metadata record of one capture: the provenance prov
// decided for it, in a fixed order. heads says which heads were kept as
// on the wire.
func captureFields(c *archive.Capture, m membership, heads string) []byte {
	var f warcFields
	f.add("capture-id", strconv.FormatUint(c.ID, 10))
	f.add("run-id", strconv.FormatUint(c.RunID, 10))
	f.add("kind", c.Kind)
	f.add("requested-url", c.RequestedURL)
	for _, h := range redirects(c) {
		f.add("redirect", fmt.Sprintf("%d %s", h.Status, h.URL))
	}
	f.add("final-url", c.FinalURL)
	f.add("canonical-url", c.URL)
	f.add("fetch-start", stamp(c.FetchStart))
	f.add("fetch-end", stamp(c.FetchEnd))
	f.add("remote-addr", c.RemoteAddr)
	f.add("http-heads", heads)
	for _, h := range c.Redirects {
		for _, r := range h.HeadRepairs {
			f.add("head-repair", fmt.Sprintf("%s line %d: %s", h.URL, r.Line, r.Repair))
		}
	}
	f.add("payload-sha256", c.PayloadSHA256)
	f.add("payload-length", strconv.FormatInt(c.PayloadLength, 10))
	if c.Truncated {
		f.add("truncated-at-limit", strconv.FormatInt(c.Limit, 10))
	}
	f.add("incomplete", c.Incomplete)
	f.add("tls-unverified", c.TLSUnverified)
	f.add("error", c.Error)
	f.add("rule", c.Rule)
	f.add("tool-version", c.ToolVersion)
	f.add("charset", c.Charset)
	if c.Charset != "" {
		f.add("charset-evidence", c.CharsetEvidence)
		f.add("charset-confidence", strconv.Itoa(c.CharsetConfidence))
		f.add("charset-note", c.CharsetNote)
	}
	f.add("title", c.Title)
	f.add("published", c.Published)
	f.add("published-why", c.PublishedWhy)
	for _, d := range c.DateCandidates {
		f.add("date-candidate", dateCandidate(d))
	}
	f.add("publisher", c.Publisher)
	f.add("authority", c.Authority)
	f.add("author", c.Author)
	f.add("attribution", c.Attribution)
	f.add("lang", c.Lang)
	f.add("canonical", c.Canonical)
	f.add("text-sha256", c.TextSHA256)
	if c.TextSHA256 != "" {
		f.add("norm-version", strconv.Itoa(c.NormVersion))
	}
	f.add("own-text-sha256", c.OwnTextSHA256) // sha256 of the text as it came, when not its document's
	f.add("extractor", strings.TrimSpace(c.Extractor+" "+c.ExtractorVersion))
	f.add("clean-key", c.CleanKey)
	if c.CleanFrom != 0 {
		f.add("clean-from", strconv.FormatUint(c.CleanFrom, 10)) // the capture whose clean fields these are
	}
	for _, p := range c.Pages {
		f.add("page", fmt.Sprintf("%d %s %s", p.CaptureID, p.TextSHA256, p.URL))
	}
	f.add("work", m.work)
	f.add("relation", m.relation)
	if m.work != "" {
		f.add("original", strconv.FormatBool(m.relation == archive.RelOriginal))
	}
	return f.bytes()
}

// dateCandidate is "value; source=S; text=T", text only when known.
func dateCandidate(d archive.DateCandidate) string {
	s := d.Value + "; source=" + d.Source
	if d.Text != "" {
		s += "; text=" + strconv.Quote(d.Text)
	}
	return s
}

// stamp is t in RFC 3339 with the fraction kept, "" when zero.
func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}
