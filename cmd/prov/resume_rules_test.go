package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// rulesSites serves a.test and b.test on one loopback server, by Host:
// each a home page linking /a/p1 … /a/p20. It logs every request, and
// when hold names one, holds that request until the test ends (a crawl
// killed while it waits).
type rulesSites struct {
	srv  *httptest.Server
	mu   sync.Mutex
	log  []string // "host/path", in order
	hold string
	held chan struct{} // closed when hold arrives
}

func newRulesSites(t *testing.T) *rulesSites {
	s := &rulesSites{held: make(chan struct{})}
	release := make(chan struct{})
	s.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host, _, _ := strings.Cut(r.Host, ":")
		key := host + r.URL.Path
		s.mu.Lock()
		s.log = append(s.log, key)
		hold := key == s.hold
		if hold {
			s.hold = ""
		}
		s.mu.Unlock()
		if hold {
			close(s.held)
			<-release
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		switch {
		case r.URL.Path == "/":
			fmt.Fprint(w, "<html><head><title>Home</title></head><body><h1>Home</h1>")
			for i := 1; i <= 20; i++ {
				fmt.Fprintf(w, `<a href="/a/p%d">article %d</a> `, i, i)
			}
			fmt.Fprint(w, "</body></html>")
		case strings.HasPrefix(r.URL.Path, "/a/p"):
			fmt.Fprintf(w, `<html><head><title>%[1]s</title></head><body><a href="/">home</a><p>The text of %[1]s on %[2]s, long enough to be kept.</p></body></html>`, r.URL.Path, host)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(func() { close(release); s.srv.Close() })
	return s
}

// since returns the requests logged from index from on.
func (s *rulesSites) since(from int) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.log[from:]...)
}

func (s *rulesSites) connectTo() []string {
	port := s.srv.URL[strings.LastIndex(s.srv.URL, ":")+1:]
	return []string{"--connect-to", "a.test:80:127.0.0.1:" + port, "--connect-to", "b.test:80:127.0.0.1:" + port}
}

// TestKilledCrawlResumesUnderTodaysRules kills `prov crawl` (SIGKILL)
// midway through a.test and b.test. Before the next run the operator
// denies a.test's /a/p10 … /a/p19 and takes b.test out of the rules. The
// resumed run requests none of those URLs and archives none; its run
// record counts them as skipped, by reason; the rest of a.test is
// archived.
func TestKilledCrawlResumesUnderTodaysRules(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildProv(t)
	s := newRulesSites(t)
	dir := t.TempDir()
	rulesFile, db := filepath.Join(dir, "rules.yaml"), filepath.Join(dir, "arch.db")
	site := func(host, extra string) string {
		return fmt.Sprintf("  - name: %s\n    hosts: [%s]\n    seeds: ['http://%s/']\n    delay: 1ms\n%s", host[:1], host, host, extra)
	}
	if err := os.WriteFile(rulesFile, []byte("sites:\n"+site("a.test", "")+site("b.test", "")), 0o644); err != nil {
		t.Fatal(err)
	}
	base := []string{"crawl", "--rules", rulesFile, "--db", db, "--quiet"}
	args := append(append([]string{}, base...), s.connectTo()...)
	s.mu.Lock()
	s.hold = "a.test/a/p2" // the server may already be answering: set under its lock
	s.mu.Unlock()
	cmd := exec.Command(bin, args...)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	select {
	case <-s.held:
	case <-time.After(waitLimit):
		t.Fatalf("the first crawl did not reach a.test/a/p2 in %v: %v", waitLimit, s.since(0))
	}
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	if _, err := os.Stat(db + ".frontier"); err != nil {
		t.Fatalf("no frontier left to resume from: %v", err)
	}
	denied := regexp.MustCompile(`^a\.test/a/p1[0-9]$`)
	before := payloads(t, db)

	deny := "    deny: ['^/a/p1[0-9]$']\n"
	if err := os.WriteFile(rulesFile, []byte("sites:\n"+site("a.test", deny)), 0o644); err != nil {
		t.Fatal(err)
	}
	// The resumed crawl talks to a server of its own: a request the
	// killed crawl had sent, still in the first server's socket when the
	// kill came, may reach its handler after the kill, and would be taken
	// for the resumed crawl's.
	s2 := newRulesSites(t)
	if code, _, stderr := prov(t, append(append([]string{}, base...), s2.connectTo()...)...); code != 0 {
		t.Fatalf("resumed crawl exit %d: %s", code, stderr)
	}
	resumed := s2.since(0)
	for _, r := range resumed {
		if strings.HasPrefix(r, "b.test/") || denied.MatchString(r) {
			t.Errorf("%s requested by the resumed crawl", r)
		}
	}
	after := payloads(t, db)
	for u, got := range after {
		if k := strings.TrimPrefix(u, "http://"); (strings.HasPrefix(k, "b.test/") || denied.MatchString(k)) && len(got) != len(before[u]) {
			t.Errorf("%s captured by the resumed crawl", u)
		}
	}
	for i := 1; i <= 20; i++ {
		u := fmt.Sprintf("http://a.test/a/p%d", i)
		if i < 10 || i == 20 {
			if len(after[u]) != 1 {
				t.Errorf("%s: %d captures, want 1", u, len(after[u]))
			}
		}
	}
	// Each URL the resumed crawl dropped is counted once, and each link
	// to one found on a page it fetched, as for any link: a.test's home
	// page, fetched again when the kill came before its commit, links the
	// 10 denied articles once more.
	wantDenied, wantOut := 10, 0
	for _, r := range resumed {
		if r == "a.test/" {
			wantDenied += 10
		}
	}
	for i := 0; i <= 20; i++ {
		u := fmt.Sprintf("http://b.test/a/p%d", i)
		if i == 0 {
			u = "http://b.test/"
		}
		if len(before[u]) == 0 {
			wantOut++
		}
	}
	if last := lastRun(t, db); last.Skipped["denied by rule"] != wantDenied || last.Skipped["out of scope"] != wantOut {
		t.Errorf("the resumed run skipped %v; want %d denied by rule and %d out of scope (b.test's URLs not archived before)", last.Skipped, wantDenied, wantOut)
	}
}
