package main

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prov-archive/prov/testweb"
)

// redisProc is a redis-server the test started on a free loopback port.
type redisProc struct {
	t    testing.TB
	dir  string
	port int
	aof  bool
	cmd  *exec.Cmd
}

// startRedis starts Debian's redis-server, persisting nothing (or, with
// aof, an append-only file in dir); it is killed by its PID at the end.
// Without redis-server the test skips, unless CI=true: then it fails.
func startRedis(t testing.TB, dir string, aof bool) *redisProc {
	t.Helper()
	if _, err := exec.LookPath("redis-server"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("redis-server not installed (make tools installs it): %v", err)
		}
		t.Skipf("redis-server not installed: %v", err)
	}
	r := &redisProc{t: t, dir: dir, port: freePort(t), aof: aof}
	r.start()
	t.Cleanup(r.kill)
	return r
}

func freePort(t testing.TB) int {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

func (r *redisProc) start() {
	aof := "no"
	if r.aof {
		aof = "yes"
	}
	r.cmd = exec.Command("redis-server", "--port", strconv.Itoa(r.port), "--bind", "127.0.0.1",
		"--save", "", "--appendonly", aof, "--dir", r.dir, "--logfile", filepath.Join(r.dir, "redis.log"))
	if err := r.cmd.Start(); err != nil {
		r.t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if c, err := net.Dial("tcp", r.addr()); err == nil {
			fmt.Fprint(c, "PING\r\n")
			line, _ := bufio.NewReader(c).ReadString('\n')
			c.Close()
			if strings.HasPrefix(line, "+PONG") {
				return
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	r.t.Fatalf("redis-server on %s did not answer", r.addr())
}

func (r *redisProc) addr() string { return "127.0.0.1:" + strconv.Itoa(r.port) }
func (r *redisProc) url() string  { return "redis://" + r.addr() + "/0" }

// kill stops the server with SIGKILL, by its PID.
func (r *redisProc) kill() {
	if r.cmd != nil && r.cmd.Process != nil {
		r.cmd.Process.Kill()
		r.cmd.Wait()
		r.cmd = nil
	}
}

// hit is one request a test server saw: its host and path, and when it
// arrived and was answered.
type hit struct {
	host, path string
	agent      string
	start, end time.Time
}

// logWeb serves the mini-web and two generated sites (gen.test, and the
// small slow.test crawled with a long delay) on one loopback port,
// logging every request.
type logWeb struct {
	web   *testweb.Web
	gen   *genSite
	slow  *genSite
	srv   *httptest.Server
	mu    sync.Mutex
	hits  []hit
	flags []string // --connect-to for every host
}

func startLogWeb(t testing.TB, pages int) *logWeb {
	t.Helper()
	w := &logWeb{web: testweb.New(), gen: &genSite{pages: pages, name: "report"}, slow: &genSite{pages: slowPages, name: "notice"}}
	w.srv = httptest.NewServer(w)
	t.Cleanup(w.srv.Close)
	_, port, _ := net.SplitHostPort(strings.TrimPrefix(w.srv.URL, "http://"))
	for _, h := range append(siteHosts(), genHost, slowHost) {
		w.flags = append(w.flags, "--connect-to", h+":80:127.0.0.1:"+port)
	}
	return w
}

func siteHosts() []string {
	var out []string
	for _, s := range testweb.Sites() {
		out = append(out, s.Host)
	}
	return out
}

func (w *logWeb) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	h := hit{host: strings.Split(r.Host, ":")[0], path: r.URL.RequestURI(), agent: r.UserAgent(), start: time.Now()}
	switch h.host {
	case genHost:
		w.gen.ServeHTTP(rw, r)
	case slowHost:
		w.slow.ServeHTTP(rw, r)
	default:
		w.web.ServeHTTP(rw, r)
	}
	h.end = time.Now()
	w.mu.Lock()
	w.hits = append(w.hits, h)
	w.mu.Unlock()
}

func (w *logWeb) log() []hit {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]hit(nil), w.hits...)
}

func (w *logWeb) reset() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.hits = nil
}

const (
	genHost   = "gen.test"
	slowHost  = "slow.test"
	slowPages = 20
)

// genSite is a generated site of n pages in a tree of ten children per
// page: page i links to pages 10i+1 … 10i+10, to the home page and to its
// next sibling, so its depth (link distance from /p/0) is its level in
// the tree. Each page has a text of its own; name sets sites apart.
type genSite struct {
	pages int
	name  string
}

var genPath = regexp.MustCompile(`^/p/(\d+)$`)

func (g *genSite) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	m := genPath.FindStringSubmatch(r.URL.Path)
	i, _ := strconv.Atoi(m2(m))
	if m == nil || i >= g.pages {
		http.NotFound(rw, r)
		return
	}
	rw.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprintf(rw, "<!DOCTYPE html><html><head><title>Page %d</title></head><body><article><h1>The %s number %d</h1>", i, g.name, i)
	for p := 0; p < 3; p++ {
		if g.name == "notice" {
			fmt.Fprintf(rw, "<p>Clause %d of notice %d asks residents of district %d to renew permit %d at the town hall before month %d ends.</p>", p, i, i%9+1, i*53+p, p+1)
			continue
		}
		fmt.Fprintf(rw, "<p>Paragraph %d of report %d: the committee met on day %d and noted %d findings about item %d, which it published in full.</p>", p, i, i%28+1, i*7%13, i*31+p)
	}
	io.WriteString(rw, "</article><nav>")
	for c := 10*i + 1; c <= 10*i+10 && c < g.pages; c++ {
		fmt.Fprintf(rw, "<a href=\"/p/%d\">child %d</a> ", c, c)
	}
	if i+1 < g.pages && genDepth(i+1) == genDepth(i) {
		fmt.Fprintf(rw, "<a href=\"/p/%d\">next</a> ", i+1)
	}
	io.WriteString(rw, "<a href=\"/p/0\">home</a></nav></body></html>")
}

func m2(m []string) string {
	if m == nil {
		return "-1"
	}
	return m[1]
}

// genDepth is page i's level in the tree.
func genDepth(i int) int {
	d, first := 0, 0
	for size := 1; i >= first+size; size *= 10 {
		first += size
		d++
	}
	return d
}

// genRules is the mini-web's rules, gen.test with no delay to speak of,
// and slow.test with delay.
func genRules(t testing.TB, dir string, delay time.Duration) string {
	t.Helper()
	y := string(testweb.RulesYAML())
	for _, s := range []struct {
		host  string
		delay time.Duration
	}{{genHost, time.Millisecond}, {slowHost, delay}} {
		y += "  - name: " + s.host + "\n    hosts: [" + s.host + "]\n    authority: news\n    seeds: [http://" + s.host + "/p/0]\n" +
			"    max_depth: 6\n    delay: " + s.delay.String() + "\n    parallel: 4\n"
	}
	path := filepath.Join(dir, "rules.yaml")
	if err := os.WriteFile(path, []byte(y), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}
