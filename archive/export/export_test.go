package export_test

import (
	"archive/tar"
	"archive/zip"
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/archive/archivetest"
	"github.com/prov-archive/prov/archive/export"
)

var t0 = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)

const paper = "携手构建网络空间命运共同体\n\n中华人民共和国国务院新闻办公室"

// MustArchive opens an archive in tb's temporary folder holding two copies
// of one paper (official and news), a PDF without text, and one other text.
func MustArchive(tb testing.TB) *archive.DB {
	tb.Helper()
	db, err := archive.Open(filepath.Join(tb.TempDir(), "prov.db"), archive.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	entries := []archive.Entry{
		entry("http://www.scio.gov.cn/zfbps/32832/Document/1732898/1732898.htm", paper, "official", "国务院新闻办公室", "2022-11-07"),
		entry("https://www.freebuf.com/news/349014.html", paper, "news", "", "2022-11-08"),
		entry("http://www.scio.gov.cn/files/paper.pdf", "", "official", "", ""),
		entry("http://english.test/../../etc/passwd", "other text", "", "", ""),
	}
	if _, err := db.Write(entries); err != nil {
		tb.Fatal(err)
	}
	return db
}

func entry(url, text, authority, publisher, published string) archive.Entry {
	c := archive.Capture{URL: url, FinalURL: url, RequestedURL: url, Status: 200, Method: "GET",
		FetchStart: t0, Title: "白皮书: " + url, Authority: authority, Publisher: publisher,
		Published: published, Charset: "utf-8", Lang: "zh",
		ResponseHeader: map[string][]string{"Content-Type": {"text/html; charset=utf-8"}}}
	if text != "" {
		c.TextSHA256 = archive.Sum([]byte(text)).String()
	}
	return archive.Entry{Capture: c, Payload: []byte("<html>" + url + "</html>"), Text: text}
}

var contract = []string{"url", "final_url", "fetched_at", "status", "content_type", "encoding",
	"title", "published", "publisher", "attribution", "lang", "text", "text_sha256", "raw_sha256",
	"work", "original", "relation"}

// keysInOrder decodes one JSON object and returns its keys in order.
func keysInOrder(t *testing.T, line []byte) []string {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.Token() // {
	var keys []string
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, k.(string))
		var skip json.RawMessage
		dec.Decode(&skip)
	}
	return keys
}

func TestJSONLFieldsExactly(t *testing.T) {
	db := MustArchive(t)
	var out bytes.Buffer
	if err := export.JSONL(db, &out, export.Filter{}); err != nil {
		t.Fatal(err)
	}
	lines := bytes.Split(bytes.TrimSpace(out.Bytes()), []byte("\n"))
	if len(lines) != 4 {
		t.Fatalf("%d lines, want 4", len(lines))
	}
	originals := 0
	for _, line := range lines {
		keys := keysInOrder(t, line)
		if !reflect.DeepEqual(keys[:len(contract)], contract) {
			t.Errorf("keys = %v\nwant first %v", keys, contract)
		}
		var m map[string]any
		json.Unmarshal(line, &m)
		for _, k := range contract {
			if _, ok := m[k]; !ok {
				t.Errorf("missing %q", k)
			}
		}
		if m["original"] == true {
			originals++
			if m["url"] != "http://www.scio.gov.cn/zfbps/32832/Document/1732898/1732898.htm" && m["text"] != "other text" {
				t.Errorf("wrong original %v", m["url"])
			}
		}
		if m["fetched_at"] != "2026-11-23T10:00:00Z" {
			t.Errorf("fetched_at = %v", m["fetched_at"])
		}
	}
	if originals != 2 {
		t.Errorf("%d originals, want 2 (one per work)", originals)
	}
}

func TestJSONLFilter(t *testing.T) {
	db := MustArchive(t)
	var out bytes.Buffer
	export.JSONL(db, &out, export.Filter{Host: "WWW.SCIO.GOV.CN"})
	if n := bytes.Count(out.Bytes(), []byte("\n")); n != 2 {
		t.Errorf("host filter: %d lines, want 2", n)
	}
	out.Reset()
	export.JSONL(db, &out, export.Filter{Work: archive.Sum([]byte(paper)).Short()})
	if n := bytes.Count(out.Bytes(), []byte("\n")); n != 2 {
		t.Errorf("work filter: %d lines, want 2", n)
	}
	out.Reset()
	export.JSONL(db, &out, export.Filter{Since: t0.Add(time.Hour)})
	if out.Len() != 0 {
		t.Errorf("since filter: %q", out.String())
	}
}

// A --work the archive does not hold is not found in every format: an
// empty export of it would look like a valid one.
func TestUnknownWork(t *testing.T) {
	db := MustArchive(t)
	f := export.Filter{Work: "0123456789ab"}
	dir := t.TempDir()
	_, bagErr := export.Bag(db, filepath.Join(dir, "bag"), export.WARCOptions{Filter: f}, false)
	_, bundleErr := export.Bundle(db, filepath.Join(dir, "bundle"), f, false)
	_, warcErr := export.WARC(db, io.Discard, export.WARCOptions{Filter: f})
	_, waczErr := export.WACZ(db, io.Discard, export.WARCOptions{Filter: f})
	for format, err := range map[string]error{
		"jsonl": export.JSONL(db, io.Discard, f), "bundle": bundleErr, "bag": bagErr, "warc": warcErr, "wacz": waczErr,
	} {
		if !errors.Is(err, archive.ErrNotFound) || !strings.Contains(err.Error(), "work 0123456789ab") {
			t.Errorf("%s of an unknown work: %v, want work 0123456789ab: not found", format, err)
		}
	}
	for _, ref := range []string{archive.Sum([]byte(paper)).Short(), archive.Sum([]byte(paper)).String()} {
		if err := export.JSONL(db, io.Discard, export.Filter{Work: ref}); err != nil {
			t.Errorf("work %s: %v", ref, err)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("exports of an unknown work left %d entries in their folder", len(entries))
	}
}

func TestBundleFolder(t *testing.T) {
	db := MustArchive(t)
	dir := filepath.Join(t.TempDir(), "bundle")
	st, err := export.Bundle(db, dir, export.Filter{}, false)
	if err != nil {
		t.Fatal(err)
	}
	if st.Copies != 4 || st.Texts != 3 || st.Works != 2 {
		t.Errorf("stats = %+v", st)
	}
	got, err := os.ReadFile(filepath.Join(dir, "texts/www.freebuf.com/news_349014.txt"))
	if err != nil {
		t.Fatal(err)
	}
	want := "---\n" +
		"title: '白皮书: https://www.freebuf.com/news/349014.html'\n" +
		"url: https://www.freebuf.com/news/349014.html\n" +
		"source: www.freebuf.com\n" +
		"date: 2022-11-08\n" +
		"fetch_date: 2026-11-23T10:00:00Z\n" +
		"sha256: " + archive.Sum([]byte(paper)).String() + "\n" +
		"work: " + archive.Sum([]byte(paper)).Short() + "\n" +
		"original: false\n" +
		"captions: []\n" +
		"---\n\n" + paper + "\n"
	if string(got) != want {
		t.Errorf("text file:\n%s\nwant:\n%s", got, want)
	}
	checkManifest(t, filepath.Join(dir, "manifest.jsonl"), dir)
	var works []archive.Work
	b, _ := os.ReadFile(filepath.Join(dir, "works.json"))
	if err := json.Unmarshal(b, &works); err != nil || len(works) != 2 {
		t.Errorf("works.json: %d works, %v", len(works), err)
	}
	// Nothing escaped: every file is under dir.
	if _, err := os.Stat(filepath.Join(filepath.Dir(dir), "etc")); err == nil {
		t.Error("a file escaped the bundle")
	}
}

// checkManifest reads manifest.jsonl: no "text", a "path" that exists.
func checkManifest(t *testing.T, path, dir string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var m map[string]any
		json.Unmarshal(sc.Bytes(), &m)
		if _, ok := m["text"]; ok {
			t.Error("manifest line has text")
		}
		p, ok := m["path"].(string)
		if !ok {
			t.Fatalf("manifest line without path: %s", sc.Bytes())
		}
		if p == "" {
			continue
		}
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(p))); err != nil {
			t.Errorf("path %s: %v", p, err)
		}
	}
}

func TestBundleRefusesNonEmptyTargetWithoutForce(t *testing.T) {
	db := MustArchive(t)
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "keep.txt"), []byte("mine"), 0o644)
	if _, err := export.Bundle(db, dir, export.Filter{}, false); !errors.Is(err, export.ErrTargetExists) {
		t.Fatalf("err = %v, want ErrTargetExists", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "manifest.jsonl")); err == nil {
		t.Error("wrote into a refused target")
	}
	if _, err := export.Bundle(db, dir, export.Filter{}, true); !errors.Is(err, export.ErrNotAnExport) {
		t.Fatalf("force on a folder of the user's: %v, want ErrNotAnExport", err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "keep.txt")); string(b) != "mine" {
		t.Error("force removed the user's file")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("the user's folder holds %d entries after a refused export, want their one file", len(entries))
	}
	tgz := filepath.Join(dir, "b.tar.gz")
	os.WriteFile(tgz, []byte("old"), 0o644)
	if _, err := export.Bundle(db, tgz, export.Filter{}, false); !errors.Is(err, export.ErrTargetExists) {
		t.Errorf("tar.gz over a file: %v", err)
	}
}

// With force, an earlier bundle is replaced whole: a narrower export
// leaves none of the earlier one's texts behind, so the folder holds what
// its manifest lists and nothing else.
func TestBundleForceReplaces(t *testing.T) {
	db := MustArchive(t)
	dir := filepath.Join(t.TempDir(), "bundle")
	if _, err := export.Bundle(db, dir, export.Filter{}, false); err != nil {
		t.Fatal(err)
	}
	before := textFiles(t, dir)
	st, err := export.Bundle(db, dir, export.Filter{Host: "www.freebuf.com"}, true)
	if err != nil {
		t.Fatal(err)
	}
	after := textFiles(t, dir)
	if len(before) < 2 || len(after) != st.Texts || len(after) >= len(before) {
		t.Errorf("texts before %v, after %v (export says %d); want only the narrower export's", before, after, st.Texts)
	}
	for _, f := range after {
		if !strings.Contains(f, "freebuf") {
			t.Errorf("%s left from the earlier bundle", f)
		}
	}
	checkManifest(t, filepath.Join(dir, "manifest.jsonl"), dir)
	// named as a folder, with a trailing slash, as people write it
	if _, err := export.Bundle(db, dir+string(filepath.Separator), export.Filter{}, true); err != nil {
		t.Fatalf("force into %s/: %v", dir, err)
	}
	if got := textFiles(t, dir); len(got) != len(before) {
		t.Errorf("texts after a wide export into %s/: %d, want %d", dir, len(got), len(before))
	}
	if leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(dir), ".bundle.prov-export-*")); len(leftovers) != 0 {
		t.Errorf("temporary folders left: %v", leftovers)
	}
	if inside, _ := filepath.Glob(filepath.Join(dir, ".*")); len(inside) != 0 {
		t.Errorf("hidden entries inside the bundle: %v", inside)
	}
}

// A file the user put into an earlier bundle, beside it or among its
// texts, is theirs: force does not replace a bundle that holds one, nor
// a folder whose manifest.jsonl is not a bundle's.
func TestBundleForceKeepsUserFiles(t *testing.T) {
	db := MustArchive(t)
	for _, name := range []string{"notes.tex", "texts/mine.txt"} {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "bundle")
			if _, err := export.Bundle(db, dir, export.Filter{}, false); err != nil {
				t.Fatal(err)
			}
			mine := filepath.Join(dir, filepath.FromSlash(name))
			os.WriteFile(mine, []byte("mine"), 0o644)
			_, err := export.Bundle(db, dir, export.Filter{}, true)
			if !errors.Is(err, export.ErrNotAnExport) || !strings.Contains(err.Error(), name) {
				t.Errorf("forced bundle over one holding %s: %v, want ErrNotAnExport naming it", name, err)
			}
			if b, _ := os.ReadFile(mine); string(b) != "mine" {
				t.Errorf("%s lost", name)
			}
		})
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "manifest.jsonl"), []byte("{}\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "thesis.tex"), []byte("mine"), 0o644)
	if _, err := export.Bundle(db, dir, export.Filter{}, true); !errors.Is(err, export.ErrNotAnExport) {
		t.Errorf("forced bundle over a user's manifest.jsonl and thesis: %v, want ErrNotAnExport", err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "thesis.tex")); string(b) != "mine" {
		t.Error("thesis.tex lost")
	}
}

// textFiles lists the text files of a bundle folder.
func textFiles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(filepath.Join(dir, "texts"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			out = append(out, p)
		}
		return nil
	})
	return out
}

func TestBundleTarGzReadable(t *testing.T) {
	db := MustArchive(t)
	path := filepath.Join(t.TempDir(), "b.tar.gz")
	if _, err := export.Bundle(db, path, export.Filter{}, false); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o644 {
		t.Errorf("bundle file mode %v, %v; want 0644 as the other exports", fi.Mode(), err)
	}
	f, _ := os.Open(path)
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(gz)
	var names []string
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if !filepath.IsLocal(h.Name) {
			t.Errorf("unsafe member %q", h.Name)
		}
		body, _ := io.ReadAll(tr)
		if strings.HasPrefix(h.Name, "texts/") && !bytes.HasPrefix(body, []byte("---\ntitle: ")) {
			t.Errorf("%s has no front matter", h.Name)
		}
		names = append(names, h.Name)
	}
	if len(names) != 5 || names[3] != "manifest.jsonl" || names[4] != "works.json" {
		t.Errorf("members = %v", names)
	}
}

func TestBundleZipReadable(t *testing.T) {
	db := MustArchive(t)
	path := filepath.Join(t.TempDir(), "b.zip")
	if _, err := export.Bundle(db, path, export.Filter{}, false); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	if len(zr.File) != 5 {
		t.Errorf("%d members, want 5", len(zr.File))
	}
}

// Each line says what its URL's newest capture found, so that a copy the
// URL no longer serves does not read as current: a 304 confirms it, a
// 404 or a failed fetch says it is gone, a redirect where it moved. And
// --since selects URLs by that newest fetch, a 304 as an identical 200.
func TestLinesSayWhatTheURLServesNow(t *testing.T) {
	db, err := archive.Open(filepath.Join(t.TempDir(), "prov.db"), archive.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	const same, gone, failed, moved, fresh = "http://a.test/same", "http://a.test/gone", "http://a.test/failed", "http://a.test/moved", "http://a.test/fresh"
	var entries []archive.Entry
	for _, u := range []string{same, gone, failed, moved, fresh} {
		entries = append(entries, fetch(u, 0, []byte("<p>"+u+"</p>"), "text of "+u))
	}
	notMod := fetch(same, 2*time.Hour, nil, "")
	notMod.Capture.Status = 304
	notFound := fetch(gone, 2*time.Hour, []byte("no such page"), "")
	notFound.Capture.Status = 404
	refused := fetch(failed, 2*time.Hour, nil, "")
	refused.Capture.Status, refused.Capture.Error = 0, "dial tcp: connection refused"
	movedOn := fetch("http://a.test/new-home", 2*time.Hour, []byte("<p>moved</p>"), "text of the new home")
	movedOn.Capture.RequestedURL = moved
	movedOn.Capture.Redirects = []archive.Hop{{URL: moved, Status: 301}, {URL: "http://a.test/new-home", Status: 200}}
	again := fetch(fresh, 2*time.Hour, []byte("<p>"+fresh+"</p>"), "text of "+fresh)
	for _, e := range append(entries, notMod, notFound, refused, movedOn, again) {
		if _, err := db.Write([]archive.Entry{e}); err != nil {
			t.Fatal(err)
		}
	}
	later := t0.Add(2 * time.Hour).Format(time.RFC3339)
	want := map[string]string{
		same:   "200 " + t0.Format(time.RFC3339) + " → 304 " + later + "  ",
		gone:   "200 " + t0.Format(time.RFC3339) + " → 404 " + later + "  ",
		failed: "200 " + t0.Format(time.RFC3339) + " → 0 " + later + "  dial tcp: connection refused",
		moved:  "200 " + t0.Format(time.RFC3339) + " → 301 " + later + " http://a.test/new-home ",
		fresh:  "200 " + later + " → 200 " + later + "  ",
	}
	for _, since := range []time.Time{{}, t0.Add(time.Hour)} {
		var out bytes.Buffer
		if err := export.JSONL(db, &out, export.Filter{Since: since}); err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		for line := range strings.SplitSeq(strings.TrimSpace(out.String()), "\n") {
			var l export.Line
			if err := json.Unmarshal([]byte(line), &l); err != nil {
				t.Fatal(err)
			}
			got[l.URL] = fmt.Sprintf("%d %s → %d %s %s %s", l.Status, l.FetchedAt, l.LastStatus, l.LastFetchedAt, l.MovedTo, l.LastError)
		}
		delete(got, "http://a.test/new-home")
		if !reflect.DeepEqual(got, want) {
			t.Errorf("since %v: lines\n%q\nwant\n%q", since, got, want)
		}
	}
	dir := filepath.Join(t.TempDir(), "bundle")
	if _, err := export.Bundle(db, dir, export.Filter{}, false); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{
		"moved": "last_fetch_date: " + later + "\nlast_status: 301\nmoved_to: http://a.test/new-home\n",
		"fresh": "fetch_date: " + later + "\nsha256:",
	} {
		b, err := os.ReadFile(filepath.Join(dir, "texts", "a.test", name+".txt"))
		if err != nil || !strings.Contains(string(b), want) {
			t.Errorf("front matter of %s: %v\n%s\nwant it to hold %q", name, err, b, want)
		}
	}
}

// A copy that holds the official text and adds paragraphs of its own is
// related "contains" by prov works; the JSONL export keeps to the
// contract's relations and says near. Every line's relation is one of
// the contract's.
func TestJSONLRelationsOfTheContract(t *testing.T) {
	db, err := archive.Open(filepath.Join(t.TempDir(), "prov.db"), archive.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var official, extra []string
	for p := range 21 {
		var words []string
		for i := range 30 {
			words = append(words, fmt.Sprintf("w%d", (p*131+i*17)%100003))
		}
		if p < 9 {
			official = append(official, strings.Join(words, " "))
		} else {
			extra = append(extra, strings.Join(words, " "))
		}
	}
	gov := entry("http://gov.test/a/1.html", strings.Join(official, "\n\n"), "official", "", "2024-03-01T09:00:00+08:00")
	agg := entry("http://agg.test/a/1.html", strings.Join(append(official, extra...), "\n\n"), "aggregator", "", "2024-03-02")
	for _, e := range []*archive.Entry{&gov, &agg} {
		e.Capture.Sketch, e.Capture.Shingles = archivetest.WordSketch(e.Text)
	}
	if _, err := db.Write([]archive.Entry{gov, agg}); err != nil {
		t.Fatal(err)
	}
	works, err := db.Works()
	if err != nil || len(works) != 1 {
		t.Fatalf("works %+v, %v; want one", works, err)
	}
	rel := map[string]string{}
	for _, c := range works[0].Copies {
		rel[c.URL] = c.Relation
	}
	if rel[gov.Capture.URL] != archive.RelOriginal || rel[agg.Capture.URL] != archive.RelContains {
		t.Fatalf("relations %v: want the official page original, the longer copy contains", rel)
	}
	var out bytes.Buffer
	if err := export.JSONL(db, &out, export.Filter{}); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		var l struct{ URL, Relation string }
		if err := json.Unmarshal([]byte(line), &l); err != nil {
			t.Fatal(err)
		}
		got[l.URL] = l.Relation
	}
	if got[gov.Capture.URL] != "original" || got[agg.Capture.URL] != "near" {
		t.Errorf("exported relations %v: want original and near", got)
	}
	path, _ := mustWARC(t, db, export.Filter{})
	var metas []string
	for _, r := range warcRecords(t, path) {
		if strings.Contains(r, "WARC-Type: metadata") {
			metas = append(metas, r)
		}
	}
	if all := strings.Join(metas, ""); len(metas) != 2 || strings.Count(all, "relation: near\r\n") != 1 || strings.Count(all, "relation: original\r\n") != 1 {
		t.Errorf("WARC metadata records name other relations:\n%s", all)
	}
}
