package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/prov-archive/prov/archive"
)

// wireHeads are whole responses of a site written byte for byte by a raw
// server (net/http's server would write its own reason phrases and
// casing), one request a connection. Two header values hold a Latin-1
// byte, which HTTP allows and JSON cannot hold.
var wireHeads = map[string]string{
	"/robots.txt": "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
	"/old":        "HTTP/1.1 301 Gone Over There\r\nlocation: /new\r\nX-Note: caf\xe9\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
	"/new": "HTTP/1.1 200 Fine Thanks\r\nX-lower: a\r\nContent-TYPE: text/html; charset=utf-8\r\nConnection: close\r\n" +
		"Content-Disposition: inline; filename=\"r\xe9sum\xe9.html\"\r\n" +
		"Transfer-Encoding: chunked\r\n\r\n" + "1c\r\n<html><body><p>The text.</p>\r\n0e\r\n</body></html>\r\n0\r\n\r\n",
}

// serveWireHeads serves wireHeads on loopback and sends each request head
// it reads (without its blank line) on got.
func serveWireHeads(t *testing.T, got chan<- string) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				br := bufio.NewReader(c)
				var head strings.Builder
				for {
					line, err := br.ReadString('\n')
					if err != nil {
						return
					}
					if line == "\r\n" {
						break
					}
					head.WriteString(line)
				}
				path := strings.Fields(head.String())[1]
				if path != "/robots.txt" {
					got <- head.String()
				}
				c.Write([]byte(wireHeads[path]))
			}()
		}
	}()
	return ln.Addr().String()
}

// A crawl stores each hop's heads as they crossed the wire, bytes that are
// not UTF-8 too, and the final ones on the capture; the payload is
// de-chunked as before; a WARC export writes the heads as they came.
func TestCrawlStoresHeads(t *testing.T) {
	got := make(chan string, 4)
	addr := serveWireHeads(t, got)
	db := filepath.Join(t.TempDir(), "prov.db")
	code, _, stderr := prov(t, "crawl", "--db", db, "--quiet", "--delay", "1ms", "--max-depth", "0",
		"--connect-to", "heads.example.test:80:"+addr, "http://heads.example.test/old")
	if code != exitOK {
		t.Fatalf("crawl exit %d: %s", code, stderr)
	}
	sent := []string{<-got, <-got}
	a, err := archive.Open(db, archive.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	hist, err := a.History("http://heads.example.test/new")
	if err != nil || len(hist) != 1 {
		t.Fatalf("captures: %d, %v", len(hist), err)
	}
	c := hist[0]
	head := func(resp string) string { h, _, _ := strings.Cut(resp, "\r\n\r\n"); return h + "\r\n" }
	if c.ResponseHead != head(wireHeads["/new"]) || c.RequestHead != sent[1] {
		t.Errorf("capture heads:\n%q\n%q\nwant\n%q\n%q", c.ResponseHead, c.RequestHead, head(wireHeads["/new"]), sent[1])
	}
	if !strings.HasPrefix(c.RequestHead, "GET /new HTTP/1.1\r\nHost: heads.example.test\r\nUser-Agent: prov/") {
		t.Errorf("request head %q", c.RequestHead)
	}
	if len(c.Redirects) != 2 {
		t.Fatalf("hops %+v", c.Redirects)
	}
	first := c.Redirects[0]
	if first.ResponseHead != head(wireHeads["/old"]) || first.RequestHead != sent[0] || first.Status != 301 {
		t.Errorf("first hop %+v", first)
	}
	if last := c.Redirects[1]; last.ResponseHead != c.ResponseHead || last.RequestHead != c.RequestHead {
		t.Errorf("last hop %+v", last)
	}
	if v := http.Header(c.ResponseHeader).Get("Content-Disposition"); v != "inline; filename=\"r\xe9sum\xe9.html\"" {
		t.Errorf("Content-Disposition %q", v)
	}
	payload, err := a.Payload(c.PayloadSHA256)
	if err != nil || string(payload) != "<html><body><p>The text.</p></body></html>" {
		t.Errorf("payload %q, %v", payload, err)
	}
	a.Close()

	warc := filepath.Join(t.TempDir(), "heads.warc.gz")
	code, _, stderr = prov(t, "export", "--db", db, "--format", "warc", "--out", warc)
	if code != exitOK || !strings.Contains(stderr, "heads.warc.gz: 1 capture, 7 records, ") {
		t.Fatalf("export exit %d: %s", code, stderr)
	}
	records := gunzipFile(t, warc)
	for _, line := range []string{"\r\nX-Note: caf\xe9\r\n", "\r\nContent-Disposition: inline; filename=\"r\xe9sum\xe9.html\"\r\n"} {
		if !strings.Contains(records, line) {
			t.Errorf("the WARC lacks the header line %q", line)
		}
	}
	if strings.Contains(records, "\uFFFD") {
		t.Errorf("the WARC has U+FFFD where a header's byte was")
	}
}

// gunzipFile returns the bytes of a gzip file (all its members).
func gunzipFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err == nil {
		var zr *gzip.Reader
		if zr, err = gzip.NewReader(bytes.NewReader(b)); err == nil {
			b, err = io.ReadAll(zr)
		}
	}
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
