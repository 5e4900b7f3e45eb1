package export_test

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/archive/export"
	"github.com/prov-archive/prov/clean"
	"github.com/prov-archive/prov/trace"
)

// The official text, with full-width commas, and a copy whose text
// differs from it only in what normalisation folds: half-width commas,
// and spaces between the characters of one phrase.
const (
	ownOfficial = "为深入贯彻落实国家关于生态文明建设的决策部署，进一步加强流域保护和地下水管理，现就有关事项通知如下。\n\n" +
		"各省级人民政府应当每年公布地下水水位、农业和工业取水量，接受社会监督。"
	officialURL = "http://gov.test/a/1.html"
	copyURL     = "http://copy.test/a/1.html"
)

var ownCopy = strings.ReplaceAll(strings.ReplaceAll(ownOfficial, "，", ","), "决策部署", "决 策 部 署")

// cleanEntry is an entry whose text hash is clean's, as a crawl's is.
func cleanEntry(url, text, authority, publisher, attribution string, at time.Duration) archive.Entry {
	e := entry(url, text, authority, publisher, "2024-03-01")
	e.Capture.TextSHA256, e.Capture.NormVersion = clean.TextHash(text), clean.NormVersion
	e.Capture.Attribution = attribution
	e.Capture.FetchStart = t0.Add(at)
	e.Capture.FetchEnd = e.Capture.FetchStart.Add(time.Second)
	return e
}

func officialEntry(at time.Duration) archive.Entry {
	return cleanEntry(officialURL, ownOfficial, "official", "水利部", "", at)
}

func copyEntry(at time.Duration) archive.Entry {
	return cleanEntry(copyURL, ownCopy, "", "转载网", "水利部", at)
}

// Two copies whose texts normalise alike share a document and are
// identical, but each is exported, bundled, diffed and put in the WARC
// with its own characters, whichever reached the archive first.
func TestCopiesKeepTheirOwnText(t *testing.T) {
	if clean.TextHash(ownOfficial) != clean.TextHash(ownCopy) || ownOfficial == ownCopy {
		t.Fatal("the two texts must differ and normalise alike")
	}
	for _, order := range []string{"official first", "copy first"} {
		t.Run(order, func(t *testing.T) {
			db, err := archive.Open(filepath.Join(t.TempDir(), "prov.db"), archive.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			first, second := officialEntry(0), copyEntry(time.Second)
			if order == "copy first" {
				first, second = copyEntry(0), officialEntry(time.Second)
			}
			for _, e := range []archive.Entry{first, second} { // two writes: the second finds the document stored
				if _, err := db.Write([]archive.Entry{e}); err != nil {
					t.Fatal(err)
				}
			}
			want := map[string]string{officialURL: ownOfficial, copyURL: ownCopy}
			checkJSONL(t, db, want)
			checkBundle(t, db, want)
			checkDiff(t, db)
			checkWARC(t, db)
		})
	}
}

func checkJSONL(t *testing.T, db *archive.DB, want map[string]string) {
	t.Helper()
	var buf bytes.Buffer
	if err := export.JSONL(db, &buf, export.Filter{}); err != nil {
		t.Fatal(err)
	}
	relations := map[string]string{}
	sc := bufio.NewScanner(&buf)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var l export.Line
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			t.Fatal(err)
		}
		relations[l.URL] = l.Relation
		if l.Text == nil || *l.Text != want[l.URL] {
			t.Errorf("jsonl text of %s = %q, want its own %q", l.URL, deref(l.Text), want[l.URL])
		}
		if l.TextSHA256 != clean.TextHash(want[l.URL]) {
			t.Errorf("jsonl text_sha256 of %s = %s, want the normalised hash %s", l.URL, l.TextSHA256, clean.TextHash(want[l.URL]))
		}
	}
	if relations[officialURL] != archive.RelOriginal || relations[copyURL] != archive.RelIdentical {
		t.Errorf("relations %v, want the official original and the copy identical", relations)
	}
}

func deref(s *string) string {
	if s == nil {
		return "(none)"
	}
	return *s
}

// checkBundle reads each copy's text file: its text is the copy's own,
// and its front matter's sha256, the text hash, is what that text
// normalises to.
func checkBundle(t *testing.T, db *archive.DB, want map[string]string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "bundle")
	if _, err := export.Bundle(db, dir, export.Filter{}, false); err != nil {
		t.Fatal(err)
	}
	manifest, err := os.ReadFile(filepath.Join(dir, "manifest.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range bytes.Split(bytes.TrimSpace(manifest), []byte("\n")) {
		var l export.Line
		if err := json.Unmarshal(line, &l); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(dir, *l.Path))
		if err != nil {
			t.Fatal(err)
		}
		head, body, ok := strings.Cut(strings.TrimPrefix(string(b), "---\n"), "---\n\n")
		if !ok {
			t.Fatalf("%s: no front matter", *l.Path)
		}
		if body != want[l.URL]+"\n" {
			t.Errorf("bundle text of %s = %q, want its own %q", l.URL, body, want[l.URL])
		}
		if !strings.Contains(head, "sha256: "+clean.TextHash(body)+"\n") {
			t.Errorf("bundle front matter of %s does not give its text's hash %s:\n%s", l.URL, clean.TextHash(body), head)
		}
	}
}

// checkDiff compares the copy with its work's original: the diff shows
// the commas and spaces the copy changed, not an empty one, and each
// side is its own text.
func checkDiff(t *testing.T, db *archive.DB) {
	t.Helper()
	res, err := trace.Diff(db, copyURL, "")
	if err != nil {
		t.Fatal(err)
	}
	if res.Against.URL != officialURL || res.Against.Text() != ownOfficial || res.Copy.Text() != ownCopy {
		t.Errorf("diff of %s against %s: texts %q and %q, want each its own", res.Copy.URL, res.Against.URL, res.Copy.Text(), res.Against.Text())
	}
	var marked string
	for _, op := range res.Changes {
		marked += op.Marked
	}
	if !strings.Contains(marked, "[-，-]{+,+}") || !strings.Contains(marked, "决{+ +}策") {
		t.Errorf("diff marks %q: want the original's full-width commas and the copy's spaces", marked)
	}
}

// checkWARC finds each copy's own text in the WARC's conversion records.
func checkWARC(t *testing.T, db *archive.DB) {
	t.Helper()
	var buf bytes.Buffer
	if _, err := export.WARC(db, &buf, export.WARCOptions{}); err != nil {
		t.Fatal(err)
	}
	zr, err := gzip.NewReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	warc, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{ownOfficial, ownCopy} {
		if !bytes.Contains(warc, []byte(text)) {
			t.Errorf("the WARC holds no conversion record of %q", text[:40])
		}
	}
}

// writeShard makes the archive one worker of crawl "c1" wrote.
func writeShard(t *testing.T, path, worker string, entries ...archive.Entry) {
	t.Helper()
	db, err := archive.Open(path, archive.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	run, err := db.BeginRun([]string{"http://gov.test/"}, "")
	if err != nil {
		t.Fatal(err)
	}
	for i := range entries {
		entries[i].Capture.RunID, entries[i].Capture.Worker = run.ID, worker
		run.Fetched++
		run.New++
	}
	if _, err := db.Write(entries); err != nil {
		t.Fatal(err)
	}
	run.Crawl, run.Workers = "c1", []string{worker}
	if err := db.FinishRun(run); err != nil {
		t.Fatal(err)
	}
}

// A merge carries each copy's own text: the official text, its
// document's in its shard, follows a copy that reached the merged
// archive first, and a copy kept as its own text in a shard keeps it.
func TestMergeCarriesOwnTexts(t *testing.T) {
	dir := t.TempDir()
	w1, w2, into := filepath.Join(dir, "w1.db"), filepath.Join(dir, "w2.db"), filepath.Join(dir, "all.db")
	spaced := cleanEntry("http://spaced.test/a/1.html", strings.ReplaceAll(ownOfficial, "流域保护", "流域 保护"), "", "S", "水利部", 3*time.Second)
	writeShard(t, w1, "w1", copyEntry(0))
	writeShard(t, w2, "w2", officialEntry(time.Second), spaced)
	if _, err := archive.Merge([]string{w1, w2}, into, archive.MergeOptions{}); err != nil {
		t.Fatal(err)
	}
	db, err := archive.Open(into, archive.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	checkJSONL(t, db, map[string]string{officialURL: ownOfficial, copyURL: ownCopy, spaced.Capture.URL: spaced.Text})
}
