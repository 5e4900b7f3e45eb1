package main

import (
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/prov-archive/prov/bench/internal/child"
)

const host = "distrib.test"

func bench(pages, parallel int, counts []int, given string, keep, manyHosts bool) error {
	dir, prov, done, err := child.Workdir("distrib", given, keep)
	if err != nil {
		return err
	}
	defer done()
	var hits atomic.Int64
	handler, what := site(pages, &hits), fmt.Sprintf("%d pages", pages)
	if manyHosts {
		handler, what = hostsSite(&hits), hostsWhat()
	}
	srv := httptest.NewServer(handler)
	defer srv.Close()
	rd, err := startRedis(dir)
	if err != nil {
		return err
	}
	defer rd.stop()
	addr := strings.TrimPrefix(srv.URL, "http://")
	var crawl []string
	if manyHosts {
		if crawl, err = hostsCrawl(dir, addr, parallel); err != nil {
			return err
		}
	} else {
		crawl = []string{"crawl", "--connect-to", host + ":80:" + addr,
			"--delay", "0", "--parallel", strconv.Itoa(parallel), "--max-depth", "10", "--quiet", "--progress", "never",
			"http://" + host + "/p/0"}
	}
	fmt.Printf("site: %s; redis-server %s; %d CPUs\n", what, rd.addr, numCPU())
	fmt.Printf("%-22s %7s %8s %8s %16s %18s\n", "crawl", "pages", "seconds", "pages/s", "redis KiB/1000", "redis CPU s/1000")

	hits.Store(0)
	secs, err := timed(prov, dir, 1, func(i int) []string { return append(crawl, "--db", filepath.Join(dir, "single.db")) })
	if err != nil {
		return err
	}
	fmt.Printf("%-22s %7d %8.2f %8.0f %16s %18s\n", "one process, no Redis", hits.Load(), secs, float64(hits.Load())/secs, "-", "-")
	for _, n := range counts {
		if err := rd.cmd("FLUSHALL"); err != nil {
			return err
		}
		cpu0, err := rd.cpu()
		if err != nil {
			return err
		}
		hits.Store(0)
		run := filepath.Join(dir, fmt.Sprintf("w%d", n))
		if err := os.Mkdir(run, 0o755); err != nil { // prov crawl makes no folder for a shard
			return err
		}
		secs, err := timed(prov, dir, n, func(i int) []string {
			return append(crawl, "--frontier", "redis://"+rd.addr+"/0", "--shard", filepath.Join(run, fmt.Sprintf("shard%d.db", i)))
		})
		if err != nil {
			return err
		}
		cpu1, err := rd.cpu()
		if err != nil {
			return err
		}
		bytes, err := rd.keyBytes("prov:*")
		if err != nil {
			return err
		}
		seen, err := rd.int("SCARD", "prov:seen")
		if err != nil {
			return err
		}
		p := float64(hits.Load())
		fmt.Printf("%-22s %7d %8.2f %8.0f %16.0f %18.3f\n", fmt.Sprintf("%d workers, Redis", n), hits.Load(), secs, p/secs,
			float64(bytes)/float64(seen)*1000/1024, (cpu1-cpu0)/p*1000)
	}
	fmt.Println("redis KiB/1000: MEMORY USAGE of every prov: key at the end, per 1,000 URLs in the seen set;")
	fmt.Println("redis CPU s/1000: redis-server's CPU time (INFO cpu) per 1,000 pages: one Redis serves at most 1000/that pages/s.")
	return nil
}

// timed runs n prov processes at once, with args(i) for the ith, and
// returns the seconds until the last exits.
func timed(prov, dir string, n int, args func(i int) []string) (float64, error) {
	start := time.Now()
	var cmds []*exec.Cmd
	for i := range n {
		cmd := exec.Command(prov, args(i)...)
		cmd.Dir, cmd.Stderr = dir, os.Stderr
		if err := cmd.Start(); err != nil {
			return 0, err
		}
		cmds = append(cmds, cmd)
	}
	for _, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			return 0, fmt.Errorf("prov crawl: %w", err)
		}
	}
	return time.Since(start).Seconds(), nil
}

// site serves n pages: page i links to pages 10i+1 … 10i+10 and home, and
// has a text of its own. hits counts the page requests.
func site(n int, hits *atomic.Int64) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		i, err := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/p/"))
		if err != nil || i < 0 || i >= n {
			http.NotFound(w, r)
			return
		}
		hits.Add(1)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, "<!DOCTYPE html><html><head><title>Item %d</title></head><body><article><h1>Bulletin %d</h1>", i, i)
		for p := range 4 {
			fmt.Fprintf(w, "<p>Section %d of bulletin %d records %d decisions of the board on matter %d, published on day %d.</p>", p, i, i*3%17, i*13+p, i%30+1)
		}
		fmt.Fprint(w, "</article><nav>")
		for c := 10*i + 1; c <= 10*i+10 && c < n; c++ {
			fmt.Fprintf(w, "<a href=\"/p/%d\">%d</a> ", c, c)
		}
		fmt.Fprint(w, "<a href=\"/p/0\">home</a></nav></body></html>")
	})
}

// The hosts of -hosts: slowHost, whose first page links hostsSlow-1
// more, and the quick hosts, of hostsQuick pages each, whose first page
// (answered after hostsQuickFirst) links all the others. Their delays (a
// rules file, hostsCrawl: slowDelay and quickDelay) make each host take
// one request at a time across the workers.
const (
	slowHost        = "slow.distrib.test"
	hostsSlow       = 16
	slowDelay       = 500 * time.Millisecond
	hostsQuick      = 100
	quickDelay      = 50 * time.Millisecond
	hostsQuickFirst = 200 * time.Millisecond
)

var quickHosts = []string{"quick1.distrib.test", "quick2.distrib.test"}

// hostsWhat describes -hosts's site.
func hostsWhat() string {
	return fmt.Sprintf("%s (%d pages, delay %s) and %s (%d pages each, delay %s)",
		slowHost, hostsSlow, slowDelay, strings.Join(quickHosts, ", "), hostsQuick, quickDelay)
}

// hostsSite serves -hosts's hosts; hits counts their page requests.
func hostsSite(hits *atomic.Int64) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name, _, _ := strings.Cut(r.Host, ":")
		i, err := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/p/"))
		n := hostsQuick
		switch {
		case name == slowHost:
			n = hostsSlow
		case i == 0:
			time.Sleep(hostsQuickFirst) // the slow host's links are queued first
		}
		if err != nil || i < 0 || i >= n {
			http.NotFound(w, r)
			return
		}
		hits.Add(1)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, "<!DOCTYPE html><html><head><title>%s %d</title></head><body><article><h1>Notice %d of %s</h1>", name, i, i, name)
		for p := range 4 {
			fmt.Fprintf(w, "<p>Section %d of notice %d from %s sets out rule %d for district %d.</p>", p, i, name, i*7+p, i%12+1)
		}
		fmt.Fprint(w, "</article><nav>")
		for c := 1; i == 0 && c < n; c++ {
			fmt.Fprintf(w, "<a href=\"/p/%d\">%d</a> ", c, c)
		}
		fmt.Fprint(w, "</nav></body></html>")
	})
}

// hostsCrawl writes the rules of -hosts's hosts into dir and returns the
// crawl's arguments: slowHost first, so its URLs lead each depth.
func hostsCrawl(dir, addr string, parallel int) ([]string, error) {
	args := []string{"crawl", "--parallel", strconv.Itoa(parallel), "--quiet", "--progress", "never"}
	y := "sites:\n"
	for _, h := range append([]string{slowHost}, quickHosts...) {
		delay := quickDelay
		if h == slowHost {
			delay = slowDelay
		}
		y += fmt.Sprintf("  - name: %s\n    hosts: [%s]\n    authority: news\n    seeds: [http://%s/p/0]\n    delay: %s\n", h, h, h, delay)
		args = append(args, "--connect-to", h+":80:"+addr)
	}
	rules := filepath.Join(dir, "hosts.yaml")
	if err := os.WriteFile(rules, []byte(y), 0o644); err != nil {
		return nil, err
	}
	return append(args, "--rules", rules), nil
}

func numCPU() int {
	b, _ := os.ReadFile("/proc/cpuinfo")
	return max(strings.Count(string(b), "processor\t:"), 1)
}

// redis is a redis-server started for the bench.
type redis struct {
	addr string
	proc *exec.Cmd
}

func startRedis(dir string) (*redis, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	r := &redis{addr: "127.0.0.1:" + strconv.Itoa(port)}
	r.proc = exec.Command("redis-server", "--port", strconv.Itoa(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir)
	if err := r.proc.Start(); err != nil {
		return nil, fmt.Errorf("redis-server (make tools installs it): %w", err)
	}
	for range 200 {
		if r.cmd("PING") == nil {
			return r, nil
		}
		time.Sleep(20 * time.Millisecond)
	}
	r.stop()
	return nil, fmt.Errorf("redis-server on %s did not answer", r.addr)
}

func (r *redis) stop() { r.proc.Process.Kill(); r.proc.Wait() }

// call sends one command and returns its reply, read whole (RESP: a line,
// and for a bulk string its bytes).
func (r *redis) call(args ...string) (string, error) {
	c, err := net.DialTimeout("tcp", r.addr, time.Second)
	if err != nil {
		return "", err
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(5 * time.Second))
	var b strings.Builder
	fmt.Fprintf(&b, "*%d\r\n", len(args))
	for _, a := range args {
		fmt.Fprintf(&b, "$%d\r\n%s\r\n", len(a), a)
	}
	if _, err := c.Write([]byte(b.String())); err != nil {
		return "", err
	}
	buf := make([]byte, 0, 8192)
	tmp := make([]byte, 4096)
	for {
		n, err := c.Read(tmp)
		buf = append(buf, tmp[:n]...)
		if s := string(buf); complete(s) {
			return s, nil
		}
		if err != nil {
			return "", err
		}
	}
}

// complete says whether s is a whole reply: a line, a bulk string (its
// length, then its bytes), or an array of bulk strings without CRLF in
// them (KEYS).
func complete(s string) bool {
	line, rest, ok := strings.Cut(s, "\r\n")
	if !ok {
		return false
	}
	n, _ := strconv.Atoi(line[1:])
	switch line[0] {
	case '$':
		return n < 0 || len(rest) >= n+2
	case '*':
		return n <= 0 || strings.Count(rest, "\r\n") >= 2*n
	}
	return true
}

func (r *redis) cmd(args ...string) error {
	s, err := r.call(args...)
	if err == nil && strings.HasPrefix(s, "-") {
		err = fmt.Errorf("redis %s: %s", args[0], strings.TrimSpace(s))
	}
	return err
}

func (r *redis) int(args ...string) (int64, error) {
	s, err := r.call(args...)
	if err != nil {
		return 0, err
	}
	return strconv.ParseInt(strings.TrimSpace(strings.TrimPrefix(s, ":")), 10, 64)
}

// cpu returns the seconds of CPU redis-server has used (INFO cpu).
func (r *redis) cpu() (float64, error) {
	s, err := r.call("INFO", "cpu")
	if err != nil {
		return 0, err
	}
	total := 0.0
	for _, line := range strings.Split(s, "\r\n") {
		for _, k := range []string{"used_cpu_sys:", "used_cpu_user:"} {
			if v, ok := strings.CutPrefix(line, k); ok {
				f, err := strconv.ParseFloat(v, 64)
				if err != nil {
					return 0, err
				}
				total += f
			}
		}
	}
	return total, nil
}

// keyBytes sums MEMORY USAGE (exact: SAMPLES 0) of the keys matching
// pattern.
func (r *redis) keyBytes(pattern string) (int64, error) {
	s, err := r.call("KEYS", pattern)
	if err != nil {
		return 0, err
	}
	var sum int64
	for _, line := range strings.Split(s, "\r\n") {
		if line == "" || strings.HasPrefix(line, "*") || strings.HasPrefix(line, "$") {
			continue
		}
		n, err := r.int("MEMORY", "USAGE", line, "SAMPLES", "0")
		if err != nil {
			return 0, fmt.Errorf("MEMORY USAGE %s: %w", line, err)
		}
		sum += n
	}
	return sum, nil
}
