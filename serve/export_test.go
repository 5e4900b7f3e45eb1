package serve

import (
	"regexp"
	"strings"
	"testing"
)

// An export of a work the archive does not hold is a 404, as the work's
// page is, not an empty file; a work it holds exports in every format.
func TestExportOfNoWork(t *testing.T) {
	ts, _ := newTestServer(t)
	_, works := fetch(t, ts.URL+"/works")
	id := regexp.MustCompile(`href="/work/([0-9a-f]{12})"`).FindStringSubmatch(works)
	if id == nil {
		t.Fatal("no work link on the works page")
	}
	for _, ex := range workExports {
		for _, wk := range []string{"000000000000", strings.Repeat("0", 64)} {
			resp, body := fetch(t, ts.URL+"/work/"+wk+"/export/"+ex.Format)
			if resp.StatusCode != 404 || !strings.Contains(body, "no work "+wk) || resp.Header.Get("Content-Disposition") != "" {
				t.Errorf("%s export of work %s: %s, want a 404 page\n%.300s", ex.Format, wk, resp.Status, body)
			}
		}
		if resp, body := fetch(t, ts.URL+"/work/"+id[1]+"/export/"+ex.Format); resp.StatusCode != 200 || body == "" {
			t.Errorf("%s export of work %s: %s, %d bytes", ex.Format, id[1], resp.Status, len(body))
		}
	}
}
