package main

import (
	"encoding/json"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/prov-archive/prov/archive"
)

// TestNotModifiedDiffTraceShow: a 304 confirms its URL's earlier 200,
// so prov diff and prov trace of it compare that capture's text and say
// so, and prov show --json names that capture.
func TestNotModifiedDiffTraceShow(t *testing.T) {
	path := filepath.Join(t.TempDir(), "prov.db")
	db, err := archive.Open(path, archive.Options{})
	if err != nil {
		t.Fatal(err)
	}
	const url = "http://gov.test/doc/1.html"
	first := copyEntry(url, "Groundwater guidelines.\n\nA target of forty percent.")
	at := first.Capture.FetchStart
	notModified := archive.Entry{Capture: archive.Capture{RequestedURL: url, FinalURL: url, URL: url, Method: "GET", Status: 304,
		FetchStart: at.Add(time.Hour), FetchEnd: at.Add(time.Hour), ToolVersion: "test"}}
	edited := copyEntry(url, "Groundwater guidelines.\n\nA target of thirty percent.")
	edited.Capture.FetchStart = at.Add(2 * time.Hour)
	ids := make([]uint64, 0, 3)
	for _, e := range []archive.Entry{first, notModified, edited} {
		got, err := db.Write([]archive.Entry{e})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, got...)
	}
	db.Close()
	num := func(i int) string { return strconv.FormatUint(ids[i], 10) }

	code, out, errOut := prov(t, "diff", "--db", path, num(1), num(2))
	if code != 0 || !strings.Contains(out, "[-thirty-]{+forty+}") {
		t.Fatalf("diff of the 304: exit %d\n%s%s", code, out, errOut)
	}
	say := "capture " + num(1) + " answered 304 (not modified): it confirms capture " + num(0) + ", whose text this is"
	if strings.Count(out, say) != 1 {
		t.Errorf("diff of the 304 does not say once %q:\n%s", say, out)
	}
	code, out, errOut = prov(t, "trace", "--db", path, num(1))
	if code != 0 || strings.Count(out, say) != 1 {
		t.Errorf("trace of the 304: exit %d, want it to say %q\n%s%s", code, say, out, errOut)
	}
	code, out, _ = prov(t, "show", "--json", "--db", path, url)
	var shown []struct {
		ID       uint64 `json:"id"`
		Kind     string `json:"kind"`
		Confirms uint64 `json:"confirms"`
	}
	if err := json.Unmarshal([]byte(out), &shown); err != nil || code != 0 || len(shown) != 3 {
		t.Fatalf("show --json: exit %d, %v\n%s", code, err, out)
	}
	for i, c := range shown {
		want := uint64(0)
		if i == 1 {
			want = ids[0]
		}
		if c.ID != ids[i] || c.Confirms != want {
			t.Errorf("show --json capture %d (%s): confirms %d, want %d", c.ID, c.Kind, c.Confirms, want)
		}
	}
}
