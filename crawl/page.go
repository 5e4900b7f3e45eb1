package crawl

import (
	"net/http"
	"time"

	"github.com/prov-archive/prov/memory"
)

// Hop is one step of a redirect chain: the URL requested and the status it
// answered with (3xx for every hop but the last; 0 for a hop that failed).
//
// RequestHead and ResponseHead are the hop's heads exactly as they crossed
// the wire over HTTP/1.x: the request or status line and the header lines,
// in their order and casing, each ended by CRLF, without the blank line
// that ends a head. The response head is the final response's, after any
// 1xx interim responses. A head is "" when it was not kept: over HTTP/2,
// when it passed maxHead, when a line ended by a bare LF, or when the hop
// failed before it was whole (heads.go).
type Hop struct {
	URL          string `json:"url"`
	Status       int    `json:"status"`
	RequestHead  string `json:"request_head,omitempty"`
	ResponseHead string `json:"response_head,omitempty"`
	// HeadRepairs are the lines of the response head that net/http was
	// not given as they came (headmend.go); ResponseHead keeps them.
	HeadRepairs []HeadRepair `json:"head_repairs,omitempty"`
}

// Page is one fetch as it happened. Payload holds the entity body exactly as
// it came over the wire (transfer coding removed, content coding such as gzip
// kept); Content holds the same body with its content coding removed, bounded
// by the same limit. Nothing is cut silently: when the body passed the limit,
// Truncated is set and Limit says where it was cut.
type Page struct {
	RequestedURL  string // canonical URL that was asked for
	FinalURL      string // URL of the last hop
	CanonicalURL  string // canonical form of FinalURL (set by the crawler, before rel=canonical)
	Redirects     []Hop  // every hop, in order, ending with the final response
	Method        string
	Status        int
	RequestHeader http.Header
	Header        http.Header // response header of the final hop
	// RequestHead and ResponseHead are the final hop's heads as on the
	// wire (see Hop); Header and RequestHeader hold the same headers as
	// net/http parsed them.
	RequestHead  string
	ResponseHead string
	Payload      []byte
	Content      []byte
	Truncated    bool
	Limit        int64
	// Trailing counts the bytes of Payload after the end of its coded
	// data (the last gzip member, the deflate stream), which Content
	// leaves out as browsers do: a stray newline after a script's gzip
	// output, padding. 0 for most pages.
	Trailing int64
	// Incomplete is set when the body's reading ended early: the
	// connection closed or was reset ("disconnect"), the read timed out
	// ("time"), or another read error ("unspecified": a malformed
	// chunk), WARC-Truncated's words. Payload then holds the bytes that
	// came, Content is nil, and Err says what happened.
	Incomplete string
	// TLSUnverified is why a certificate of the fetch did not verify
	// ("host: error", its first hop that did not), on a site whose rule
	// lets its pages be fetched so (tls: unverified); "" when every
	// connection's did, or was not TLS.
	TLSUnverified string
	Start, End    time.Time // UTC
	RemoteAddr    string
	Depth         int
	Err           error // non-nil when the fetch failed; the other fields say how far it got

	// Memory is what the page holds of the run's memory budget
	// (Config.Memory) for its bodies and the work on them downstream;
	// nil when the run has no budget. A page sent on Run's channel passes
	// it to the receiver, who shrinks it as the page gets smaller and
	// releases it once nothing holds the page's bytes (ingest: the
	// archive's writer, after the commit). A page Run does not send is
	// released by Run.
	Memory *memory.Hold
}
