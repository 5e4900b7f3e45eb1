package crawl

import (
	"bytes"
	"net"
	"net/http"
	"net/http/httptrace"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

// Heads as they crossed the wire. net/http parses a response's head into
// a map, losing the reason phrase, the order of the header lines and their
// casing; an archival export needs them. So every connection the transport
// dials for HTTP/1.x is a tapConn, which shows the bytes it reads and
// writes to the exchange under way on it, and the exchange cuts its two
// heads out of them:
//
//   - the request head: the bytes written from the exchange's start up to
//     the blank line that ends the head (a body is never kept);
//   - the response head: the bytes read from the exchange's start up to
//     the blank line. An interim 1xx response (100 Continue, 103 Early
//     Hints; not 101, which net/http takes as final) is dropped and the
//     cut starts again after it: the head kept is the final response's.
//
// A head is kept as a string of its start line and header lines, each
// ended by CRLF, without the blank line (archive.Capture.RequestHead).
//
// An exchange starts when net/http hands the hop its connection (the
// GotConn trace hook). net/http never pipelines: on a reused keep-alive
// connection the next request is written only once the previous response
// was read to its end, so every byte after GotConn belongs to this
// exchange. The bytes written are shown to the exchange before they reach
// the socket, so the request head is whole by the time any answer to it
// can be read.
//
// A head is not kept ("") when it is not what net/http read (its start
// line does not name the method, or the protocol and status, of the
// exchange), when one of its lines ends with a bare LF (which net/http
// accepts but the field's contract, CRLF lines, would then not hold), or
// when it passes maxHead. prov speaks HTTP/1.1 only (DialTLSContext), so
// every exchange has text heads to keep.

// maxHead bounds one head. It is also the transport's
// MaxResponseHeaderBytes, so a response net/http accepts always has its
// head kept whole, and a server sending more fails the fetch instead of
// making it hold up to net/http's default of 10 MB. 256 KiB is the limit
// a browser (Chromium) puts on a response's headers: a page it shows is
// never refused here.
const maxHead = 256 << 10

// tapConn is a connection whose reads and writes are shown to the
// exchange attached to it, if any.
type tapConn struct {
	net.Conn
	ex atomic.Pointer[exchange]
	// unverified is why the server's certificate did not verify, on a
	// TLS connection its host's rule lets go on (dialer.unverifiedOK);
	// "" when it verified, or the connection is not TLS. Set once, at dial.
	unverified string
	// held is what Read owes net/http beyond what its last call could
	// take, heldErr the read error to return after it. Only the goroutine
	// reading the connection touches them.
	held    []byte
	heldErr error
	// remote is the peer's address as a string (RemoteAddr), made once
	// at dial for every exchange of the connection to note.
	remote string
}

func newTapConn(c net.Conn) *tapConn { return &tapConn{Conn: c, remote: addrString(c.RemoteAddr())} }

// addrString is a's String, "" for a nil address.
func addrString(a net.Addr) string {
	if a == nil {
		return ""
	}
	return a.String()
}

// remoteAddr is the peer's address of a connection net/http got for a
// hop: a tapConn's, made at dial, else asked of the connection.
func remoteAddr(c net.Conn) string {
	if tc, ok := c.(*tapConn); ok {
		return tc.remote
	}
	return c.RemoteAddr().String()
}

// Read hands net/http what the connection read, except that while an
// exchange's response head is still coming it holds the bytes back, and
// hands the head over mended (headmend.go) once it is whole. The bytes
// are shown to the exchange as they came.
func (c *tapConn) Read(p []byte) (int, error) {
	for {
		if len(c.held) > 0 {
			n := copy(p, c.held)
			c.held = c.held[n:]
			return n, nil
		}
		if c.heldErr != nil {
			err := c.heldErr
			c.heldErr = nil
			return 0, err
		}
		n, err := c.Conn.Read(p)
		ex := c.ex.Load()
		if ex == nil || (n == 0 && err == nil) {
			return n, err
		}
		give := ex.read(p[:n], err != nil)
		if len(give) == 0 && err == nil {
			continue // the head is not whole yet
		}
		m := copy(p, give) // give is p[:n] itself when nothing was held or mended
		if m == len(give) {
			return m, err
		}
		c.held, c.heldErr = give[m:], err
		return m, nil
	}
}

func (c *tapConn) Write(p []byte) (int, error) {
	ex := c.ex.Load()
	if ex != nil {
		ex.write(p)
	}
	n, err := c.Conn.Write(p)
	if n < len(p) && ex != nil {
		ex.writeCut()
	}
	return n, err
}

// exchange cuts the heads of one request and its response out of what
// its connection reads and writes. The transport's read and write loops
// feed it from their goroutines; mu guards it against each other and the
// hop that takes the heads.
type exchange struct {
	mu   sync.Mutex
	req  headCut
	resp headCut
	// held is the response head read so far, not yet handed to net/http
	// (tapConn.Read): nil once the final head was handed over.
	held []byte
	// repairs are the final response head's (mendHead), counted in
	// its lines.
	repairs []HeadRepair
}

func (ex *exchange) write(p []byte) {
	ex.mu.Lock()
	defer ex.mu.Unlock()
	ex.req.feed(p)
}

// writeCut notes that a write did not go out whole: a request head still
// being cut is not what went on the wire.
func (ex *exchange) writeCut() {
	ex.mu.Lock()
	defer ex.mu.Unlock()
	if !ex.req.ended {
		ex.req.drop()
	}
}

// read takes the bytes the connection read and returns those net/http
// is to read now: none while a response head is still coming, then the
// head as mendHead gives it and what followed it; after the final head,
// p itself. At a read error (failed) a head still held goes as it came,
// for net/http to fail on as it would have. So does a head that passes
// maxHead, which net/http refuses (MaxResponseHeaderBytes).
func (ex *exchange) read(p []byte, failed bool) []byte {
	ex.mu.Lock()
	defer ex.mu.Unlock()
	if ex.resp.ended {
		return p
	}
	orig := p
	// give is what net/http is to read, once it is not orig as it came:
	// asCame says it still is, up to where this loop has got.
	var give []byte
	asCame := ex.held == nil
	differ := func(at int) {
		if asCame {
			give, asCame = append(give, orig[:at]...), false
		}
	}
	for len(p) > 0 && !ex.resp.ended {
		at := len(orig) - len(p)
		rest := ex.resp.feed(p)
		part := p[:len(p)-len(rest)]
		p = rest
		if !ex.resp.ended { // the head goes on in a later read
			differ(at)
			ex.held = append(ex.held, part...)
			break
		}
		head := part
		if ex.held != nil {
			head, ex.held = append(ex.held, part...), nil
		}
		mended := head
		if !ex.resp.dropped {
			mended, ex.repairs = mendHead(head)
			if ex.repairs != nil {
				differ(at)
			}
			if interim(ex.resp.buf) {
				ex.resp = headCut{}
			}
		}
		if !asCame {
			give = append(give, mended...)
		}
	}
	if failed && ex.held != nil {
		give, ex.held = append(give, ex.held...), nil
	}
	if asCame {
		return orig
	}
	return append(give, p...)
}

// heads returns the two heads as cut so far ("" for one not whole).
func (ex *exchange) heads() (req, resp string) {
	ex.mu.Lock()
	defer ex.mu.Unlock()
	return ex.req.head(), ex.resp.head()
}

// interim says whether a response head is a 1xx that net/http skips to
// read the final response after it: every 1xx but 101.
func interim(head []byte) bool {
	code, ok := statusCode(head)
	return ok && code >= 100 && code <= 199 && code != http.StatusSwitchingProtocols
}

// statusCode reads the status code of a status line as net/http does:
// the protocol, a space, any more spaces, three digits.
func statusCode(head []byte) (int, bool) {
	_, code, ok := statusLine(string(head))
	return code, ok
}

// statusLine splits the start of a response head into its protocol and
// status code, as net/http reads them.
func statusLine(head string) (proto string, code int, ok bool) {
	line, _, _ := strings.Cut(head, "\n")
	proto, status, ok := strings.Cut(strings.TrimSuffix(line, "\r"), " ")
	status = strings.TrimLeft(status, " ")
	digits, _, _ := strings.Cut(status, " ")
	if !ok || len(digits) != 3 {
		return "", 0, false
	}
	code, err := strconv.Atoi(digits)
	return proto, code, err == nil
}

// headCut collects one head from a stream of bytes, line by line, until
// the blank line that ends it. It holds at most maxHead bytes: past that
// it drops what it has and takes no more.
type headCut struct {
	buf     []byte
	line    int  // where the current line starts in buf
	ended   bool // the blank line was seen (or the cut was dropped)
	dropped bool
	bareLF  bool // a line ended by LF alone
}

// feed takes the next bytes of the stream and returns those after the
// head's blank line (none until it is seen).
func (h *headCut) feed(p []byte) []byte {
	for len(p) > 0 && !h.ended {
		i := bytes.IndexByte(p, '\n')
		if i < 0 {
			h.add(p)
			return nil
		}
		h.add(p[:i+1])
		p = p[i+1:]
		h.endLine()
	}
	return p
}

func (h *headCut) add(p []byte) {
	if h.ended {
		return
	}
	if len(h.buf)+len(p) > maxHead {
		h.drop()
		return
	}
	h.buf = append(h.buf, p...)
}

// endLine looks at the line just ended by LF: a blank one ends the head
// (and is not kept).
func (h *headCut) endLine() {
	if h.ended {
		return
	}
	line := h.buf[h.line:]
	if len(line) == 1 || (len(line) == 2 && line[0] == '\r') {
		h.buf, h.ended = h.buf[:h.line], true
		return
	}
	if len(line) < 2 || line[len(line)-2] != '\r' {
		h.bareLF = true
	}
	h.line = len(h.buf)
}

func (h *headCut) drop() {
	*h = headCut{ended: true, dropped: true}
}

// head is the head cut, or "" when it is not whole, was dropped, or has a
// line not ended by CRLF.
func (h *headCut) head() string {
	if !h.ended || h.dropped || h.bareLF || len(h.buf) == 0 {
		return ""
	}
	return string(h.buf)
}

// hopHeads follows one hop to the connection net/http sends it on. A hop
// net/http retries on a fresh connection starts a fresh exchange there.
type hopHeads struct {
	ex   atomic.Pointer[exchange]
	conn atomic.Pointer[tapConn]
}

// gotConn is the hop's GotConn trace hook.
func (hh *hopHeads) gotConn(info httptrace.GotConnInfo) {
	hh.release()
	tc, ok := info.Conn.(*tapConn)
	if !ok {
		return // not dialled by the transport: nothing to cut
	}
	ex := new(exchange)
	hh.ex.Store(ex)
	hh.conn.Store(tc)
	tc.ex.Store(ex)
}

// unverified is why the hop's connection's certificate did not verify,
// "" when it did (tapConn.unverified).
func (hh *hopHeads) unverified() string {
	if tc := hh.conn.Load(); tc != nil {
		return tc.unverified
	}
	return ""
}

// release detaches the hop's exchange from its connection, unless the
// connection has gone on to another exchange already.
func (hh *hopHeads) release() {
	ex, tc := hh.ex.Swap(nil), hh.conn.Swap(nil)
	if ex != nil && tc != nil {
		tc.ex.CompareAndSwap(ex, nil)
	}
}

// take returns the hop's heads once net/http has read the response head,
// and releases the connection. A head whose start line is not the
// exchange's as net/http saw it is not kept: that would be another
// exchange's.
func (hh *hopHeads) take(req *http.Request, resp *http.Response) (reqHead, respHead string, repairs []HeadRepair) {
	ex := hh.ex.Load()
	hh.release()
	if ex == nil {
		return "", "", nil
	}
	reqHead, respHead = ex.heads()
	if !strings.HasPrefix(reqHead, req.Method+" ") {
		reqHead = ""
	}
	if resp == nil || !startsStatusLine(respHead, resp) {
		respHead = ""
	}
	if resp != nil {
		repairs = ex.repairsMade()
	}
	return reqHead, respHead, repairs
}

// repairsMade returns the repairs of the response head handed to net/http.
func (ex *exchange) repairsMade() []HeadRepair {
	ex.mu.Lock()
	defer ex.mu.Unlock()
	return ex.repairs
}

// startsStatusLine says whether head's status line names resp's
// protocol and status code.
func startsStatusLine(head string, resp *http.Response) bool {
	proto, code, ok := statusLine(head)
	return ok && proto == resp.Proto && code == resp.StatusCode
}
