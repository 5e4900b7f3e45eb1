package ingest

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/archive/export"
	"github.com/prov-archive/prov/clean"
	"github.com/prov-archive/prov/crawl"
	"github.com/prov-archive/prov/memory"
)

const hugeArticle = "The harbour council approved the ferry terminal budget on Tuesday after a six week consultation."

// hugePage is an article in its first 100 KB (the article, then page
// chrome), followed by 10 MiB of junk: inline script data, then
// paragraphs that would be text if they were read.
func hugePage() []byte {
	var b bytes.Buffer
	b.WriteString(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Ferry terminal</title></head><body>
<article><h1>Ferry terminal</h1><p>` + hugeArticle + `</p><p>` + strings.Repeat("Residents asked for longer library hours and safer school crossings. ", 8) + `</p></article>
<nav>`)
	for b.Len() < 100<<10 {
		b.WriteString(`<a href="/section">Section</a> `)
	}
	b.WriteString("</nav><script>var state=\"")
	for b.Len() < 10<<20 {
		b.WriteString("0123456789abcdef")
	}
	b.WriteString("\";</script>")
	b.WriteString(strings.Repeat("<p>Junk paragraph far down the page, never read by clean at all.</p>\n", 2000))
	b.WriteString("</body></html>")
	return b.Bytes()
}

// TestCrawlHugePage crawls, under a memory budget smaller than the page,
// an article followed by 10 MiB of junk, and an ordinary page, into a
// real archive: the huge page's text is the article's, recorded as
// read from a prefix with the limit (in the capture and in the JSONL
// export, under text_truncated and text_limit), its payload is stored
// whole, the ordinary page says nothing of truncation, and once the
// crawl is done the budget is wholly given back.
func TestCrawlHugePage(t *testing.T) {
	huge := hugePage()
	small := `<html><head><title>Small</title></head><body><p>` + strings.Repeat("An ordinary page with an ordinary article on it. ", 5) + `</p></body></html>`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		switch r.URL.Path {
		case "/huge":
			w.Write(huge)
		case "/small":
			w.Write([]byte(small))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	ct, err := crawl.ParseConnectTo("huge.example.org:80:" + strings.TrimPrefix(srv.URL, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	budget := memory.NewBudget(8 << 20)
	cfg := crawl.Config{Seeds: []string{"http://huge.example.org/huge", "http://huge.example.org/small"},
		ConnectTo: []crawl.ConnectTo{ct}, MaxDepth: -1, Delay: -1, Parallel: 2, Memory: budget}
	db, err := archive.Open(filepath.Join(t.TempDir(), "prov.db"), archive.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := Crawl(context.Background(), DBStore(db), cfg, Options{}); err != nil {
		t.Fatal(err)
	}
	if n := budget.InUse(); n != 0 {
		t.Errorf("%d bytes of the memory budget held after the crawl", n)
	}
	c := lastCapture(t, db, "http://huge.example.org/huge")
	if !c.TextTruncated || c.TextLimit <= 0 || c.TextLimit > clean.DefaultReadLimit {
		t.Errorf("huge page: text_truncated %v, text_limit %d; want true, at most %d", c.TextTruncated, c.TextLimit, clean.DefaultReadLimit)
	}
	if c.Truncated || c.PayloadLength != int64(len(huge)) || !bytes.Equal(mustPayload(t, db, c), huge) {
		t.Errorf("huge page: payload of %d bytes (truncated %v), want the %d bytes served", c.PayloadLength, c.Truncated, len(huge))
	}
	d, err := db.Document(c.TextSHA256)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(d.Text, hugeArticle) || strings.Contains(d.Text, "Junk") || strings.Contains(d.Text, "0123456789") {
		t.Errorf("huge page: text %.200q…, want the article only", d.Text)
	}
	if s := lastCapture(t, db, "http://huge.example.org/small"); s.TextTruncated || s.TextLimit != 0 {
		t.Errorf("small page: text_truncated %v, text_limit %d", s.TextTruncated, s.TextLimit)
	}
	checkExported(t, db, c.TextLimit)
}

// checkExported checks the JSONL lines: text_truncated and text_limit
// (limit) on the huge page, absent on the small one.
func checkExported(t *testing.T, db *archive.DB, limit int64) {
	t.Helper()
	var out bytes.Buffer
	if err := export.JSONL(db, &out, export.Filter{}); err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		var l map[string]any
		if err := json.Unmarshal([]byte(line), &l); err != nil {
			t.Fatal(err)
		}
		_, has := l["text_truncated"]
		switch l["url"] {
		case "http://huge.example.org/huge":
			if l["text_truncated"] != true || l["text_limit"] != float64(limit) {
				t.Errorf("huge page's JSONL: text_truncated %v, text_limit %v", l["text_truncated"], l["text_limit"])
			}
		case "http://huge.example.org/small":
			if has {
				t.Errorf("small page's JSONL has text_truncated: %s", line)
			}
		}
	}
}

func lastCapture(t *testing.T, db *archive.DB, url string) archive.Capture {
	t.Helper()
	hist, err := db.History(url)
	if err != nil || len(hist) == 0 {
		t.Fatalf("captures of %s: %d, %v", url, len(hist), err)
	}
	return hist[len(hist)-1]
}

// TestCommittedKeepsHoldToCommit: with Options.Committed, a page is held
// whole until its batch commits, and so is its memory hold: Committed
// sees the weight the crawl gave the page (its bodies and clean's share,
// not shrunk by the writer), and the budget is wholly given back after
// the crawl.
func TestCommittedKeepsHoldToCommit(t *testing.T) {
	db, err := archive.Open(filepath.Join(t.TempDir(), "prov.db"), archive.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	cfg, _ := etagSite(t)
	budget := memory.NewBudget(8 << 20)
	cfg.Memory = budget
	var mu sync.Mutex
	var seen int
	opt := Options{Committed: func(p crawl.Page, e archive.Entry, c archive.Capture) {
		mu.Lock()
		defer mu.Unlock()
		seen++
		want := int64(len(p.Payload)) + clean.Memory(int64(len(p.Content)), 0) // content is the payload: not coded
		if n := p.Memory.Bytes(); n != want || len(p.Payload) == 0 {
			t.Errorf("%s at its commit: holds %d bytes, want %d (payload %d)", p.RequestedURL, n, want, len(p.Payload))
		}
	}}
	if _, err := Crawl(context.Background(), DBStore(db), cfg, opt); err != nil {
		t.Fatal(err)
	}
	if seen == 0 {
		t.Fatal("Committed was never called")
	}
	if n := budget.InUse(); n != 0 {
		t.Errorf("%d bytes of the memory budget held after the crawl", n)
	}
}
