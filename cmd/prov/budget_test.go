package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// A crawl whose --max-pages leaves out URLs the archive has never
// captured says so on stderr, one line, even under --quiet (exit 0); once
// the archive holds them all, the same budget says nothing.
func TestMaxPagesTellsNeverArchived(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, "<html><head><title>%s</title></head><body><article><p>%s</p></article><ul>", r.URL.Path,
			strings.Repeat("A paragraph of "+r.URL.Path+" long enough to be kept as its text. ", 5))
		if r.URL.Path == "/" {
			for i := 1; i <= 6; i++ {
				fmt.Fprintf(w, `<li><a href="/p%d">page %d</a></li>`, i, i)
			}
		}
		fmt.Fprint(w, "</ul></body></html>")
	}))
	defer srv.Close()
	db := filepath.Join(t.TempDir(), "prov.db")
	crawlWith := func(extra ...string) (int, string) {
		args := append([]string{"crawl", "--db", db, "--allow-private", "--delay", "0", "--quiet"}, extra...)
		code, out, errOut := prov(t, append(args, srv.URL+"/")...)
		if out != "" {
			t.Errorf("prov crawl %v --quiet printed %q", extra, out)
		}
		return code, errOut
	}
	line := regexp.MustCompile(`^prov crawl: --max-pages 3 left (\d+) URLs not fetched that the archive has never captured; [^\n]*\n$`)
	for night := 1; night <= 2; night++ {
		code, errOut := crawlWith("--max-pages", "3")
		if m := line.FindStringSubmatch(errOut); code != exitOK || m == nil || m[1] == "0" {
			t.Fatalf("night %d under --max-pages 3: exit %d, stderr %q; want exit 0 and one line", night, code, errOut)
		}
	}
	if code, errOut := crawlWith(); code != exitOK || errOut != "" {
		t.Fatalf("the whole site: exit %d, stderr %q", code, errOut)
	}
	if code, errOut := crawlWith("--max-pages", "3"); code != exitOK || errOut != "" {
		t.Errorf("every URL archived, under --max-pages 3: exit %d, stderr %q; want nothing", code, errOut)
	}
}
