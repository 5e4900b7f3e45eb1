package crawl

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/prov-archive/prov/memory"
)

// How a fetch counts against the run's memory budget (Config.Memory):
//
//   - A hop reads its first freeBytes of payload and content without the
//     budget: most pages are that small, and they take their exact weight
//     once read. Before a body grows past them (or at once, when its
//     Content-Length says it will), the hop reserves what it may come to —
//     the announced or limit-sized payload, a limit-sized content for a
//     coded payload, and the Overhead of that content — and allocates
//     its buffer at that size in one piece instead of doubling towards it.
//   - Once the payload is read, a coded one's decoded size is expected
//     from its gzip trailer (else the limit), and the hold set to it; a
//     content that outgrows it (a lying trailer) sets it to the limit.
//   - When the bodies are read the hold is set to their exact weight:
//     payload, content when it is a copy of its own, and the Overhead of
//     the content.
//
// The hold never waits while it holds budget (memory.Hold.Set gives it
// back first), so fetches cannot deadlock on one another; a page larger
// than the whole budget is fetched alone. A wait is part of the fetch and
// counts against its Timeout, so a fetch starved of memory fails as a
// timeout and is retried like one. While a hop waits, the bytes it
// has read are not counted: at most freeBytes, but for a lying gzip
// trailer. The hold is the Page's (Page.Memory) from then on; a hop whose
// body failed, and a redirect hop whose bytes the next one replaces,
// give theirs back.
const freeBytes = 512 << 10

// charge is one hop's claim on the budget.
type charge struct {
	ctx    context.Context
	budget *memory.Budget // nil: nothing is counted
	hold   *memory.Hold
	extra  func(content int64) int64
}

func (t *transport) charge(ctx context.Context, resp *http.Response) *charge {
	c := &charge{ctx: ctx, budget: t.budget, extra: func(int64) int64 { return 0 }}
	if t.overhead != nil && resp.StatusCode >= 200 && resp.StatusCode <= 299 {
		h := resp.Header
		c.extra = func(n int64) int64 { return t.overhead(h, n) }
	}
	return c
}

// set makes the hop's hold n bytes (see memory.Hold.Set).
func (c *charge) set(n int64) error {
	if c.budget == nil {
		return nil
	}
	if c.hold == nil {
		h, err := c.budget.Acquire(c.ctx, n)
		c.hold = h
		return err
	}
	return c.hold.Set(c.ctx, n)
}

// bodies is what a hop read: its payload and content (the same slice when
// the payload has no content coding), and the hold that counts them.
type bodies struct {
	payload, content []byte
	truncated        bool
	trailing         int64 // coded bytes after the coded data, left out of content
	decErr           error // the content could not be decoded
	// incomplete says why the payload is only the start of the body
	// (incompleteWhy); the hop then failed, and content is nil.
	incomplete string
	hold       *memory.Hold
}

// readBodies reads resp's payload and decodes its content, both bounded
// by t.limit, counting them against the budget as memory.go's comment
// says. err is the payload's read error (the hold is then given back).
func (t *transport) readBodies(ctx context.Context, resp *http.Response) (b bodies, err error) {
	c := t.charge(ctx, resp)
	defer func() {
		if err != nil && b.incomplete == "" {
			c.hold.Release()
		}
	}()
	coding := resp.Header.Get("Content-Encoding")
	coded := len(splitCodings(coding)) > 0
	payload, cut, err := t.readPayload(resp, c, coded)
	if err != nil {
		return c.incomplete(payload, incompleteWhy(ctx, err), err)
	}
	b = bodies{payload: payload, content: payload, truncated: cut}
	if coded && len(payload) > 0 {
		var over bool
		b.content, over, b.trailing, b.decErr = t.readContent(payload, coding, cut, c)
		b.truncated = cut || over
	}
	if err := c.set(weight(b.payload, b.content) + c.extra(int64(len(b.content)))); err != nil {
		return bodies{}, err
	}
	b.hold = c.hold
	return b, nil
}

// incomplete is readBodies' answer to a payload whose reading failed
// after some of it came: when the read itself failed (why, from
// incompleteWhy) the bytes that came are kept, with no content, and the
// hold set to them; else, or when the budget has no room for them now
// (the fetch's context may have ended: nothing waits here), nothing is.
func (c *charge) incomplete(payload []byte, why string, err error) (bodies, error) {
	if why == "" || len(payload) == 0 {
		return bodies{}, err
	}
	if cap(payload)-len(payload) > 4<<10 { // a buffer sized for the whole body
		payload = bytes.Clone(payload)
	}
	if !c.keep(int64(len(payload))) {
		return bodies{}, err
	}
	return bodies{payload: payload, incomplete: why, hold: c.hold}, err
}

// keep makes the hop's hold n bytes without waiting: a hold that has as
// much gives back the rest; a hop without one takes n if they are free.
func (c *charge) keep(n int64) bool {
	switch {
	case c.budget == nil:
		return true
	case c.hold != nil && c.hold.Bytes() >= n:
		c.hold.Shrink(n)
		return true
	case c.hold != nil:
		c.hold.Release()
		return false
	}
	h, ok := c.budget.TryAcquire(n)
	c.hold = h
	return ok
}

// incompleteWhy names, in WARC-Truncated's words, why a body's reading
// in ctx, the request's, ended early: "time" for a read that timed out
// (the fetch's Timeout ends ctx), "disconnect" for a connection closed or
// reset, "unspecified" for another read error (a malformed chunk); "" for
// an error that is no read's (the memory budget) or the run stopping.
func incompleteWhy(ctx context.Context, err error) string {
	var re *readError
	var ne net.Error
	switch {
	case !errors.As(err, &re), errors.Is(ctx.Err(), context.Canceled), errors.Is(err, context.Canceled):
		return ""
	case errors.As(err, &ne) && ne.Timeout(), errors.Is(err, context.DeadlineExceeded), past(ctx):
		return "time"
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF), errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EPIPE):
		return "disconnect"
	}
	return "unspecified"
}

// past says whether ctx's deadline has come. The transport ends a fetch
// at its Timeout by a deadline on the hop's context (record.bound), and
// net/http's transport below it by its ResponseHeaderTimeout: a read may
// fail at that moment before ctx.Err shows it.
func past(ctx context.Context) bool {
	d, ok := ctx.Deadline()
	return ok && !time.Now().Before(d)
}

// readError is a body's Read error, told apart from the sink's own.
type readError struct{ err error }

func (e *readError) Error() string { return e.err.Error() }
func (e *readError) Unwrap() error { return e.err }

// weight is the bytes a payload and its content hold between them.
func weight(payload, content []byte) int64 {
	if len(content) > 0 && len(payload) > 0 && &content[0] == &payload[0] {
		return int64(len(payload))
	}
	return int64(len(payload) + len(content))
}

// readPayload reads the payload; past freeBytes (or at once, when the
// announced length passes them) it reserves the payload's worst case: the
// announced length or the limit, plus a limit-sized content when coded.
func (t *transport) readPayload(resp *http.Response, c *charge, coded bool) ([]byte, bool, error) {
	size := t.limit
	if resp.ContentLength >= 0 {
		size = min(resp.ContentLength, t.limit)
	}
	s := &sink{limit: t.limit, free: freeBytes, reserve: func() (int64, error) {
		content := size
		if coded {
			content = t.limit
		}
		n := size + c.extra(content)
		if coded {
			n += content
		}
		return size + 1, c.set(n)
	}}
	if err := s.presize(resp.ContentLength); err != nil {
		return nil, false, err
	}
	if resp.ContentLength < 0 {
		s.borrowScratch()
	}
	cut, err := s.readFrom(resp.Body)
	if err != nil && lastChunkCame(err) {
		err = nil
	}
	return s.detach(), cut, err
}

// lastChunkCame says whether a chunked body's reading failed after its
// last chunk: the connection closed where the blank line that ends the
// message (after any trailer fields) was due. Every byte of the body came,
// and browsers show it; so the body is whole. net/http words this one
// plainly ("http: unexpected EOF reading trailer"); TestLastChunkCame
// holds the words to its.
func lastChunkCame(err error) bool {
	return strings.Contains(err.Error(), "unexpected EOF reading trailer")
}

// readContent decodes a coded payload, with the hold set to its expected
// size first, and to the limit if it outgrows that; tail is decodeInto's.
func (t *transport) readContent(payload []byte, coding string, cut bool, c *charge) (content []byte, over bool, tail int64, err error) {
	expect := t.limit
	if n, ok := gzipSize(payload, coding, cut); ok {
		expect = min(n, t.limit)
	}
	p := int64(len(payload))
	if err := c.set(p + expect + c.extra(expect)); err != nil {
		return nil, false, 0, err
	}
	s := &sink{limit: t.limit, buf: make([]byte, 0, expect+1), reserve: func() (int64, error) {
		return t.limit + 1, c.set(p + t.limit + c.extra(t.limit))
	}}
	return decodeInto(s, payload, coding, cut)
}

// gzipSize reads the decoded size a payload of one gzip coding announces
// in its trailer (ISIZE, the size modulo 2³²): a hint, not a promise.
func gzipSize(payload []byte, coding string, cut bool) (int64, bool) {
	c := splitCodings(coding)
	if cut || len(c) != 1 || (c[0] != "gzip" && c[0] != "x-gzip") || len(payload) < 18 {
		return 0, false
	}
	return int64(binary.LittleEndian.Uint32(payload[len(payload)-4:])), true
}

// sink reads a body into one buffer, keeping at most limit bytes (one
// more is read to tell a cut). The buffer doubles up to free bytes; past
// them reserve is called, once, to take the budget for the body, and the
// buffer is grown at once to the size it returns. A sink without reserve
// doubles up to the limit.
type sink struct {
	buf      []byte
	limit    int64
	free     int64
	reserve  func() (size int64, err error)
	reserved bool
	scratch  *[]byte // the pool's buffer buf is in (borrowScratch), nil for one of its own
}

// scratchSize is the size of the scratch buffers a body of no announced
// length is first read into (borrowScratch): most pages are smaller.
const scratchSize = 64 << 10

// scratches are the scratch buffers, each a *[]byte of scratchSize.
var scratches = sync.Pool{New: func() any { b := make([]byte, scratchSize); return &b }}

// borrowScratch makes the empty sink read into a scratch buffer, no
// larger than the sink could grow without reserving, until the body
// outgrows it (grow then moves it to a buffer of its own, as it does any
// buffer) or detach copies it out at its exact size. A body of no announced
// length was read into a buffer doubling from 4 KB: a page of 5 KB cost a
// 4 KB and an 8 KB buffer, zeroed, and a copy, and kept 3 KB it did not
// use.
func (s *sink) borrowScratch() {
	size := min(scratchSize, s.limit+1)
	if s.reserve != nil {
		size = min(size, s.free)
	}
	if len(s.buf) > 0 || cap(s.buf) >= int(size) || size < 4<<10 {
		return // presized, or not worth it
	}
	s.scratch = scratches.Get().(*[]byte)
	s.buf = (*s.scratch)[:0:size]
}

// detach returns the body read, in a buffer of its own: a scratch buffer
// still in use is copied out, at the body's size, and given back.
func (s *sink) detach() []byte {
	if s.scratch == nil {
		return s.buf
	}
	body := append([]byte{}, s.buf...)
	s.giveBack()
	return body
}

// giveBack returns the scratch buffer to the pool; s.buf must no longer
// point into it.
func (s *sink) giveBack() {
	if s.scratch != nil {
		scratches.Put(s.scratch)
		s.scratch, s.buf = nil, nil
	}
}

// presize sizes the buffer for an announced length (n < 0: none), taking
// the budget at once when the body will pass free bytes.
func (s *sink) presize(n int64) error {
	switch {
	case n < 0:
		return nil
	case min(n, s.limit) < s.free || s.reserve == nil:
		s.buf = make([]byte, 0, min(n, s.limit, s.free)+1)
		return nil
	}
	size, err := s.reserve()
	if err != nil {
		return err
	}
	s.reserved = true
	s.buf = make([]byte, 0, min(size, s.limit+1))
	return nil
}

func (s *sink) readFrom(r io.Reader) (cut bool, err error) {
	for int64(len(s.buf)) <= s.limit {
		if len(s.buf) == cap(s.buf) {
			if err := s.grow(); err != nil {
				return false, err
			}
		}
		n, rerr := r.Read(s.buf[len(s.buf):cap(s.buf)])
		s.buf = s.buf[:len(s.buf)+n]
		if rerr == io.EOF {
			break
		}
		if rerr != nil {
			err = &readError{rerr}
			break
		}
	}
	if int64(len(s.buf)) > s.limit {
		s.buf = s.buf[:s.limit]
		return true, err
	}
	return false, err
}

// grow makes room for at least one more byte: by doubling, up to free
// bytes, then (after reserve) to the reserved size at once.
func (s *sink) grow() error {
	n := max(2*int64(cap(s.buf)), 4<<10)
	if !s.reserved && s.reserve != nil {
		if int64(cap(s.buf)) < s.free {
			n = min(n, s.free)
		} else {
			size, err := s.reserve()
			if err != nil {
				return err
			}
			s.reserved, n = true, size
		}
	}
	n = min(max(n, int64(len(s.buf))+1), s.limit+1)
	nb := make([]byte, len(s.buf), n)
	copy(nb, s.buf)
	s.giveBack()
	s.buf = nb
	return nil
}
