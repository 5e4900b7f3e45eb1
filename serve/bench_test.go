package serve

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/search"
)

// benchPhrases are the words the generated documents are made of: Chinese
// of the white paper's field and English, so both kinds of token are in
// the index.
var benchPhrases = []string{
	"互联网", "发展", "治理", "安全", "数字经济", "国际合作", "共同体", "数据", "基础设施", "技术",
	"创新", "开放", "合作", "人类", "命运", "全球", "各国", "规则", "网络安全", "信息化",
	"cyberspace", "governance", "security", "digital", "economy", "cooperation", "community", "future", "shared", "network",
}

// writeBenchArchive writes n generated documents, one capture each, to a
// new archive in dir; every third holds 网络空间.
func writeBenchArchive(b *testing.B, dir string, n int) (path string, chars int) {
	b.Helper()
	path = filepath.Join(dir, "prov.db")
	db, err := archive.Open(path, archive.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	rng := rand.New(rand.NewPCG(1, 2))
	t0 := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	var batch []archive.Entry
	for i := range n {
		var sb strings.Builder
		for j := range 120 {
			if j%40 == 0 && i%3 == 0 {
				sb.WriteString("网络空间")
			}
			sb.WriteString(benchPhrases[rng.IntN(len(benchPhrases))])
			if j%12 == 11 {
				sb.WriteString("。\n\n")
			} else {
				sb.WriteString("，")
			}
		}
		text := sb.String()
		chars += len([]rune(text))
		u := fmt.Sprintf("http://site%d.test/doc/%d.html", i%50, i)
		batch = append(batch, archive.Entry{
			Capture: archive.Capture{RequestedURL: u, FinalURL: u, URL: u, Method: "GET", Status: 200, FetchStart: t0, FetchEnd: t0,
				ToolVersion: "bench", Title: fmt.Sprintf("文件 %d", i), TextSHA256: archive.Sum([]byte(text)).String()},
			Payload: []byte("<p>" + text + "</p>"),
			Text:    text,
		})
		if len(batch) == 1000 || i == n-1 {
			if _, err := db.Write(batch); err != nil {
				b.Fatal(err)
			}
			batch = batch[:0]
		}
	}
	return path, chars
}

// BenchmarkSearch20000 answers one search page for 网络空间 (6,667 of
// 20,000 generated documents hold it) through the handler: the index
// query, the ranking, and the snippets of the first 20 read from the
// archive. The archive and its index are built before the timer starts.
func BenchmarkSearch20000(b *testing.B) {
	dir := b.TempDir()
	began := time.Now()
	path, chars := writeBenchArchive(b, dir, 20000)
	wrote := time.Since(began)
	st, err := search.Update(path, search.UpdateOptions{})
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("archive of 20,000 documents (%d characters each on average) written in %v; index of %d documents built in %v",
		chars/20000, wrote.Round(time.Millisecond), st.Documents, (time.Since(began) - wrote).Round(time.Millisecond))
	srv, err := New(Config{DB: path, TempDir: dir})
	if err != nil {
		b.Fatal(err)
	}
	h := srv.Handler()
	req := httptest.NewRequest(http.MethodGet, "http://127.0.0.1/search?q="+url.QueryEscape("网络空间"), nil)
	for b.Loop() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != 200 || !strings.Contains(rec.Body.String(), "6667 documents found") {
			b.Fatalf("search answered %d: %.300s", rec.Code, rec.Body.String())
		}
	}
}
