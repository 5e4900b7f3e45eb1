package testweb

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"
)

// Web is the demo mini-web: an http.Handler that serves every site,
// choosing the site by the Host header (the port is ignored). It records
// every request it receives. It is safe for concurrent use.
type Web struct {
	sites map[string]routes

	mu   sync.Mutex
	reqs []string
}

// allRoutes builds every site's pages once; they never change.
var allRoutes = sync.OnceValue(func() map[string]routes {
	c := theCorpus()
	return map[string]routes{
		HostSCIO:       scioRoutes(c),
		HostXinhua:     xinhuaRoutes(c),
		HostSecPortal:  secportalRoutes(c),
		HostMirror:     mirrorRoutes(c),
		HostDailyEn:    dailyenRoutes(c),
		HostAggregator: aggregatorRoutes(c),
	}
})

// New returns the mini-web with all its sites.
func New() *Web { return &Web{sites: allRoutes()} }

// hostOf returns the lower-case host of a Host header, without port.
func hostOf(hostport string) string {
	h := strings.ToLower(hostport)
	if host, _, err := net.SplitHostPort(h); err == nil {
		h = host
	}
	return strings.TrimSuffix(h, ".")
}

// ServeHTTP answers a request for any of the sites. Pages support HEAD
// and conditional GET (ETag, Last-Modified); unknown hosts and paths
// answer 404.
func (w *Web) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	host := hostOf(r.Host)
	w.record(host, r)
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		rw.Header().Set("Allow", "GET, HEAD")
		http.Error(rw, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	resp := w.sites[host][r.URL.Path]
	if resp == nil {
		notFound(rw)
		return
	}
	serve(rw, r, resp)
}

func (w *Web) record(host string, r *http.Request) {
	line := host + " " + r.URL.Path
	if r.URL.RawQuery != "" {
		line += "?" + r.URL.RawQuery
	}
	w.mu.Lock()
	w.reqs = append(w.reqs, line)
	w.mu.Unlock()
}

// Requests returns every request received so far, in arrival order, as
// "host path?query" (no port; "?query" only when there is one).
func (w *Web) Requests() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]string(nil), w.reqs...)
}

func notFound(rw http.ResponseWriter) {
	rw.Header().Set("Content-Type", "text/html; charset=utf-8")
	rw.WriteHeader(http.StatusNotFound)
	fmt.Fprint(rw, "<!DOCTYPE html><html><head><title>404 Not Found</title></head>"+
		"<body><h1>404 Not Found</h1><p>页面不存在</p></body></html>\n")
}

func serve(rw http.ResponseWriter, r *http.Request, resp *response) {
	h := rw.Header()
	if resp.location != "" {
		h.Set("Location", resp.location)
		h.Set("Content-Type", "text/html; charset=utf-8")
		rw.WriteHeader(resp.status)
		fmt.Fprintf(rw, "<html><body>Moved to <a href=\"%s\">%s</a></body></html>\n", resp.location, resp.location)
		return
	}
	h.Set("Content-Type", resp.ctype)
	h.Set("ETag", etag(resp.body))
	h.Set("Server", "testweb")
	http.ServeContent(rw, r, "", resp.modified, bytes.NewReader(resp.body))
}

// Start serves the mini-web on 127.0.0.1 at a free port; every host is
// served on that one port. stop shuts the server down and may be called
// more than once.
func (w *Web) Start() (addr string, stop func(), err error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	srv := &http.Server{Handler: w, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln) //nolint:errcheck // ErrServerClosed after stop
	var once sync.Once
	stop = func() {
		once.Do(func() {
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			defer cancel()
			if srv.Shutdown(ctx) != nil {
				srv.Close()
			}
		})
	}
	return ln.Addr().String(), stop, nil
}

func etag(body []byte) string {
	sum := sha256.Sum256(body)
	return fmt.Sprintf("\"%x\"", sum[:8])
}
