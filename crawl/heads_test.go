package crawl

import (
	"bufio"
	"bytes"
	"context"
	"crypto/x509"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// headsHost is the site the heads tests reach through --connect-to: a
// raw server that writes every response byte for byte, since net/http's
// server writes its own status text and canonical header casing.
const headsHost = "heads.example.test"

// oddHead is a response head as no Go server would write it: a reason
// phrase of its own, lower- and mixed-case names, a repeated name split
// by another.
const oddHead = "HTTP/1.1 200 Fine Thanks\r\nX-lower: a\r\nContent-TYPE: text/html\r\nset-cookie: a=1\r\nX-Between: b\r\nSet-Cookie: c=2\r\nContent-Length: 4\r\n"

// rawHeadResponses are whole responses, written as they stand; a path
// under /ka/ is answered by keepAlive.
func rawHeadResponses() map[string]string {
	pad := func(n int) string {
		var b strings.Builder
		for i := 0; b.Len() < n; i++ {
			fmt.Fprintf(&b, "X-Pad-%d: %s\r\n", i, strings.Repeat("p", 100))
		}
		return b.String()
	}
	return map[string]string{
		"/robots.txt": "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n",
		"/odd":        oddHead + "\r\nodd!",
		"/to-odd":     "HTTP/1.1 302 Over There\r\nlocation: /odd\r\nContent-Length: 0\r\n\r\n",
		"/interim": "HTTP/1.1 100 Continue\r\n\r\n" +
			"HTTP/1.1 103 Early Hints\r\nLink: </s.css>; rel=preload\r\n\r\n" +
			"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfinal",
		"/chunked": "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n" +
			"5\r\nhello\r\n6;x=y\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n",
		"/bare-lf": "HTTP/1.1 200 OK\nContent-Length: 2\n\nok",
		"/spaced":  "HTTP/1.1  100  Continue\r\n\r\nHTTP/1.1  200  OK\r\nContent-Length: 2\r\n\r\nok",
		"/big":     "HTTP/1.1 200 OK\r\n" + pad(maxHead-1024) + "Content-Length: 2\r\n\r\nok",
		"/huge":    "HTTP/1.1 200 OK\r\n" + pad(1<<20) + "Content-Length: 2\r\n\r\nok",
		// heads net/http refuses and browsers read (headmend.go)
		"/no-colon":     "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nThis is not a field\r\nContent-Length: 4\r\n\r\nread",
		"/control":      "HTTP/1.1 200 OK\r\nX-Note: a\x01b\r\n  continued\r\nContent-Length: 4\r\n\r\nread",
		"/identity":     "HTTP/1.1 200 OK\r\nTransfer-Encoding: identity\r\nConnection: close\r\n\r\nread to the close",
		"/bad-length":   "HTTP/1.1 200 OK\r\nContent-Length: 4 bytes\r\nConnection: close\r\n\r\nread to the close",
		"/space-colon":  "HTTP/1.1 200 OK\r\nContent-Type : text/html; charset=iso-8859-1\r\nContent-Length: 4\r\n\r\nread",
		"/interim-bad":  "HTTP/1.1 103 Early Hints\r\nno colon here\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nread",
		"/two-lengths":  "HTTP/1.1 200 OK\r\nContent-Length: 4\r\nContent-Length: 5\r\n\r\nread!",
		"/length-list":  "HTTP/1.1 200 OK\r\nContent-Length: 4, 4\r\n\r\nread",
		"/length-lists": "HTTP/1.1 200 OK\r\nContent-Length: 4, 5\r\n\r\nread!",
		"/half-head":    "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Le", // and the connection closes
		"/bad-status":   "HTTP/1.1 20 OK\r\nContent-Length: 2\r\n\r\nok",
		"/no-http":      "Hello, this is not HTTP at all.\r\n\r\n",
		"/gzip-te":      "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n",
		"/last-chunk": "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n" +
			"5\r\nhello\r\n6\r\n world\r\n0\r\n", // and the connection closes: no blank line ends the message
		"/not-last-chunk": "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n" +
			"5\r\nhello\r\n6\r\n world\r\n",
		// Locations browsers read otherwise than net/url
		"/loc-backslash": "HTTP/1.1 302 Found\r\nLocation: /a\\b\\c.html\r\nContent-Length: 0\r\n\r\n",
		"/loc-host":      "HTTP/1.1 302 Found\r\nLocation: \\\\" + headsHost + "\\a\\b\\c.html\r\nContent-Length: 0\r\n\r\n",
		"/loc-tab":       "HTTP/1.1 301 Moved\r\nLocation: /a/b/\tc.html\r\nContent-Length: 0\r\n\r\n",
		"/a/b/c.html":    "HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\ntarget",
	}
}

// keepAlive answers /ka/N with a head naming N, keeping the connection.
func keepAlive(path string) string {
	n := strings.TrimPrefix(path, "/ka/")
	return "HTTP/1.1 200 OK " + n + "\r\nX-Answer-To: " + n + "\r\nContent-Length: " + fmt.Sprint(len(n)) + "\r\n\r\n" + n
}

// rawHeadServer serves rawHeadResponses on loopback, several requests a
// connection, and remembers each request's head as it read it and the
// connection it came on.
type rawHeadServer struct {
	addr string
	mu   sync.Mutex
	got  map[string][]string // path → request heads read, in order
	conn map[string][]int    // path → connection number of each request
}

func newRawHeadServer(t *testing.T) *rawHeadServer {
	return newRawServer(t, rawHeadResponses())
}

// newRawServer serves responses as newRawHeadServer serves its own.
func newRawServer(t *testing.T, responses map[string]string) *rawHeadServer {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	s := &rawHeadServer{addr: ln.Addr().String(), got: map[string][]string{}, conn: map[string][]int{}}
	go func() {
		for n := 1; ; n++ {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go s.serve(c, n, responses)
		}
	}()
	return s
}

func (s *rawHeadServer) serve(c net.Conn, n int, responses map[string]string) {
	defer c.Close()
	br := bufio.NewReader(c)
	for {
		head, path, err := readRequestHead(br)
		if err != nil {
			return
		}
		s.mu.Lock()
		s.got[path] = append(s.got[path], head)
		s.conn[path] = append(s.conn[path], n)
		s.mu.Unlock()
		resp, ok := responses[path]
		if strings.HasPrefix(path, "/ka/") {
			resp, ok = keepAlive(path), true
		}
		if !ok {
			resp = "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"
		}
		closes := strings.Contains(headOf(resp), "\r\nConnection: close\r\n") || !strings.Contains(resp, "\r\n\r\n") // or a head cut short
		if _, err := c.Write([]byte(resp)); err != nil || closes {
			return
		}
	}
}

// readRequestHead reads a request head (the requests here have no body)
// and returns it without its blank line, and its path.
func readRequestHead(br *bufio.Reader) (head, path string, err error) {
	var b strings.Builder
	for {
		line, err := br.ReadString('\n')
		if err != nil {
			return "", "", err
		}
		if line == "\r\n" {
			break
		}
		b.WriteString(line)
	}
	head = b.String()
	fields := strings.Fields(strings.SplitN(head, "\r\n", 2)[0])
	if len(fields) != 3 {
		return "", "", fmt.Errorf("bad request line in %q", head)
	}
	return head, fields[1], nil
}

func (s *rawHeadServer) requests(path string) (heads []string, conns []int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.got[path], s.conn[path]
}

func (s *rawHeadServer) config() Config {
	host, port, _ := net.SplitHostPort(s.addr)
	return Config{
		ConnectTo: []ConnectTo{{Host: headsHost, Port: "80", ToHost: host, ToPort: port}},
		Timeout:   10 * time.Second,
		Retries:   -1,
		UserAgent: "prov-test/1 (+heads)",
	}
}

func fetchHeads(t *testing.T, s *rawHeadServer, path string) Page {
	t.Helper()
	p, _ := Fetch(context.Background(), s.config(), "http://"+headsHost+path)
	return p
}

// headOf is a whole response's head as the heads keep it: up to the
// blank line, without it.
func headOf(resp string) string {
	head, _, _ := strings.Cut(resp, "\r\n\r\n")
	return head + "\r\n"
}

func TestHeadsAsOnTheWire(t *testing.T) {
	s := newRawHeadServer(t)
	responses := rawHeadResponses()
	p := fetchHeads(t, s, "/odd")
	if p.Err != nil || string(p.Payload) != "odd!" {
		t.Fatalf("fetch: %v, payload %q", p.Err, p.Payload)
	}
	if p.ResponseHead != oddHead {
		t.Errorf("response head\n%q, want\n%q", p.ResponseHead, oddHead)
	}
	sent, _ := s.requests("/odd")
	if len(sent) != 1 || p.RequestHead != sent[0] {
		t.Fatalf("request head\n%q, server read\n%q", p.RequestHead, sent)
	}
	if !strings.HasPrefix(p.RequestHead, "GET /odd HTTP/1.1\r\nHost: "+headsHost+"\r\n") ||
		!strings.Contains(p.RequestHead, "\r\nUser-Agent: prov-test/1 (+heads)\r\n") ||
		strings.Contains(p.RequestHead, fetchIDHeader) {
		t.Errorf("request head %q", p.RequestHead)
	}
	if last := p.Redirects[len(p.Redirects)-1]; last.RequestHead != p.RequestHead || last.ResponseHead != p.ResponseHead {
		t.Errorf("last hop's heads differ from the page's: %+v", last)
	}
	t.Run("chunked", func(t *testing.T) {
		p := fetchHeads(t, s, "/chunked")
		if p.Err != nil || string(p.Payload) != "hello world" {
			t.Fatalf("fetch: %v, payload %q", p.Err, p.Payload)
		}
		if want := headOf(responses["/chunked"]); p.ResponseHead != want {
			t.Errorf("response head %q, want %q", p.ResponseHead, want)
		}
	})
	t.Run("1xx before the final response", func(t *testing.T) {
		p := fetchHeads(t, s, "/interim")
		if want := "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n"; p.Err != nil || p.ResponseHead != want || string(p.Payload) != "final" {
			t.Errorf("err %v, head %q, payload %q; want head %q", p.Err, p.ResponseHead, p.Payload, want)
		}
	})
	t.Run("spaced status lines", func(t *testing.T) {
		p := fetchHeads(t, s, "/spaced")
		if want := "HTTP/1.1  200  OK\r\nContent-Length: 2\r\n"; p.Err != nil || p.ResponseHead != want {
			t.Errorf("err %v, head %q, want %q", p.Err, p.ResponseHead, want)
		}
	})
	t.Run("bare LF", func(t *testing.T) {
		p := fetchHeads(t, s, "/bare-lf")
		if p.Err != nil || p.Status != 200 || p.ResponseHead != "" || p.RequestHead == "" {
			t.Errorf("err %v, status %d, response head %q, request head %q", p.Err, p.Status, p.ResponseHead, p.RequestHead)
		}
	})
	t.Run("big head kept whole", func(t *testing.T) {
		p := fetchHeads(t, s, "/big")
		if want := headOf(responses["/big"]); p.Err != nil || p.ResponseHead != want {
			t.Errorf("err %v, head of %d bytes, want %d", p.Err, len(p.ResponseHead), len(want))
		}
	})
	t.Run("1 MB head refused", func(t *testing.T) {
		p := fetchHeads(t, s, "/huge")
		if p.Err == nil || !strings.Contains(p.Err.Error(), "headers exceeded") {
			t.Errorf("err %v, want net/http's header limit", p.Err)
		}
		if len(p.Redirects) != 1 || p.ResponseHead != "" || !strings.HasPrefix(p.RequestHead, "GET /huge ") {
			t.Errorf("hops %d, response head %d bytes, request head %q", len(p.Redirects), len(p.ResponseHead), p.RequestHead)
		}
	})
}

func TestRedirectHeads(t *testing.T) {
	s := newRawHeadServer(t)
	p := fetchHeads(t, s, "/to-odd")
	if p.Err != nil || len(p.Redirects) != 2 {
		t.Fatalf("err %v, hops %+v", p.Err, p.Redirects)
	}
	first, sent := p.Redirects[0], []string{}
	for _, path := range []string{"/to-odd", "/odd"} {
		h, _ := s.requests(path)
		sent = append(sent, h...)
	}
	if want := "HTTP/1.1 302 Over There\r\nlocation: /odd\r\nContent-Length: 0\r\n"; first.ResponseHead != want {
		t.Errorf("first hop's response head %q, want %q", first.ResponseHead, want)
	}
	if len(sent) != 2 || first.RequestHead != sent[0] || p.Redirects[1].RequestHead != sent[1] {
		t.Errorf("hops' request heads\n%q\n%q\nserver read %q", first.RequestHead, p.Redirects[1].RequestHead, sent)
	}
	if p.Redirects[1].ResponseHead != oddHead || p.ResponseHead != oddHead || p.RequestHead != p.Redirects[1].RequestHead {
		t.Errorf("final hop's heads: %+v; page's %q", p.Redirects[1], p.ResponseHead)
	}
	t.Run("net/http server", func(t *testing.T) {
		ts := newTestServer(t)
		p := fetch(t, ts.config(), "/r1")
		for i, h := range p.Redirects {
			path := fmt.Sprintf("/r%d", i+1)
			if !strings.HasPrefix(h.RequestHead, "GET "+path+" HTTP/1.1\r\nHost: "+testHost+"\r\n") {
				t.Errorf("hop %d request head %q", i, h.RequestHead)
			}
			status := "HTTP/1.1 301 Moved Permanently\r\n"
			if i == 2 {
				status = "HTTP/1.1 200 OK\r\n"
			}
			if !strings.HasPrefix(h.ResponseHead, status) || !strings.HasSuffix(h.ResponseHead, "\r\n") || strings.Contains(h.ResponseHead, "\r\n\r\n") {
				t.Errorf("hop %d response head %q", i, h.ResponseHead)
			}
		}
	})
}

// Two exchanges on one keep-alive connection each get their own heads,
// and the robots.txt exchange before them (not recorded) lends them none
// of its bytes.
func TestHeadsKeepAlive(t *testing.T) {
	s := newRawHeadServer(t)
	cfg := s.config().withDefaults()
	tr := newTransport(context.Background(), cfg)
	defer tr.base.CloseIdleConnections()
	client := &http.Client{Transport: tr}
	var recs []*record
	for _, path := range []string{"/robots.txt", "/ka/1", "/ka/22"} {
		req, _ := http.NewRequest(http.MethodGet, "http://"+headsHost+path, nil)
		id := ""
		if path != "/robots.txt" {
			id = tr.newID()
			setHeaders(req.Header, cfg, id, validators{})
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if id != "" {
			recs = append(recs, tr.take(id))
		}
	}
	_, c1 := s.requests("/ka/1")
	_, c2 := s.requests("/ka/22")
	_, c0 := s.requests("/robots.txt")
	if len(c1) != 1 || len(c2) != 1 || len(c0) != 1 || c1[0] != c2[0] || c0[0] != c1[0] {
		t.Fatalf("connections: robots.txt %v, /ka/1 %v, /ka/22 %v; want one", c0, c1, c2)
	}
	for i, n := range []string{"1", "22"} {
		h := recs[i].hops[0]
		sent, _ := s.requests("/ka/" + n)
		if want := headOf(keepAlive("/ka/" + n)); h.ResponseHead != want {
			t.Errorf("/ka/%s response head %q, want %q", n, h.ResponseHead, want)
		}
		if h.RequestHead != sent[0] {
			t.Errorf("/ka/%s request head %q, server read %q", n, h.RequestHead, sent[0])
		}
	}
}

// Over TLS the heads are tapped above it, in plain text; a server that
// offers HTTP/2 is spoken to in HTTP/1.1, so its heads are kept too.
func TestHeadsTLS(t *testing.T) {
	var mu sync.Mutex
	var protos []string
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		protos = append(protos, r.Proto)
		mu.Unlock()
		w.Header().Set("X-Tls", "yes")
		fmt.Fprint(w, "secret")
	})
	for _, h2 := range []bool{false, true} {
		srv := httptest.NewUnstartedServer(handler)
		srv.EnableHTTP2 = h2
		srv.StartTLS()
		defer srv.Close()
		host, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
		cfg := Config{ConnectTo: []ConnectTo{{Host: "example.com", Port: "443", ToHost: host, ToPort: port}}, Timeout: 10 * time.Second, Retries: -1}.withDefaults()
		tr := newTransport(context.Background(), cfg)
		tr.dial.roots = x509.NewCertPool()
		tr.dial.roots.AddCert(srv.Certificate())
		req, _ := http.NewRequest(http.MethodGet, "https://example.com/tls", nil)
		id := tr.newID()
		setHeaders(req.Header, cfg, id, validators{})
		resp, err := (&http.Client{Transport: tr}).Do(req)
		if err != nil {
			t.Fatalf("h2 %v: %v", h2, err)
		}
		resp.Body.Close()
		tr.base.CloseIdleConnections()
		p := pageFrom(tr.take(id), req.URL.String(), cfg)
		if string(p.Payload) != "secret" {
			t.Errorf("h2 %v: payload %q", h2, p.Payload)
		}
		if protos[len(protos)-1] != "HTTP/1.1" {
			t.Errorf("server offering HTTP/2 %v saw %s, want HTTP/1.1", h2, protos[len(protos)-1])
		}
		if !strings.HasPrefix(p.RequestHead, "GET /tls HTTP/1.1\r\nHost: example.com\r\n") ||
			!strings.HasPrefix(p.ResponseHead, "HTTP/1.1 200 OK\r\n") || !strings.Contains(p.ResponseHead, "\r\nX-Tls: yes\r\n") {
			t.Errorf("HTTP/1.1 over TLS (server offering HTTP/2 %v): heads %q %q", h2, p.RequestHead, p.ResponseHead)
		}
	}
}

func TestHeadCut(t *testing.T) {
	const head = "HTTP/1.1 200 OK\r\nA: 1\r\n"
	cases := map[string]struct {
		stream string
		want   string
		rest   string
	}{
		"whole":               {head + "\r\nbody", head, "body"},
		"bare LF":             {"HTTP/1.1 200 OK\nA: 1\n\nbody", "", "body"},
		"LF ends a CRLF head": {head + "\nbody", head, "body"},
		"not ended":           {head, "", ""},
		"over the bound":      {"HTTP/1.1 200 OK\r\n" + strings.Repeat("A: 1\r\n", maxHead/6+1) + "\r\nbody", "", ""},
	}
	for name, c := range cases {
		for _, step := range []int{1, 7, len(c.stream)} {
			var h headCut
			var rest []byte
			for p := []byte(c.stream); len(p) > 0; {
				n := min(step, len(p))
				rest = append(rest, h.feed(p[:n])...)
				p = p[n:]
				if len(h.buf) > maxHead {
					t.Fatalf("%s: holds %d bytes", name, len(h.buf))
				}
			}
			if got := h.head(); got != c.want || (string(rest) != c.rest && !h.dropped) {
				t.Errorf("%s, %d bytes a read: head %q rest %q, want %q %q", name, step, got, rest, c.want, c.rest)
			}
			if bytes.Contains(h.buf, []byte("body")) {
				t.Errorf("%s: body bytes kept", name)
			}
		}
	}
}

// The exchange keeps the final response's head, whatever the reads.
func TestExchangeSkipsInterim(t *testing.T) {
	const final = "HTTP/1.1 200 OK\r\nB: 2\r\n"
	stream := "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nL: 1\r\n\r\n" + final + "\r\nHTTP/1.1 100 not a head: body"
	for _, step := range []int{1, 5, len(stream)} {
		ex := new(exchange)
		for p := []byte(stream); len(p) > 0; p = p[min(step, len(p)):] {
			ex.read(p[:min(step, len(p))], false)
		}
		if _, got := ex.heads(); got != final {
			t.Errorf("%d bytes a read: %q, want %q", step, got, final)
		}
	}
}

// A head whose start line is not the exchange's, as net/http read it, is
// not kept.
func TestTakeChecksStartLines(t *testing.T) {
	cases := []struct {
		req, resp     string
		keepReq, keep bool
	}{
		{"GET / HTTP/1.1\r\n", "HTTP/1.1 200 OK\r\n", true, true},
		{"GET / HTTP/1.1\r\n", "HTTP/1.1 404 OK\r\n", true, false},
		{"GET / HTTP/1.1\r\n", "HTTP/1.0 200 OK\r\n", true, false},
		{"HEAD / HTTP/1.1\r\n", "HTTP/1.1 2000 OK\r\n", false, false},
	}
	req, _ := http.NewRequest(http.MethodGet, "http://"+headsHost+"/", nil)
	resp := &http.Response{Proto: "HTTP/1.1", StatusCode: 200}
	for _, c := range cases {
		ex := new(exchange)
		ex.write([]byte(c.req + "\r\n"))
		ex.read([]byte(c.resp+"\r\n"), false)
		var hh hopHeads
		hh.ex.Store(ex)
		gotReq, gotResp, _ := hh.take(req, resp)
		if (gotReq == c.req) != c.keepReq || (gotResp == c.resp) != c.keep || (!c.keepReq && gotReq != "") || (!c.keep && gotResp != "") {
			t.Errorf("%q %q: kept %q %q", c.req, c.resp, gotReq, gotResp)
		}
	}
}
