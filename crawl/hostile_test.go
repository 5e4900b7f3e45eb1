package crawl

import (
	"bufio"
	"bytes"
	"compress/flate"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// The hostile suite: servers that misbehave on purpose. Each case crawls a
// hostile URL beside a normal page (/ok) and checks that the hostile fetch
// ends, in bounded time and memory, with an error or a truncated flag, and
// that the normal page is still sent.

const (
	hostileLimit = 4 << 20 // Config.MaxBodySize in the suite: above the 1 MB line and the 100,000 links
	// hostileTimeout is the fetch timeout of the cases that test it (a
	// server that drips or never answers): what they measure is that the
	// fetch ends at it, so it stays short.
	hostileTimeout = 2 * time.Second
	// hostileBound is every other case's fetch timeout and its crawl's
	// bound: those cases measure a limit in bytes or hops, and a loaded
	// machine under -race may take seconds to read 4 MiB, which must not
	// turn a truncation into a timeout.
	hostileBound = time.Minute
	rawHost      = "raw.example.test"
)

// hostileRoutes serve www.example.test in the suite.
func hostileRoutes() map[string]http.HandlerFunc {
	return map[string]http.HandlerFunc{
		"/robots.txt":   func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "User-agent: *\nAllow: /\n") },
		"/ok":           page(article),
		"/bomb":         gzipBomb,
		"/huge":         endless,
		"/drip":         drip,
		"/silent":       func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() },
		"/reset":        resetMidBody,
		"/chain/":       chain,
		"/loop/a":       redirect("/loop/b", http.StatusFound),
		"/loop/b":       redirect("/loop/a", http.StatusFound),
		"/binary":       serve("text/html", noise(200<<10)),
		"/many-links":   serve("text/html", manyLinks(100_000)),
		"/long-line":    serve("text/html", []byte(longLine)),
		"/deep-nesting": serve("text/html", []byte(strings.Repeat("<div>", 100_000)+"<p>deep</p>"+strings.Repeat("</div>", 100_000))),
	}
}

func serve(contentType string, body []byte) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", contentType)
		w.Write(body)
	}
}

// bombChunk is a non-final deflate block holding 1 MiB of zeros (about
// 1 KiB): repeated, it makes a stream of any length without allocating it.
var bombChunk = sync.OnceValue(func() []byte {
	var buf bytes.Buffer
	zw, _ := flate.NewWriter(&buf, flate.BestCompression)
	zw.Write(make([]byte, 1<<20))
	zw.Flush()
	return buf.Bytes()
})

// gzipBomb sends a gzip stream generated as it goes
// (16 GiB unpacked, about 16 MiB on the wire). The client stops reading at
// the limit; the trailer never comes.
func gzipBomb(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html")
	w.Header().Set("Content-Encoding", "gzip")
	w.Write([]byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff})
	for i := 0; i < 16<<10 && r.Context().Err() == nil; i++ {
		if _, err := w.Write(bombChunk()); err != nil {
			return
		}
	}
}

// endless sends up to 1 GiB of text until the client leaves.
func endless(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html")
	buf := bytes.Repeat([]byte("x"), 32<<10)
	for i := 0; i < 1<<15 && r.Context().Err() == nil; i++ {
		if _, err := w.Write(buf); err != nil {
			return
		}
	}
}

// drip promises 100 bytes and sends one a second.
func drip(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Length", "100")
	w.WriteHeader(http.StatusOK)
	for range 100 {
		w.Write([]byte("x"))
		w.(http.Flusher).Flush()
		select {
		case <-time.After(time.Second):
		case <-r.Context().Done():
			return
		}
	}
}

// resetMidBody promises 100,000 bytes, sends 1,000 and resets the connection.
func resetMidBody(w http.ResponseWriter, r *http.Request) {
	conn, buf, err := w.(http.Hijacker).Hijack()
	if err != nil {
		return
	}
	fmt.Fprintf(buf, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n%s", strings.Repeat("y", 1000))
	buf.Flush()
	if tc, ok := conn.(*net.TCPConn); ok {
		tc.SetLinger(0) // RST, not FIN
	}
	conn.Close()
}

// chain redirects /chain/N to /chain/N+1, forever.
func chain(w http.ResponseWriter, r *http.Request) {
	var n int
	fmt.Sscanf(r.URL.Path, "/chain/%d", &n)
	http.Redirect(w, r, fmt.Sprintf("/chain/%d", n+1), http.StatusFound)
}

// noise is n deterministic pseudo-random bytes, NULs included.
func noise(n int) []byte {
	rng := rand.New(rand.NewPCG(1, 2))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(rng.Uint32())
	}
	return b
}

func manyLinks(n int) []byte {
	var b bytes.Buffer
	b.WriteString("<html><body>")
	for i := range n {
		fmt.Fprintf(&b, `<a href="/l/%d">%d</a>`, i, i)
	}
	b.WriteString("</body></html>")
	return b.Bytes()
}

// hostileWeb is the suite's two hosts: www.example.test on an httptest
// server, raw.example.test on a bare listener for what net/http will not send.
type hostileWeb struct {
	www, raw string // listen addresses
	rawPage  map[string]string
}

func newHostileWeb(t *testing.T) *hostileWeb {
	mux := http.NewServeMux()
	for path, h := range hostileRoutes() {
		mux.HandleFunc(path, h)
	}
	hostileExtraRoutes(mux)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	hw := &hostileWeb{www: srv.Listener.Addr().String(), rawPage: rawResponses()}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	hw.raw = ln.Addr().String()
	go hw.serveRaw(ln)
	return hw
}

// rawResponses are whole responses, written as they stand, then the
// connection is closed.
func rawResponses() map[string]string {
	body := strings.Repeat("<p>HTTP/1.0, no length.</p>", 1000)
	return map[string]string{
		"/robots.txt": "HTTP/1.0 404 Not Found\r\nContent-Length: 0\r\n\r\n",
		"/http10":     "HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n" + body,
		"/chunked": "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n" +
			"1\r\n<\r\n7;ext=\"x\"\r\nhtml><b\r\nA\r\nody>odd ch\r\n00000004\r\nunks\r\n" +
			"e\r\n</body></html>\r\n0\r\nX-Trailer: t\r\n\r\n",
		"/bad-chunk": "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nabc\r\nzz\r\n",
	}
}

func (hw *hostileWeb) serveRaw(ln net.Listener) {
	for {
		conn, err := ln.Accept()
		if err != nil {
			return
		}
		go func() {
			defer conn.Close()
			req, err := http.ReadRequest(bufio.NewReader(conn))
			if err != nil {
				return
			}
			resp, ok := hw.rawPage[req.URL.Path]
			if !ok {
				resp = "HTTP/1.0 404 Not Found\r\n\r\n"
			}
			conn.Write([]byte(resp))
		}()
	}
}

func (hw *hostileWeb) config() Config {
	to := func(host, addr string) ConnectTo {
		h, p, _ := net.SplitHostPort(addr)
		return ConnectTo{Host: host, Port: "80", ToHost: h, ToPort: p}
	}
	return Config{
		ConnectTo:   []ConnectTo{to(testHost, hw.www), to(rawHost, hw.raw)},
		Delay:       time.Millisecond,
		Parallel:    4,
		MaxPages:    20,
		MaxBodySize: hostileLimit,
		Timeout:     hostileBound,
		Retries:     -1, // one try: the bound under test is one fetch's
		Stats:       new(Stats),
	}
}

// crawlBeside crawls target and the normal page side by side and returns
// target's page, failing unless both are sent within twice the fetch
// timeout and ten seconds: a bound that scales with what the case waits
// for, so a loaded machine makes a case slower, never wrong.
func crawlBeside(t *testing.T, cfg Config, target string) Page {
	t.Helper()
	bound := 2*cfg.Timeout + 10*time.Second
	okURL := "http://" + testHost + "/ok"
	cfg.Seeds = []string{target, okURL}
	start := time.Now()
	ch := make(chan Page)
	errc := make(chan error, 1)
	budget := watchMemory(t, &cfg)
	go func() { errc <- Run(context.Background(), cfg, ch) }()
	got := map[string]Page{}
	for p := range ch {
		checkHold(t, budget, p)
		p.Memory.Release()
		got[p.RequestedURL] = p
	}
	if err := <-errc; err != nil {
		t.Fatalf("Run: %v", err)
	}
	checkAllReleased(t, budget)
	if d := time.Since(start); d > bound {
		t.Errorf("crawl took %v, want under %v", d, bound)
	}
	if ok := got[okURL]; ok.Err != nil || ok.Status != 200 || string(ok.Content) != article {
		t.Errorf("normal page beside %s: status %d, err %v", target, ok.Status, ok.Err)
	}
	p, ok := got[target]
	if !ok {
		t.Fatalf("no page for %s; got %v", target, keys(got))
	}
	if int64(len(p.Payload)) > cfg.MaxBodySize || int64(len(p.Content)) > cfg.MaxBodySize {
		t.Errorf("%s: payload %d, content %d bytes, limit %d", target, len(p.Payload), len(p.Content), cfg.MaxBodySize)
	}
	t.Logf("%s: status %d, %d hops, truncated %v, err %v", target, p.Status, len(p.Redirects), p.Truncated, p.Err)
	return p
}

var longLine = "<html><body><p>" + strings.Repeat("a", 1<<20) + `<a href="/ok">ok</a></p></body></html>`

// bad is a page whose bytes are invalid in every charset the cases name.
const bad = "<html><body><p>\xff\xfe\x80\x81\x1b$B\x00\xc3\x28\xed\xa0\x80\x8e</p><a href=\"/ok\">ok</a></body></html>"

func hostileExtraRoutes(mux *http.ServeMux) {
	mux.HandleFunc("/redirect", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, r.URL.Query().Get("to"), http.StatusFound)
	})
	mux.HandleFunc("/charset", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset="+r.URL.Query().Get("cs"))
		fmt.Fprint(w, bad)
	})
}

type hostileCase struct {
	url   string
	check func(t *testing.T, p Page)
}

// timedCases test the fetch timeout: they run with hostileTimeout, and
// their error must say that the timeout ended them.
var timedCases = map[string]bool{"one byte a second": true, "never answers": true}

func wantErr(substr string) func(*testing.T, Page) {
	return func(t *testing.T, p Page) {
		if p.Err == nil || !strings.Contains(p.Err.Error(), substr) {
			t.Errorf("err = %v, want one saying %q", p.Err, substr)
		}
	}
}

// wantTimeout wants the fetch ended by its timeout: an error that says it
// is one (net.Error's Timeout), not any error.
func wantTimeout(t *testing.T, p Page) {
	var ne net.Error
	if !errors.As(p.Err, &ne) || !ne.Timeout() {
		t.Errorf("err = %v, want a timeout", p.Err)
	}
}

// wantIncomplete wants a failed page that keeps, as its payload, the
// body's first bytes as served (prefix, or at least one byte of it when
// whole is false), marked incomplete for why, with no content.
func wantIncomplete(why, prefix string, whole bool, check func(*testing.T, Page)) func(*testing.T, Page) {
	return func(t *testing.T, p Page) {
		check(t, p)
		got := string(p.Payload)
		if p.Incomplete != why || p.Status != 200 || p.Content != nil || got == "" ||
			!strings.HasPrefix(prefix, got) || (whole && got != prefix) {
			t.Errorf("incomplete %q, status %d, payload %q (%d bytes), content %d bytes; want %q, 200, the first bytes of %q, no content",
				p.Incomplete, p.Status, trimmed(got), len(got), len(p.Content), why, trimmed(prefix))
		}
	}
}

func trimmed(s string) string {
	if len(s) > 20 {
		return s[:20] + "…"
	}
	return s
}

func wantTruncated(t *testing.T, p Page) {
	if !p.Truncated || p.Limit != hostileLimit || len(p.Content) != hostileLimit {
		t.Errorf("truncated %v limit %d content %d, want cut at %d (err %v)", p.Truncated, p.Limit, len(p.Content), hostileLimit, p.Err)
	}
}

// wantKept wants a page sent whole, its bytes as served.
func wantKept(body string) func(*testing.T, Page) {
	return func(t *testing.T, p Page) {
		if p.Err != nil || p.Truncated || p.Status != 200 || string(p.Content) != body {
			t.Errorf("status %d truncated %v err %v, content %d bytes, want %d as served", p.Status, p.Truncated, p.Err, len(p.Content), len(body))
		}
	}
}

// wantWhole wants a page sent uncut.
func wantWhole(t *testing.T, p Page) {
	if p.Err != nil || p.Status != 200 || p.Truncated || len(p.Content) == 0 {
		t.Errorf("status %d, err %v, truncated %v, content %d bytes", p.Status, p.Err, p.Truncated, len(p.Content))
	}
}

func hostileCases() map[string]hostileCase {
	www := func(path string) string { return "http://" + testHost + path }
	raw := func(path string) string { return "http://" + rawHost + path }
	return map[string]hostileCase{
		"gzip bomb":           {www("/bomb"), wantTruncated},
		"body over limit":     {www("/huge"), wantTruncated},
		"one byte a second":   {www("/drip"), wantIncomplete("time", strings.Repeat("x", 100), false, wantTimeout)},
		"never answers":       {www("/silent"), wantTimeout},
		"reset mid-body":      {www("/reset"), wantIncomplete("disconnect", strings.Repeat("y", 1000), true, wantErr("read body"))},
		"endless redirects":   {www("/chain/0"), wantErr("stopped after 10 redirects")},
		"redirect loop":       {www("/loop/a"), wantErr("redirect loop back to " + www("/loop/b"))},
		"binary as html":      {www("/binary"), wantKept(string(noise(200 << 10)))},
		"100,000 links":       {www("/many-links"), wantWhole},
		"1 MB line":           {www("/long-line"), wantKept(longLine)},
		"100,000 nested tags": {www("/deep-nesting"), wantWhole},
		"HTTP/1.0 no length":  {raw("/http10"), wantKept(strings.Repeat("<p>HTTP/1.0, no length.</p>", 1000))},
		"odd chunks":          {raw("/chunked"), wantKept("<html><body>odd chunks</body></html>")},
		"bad chunk":           {raw("/bad-chunk"), wantIncomplete("unspecified", "abc\r\n", true, wantErr("read body"))},
	}
}

func TestHostile(t *testing.T) {
	hw := newHostileWeb(t)
	for name, c := range hostileCases() {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			cfg := hw.config()
			if timedCases[name] {
				cfg.Timeout = hostileTimeout
			}
			c.check(t, crawlBeside(t, cfg, c.url))
		})
	}
}

func TestHostileCharsets(t *testing.T) {
	hw := newHostileWeb(t)
	for _, cs := range []string{"utf-8", "shift_jis", "euc-kr", "gb18030", "big5", "iso-2022-jp", "utf-16", "koi8-r", "klingon"} {
		t.Run(cs, func(t *testing.T) {
			t.Parallel()
			wantKept(bad)(t, crawlBeside(t, hw.config(), "http://"+testHost+"/charset?cs="+cs))
		})
	}
}

func TestHostilePrivateRedirects(t *testing.T) {
	hw := newHostileWeb(t)
	_, port, _ := net.SplitHostPort(hw.www)
	for _, to := range []string{
		"http://127.0.0.2:" + port + "/ok",
		"http://[::ffff:127.0.0.1]:" + port + "/ok",
		"http://[::ffff:7f00:1]:" + port + "/ok",
		"http://[64:ff9b::7f00:1]:" + port + "/ok",
		"http://[::1]:" + port + "/ok",
		"http://0.0.0.0:" + port + "/ok",
		"http://10.1.2.3/",
		"http://169.254.169.254/latest/meta-data/",
	} {
		t.Run(to, func(t *testing.T) {
			t.Parallel()
			via := "http://" + testHost + "/redirect?to=" + to
			// In a run the target is out of scope: colly refuses it before any dial.
			if p := crawlBeside(t, hw.config(), via); p.Err == nil || len(p.Redirects) != 1 {
				t.Errorf("run: err %v after hops %v, want the redirect refused", p.Err, p.Redirects)
			}
			// Fetch has no scope: the dial-time check refuses it.
			if p, err := Fetch(context.Background(), hw.config(), via); !errors.Is(err, ErrPrivateAddress) || len(p.Redirects) != 1 {
				t.Errorf("fetch via redirect: err %v after hops %v, want ErrPrivateAddress after the 302", err, p.Redirects)
			}
			p, err := Fetch(context.Background(), Config{Timeout: hostileTimeout}, to)
			if !errors.Is(err, ErrPrivateAddress) || p.Status != 0 {
				t.Errorf("direct fetch: status %d err %v, want ErrPrivateAddress", p.Status, err)
			}
		})
	}
}
