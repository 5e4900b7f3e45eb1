package serve

import (
	"fmt"
	"mime"
	"reflect"
	"strings"
	"testing"

	"github.com/prov-archive/prov/archive"
)

// A download's file name is made of prov's own characters: the media
// type's extension and a known content coding's, never the archived
// headers' text, which a site may craft to name the file itself.
func TestDownloadName(t *testing.T) {
	cases := []struct {
		ctype, coding, want string
	}{
		{"text/html; charset=utf-8", "", "capture-%d.html"},
		{"text/html", "gzip", "capture-%d.html.gz"},
		{"text/html", "BR", "capture-%d.html.br"},
		{"image/png", "zstd", "capture-%d.png.zst"},
		{"text/plain", "", "capture-%d.txt"},
		{"text/xml", "", "capture-%d.xml"},
		{"text/javascript", "", "capture-%d.js"},
		{"", "", "capture-%d.bin"},
		{"text/html", `x"; filename*=UTF-8''evil.exe; a="`, "capture-%d.bin"},
		{"text/html", "gzip, br", "capture-%d.bin"},
		{`application/x-evil"; filename="evil.exe`, "", "capture-%d.bin"},
	}
	var entries []archive.Entry
	for i, c := range cases {
		u := fmt.Sprintf("http://a.test/%d", i)
		entries = append(entries, archive.Entry{Capture: archive.Capture{RequestedURL: u, FinalURL: u, URL: u, Method: "GET", Status: 200,
			FetchStart: t0, FetchEnd: t0, ToolVersion: "test",
			ResponseHeader: map[string][]string{"Content-Type": {c.ctype}, "Content-Encoding": {c.coding}}},
			Payload: []byte(fmt.Sprintf("payload %d", i))})
	}
	ts, _ := serveArchive(t, entries)
	for i, c := range cases {
		id := i + 1
		want := fmt.Sprintf(c.want, id)
		resp, _ := fetch(t, fmt.Sprintf("%s/capture/%d/download", ts.URL, id))
		disp, params, err := mime.ParseMediaType(resp.Header.Get("Content-Disposition"))
		if err != nil || disp != "attachment" || !reflect.DeepEqual(params, map[string]string{"filename": want}) {
			t.Errorf("%q coded %q: Content-Disposition %q (%v), want an attachment named %s",
				c.ctype, c.coding, resp.Header.Get("Content-Disposition"), err, want)
		}
		_, body := fetch(t, fmt.Sprintf("%s/capture/%d", ts.URL, id))
		if !strings.Contains(body, "("+want+",") {
			t.Errorf("capture %d's page does not offer the download as %s", id, want)
		}
	}
}
