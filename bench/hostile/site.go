package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"
)

// Sizes of the hostile pages.
const (
	bombSize   = 1 << 30  // decoded bytes of a gzip bomb
	bigSize    = 32 << 20 // bytes of a big page: prov's default body limit
	linkCount  = 100_000
	lineSize   = 1 << 20 // bytes of the one long line
	nestDepth  = 100_000
	dripBytes  = 64 << 10
	dripChunks = 64
	dripPause  = 100 * time.Millisecond
	resetAfter = 256 << 10 // bytes sent of a 1 MiB body before the reset
)

// site is the hostile site. The bomb's compressed bytes and the big
// page's body are made once; a big page's own bytes are its number,
// written ahead of the shared body, so no two payloads are the same.
type site struct {
	o    options
	bomb []byte // gzip stream of bombSize bytes of HTML
	big  []byte // bigSize bytes of HTML, less the per-page prefix
	mux  *http.ServeMux
}

func newSite(o options) (*site, error) {
	s := &site{o: o, big: bigBody()}
	var err error
	if s.bomb, err = gzipBomb(bombSize); err != nil {
		return nil, err
	}
	s.routes()
	return s, nil
}

// serve starts the site on 127.0.0.1:0.
func (s *site) serve() *httptest.Server { return httptest.NewServer(s.mux) }

func (s *site) routes() {
	m := http.NewServeMux()
	m.HandleFunc("/robots.txt", text("text/plain", "User-agent: *\nAllow: /\n"))
	m.HandleFunc("/{$}", text("text/html; charset=utf-8", s.front()))
	m.HandleFunc("/article/{n}", func(w http.ResponseWriter, r *http.Request) {
		text("text/html; charset=utf-8", article(r.PathValue("n")))(w, r)
	})
	m.HandleFunc("/bomb/{n}", s.serveBomb)
	m.HandleFunc("/big/{n}", s.serveBig)
	m.HandleFunc("/links.html", text("text/html; charset=utf-8", manyLinks()))
	m.HandleFunc("/longline.html", text("text/html; charset=utf-8", longLine()))
	m.HandleFunc("/nested.html", text("text/html; charset=utf-8", nested()))
	m.HandleFunc("/drip.html", drip)
	m.HandleFunc("/hang.html", s.hang)
	m.HandleFunc("/reset.html", reset)
	m.HandleFunc("/loop/a.html", redirect("/loop/b.html"))
	m.HandleFunc("/loop/b.html", redirect("/loop/a.html"))
	m.HandleFunc("/chain/{n}", func(w http.ResponseWriter, r *http.Request) {
		var n int
		fmt.Sscanf(r.PathValue("n"), "%d.html", &n)
		redirect(fmt.Sprintf("/chain/%d.html", n+1))(w, r)
	})
	s.mux = m
}

// front links to every article and every hostile page.
func (s *site) front() string {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Hostile Gazette</title></head><body><h1>Hostile Gazette</h1><ul>\n")
	for i := range s.o.articles {
		fmt.Fprintf(&b, "<li><a href=\"%s\">Article %d</a></li>\n", articlePath(i), i)
	}
	for i := range s.o.bombs {
		fmt.Fprintf(&b, "<li><a href=\"/bomb/%d.html\">bomb %d</a></li>\n", i, i)
	}
	for i := range s.o.big {
		fmt.Fprintf(&b, "<li><a href=\"/big/%d.html\">big %d</a></li>\n", i, i)
	}
	for _, p := range []string{"/links.html", "/longline.html", "/nested.html", "/drip.html", "/hang.html", "/reset.html", "/loop/a.html", "/chain/0.html"} {
		fmt.Fprintf(&b, "<li><a href=\"%s\">%s</a></li>\n", p, p)
	}
	b.WriteString("</ul></body></html>\n")
	return b.String()
}

func articlePath(i int) string { return fmt.Sprintf("/article/%03d.html", i) }

// articleMarker is a phrase only article n's text holds.
func articleMarker(n string) string { return "Reference HG-" + strings.TrimSuffix(n, ".html") + "." }

func article(n string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Council report %s</title></head><body>\n", n)
	b.WriteString("<nav><a href=\"/\">Home</a></nav><article>\n")
	fmt.Fprintf(&b, "<h1>Council report %s</h1>\n<p>%s The council met on Tuesday to review the harbour budget and the plans for the new ferry terminal.</p>\n", n, articleMarker(n))
	for _, p := range articleParas {
		fmt.Fprintf(&b, "<p>%s</p>\n", p)
	}
	b.WriteString("</article><footer>Hostile Gazette</footer></body></html>\n")
	return b.String()
}

var articleParas = []string{
	"Members heard from residents who asked for longer opening hours at the library and for safer crossings near the two primary schools on the east side of town.",
	"The finance committee said that the cost of the terminal had risen by a tenth since the spring, mostly because steel and concrete prices had gone up across the region.",
	"A final vote on the budget is expected next month, after a public consultation that will run for six weeks and include two evening meetings at the town hall.",
}

func text(contentType, body string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", contentType)
		io.WriteString(w, body)
	}
}

func redirect(to string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, to, http.StatusFound) }
}

// gzipBomb compresses n bytes of repeated HTML as they are made, a chunk
// at a time: the decoded bytes are never held.
func gzipBomb(n int) ([]byte, error) {
	var out bytes.Buffer
	zw, err := gzip.NewWriterLevel(&out, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	head := "<!DOCTYPE html><html><head><title>bomb</title></head><body>"
	chunk := bytes.Repeat([]byte("<p>boom</p>"), 64<<10/11)
	zw.Write([]byte(head))
	for left := n - len(head); left > 0; left -= len(chunk) {
		if _, err := zw.Write(chunk[:min(left, len(chunk))]); err != nil {
			return nil, err
		}
	}
	return out.Bytes(), zw.Close()
}

func (s *site) serveBomb(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Encoding", "gzip")
	w.Write(s.bomb)
}

// bigPrefix is the per-page start of a big page; bigBody the rest.
func bigPrefix(n string) string {
	return fmt.Sprintf("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Big page %-12s</title></head><body><article>\n", n)
}

func bigBody() []byte {
	var b bytes.Buffer
	b.Grow(bigSize)
	room := bigSize - len(bigPrefix("")) - len("</article></body></html>\n")
	for i := 0; b.Len() < room; i++ {
		p := fmt.Sprintf("<p>Paragraph %d. %s</p>\n", i, articleParas[i%len(articleParas)])
		if b.Len()+len(p) > room {
			b.WriteString(strings.Repeat(" ", room-b.Len()))
			break
		}
		b.WriteString(p)
	}
	b.WriteString("</article></body></html>\n")
	return b.Bytes()
}

func (s *site) serveBig(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	io.WriteString(w, bigPrefix(r.PathValue("n")))
	w.Write(s.big)
}

func manyLinks() string {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html><html><head><title>Links</title></head><body><ul>\n")
	for i := range linkCount {
		fmt.Fprintf(&b, "<li><a href=\"/l/%d.html\">link %d</a></li>\n", i, i)
	}
	b.WriteString("</ul></body></html>\n")
	return b.String()
}

func longLine() string {
	words := strings.Repeat("harbour ferry budget council ", lineSize/29)
	return "<!DOCTYPE html><html><head><title>One line</title></head><body><p>" + words + "</p></body></html>"
}

func nested() string {
	return "<!DOCTYPE html><html><head><title>Nested</title></head><body>" +
		strings.Repeat("<div>", nestDepth) + "deep text" + strings.Repeat("</div>", nestDepth) + "</body></html>"
}

// drip sends its body a little at a time: dripBytes over dripChunks
// pauses.
func drip(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	io.WriteString(w, "<!DOCTYPE html><html><head><title>Drip</title></head><body><p>")
	f, _ := w.(http.Flusher)
	chunk := strings.Repeat("drip ", dripBytes/dripChunks/5)
	for range dripChunks {
		select {
		case <-r.Context().Done():
			return
		case <-time.After(dripPause):
		}
		io.WriteString(w, chunk)
		if f != nil {
			f.Flush()
		}
	}
	io.WriteString(w, "</p></body></html>")
}

// hang sends a header and then nothing, until the client leaves (or
// -hang passes).
func (s *site) hang(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	w.(http.Flusher).Flush()
	var timeout <-chan time.Time
	if s.o.hang > 0 {
		timeout = time.After(s.o.hang)
	}
	select {
	case <-r.Context().Done():
	case <-timeout:
	}
}

// reset announces a 1 MiB body, sends a quarter of it and resets the
// connection (RST, not FIN).
func reset(w http.ResponseWriter, r *http.Request) {
	conn, buf, err := w.(http.Hijacker).Hijack()
	if err != nil {
		return
	}
	defer conn.Close()
	fmt.Fprintf(buf, "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %d\r\n\r\n", 1<<20)
	buf.WriteString("<!DOCTYPE html><html><body><p>")
	buf.WriteString(strings.Repeat("x", resetAfter))
	buf.Flush()
	if tc, ok := conn.(*net.TCPConn); ok {
		tc.SetLinger(0)
	}
}
