// Command logsite serves a small generated site on a free loopback port
// for the politeness test of a shared crawl (distrib_test.go): it prints
// its address, then one line per request, "UNIXNANO HOST PATH", stamped
// as the request's first bytes are read. It runs as a process of its own,
// built without the race detector, so that its stamps do not lag behind
// the requests when the test itself runs with it.
package main

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"
)

// stampConn notes when each request's first bytes arrive on a connection.
type stampConn struct {
	net.Conn
	mu    sync.Mutex
	first time.Time // arrival of the request being read, zero between requests
}

func (c *stampConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	if n > 0 {
		c.mu.Lock()
		if c.first.IsZero() {
			c.first = time.Now()
		}
		c.mu.Unlock()
	}
	return n, err
}

func (c *stampConn) take() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	t := c.first
	c.first = time.Time{}
	return t
}

type listener struct{ net.Listener }

func (l listener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return &stampConn{Conn: c}, nil
}

type connKey struct{}

func main() {
	pages, _ := strconv.Atoi(os.Getenv("LOGSITE_PAGES"))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	out := bufio.NewWriter(os.Stdout)
	var mu sync.Mutex
	fmt.Fprintln(out, ln.Addr())
	out.Flush()
	srv := &http.Server{
		ConnContext: func(ctx context.Context, c net.Conn) context.Context { return context.WithValue(ctx, connKey{}, c) },
		Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			at := r.Context().Value(connKey{}).(*stampConn).take()
			mu.Lock()
			fmt.Fprintf(out, "%d %s %s\n", at.UnixNano(), strings.Split(r.Host, ":")[0], r.URL.RequestURI())
			out.Flush()
			mu.Unlock()
			page(w, r, pages)
		}),
	}
	srv.Serve(listener{ln})
}

// page serves page i of n: links to 10i+1 … 10i+10, a text of its own.
func page(w http.ResponseWriter, r *http.Request, n int) {
	i, err := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/p/"))
	if err != nil || i < 0 || i >= n {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprintf(w, "<html><head><title>Circular %d</title></head><body><article><h1>Circular %d</h1>", i, i)
	for p := 0; p < 3; p++ {
		fmt.Fprintf(w, "<p>Circular %d, point %d: the water works close street %d on weekday %d for repairs.</p>", i, p, i*11+p, p+2)
	}
	fmt.Fprint(w, "</article><nav>")
	for c := 10*i + 1; c <= 10*i+10 && c < n; c++ {
		fmt.Fprintf(w, "<a href=\"/p/%d\">%d</a> ", c, c)
	}
	fmt.Fprint(w, "</nav></body></html>")
}
