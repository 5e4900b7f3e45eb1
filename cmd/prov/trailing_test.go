package main

import (
	"bytes"
	"compress/gzip"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/prov-archive/prov/archive"
)

// TestTrailingAfterGzip: a page whose gzip body a stray newline follows
// (a script's output after its gzip handler's) is archived with its text,
// as browsers show it, its payload as sent and the newline counted; prov
// inspect says so too.
func TestTrailingAfterGzip(t *testing.T) {
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(captionPage()))
	zw.Close()
	body := append(gz.Bytes(), '\n')
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/story" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(body)
	}))
	t.Cleanup(srv.Close)
	db := filepath.Join(t.TempDir(), "prov.db")
	if code, _, stderr := prov(t, "crawl", "--db", db, "--allow-private", "--quiet", srv.URL+"/story"); code != 0 {
		t.Fatalf("crawl exit %d: %s", code, stderr)
	}
	a, err := archive.Open(db, archive.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	hist, err := a.History(srv.URL + "/story")
	if err != nil || len(hist) != 1 {
		t.Fatalf("captures %d, %v", len(hist), err)
	}
	c := hist[0]
	if c.Kind != archive.KindResponse || c.TrailingBytes != 1 || c.TextSHA256 == "" || c.Error != "" {
		t.Errorf("capture %s, trailing %d, text %q, error %q", c.Kind, c.TrailingBytes, c.TextSHA256, c.Error)
	}
	if p, err := a.Payload(c.PayloadSHA256); err != nil || !bytes.Equal(p, body) {
		t.Errorf("payload %d bytes, %v; want the %d sent", len(p), err, len(body))
	}
	code, out, stderr := prov(t, "inspect", "--allow-private", srv.URL+"/story")
	if code != 0 {
		t.Fatalf("inspect exit %d: %s", code, stderr)
	}
	for _, w := range []string{"body:        1 byte after the end of its content coding's data left out", "Paragraph 3 of the story"} {
		if !strings.Contains(out, w) {
			t.Errorf("inspect lacks %q:\n%s", w, out)
		}
	}
}
