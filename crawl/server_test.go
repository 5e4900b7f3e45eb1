package crawl

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// testHost is the site name tests reach through --connect-to.
const testHost = "www.example.test"

const article = `<!doctype html><html><head><title>Article</title></head><body><p>The text.</p></body></html>`

// testServer is a loopback server with the package's one route table,
// counting the requests each path received.
type testServer struct {
	*httptest.Server
	mu   sync.Mutex
	hits map[string]int
}

// newTestServer starts the route table on loopback; it stops with the test.
func newTestServer(t testing.TB) *testServer {
	ts := &testServer{hits: map[string]int{}}
	mux := http.NewServeMux()
	for path, h := range routes() {
		mux.HandleFunc(path, h)
	}
	for pattern, h := range mapsRoutes() {
		mux.HandleFunc(pattern, h)
	}
	ts.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ts.mu.Lock()
		ts.hits[r.URL.Path]++
		ts.mu.Unlock()
		mux.ServeHTTP(w, r)
	}))
	t.Cleanup(ts.Close)
	return ts
}

// hit returns how many requests path received.
func (ts *testServer) hit(path string) int {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	return ts.hits[path]
}

func (ts *testServer) port() string {
	_, port, _ := net.SplitHostPort(ts.Listener.Addr().String())
	return port
}

// config returns a fast Config that reaches testHost on port 80 through
// --connect-to; seeds are paths on testHost.
func (ts *testServer) config(seeds ...string) Config {
	cfg := Config{
		ConnectTo: []ConnectTo{{Host: testHost, Port: "80", ToHost: "127.0.0.1", ToPort: ts.port()}},
		Delay:     time.Millisecond,
		Parallel:  4,
		Timeout:   5 * time.Second,
		Stats:     new(Stats),
	}
	cfg.ConnectTo = append(cfg.ConnectTo, ConnectTo{Host: mapsHost, Port: "80", ToHost: "127.0.0.1", ToPort: ts.port()})
	for _, s := range seeds {
		cfg.Seeds = append(cfg.Seeds, "http://"+testHost+s)
	}
	return cfg
}

func page(body string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, body)
	}
}

func redirect(to string, code int) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, to, code) }
}

func linkPage(hrefs ...string) string {
	var b strings.Builder
	b.WriteString("<!doctype html><html><body>")
	for _, h := range hrefs {
		fmt.Fprintf(&b, `<a href="%s">x</a>`, h)
	}
	b.WriteString("</body></html>")
	return b.String()
}

// routes is the route table every test in the package serves.
func routes() map[string]http.HandlerFunc {
	return map[string]http.HandlerFunc{
		"/robots.txt": func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprint(w, "User-agent: *\nDisallow: /private\n")
		},
		"/": page(linkPage("/a", "/a#comments", "/a?utm_source=x&utm_medium=y", "a?fbclid=1#top",
			"/private/secret", "/to-private", "/missing", "http://other.test/", "mailto:x@example.test")),
		"/a":            page(article),
		"/missing":      func(w http.ResponseWriter, r *http.Request) { http.Error(w, "gone", http.StatusNotFound) },
		"/private/":     page(article),
		"/to-private":   redirect("/private/target", http.StatusFound),
		"/to-loopback":  redirect("http://127.0.0.1:1/x", http.StatusFound),
		"/r1":           redirect("/r2", http.StatusMovedPermanently),
		"/r2":           redirect("/r3", http.StatusMovedPermanently),
		"/rfrag":        redirect("/r3#section", http.StatusFound),
		"/r3":           page(article),
		"/host":         func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, r.Host) },
		"/canon/src":    page(`<html><head><link rel="canonical" href="/canon/target"></head><body><a href="/canon/target">t</a></body></html>`),
		"/canon/target": page(article),
		"/canon/art":    page(linkPage("/canon/copy")),
		"/canon/copy":   page(`<html><head><link rel="canonical" href="/canon/art?utm_source=feed"></head><body></body></html>`),
		"/gz":           encoded("gzip", []byte(article)),
		"/deflate":      encoded("deflate", []byte(article)),
		"/bomb":         encoded("gzip", make([]byte, 4<<20)),
		"/big":          func(w http.ResponseWriter, r *http.Request) { w.Write(bytes.Repeat([]byte("x"), 5000)) },
		"/huge":         page("<html><body><p>" + strings.Repeat("huge ", 300<<10/5) + "</p></body></html>"),
		"/deep/":        deep,
		"/etag": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("ETag", `"v1"`)
			if r.Header.Get("If-None-Match") == `"v1"` {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			page(article)(w, r)
		},
		"/etag-moved":  redirect("/etag", http.StatusMovedPermanently),
		"/always-304":  func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNotModified) },
		"/framed":      page(`<html><head><title>Framed</title></head><frameset cols="20%,80%"><frame src="/frame/nav"><frame src="frame/main"></frameset></html>`),
		"/refresh":     page(`<html><head><meta http-equiv="refresh" content="0; url=/refreshed"></head><body>Moved.</body></html>`),
		"/embeds":      page(`<html><body><iframe src="/embedded"></iframe><map><area href="/mapped" shape="rect" coords="0,0,9,9"></map></body></html>`),
		"/frame/":      page(article),
		"/js-entry":    page(`<html><head><script>window.location.href = "/js-target";</script></head><body></body></html>`),
		"/js-target":   page(article),
		"/refreshed":   page(article),
		"/embedded":    page(article),
		"/mapped":      page(article),
		"/slow/":       slow,
		"/slow-index":  page(linkPage("/slow/1", "/slow/2", "/slow/3", "/slow/4", "/slow/5")),
		"/print-links": page(linkPage("/a", "/a?print=1")),
		"/trap-links": page(linkPage("/calendar/2099/01/", "/x/x/x/x", "/a?p=1&p=2&p=3",
			"/"+strings.Repeat("l", 3000), "/politics/2022-11/07/c_1129108211.htm", "/events/2024-05-10-talk.html")),
	}
}

// encoded serves body with the given content coding when the client asks for it.
func encoded(coding string, body []byte) http.HandlerFunc {
	kind := coding
	if coding == "deflate" {
		kind = "raw" // as many servers send it
	}
	payload := coded(kind, body)
	return func(w http.ResponseWriter, r *http.Request) {
		if !strings.Contains(r.Header.Get("Accept-Encoding"), coding) {
			http.Error(w, "want "+coding, http.StatusNotAcceptable)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Encoding", coding)
		w.Write(payload)
	}
}

// deep serves /deep/N linking to /deep/N+1.
func deep(w http.ResponseWriter, r *http.Request) {
	var n int
	fmt.Sscanf(r.URL.Path, "/deep/%d", &n)
	page(linkPage(fmt.Sprintf("/deep/%d", n+1)))(w, r)
}

// slow answers after a while, or never if the client gives up first.
func slow(w http.ResponseWriter, r *http.Request) {
	select {
	case <-time.After(3 * time.Second):
		page(article)(w, r)
	case <-r.Context().Done():
	}
}

// crawlAll runs a crawl and returns its pages keyed by requested URL path
// (with query), failing on a duplicate.
func crawlAll(t *testing.T, cfg Config) map[string]Page {
	t.Helper()
	return crawlKeyed(t, cfg, func(u string) string { return strings.TrimPrefix(u, "http://"+testHost) })
}

// crawlKeyed runs a crawl and returns its pages keyed by key(requested
// URL), failing on a duplicate key.
func crawlKeyed(t *testing.T, cfg Config, key func(string) string) map[string]Page {
	t.Helper()
	ch := make(chan Page)
	errc := make(chan error, 1)
	budget := watchMemory(t, &cfg)
	go func() { errc <- Run(context.Background(), cfg, ch) }()
	got := map[string]Page{}
	for p := range ch {
		key := key(p.RequestedURL)
		if _, dup := got[key]; dup {
			t.Errorf("page %s sent twice", key)
		}
		checkHold(t, budget, p)
		p.Memory.Release()
		got[key] = p
	}
	if err := <-errc; err != nil {
		t.Fatalf("Run: %v", err)
	}
	checkAllReleased(t, budget)
	return got
}
