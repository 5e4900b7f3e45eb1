package serve

import (
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/prov-archive/prov/archive"
)

// TestRunsPageNamesTheKind: the runs page tells a crawl from a refetch of
// the originals (prov verify --refetch), as prov runs does.
func TestRunsPageNamesTheKind(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "prov.db")
	db, err := archive.Open(path, archive.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, kind := range []string{"", archive.RunRefetch} {
		r, err := db.BeginRun([]string{"http://a.test/"}, kind)
		if err == nil {
			err = db.FinishRun(r)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	srv, err := New(Config{DB: path, TempDir: dir, OpenTimeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	_, body := fetch(t, ts.URL+"/runs")
	for id, kind := range map[string]string{"1": "crawl", "2": "refetch"} {
		_, row, _ := strings.Cut(body, `<tr id="run-`+id+`" class="run">`)
		row, _, _ = strings.Cut(row, "</tr>")
		if !strings.Contains(row, "<td>"+kind+"</td><td>done</td>") {
			t.Errorf("run %s: row %q, want kind %s", id, row, kind)
		}
	}
}
