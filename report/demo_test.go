package report

import (
	"bytes"
	"path/filepath"
	"testing"
	"time"

	"github.com/prov-archive/prov/archive"
)

// demoArchive is a real bbolt archive of five URLs on three hosts: pages
// with charsets and authorities, a page without text, a later failure
// that does not hide a copy, and a long title.
func demoArchive(t *testing.T) *archive.DB {
	t.Helper()
	db, err := archive.Open(filepath.Join(t.TempDir(), "prov.db"), archive.Options{Now: func() time.Time { return t0 }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	entry := func(url, text string, f func(*archive.Capture)) archive.Entry {
		c := archive.Capture{URL: url, RequestedURL: url, FinalURL: url, Method: "GET", Status: 200, FetchStart: t0, FetchEnd: t0, ToolVersion: "test"}
		if text != "" {
			c.TextSHA256 = archive.Sum([]byte(text)).String()
		}
		f(&c)
		return archive.Entry{Capture: c, Payload: []byte("<p>" + url + text + "</p>"), Text: text}
	}
	_, err = db.Write([]archive.Entry{
		entry("http://www.gov.test/a", "text a", func(c *archive.Capture) {
			c.Charset, c.CharsetEvidence, c.Authority = "gb18030", "meta", "official"
			c.Lang, c.Published, c.Title, c.Attribution = "zh", "2022-11-07T10:00:00+08:00", "携手构建网络空间命运共同体", "国务院新闻办公室"
		}),
		entry("http://www.gov.test/", "", func(c *archive.Capture) { c.Charset, c.CharsetEvidence, c.Authority = "utf-8", "bom", "official" }),
		entry("http://news.test/long", "text b", func(c *archive.Capture) {
			c.Charset, c.CharsetEvidence, c.Lang = "windows-1252", "detector", "en"
			c.Title = "Full text: ‘Jointly Build a Community With a Shared Future in Cyberspace’"
		}),
		entry("http://news.test/gone", "text c", func(c *archive.Capture) { c.Title = "Gone later" }),
	})
	if err != nil {
		t.Fatal(err)
	}
	gone := archive.Capture{URL: "http://news.test/gone", RequestedURL: "http://news.test/gone", FinalURL: "http://news.test/gone",
		Method: "GET", Status: 404, Error: "http 404", FetchStart: t0.Add(time.Hour), FetchEnd: t0.Add(time.Hour), ToolVersion: "test"}
	if _, err := db.Write([]archive.Entry{{Capture: gone}}); err != nil {
		t.Fatal(err)
	}
	return db
}

func TestSitesAndCopies(t *testing.T) {
	db := demoArchive(t)
	var b bytes.Buffer
	if err := Sites(&b, db); err != nil {
		t.Fatal(err)
	}
	if err := Copies(&b, db); err != nil {
		t.Fatal(err)
	}
	golden(t, "demo-sites-copies", b.Bytes())
}

func TestGroups(t *testing.T) {
	w := work()
	other := archive.Work{ID: shaC[:12], TextSHA256: shaC, Original: archive.Ref{CaptureID: 30, URL: "http://c.test/"},
		Copies: []archive.Copy{{CaptureID: 30, URL: "http://c.test/", Relation: archive.RelOriginal, TextSHA256: shaC}}}
	golden(t, "demo-groups", render(func(b *bytes.Buffer) { Groups(b, []archive.Work{w, other}) }))
}

func TestClip(t *testing.T) {
	cases := []struct {
		s    string
		n    int
		want string
	}{
		{"short", 40, "short"},
		{"exactly5", 8, "exactly5"},
		{"携手构建网络空间命运共同体", 5, "携手构建…"},
		{"abcdef", 4, "abc…"},
	}
	for _, c := range cases {
		if got := clip(c.s, c.n); got != c.want {
			t.Errorf("clip(%q, %d) = %q, want %q", c.s, c.n, got, c.want)
		}
	}
}
