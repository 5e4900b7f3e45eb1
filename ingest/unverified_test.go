package ingest

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/prov-archive/prov/crawl"
	"github.com/prov-archive/prov/rules"
)

// A page of a site whose rule says tls: unverified is archived though its
// server's certificate (a test server's, trusted by no system) does not
// verify, and its capture says why.
func TestUnverifiedCaptureSaysWhy(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte("<html><body><p>" + strings.Repeat("A page behind a certificate nobody trusts. ", 8) + "</p></body></html>"))
	}))
	t.Cleanup(srv.Close)
	set, err := rules.Parse("t.yaml", []byte("sites:\n  - name: old\n    hosts: [old.example.org]\n    tls: unverified\n"))
	if err != nil {
		t.Fatal(err)
	}
	ct, err := crawl.ParseConnectTo("old.example.org:443:" + strings.TrimPrefix(srv.URL, "https://"))
	if err != nil {
		t.Fatal(err)
	}
	url := "https://old.example.org/paper"
	cfg := crawl.Config{AllowPrivate: true, MaxDepth: -1, Delay: -1, Retries: -1, NoDiscovery: true,
		ConnectTo: []crawl.ConnectTo{ct}, Rules: set}
	c := crawlOneNew(t, url, cfg, Options{Rules: set})
	if !strings.HasPrefix(c.TLSUnverified, "old.example.org: tls: failed to verify certificate") || c.TextSHA256 == "" {
		t.Errorf("capture: tls_unverified %q, text %q; want why, and the text", c.TLSUnverified, c.TextSHA256)
	}
}
