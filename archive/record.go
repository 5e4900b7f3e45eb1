package archive

import (
	"time"

	"github.com/prov-archive/prov/memory"
)

// Capture kinds.
const (
	KindResponse    = "response"             // a new payload for this URL
	KindRevisit     = "revisit-identical"    // same payload bytes as this URL's previous capture
	KindNotModified = "revisit-not-modified" // 304 to a conditional GET
	KindFailed      = "failed"               // no usable response; Error says why
	KindStitched    = "stitched"             // an article split over pages, made whole from its pages' captures (Pages); no payload of its own
)

// Hop is one step of a redirect chain.
type Hop struct {
	URL    string `json:"url"`
	Status int    `json:"status"`
	// RequestHead and ResponseHead are the hop's heads as on the wire
	// (see Capture.RequestHead); "" when not kept.
	RequestHead  string `json:"request_head,omitempty"`
	ResponseHead string `json:"response_head,omitempty"`
	// HeadRepairs are the lines of ResponseHead the fetch did not read
	// as they came, where net/http would have refused the head and a
	// browser reads it: a line left out, or its name mended. ResponseHead
	// keeps them as they came.
	HeadRepairs []HeadRepair `json:"head_repairs,omitempty"`
}

// HeadRepair is one line of a response head not read as it came: Line
// counts the head's lines from 1, the status line; Repair says what was
// done and why ("left out: no colon", "white space before the colon
// removed", ...).
type HeadRepair struct {
	Line   int    `json:"line"`
	Repair string `json:"repair"`
}

// DateCandidate is one publication date found on a page and where it came from.
type DateCandidate struct {
	Value  string `json:"value"`
	Source string `json:"source"`
	Text   string `json:"text,omitempty"`
}

// Capture is the provenance record of one fetch: one per fetch, never
// changed once written. ID is assigned by the archive.
type Capture struct {
	ID    uint64 `json:"id"`
	RunID uint64 `json:"run_id"`
	Kind  string `json:"kind"`

	RequestedURL   string              `json:"requested_url"`
	FinalURL       string              `json:"final_url"`
	URL            string              `json:"url"` // canonical URL: the key of the URL index
	Redirects      []Hop               `json:"redirects,omitempty"`
	Method         string              `json:"method"`
	Status         int                 `json:"status"`
	RequestHeader  map[string][]string `json:"request_header,omitempty"`
	ResponseHeader map[string][]string `json:"response_header,omitempty"`
	// RequestHead and ResponseHead are the final request's and response's
	// heads exactly as they crossed the wire over HTTP/1.x: the request or
	// status line and the header lines, in their order and casing, each
	// ended by CRLF, without the blank line that ends a head. "" when not
	// kept: captures made before they were, and HTTP/2 exchanges of a prov
	// from before it spoke HTTP/1.1 only (HTTP/2 headers are not text on
	// the wire); an export then reconstructs a head from Status and the
	// header maps, and says so.
	RequestHead   string    `json:"request_head,omitempty"`
	ResponseHead  string    `json:"response_head,omitempty"`
	FetchStart    time.Time `json:"fetch_start"`
	FetchEnd      time.Time `json:"fetch_end"`
	RemoteAddr    string    `json:"remote_addr,omitempty"`
	PayloadSHA256 string    `json:"payload_sha256,omitempty"` // hex sha256 of the payload as it came
	PayloadLength int64     `json:"payload_length"`
	Truncated     bool      `json:"truncated,omitempty"`
	Limit         int64     `json:"limit,omitempty"` // body limit in force when Truncated
	// Incomplete is set on a failed capture whose body's reading ended
	// early, in WARC-Truncated's words: "disconnect" (the connection
	// closed or was reset), "time" (the read timed out) or "unspecified"
	// (another read error, a malformed chunk). The payload holds the
	// bytes that came; Error says what happened.
	Incomplete string `json:"incomplete,omitempty"`
	// TLSUnverified is why a server's certificate did not verify ("host:
	// error") on a fetch its site's rule let go on (tls: unverified): the
	// bytes came over a connection whose server was not authenticated.
	TLSUnverified string `json:"tls_unverified,omitempty"`
	// TrailingBytes counts the payload's bytes after the end of its
	// content coding's data (a stray newline after a gzip stream), left
	// out of what was decoded, as browsers leave them out; the payload
	// keeps them.
	TrailingBytes int64  `json:"trailing_bytes,omitempty"`
	Rule          string `json:"rule,omitempty"`
	ToolVersion   string `json:"tool_version"`
	Error         string `json:"error,omitempty"`

	// What clean made of it (empty for failures and non-HTML).
	Charset           string          `json:"charset,omitempty"`
	CharsetEvidence   string          `json:"charset_evidence,omitempty"`
	CharsetConfidence int             `json:"charset_confidence,omitempty"`
	CharsetNote       string          `json:"charset_note,omitempty"`
	Title             string          `json:"title,omitempty"`
	Published         string          `json:"published,omitempty"`
	PublishedWhy      string          `json:"published_why,omitempty"`
	DateCandidates    []DateCandidate `json:"date_candidates,omitempty"`
	Publisher         string          `json:"publisher,omitempty"`
	Authority         string          `json:"authority,omitempty"`
	Author            string          `json:"author,omitempty"`
	Attribution       string          `json:"attribution,omitempty"`
	Lang              string          `json:"lang,omitempty"`
	Canonical         string          `json:"canonical,omitempty"`
	Captions          []string        `json:"captions,omitempty"` // figure captions, photo credits, media placeholders: not in the text
	TextSHA256        string          `json:"text_sha256,omitempty"`
	NormVersion       int             `json:"norm_version,omitempty"`
	// OwnTextSHA256 is the hex sha256 of the capture's own clean text, as
	// clean made it, when that is not byte for byte its document's text
	// (the first text stored under TextSHA256, which it normalises alike:
	// another site's half-width commas, its spaces between CJK
	// characters). The archive keeps that text once per exact sha256
	// (owntexts, owntext.go), and DB.CaptureText reads it. "" when the
	// capture's text is its document's, as it is for every capture written
	// before own texts were kept. Set by the archive when it stores an
	// entry's text; a capture that copies its clean fields from an earlier
	// one (CleanFrom) copies it too.
	OwnTextSHA256    string `json:"own_text_sha256,omitempty"`
	Extractor        string `json:"extractor,omitempty"`
	ExtractorVersion string `json:"extractor_version,omitempty"`
	// TextTruncated: the body was longer than the extractor reads, and
	// the text and metadata come from its first TextLimit bytes (the
	// payload is stored whole all the same).
	TextTruncated bool  `json:"text_truncated,omitempty"`
	TextLimit     int64 `json:"text_limit,omitempty"`

	// CleanKey names what made the fields above besides the page itself:
	// the prov executable and the site rule (ingest's cleanKey). CleanFrom
	// is set on a revisit that brought the same bytes, under the same
	// final URL and headers, as a capture of the same CleanKey: the fields
	// above are that capture's, copied, not extracted again.
	CleanKey  string `json:"clean_key,omitempty"`
	CleanFrom uint64 `json:"clean_from,omitempty"`

	// Near-duplicate sketch of the text (clean.Sketch): SketchSize MinHash
	// values and the number of distinct shingles they were taken over.
	// Kept only on the capture that first brings its document, which
	// indexes it (lsh.go); dropped from the others.
	Sketch   []uint32 `json:"sketch,omitempty"`
	Shingles int      `json:"shingles,omitempty"`

	// Pagination (from clean), for a page of an article split over pages:
	// the canonical URLs of its neighbours and its page number.
	NextPage   string `json:"next_page,omitempty"`
	PrevPage   string `json:"prev_page,omitempty"`
	PageNumber int    `json:"page_number,omitempty"`

	// Pages of a KindStitched capture, in order: the page captures whose
	// texts, joined, are its text (series.go).
	Pages []PageRef `json:"pages,omitempty"`

	// Worker names the process of a crawl shared by several (prov crawl
	// --frontier) that made the capture; "" for a crawl of one process.
	Worker string `json:"worker,omitempty"`
}

// PageRef names one page of a stitched article: the capture of that page
// whose text is part of the stitched text.
type PageRef struct {
	URL           string `json:"url"`
	CaptureID     uint64 `json:"capture_id"`
	TextSHA256    string `json:"text_sha256"`
	PayloadSHA256 string `json:"payload_sha256,omitempty"`
}

// Entry is what the writer stores for one fetch: the capture, its payload
// (stored once per sha256), and its clean text (stored once per text hash).
// Payload may be nil for a revisit or failure; Text is "" when there is none.
type Entry struct {
	Capture Capture
	Payload []byte
	Text    string

	// Memory, when set, is the entry's hold on a crawl's memory budget.
	// A Writer owns it once Add is called: it shrinks it to the bytes the
	// queued entry still holds (the encoded payload and the text) and
	// releases it once the entry's batch is committed or failed, or when
	// Add refuses the entry.
	Memory *memory.Hold

	// Previous, when set, is what DB.Previous returned for the capture's
	// URL before it was fetched. The writer derives the capture's Kind
	// from it while it is current (the URL has no newer capture), instead
	// of decoding the URL's last capture again.
	Previous *Previous

	// stored is Payload as stored (encodePayload), made by prepare; from
	// then on the entry holds it instead of Payload.
	stored []byte
	// storedText is Text as its blob holds it (encodeText), made by
	// prepare, outside the writer's transaction; nil when prepare found
	// the text's document stored already (documentKnown).
	storedText []byte
	// exact is the sha256 of Text as it is (not normalised), made by
	// prepare: what tells the text from its document's (owntext.go).
	exact Hash
}

// Run is one crawl run.
type Run struct {
	ID        uint64         `json:"id"`
	Start     time.Time      `json:"start"`
	End       time.Time      `json:"end,omitzero"` // left out while a run has none (running, or stopped without ending: interrupted)
	Seeds     []string       `json:"seeds"`
	PID       int            `json:"pid"`
	Fetched   int            `json:"fetched"`
	New       int            `json:"new"`
	Changed   int            `json:"changed"`
	Unchanged int            `json:"unchanged"`
	Failed    map[string]int `json:"failed,omitempty"` // by reason
	Bytes     int64          `json:"bytes"`
	Status    string         `json:"status"` // running | done | interrupted

	// Skipped counts the links the run did not fetch, by reason: a limit
	// (max pages, too deep…), scope, a trap, robots.txt, a sitemap's
	// lastmod. They are not failures.
	Skipped map[string]int `json:"skipped,omitempty"`

	// Crawl names the shared crawl (prov crawl --frontier) the run was a
	// worker's part of, and Workers the workers whose runs prov merge
	// folded into this one; both empty for a crawl of one process.
	Crawl   string   `json:"crawl,omitempty"`
	Workers []string `json:"workers,omitempty"`

	// Kind is what the run was: "" for a crawl, RunRefetch for prov
	// verify --refetch, which fetches the originals again to check them.
	Kind string `json:"kind,omitempty"`
}

// RunRefetch is the Kind of a run of prov verify --refetch.
const RunRefetch = "refetch"

// KindName names what the run was, as prov runs and the web view show
// it: "crawl", or its Kind.
func (r Run) KindName() string {
	if r.Kind == "" {
		return "crawl"
	}
	return r.Kind
}
