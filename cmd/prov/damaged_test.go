package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/archive/archivetest"
	"github.com/prov-archive/prov/testweb"
)

// TestDamagedArchiveNeverCrashes cuts the mini-web's archive at 50 points
// and flips 16 bytes at 50 places, and runs the read commands and salvage
// on each copy, and a crawl of two pages into every fifth copy: every one
// ends with an exit status of the contract and a message, never a crash.
// A cut archive is refused as damaged before it is mapped. Of a flipped copy, salvage recovers every capture verify did
// not name (compared by URL and payload sha256).
func TestDamagedArchiveNeverCrashes(t *testing.T) {
	if testing.Short() {
		t.Skip("100 damaged copies")
	}
	db, _ := crawlMiniWeb(t)
	_, connect := startWeb(t)
	rulesFile := filepath.Join(filepath.Dir(db), "rules.yaml")
	good, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	caps := capturesOf(t, db)
	rng := rand.New(rand.NewPCG(1, 2))
	dir := t.TempDir()
	var tally salvageTally
	for i := range 100 {
		bad := append([]byte(nil), good...)
		kind := "cut"
		if i < 50 {
			bad = bad[:1+rng.IntN(len(good)-1)]
		} else {
			kind = "flip"
			at := rng.IntN(len(good) - 16)
			for j := range 16 {
				bad[at+j] ^= byte(1 + rng.IntN(255))
			}
		}
		path := filepath.Join(dir, "damaged.db")
		if err := os.WriteFile(path, bad, 0o644); err != nil {
			t.Fatal(err)
		}
		for _, args := range [][]string{
			{"verify"}, {"stats"}, {"works"}, {"export", "--format", "jsonl"},
		} {
			code, _, stderr := prov(t, append(args, "--db", path)...)
			ok := code == exitOK || code == exitFailed && strings.TrimSpace(stderr) != "" ||
				code == exitPartial && (args[0] == "verify" || strings.Contains(stderr, "warning: skipped"))
			if !ok || strings.Contains(stderr, "goroutine ") {
				t.Errorf("%s %d (%d of %d bytes): prov %s: exit %d, stderr %q", kind, i, len(bad), len(good), args[0], code, stderr)
			}
			if kind == "cut" && len(bad) < len(good) && code == exitFailed && !strings.Contains(stderr, "archive damaged") && !strings.Contains(stderr, "not a prov archive") {
				t.Errorf("cut %d: prov %s says %q, want archive damaged", i, args[0], stderr)
			}
		}
		tally.check(t, kind, i, path, caps)
		if i%5 != 0 {
			continue // a crawl takes ~0.1 s: every fifth copy
		}
		crawl := append([]string{"crawl", "--rules", rulesFile, "--db", path, "--delay", "0s", "--max-pages", "2", "--quiet"}, connect...)
		if code, _, stderr := prov(t, crawl...); strings.Contains(stderr, "goroutine ") || code != exitOK && code != exitPartial && code != exitFailed {
			t.Errorf("%s %d: prov crawl: exit %d, stderr %q", kind, i, code, stderr)
		}
		if t.Failed() {
			os.WriteFile(filepath.Join(os.TempDir(), "prov-damaged-"+strconv.Itoa(i)+".db"), bad, 0o644)
		}
	}
	t.Logf("salvage: %d crashes; flips: verify read %d (%d unreadable spans), named %d captures, salvage recovered %d of the %d captures verify did not name",
		tally.crashes, tally.verified, tally.spans, tally.named, tally.recovered, tally.expected)
}

// capture is what the bar compares: a capture's URL, payload and text,
// and the page captures of a stitched one.
type capture struct {
	url, payload, text string
	pages              []uint64
}

func capturesOf(t *testing.T, path string) map[uint64]capture {
	t.Helper()
	db, err := archive.Open(path, archive.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	caps := map[uint64]capture{}
	err = db.Captures(func(c archive.Capture) error {
		caps[c.ID] = capture{url: c.URL, payload: c.PayloadSHA256, text: c.TextSHA256}
		for _, p := range c.Pages {
			caps[c.ID] = capture{c.URL, c.PayloadSHA256, c.TextSHA256, append(caps[c.ID].pages, p.CaptureID)}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return caps
}

type salvageTally struct {
	crashes, verified, spans, named, expected, recovered int
}

// check runs verify --json and salvage on a damaged copy: salvage must
// not crash, and of a copy verify read, it must recover every capture of
// caps (the undamaged archive's) that verify did not name.
func (s *salvageTally) check(t *testing.T, kind string, i int, path string, caps map[uint64]capture) {
	into := filepath.Join(filepath.Dir(path), "salvaged.db")
	os.Remove(into)
	vcode, out, _ := prov(t, "verify", "--json", "--db", path)
	code, _, stderr := prov(t, "salvage", "--db", path, "--into", into)
	if strings.Contains(stderr, "goroutine ") || code != exitOK && code != exitPartial && code != exitFailed {
		s.crashes++
		t.Errorf("%s %d: prov salvage: exit %d, stderr %q", kind, i, code, stderr)
		return
	}
	if kind == "cut" || vcode == exitFailed {
		return // nothing verify read to compare with
	}
	if code == exitFailed {
		t.Errorf("%s %d: verify read the archive (exit %d), salvage did not: %q", kind, i, vcode, stderr)
		return
	}
	s.verified++
	s.spans += strings.Count(out, `"kind":"`+archive.FindUnreadable+`"`)
	named := namedCaptures(t, out, caps)
	s.named += len(named)
	got := capturesOf(t, into)
	have := map[[2]string]bool{}
	for _, c := range got {
		have[[2]string{c.url, c.payload}] = true
	}
	for id, c := range caps {
		if named[id] {
			continue
		}
		s.expected++
		if have[[2]string{c.url, c.payload}] {
			s.recovered++
			continue
		}
		t.Errorf("%s %d: capture %d (%s) not named by verify, not salvaged; verify said:\n%s", kind, i, id, c.url, out)
	}
}

// namedCaptures reads verify's JSON findings and returns the captures
// they name: by ID, by a payload or text they bring, or within a span of
// keys verify could not read; and a stitched capture whose page is named,
// since it is made of its pages (salvage copies it only with them).
func namedCaptures(t *testing.T, out string, caps map[uint64]capture) map[uint64]bool {
	named := map[uint64]bool{}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if line == "" {
			continue
		}
		var f archive.Finding
		if err := json.Unmarshal([]byte(line), &f); err != nil {
			t.Fatalf("verify --json line %q: %v", line, err)
		}
		if f.Capture != 0 {
			named[f.Capture] = true
		}
		for id, c := range caps {
			if findingNames(f, id, c) {
				named[id] = true
			}
		}
	}
	for id, c := range caps {
		for _, p := range c.pages {
			if named[p] {
				named[id] = true
			}
		}
	}
	return named
}

func findingNames(f archive.Finding, id uint64, c capture) bool {
	key := map[string]string{"captures": idHex(id), "payloads": c.payload, "documents": c.text,
		"payloadstail": c.payload, "documentstail": c.text}[f.Bucket]
	if key == "" || f.Kind != archive.FindUnreadable {
		return key != "" && f.Key == key
	}
	after := f.Key == "" || len(f.Key) == len(key) && f.Key < key
	before := f.Until == "" || len(f.Until) == len(key) && key < f.Until
	return after && before
}

func idHex(id uint64) string {
	s := strconv.FormatUint(id, 16)
	return strings.Repeat("0", 16-len(s)) + s
}

// TestMetaPageDamageReported flips one bit in the newest meta page of
// the mini-web's archive: bbolt reads it as of the commit before, so the
// last commit is lost. prov verify says so (exit 3), where it found
// nothing; prov crawl warns, naming the file and the lost transaction,
// before its first commit rewrites the page, and goes on.
func TestMetaPageDamageReported(t *testing.T) {
	db, _ := crawlMiniWeb(t)
	_, connect := startWeb(t)
	pg, txid := archivetest.NewestMeta(t, db)
	archivetest.FlipMetaBit(t, db, pg)
	lost := fmt.Sprintf("meta page %d (transaction %d) does not check (checksum mismatch): the file is read as of transaction %d (meta page %d), so its newest commit, transaction %d, is lost",
		pg, txid, txid-1, 1-pg, txid)

	code, out, stderr := prov(t, "verify", "--db", db)
	if code != exitPartial || !strings.HasPrefix(out, archive.FindMetaPage+": bbolt-meta "+fmt.Sprint(pg)+": "+lost) {
		t.Errorf("verify: exit %d, want %d, first finding %q; stdout:\n%s%s", code, exitPartial, lost, out, stderr)
	}
	rulesFile := filepath.Join(filepath.Dir(db), "rules.yaml")
	crawl := append([]string{"crawl", "--rules", rulesFile, "--db", db, "--delay", "0s", "--max-pages", "2", "--quiet"}, connect...)
	code, _, stderr = prov(t, crawl...)
	want := "prov crawl: warning: archive " + db + ": " + lost
	if code != exitOK || !strings.Contains(stderr, want) || !strings.Contains(stderr, "'prov verify' says more") {
		t.Errorf("crawl: exit %d, stderr %q; want exit 0 and %q", code, stderr, want)
	}
}

// TestCrawlIntoADamagedPage zeroes the leaf page of an archive's blobs
// where new payloads and texts go, and crawls the mini-web into it: the
// writer's first commit meets the page, and the crawl stops with one
// line, archive damaged naming the file, exit 1; its run is not recorded
// done. Before, bbolt's panic in the writer's goroutine ended prov with a
// stack trace, exit 2.
func TestCrawlIntoADamagedPage(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "prov.db")
	writeSite(t, db, 400)
	archivetest.ZeroPage(t, db, archivetest.LeafPage(t, db, "blobs", true))
	_, connect := startWeb(t)
	rulesFile := writeFile(t, filepath.Join(dir, "rules.yaml"), testweb.RulesYAML())
	crawl := append([]string{"crawl", "--rules", rulesFile, "--db", db, "--delay", "0s", "--max-pages", "3", "--quiet"}, connect...)
	code, _, stderr := prov(t, crawl...)
	if code != exitFailed || strings.Count(stderr, "\n") != 1 || !strings.HasPrefix(stderr, "prov crawl: archive damaged: "+db+": ") ||
		!strings.Contains(stderr, "(archive: commit ") {
		t.Errorf("crawl: exit %d, stderr %q; want exit %d and one line: archive damaged: %s …, met by a commit", code, stderr, exitFailed, db)
	}
	ro, err := archive.Open(db, archive.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	runs, err := ro.Runs()
	if err != nil || len(runs) != 1 || runs[0].Status == archive.RunDone {
		t.Errorf("runs %+v (%v): want the damaged crawl's, not done", runs, err)
	}
}

// writeSite writes n captures of pages of site.test into the archive at
// path, in one commit.
func writeSite(t *testing.T, path string, n int) {
	t.Helper()
	db, err := archive.Open(path, archive.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	var entries []archive.Entry
	for i := range n {
		url, text := fmt.Sprintf("http://site.test/%04d", i), fmt.Sprintf("The text of page %d.", i)
		entries = append(entries, archive.Entry{
			Capture: archive.Capture{RequestedURL: url, FinalURL: url, URL: url, Method: "GET", Status: 200,
				FetchStart: at, FetchEnd: at, ToolVersion: "test", TextSHA256: archive.Sum([]byte(text)).String()},
			Payload: []byte("<p>" + text + "</p>"), Text: text,
		})
	}
	if _, err := db.Write(entries); err != nil {
		t.Fatal(err)
	}
}

// TestReadsStopAtADamagedIndex zeroes a page of the index of URLs, which
// stats, works and the exports walk and cannot step past: each stops with
// one line, archive damaged naming the file and what to do about it, exit
// 1. Before, each said "internal error: assertion failed: …", naming no
// file.
func TestReadsStopAtADamagedIndex(t *testing.T) {
	db := filepath.Join(t.TempDir(), "prov.db")
	writeSite(t, db, 400)
	archivetest.ZeroPage(t, db, archivetest.LeafPage(t, db, "urlstail", false))
	for _, args := range [][]string{{"stats"}, {"works"}, {"export", "--format", "jsonl"}} {
		code, _, stderr := prov(t, append(args, "--db", db)...)
		want, hint := "prov "+args[0]+": archive damaged: "+db+": unreadable: ", "; prov verify says what is lost, prov salvage --into NEW copies what still reads\n"
		if code != exitFailed || strings.Count(stderr, "\n") != 1 || !strings.HasPrefix(stderr, want) || !strings.HasSuffix(stderr, hint) {
			t.Errorf("prov %s: exit %d, stderr %q; want exit %d and one line %q…%q", args[0], code, stderr, exitFailed, want, hint)
		}
	}
}

// TestDamagedFrontierWarned: a crawl whose <db>.frontier is damaged (here
// random bytes, as a power cut can leave a file written without fsync)
// sets it aside, says so naming it and that the run starts over from its
// seeds, and crawls; before, it was removed without a word, and the
// stopped run's pages were fetched again unexplained.
func TestDamagedFrontierWarned(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "prov.db")
	junk := make([]byte, 100000)
	for i := range junk {
		junk[i] = byte(i * 7)
	}
	writeFile(t, db+".frontier", junk)
	_, connect := startWeb(t)
	rulesFile := writeFile(t, filepath.Join(dir, "rules.yaml"), testweb.RulesYAML())
	crawl := append([]string{"crawl", "--rules", rulesFile, "--db", db, "--delay", "0s", "--max-pages", "3", "--quiet"}, connect...)
	code, _, stderr := prov(t, crawl...)
	want := "prov crawl: warning: frontier " + db + ".frontier is damaged: meta page 0: not a bbolt meta page; set aside as " + db + ".frontier.damaged-"
	if code != exitOK || !strings.HasPrefix(stderr, want) || !strings.Contains(stderr, "this run starts over from its seeds") {
		t.Errorf("crawl: exit %d, stderr %q; want exit 0 and %q…", code, stderr, want)
	}
	aside, _ := filepath.Glob(db + ".frontier.damaged-*")
	if len(aside) != 1 {
		t.Fatalf("set aside: %v, want one file", aside)
	}
	if kept, err := os.ReadFile(aside[0]); err != nil || !bytes.Equal(kept, junk) {
		t.Errorf("the damaged frontier was not kept as it was (%v)", err)
	}
}
