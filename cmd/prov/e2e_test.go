package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/prov-archive/prov/archive"
	"gopkg.in/yaml.v3"

	"github.com/prov-archive/prov/testweb"
)

// prov runs the CLI in-process and returns its exit status and output.
func prov(t testing.TB, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

// startWeb serves the mini-web on loopback and returns the --connect-to
// flags that reach every site through it, and the web to ask what it saw.
func startWeb(t testing.TB) (*testweb.Web, []string) {
	t.Helper()
	web := testweb.New()
	addr, stop, err := web.Start()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stop)
	host, port, _ := net.SplitHostPort(addr)
	var flags []string
	for _, s := range testweb.Sites() {
		flags = append(flags, "--connect-to", s.Host+":80:"+host+":"+port)
	}
	return web, flags
}

// crawlMiniWeb crawls the whole mini-web with `prov crawl` into a new
// archive and returns its path and the web.
func crawlMiniWeb(t testing.TB) (string, *testweb.Web) {
	t.Helper()
	dir := t.TempDir()
	rulesFile := filepath.Join(dir, "rules.yaml")
	if err := os.WriteFile(rulesFile, testweb.RulesYAML(), 0o644); err != nil {
		t.Fatal(err)
	}
	web, ct := startWeb(t)
	db := filepath.Join(dir, "prov.db")
	args := append([]string{"crawl", "--rules", rulesFile, "--db", db, "--delay", "5ms", "--quiet"}, ct...)
	code, _, stderr := prov(t, args...)
	// The mini-web has one deliberate broken link: exit 3, pages failed.
	if code != exitPartial {
		t.Fatalf("crawl exit %d, want %d (one 404); stderr:\n%s", code, exitPartial, stderr)
	}
	return db, web
}

// exported reads `prov export --format jsonl` into one map per line.
func exported(t testing.TB, db string) []map[string]any {
	t.Helper()
	code, out, stderr := prov(t, "export", "--format", "jsonl", "--db", db)
	if code != 0 {
		t.Fatalf("export exit %d: %s", code, stderr)
	}
	var rows []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("bad jsonl line %q: %v", line, err)
		}
		rows = append(rows, m)
	}
	return rows
}

func TestCrawlArchivesEveryCopyOnce(t *testing.T) {
	db, web := crawlMiniWeb(t)
	rows := exported(t, db)
	byURL := map[string]map[string]any{}
	for _, r := range rows {
		u := r["url"].(string)
		if byURL[u] != nil {
			t.Errorf("%s exported twice", u)
		}
		if strings.Contains(u, "utm_") || strings.Contains(u, "#") {
			t.Errorf("tracking variant archived: %s", u)
		}
		byURL[u] = r
	}
	hashes := map[string][]string{} // work → text hashes seen
	for _, a := range testweb.Articles() {
		r := byURL[a.URL]
		if r == nil {
			t.Errorf("article not archived: %s", a.URL)
			continue
		}
		text, title := r["text"].(string), r["title"].(string)
		if strings.ContainsRune(text+title, '\uFFFD') {
			t.Errorf("%s: U+FFFD in title or text", a.URL)
		}
		if r["encoding"] != decodedAs(a.Encoding) {
			t.Errorf("%s: encoding %v, want %s", a.URL, r["encoding"], a.Encoding)
		}
		if title != a.Title {
			t.Errorf("%s: title %q, want %q", a.URL, title, a.Title)
		}
		checkPages(t, a, r, byURL)
		if a.Relation == "original" || a.Relation == "identical" {
			hashes[a.Work] = append(hashes[a.Work], r["text_sha256"].(string))
		}
	}
	for work, hs := range hashes {
		for _, h := range hs[1:] {
			if h != hs[0] {
				t.Errorf("work %s: identical copies hash differently: %v", work, hs)
				break
			}
		}
	}
	if n := countPrefix(web.Requests(), testweb.DisallowedPath); n != 0 {
		t.Errorf("%d requests reached the robots-disallowed %s", n, testweb.DisallowedPath)
	}
}

// TestExportWorkFilter: --work takes a work ID as prov works prints it, in
// either case of hex, and selects that work's copies and no others.
func TestExportWorkFilter(t *testing.T) {
	db, _ := crawlMiniWeb(t)
	copies := map[string]int{}
	for _, r := range exported(t, db) {
		copies[r["work"].(string)]++
	}
	work := ""
	for w, n := range copies {
		if w != "" && n >= 2 && (work == "" || w < work) {
			work = w
		}
	}
	if work == "" {
		t.Fatalf("no work of two copies in %v", copies)
	}
	code, out, stderr := prov(t, "export", "--format", "jsonl", "--db", db, "--work", strings.ToUpper(work))
	if code != 0 {
		t.Fatalf("export --work: exit %d: %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != copies[work] {
		t.Fatalf("export --work %s: %d lines, want the work's %d copies", strings.ToUpper(work), len(lines), copies[work])
	}
	if want := fmt.Sprintf("jsonl stdout: %d URLs\n", copies[work]); stderr != want {
		t.Errorf("export --work stderr %q, want %q", stderr, want)
	}
	for _, line := range lines {
		if !strings.Contains(line, `"work":"`+work+`"`) {
			t.Errorf("a copy of another work exported: %.200s", line)
		}
	}
}

func TestDemoReportsAndExports(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "bundle")
	code, stdout, stderr := prov(t, "demo", "--db", filepath.Join(dir, "demo.db"), "--out", out)
	if code != 0 {
		t.Fatalf("demo exit %d: %s\n%s", code, stderr, stdout)
	}
	for _, want := range []string{"identical-text groups", "robots.txt: 0 requests", "gb18030", "big5", "windows-1252"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("demo report lacks %q:\n%s", want, stdout)
		}
	}
	for _, f := range []string{"manifest.jsonl", "works.json"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("bundle lacks %s: %v", f, err)
		}
	}
	texts, _ := filepath.Glob(filepath.Join(out, "texts", "*", "*.txt"))
	if len(texts) < 8 {
		t.Errorf("bundle has %d texts, want the demo's 8", len(texts))
	}
	for _, f := range texts {
		b, _ := os.ReadFile(f)
		parts := strings.SplitN(string(b), "---\n", 3)
		var fm map[string]any
		if len(parts) != 3 || yaml.Unmarshal([]byte(parts[1]), &fm) != nil || fm["title"] == nil || fm["url"] == nil {
			t.Errorf("%s: front matter does not parse as YAML with a title and url:\n%s", f, b[:min(len(b), 400)])
		}
	}
}

func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte("sites:\n  - name: x\n    hosts: [a.test]\n    delay: soon\n"), 0o644)
	twoBad := filepath.Join(dir, "two-bad.yaml")
	os.WriteFile(twoBad, []byte("sites:\n  - name: x\n    hosts: [a.test]\n    delay: soon\n    seeds: [http://b.test/]\n"), 0o644)
	badSeed := filepath.Join(dir, "bad-seed.yaml")
	os.WriteFile(badSeed, []byte("sites:\n  - name: x\n    hosts: [a.test]\n    seeds: ['http://a.test:0/']\n"), 0o644)
	empty := filepath.Join(dir, "empty.db")
	if code, _, stderr := prov(t, "crawl", "--db", empty, "--max-depth", "0", "--allow-private", "http://127.0.0.1:9/"); code != exitPartial {
		t.Fatalf("crawl of a closed port: exit %d: %s", code, stderr)
	}
	exists := filepath.Join(dir, "exists.jsonl")
	os.WriteFile(exists, nil, 0o644)
	full := filepath.Join(dir, "full")
	os.MkdirAll(filepath.Join(full, "x"), 0o755)
	cases := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"nonsense"}, exitUsage, "unknown command"},
		{[]string{"crawl", "--rules", bad, "--db", filepath.Join(dir, "x.db")}, exitUsage, bad + ":4: bad duration"},
		{[]string{"crawl", "--rules", twoBad, "--db", filepath.Join(dir, "x.db")}, exitUsage, "prov crawl: " + twoBad + ":4: bad duration \"soon\" (want e.g. 500ms, 2s, 1m)\n  " + twoBad + ":5: seed \"http://b.test/\": host b.test is not one of the site's hosts [a.test]"},
		{[]string{"crawl", "--db", filepath.Join(dir, "x.db")}, exitUsage, "nothing to crawl"},
		// a write to an archive in a folder that does not exist: a mistyped --db, not a new archive
		{[]string{"crawl", "--db", filepath.Join(dir, "nodir", "x.db"), "--allow-private", "http://127.0.0.1:9/"}, exitUsage, "prov crawl: --db " + filepath.Join(dir, "nodir", "x.db") + ": no folder " + filepath.Join(dir, "nodir") + " (create the folder first, or correct --db)\n"},
		{[]string{"merge", "--into", filepath.Join(dir, "nodir", "m.db"), empty}, exitUsage, "prov merge: --into " + filepath.Join(dir, "nodir", "m.db") + ": no folder "},
		{[]string{"salvage", "--db", empty, "--into", filepath.Join(dir, "nodir", "s.db")}, exitUsage, "prov salvage: --into " + filepath.Join(dir, "nodir", "s.db") + ": no folder "},
		{[]string{"crawl", "--connect-to", "nonsense", "http://a.test/"}, exitUsage, "--connect-to"},
		{[]string{"export", "--db", filepath.Join(dir, "none.db"), "--format", "jsonl"}, exitFailed, "no archive"},
		{[]string{"export", "--format", "xml"}, exitUsage, "unknown --format"},
		{[]string{"export", "--format", "jsonl", "--since", "yesterday"}, exitUsage, `prov export: --since "yesterday" is not a time (RFC 3339 such as`},
		{[]string{"export", "--format", "jsonl", "--work", "02bd3a"}, exitUsage, `--work "02bd3a" (a work ID`},
		{[]string{"export", "--db", empty, "--format", "jsonl", "--work", "02bd3a012ae6"}, exitFailed, "work 02bd3a012ae6: archive: not found"},
		{[]string{"inspect"}, exitUsage, "at least one"},
		{[]string{"salvage"}, exitUsage, "prov salvage: --into is required"},
		{[]string{"merge"}, exitUsage, "prov merge: --into is required"},
		{[]string{"trace"}, exitUsage, "prov trace: give one URL"},
		{[]string{"diff"}, exitUsage, "prov diff: give a copy A"},
		{[]string{"works", "--db", filepath.Join(dir, "none.db"), "stray"}, exitUsage, `unexpected argument "stray"`},
		{[]string{"export", "--format", "jsonl", "stray"}, exitUsage, `unexpected argument "stray"`},
		{[]string{"export", "--db", empty, "--format", "warc", "--out", filepath.Join(dir, "no", "such", "a.warc.gz")}, exitFailed, "no folder " + filepath.Join(dir, "no", "such")},
		{[]string{"export", "--db", empty, "--format", "bundle", "--out", filepath.Join(dir, "no", "such", "b")}, exitFailed, "no folder " + filepath.Join(dir, "no", "such")},
		{[]string{"export", "--db", empty, "--format", "warc", "--out", filepath.Join(dir, "a.warc")}, exitUsage, "a WARC is written gzipped"},
		{[]string{"export", "--db", empty, "--format", "wacz", "--out", filepath.Join(dir, "a.zip")}, exitUsage, "a WACZ file's name ends in .wacz"},
		{[]string{"merge", "--into", filepath.Join(dir, "m.db"), "w1.db", "./w1.db"}, exitUsage, "shard ./w1.db is given twice"},
		{[]string{"merge", "--into", "./w1.db", "w1.db", "w2.db"}, exitUsage, "w1.db is both a shard and --into"},
		{[]string{"trace", "--db", empty, "zz"}, exitUsage, `"zz" is not a file, a capture number, a URL or a text hash`},
		{[]string{"diff", "--db", empty, "4ce7"}, exitUsage, `"4ce7" is not a file, a capture number, a URL or a text hash`},
		// bad URLs, bad rules and a missing rules file are usage errors, before the archive is opened
		{[]string{"crawl", "--db", filepath.Join(dir, "x.db"), "ht!tp://a.test/"}, exitUsage, `bad seed "ht!tp://a.test/": first path segment in URL cannot contain colon (`},
		{[]string{"crawl", "--db", filepath.Join(dir, "x.db"), "ftp://a.test/"}, exitUsage, `prov crawl: crawl: bad seed "ftp://a.test/": not an http(s) URL (`},
		{[]string{"crawl", "--db", filepath.Join(dir, "x.db"), "http://a.test:0/"}, exitUsage, `port "0"`},
		{[]string{"crawl", "--db", filepath.Join(dir, "x.db"), "http://a.test/" + strings.Repeat("a", 32<<10)}, exitUsage, "longer than 2048"},
		{[]string{"crawl", "--db", filepath.Join(dir, "x.db"), "--rules", badSeed}, exitUsage, `port "0"`},
		{[]string{"crawl", "--db", filepath.Join(dir, "x.db"), "--rules", filepath.Join(dir, "none.yaml")}, exitUsage, "no such file"},
		// an unknown URL is a failure, alike for every command that looks one up
		{[]string{"show", "--db", empty, "http://x.test/"}, exitFailed, "not found"},
		{[]string{"show", "--db", empty, "x.test/a"}, exitUsage, "not an http(s) URL (prov show URL)"},
		{[]string{"trace", "--db", empty, "http://x.test/"}, exitFailed, "not found"},
		{[]string{"diff", "--db", empty, "http://x.test/", "http://y.test/"}, exitFailed, "not found"},
		// an existing target is a failure, alike for every format
		{[]string{"export", "--db", empty, "--format", "jsonl", "--out", exists}, exitFailed, exists + " exists (add --force"},
		{[]string{"export", "--db", empty, "--format", "bundle", "--out", full}, exitFailed, full + " exists and is not empty (add --force"},
		{[]string{"export", "--db", empty, "--format", "bag", "--out", full}, exitFailed, full + " exists and is not empty (add --force"},
		{[]string{"export", "--db", empty, "--format", "bag", "--out", full, "--force"}, exitFailed, full + " holds files that are not an earlier export of this format (no bagit.txt of an earlier bag)"},
	}
	for _, c := range cases {
		code, _, stderr := prov(t, c.args...)
		if code != c.code || !strings.Contains(stderr, c.msg) {
			t.Errorf("prov %v: exit %d %q, want %d and %q", c.args, code, stderr, c.code, c.msg)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "x.db")); err == nil {
		t.Error("a rejected rules file must not create the archive")
	}
	if _, err := os.Stat(filepath.Join(dir, "nodir")); err == nil {
		t.Error("a --db in a folder that does not exist made the folder")
	}
}

func TestInspectFileJSON(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join(dir, "p.html")
	html := "<html><head><title>White paper - Daily</title></head><body><article><h1>White paper</h1>" +
		"<p>" + strings.Repeat("The internet is an important human achievement. ", 8) + "</p>" +
		"<p>" + strings.Repeat("Cyberspace is a shared space of human activity. ", 8) + "</p></article></body></html>"
	os.WriteFile(page, []byte(html), 0o644)
	code, out, stderr := prov(t, "inspect", page, "--json", page)
	if code != 0 {
		t.Fatalf("inspect exit %d: %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("want one JSON object per input (2), got %d lines", len(lines))
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"url", "encoding", "encoding_evidence", "title", "published", "attribution", "lang", "text", "text_sha256"} {
		if _, ok := m[k]; !ok {
			t.Errorf("inspect --json lacks %q", k)
		}
	}
	if m["encoding"] != "windows-1252" && m["encoding"] != "utf-8" {
		t.Errorf("ASCII page encoding = %v", m["encoding"])
	}
	if !strings.Contains(m["text"].(string), "shared space") || m["lang"] != "en" {
		t.Errorf("text or lang wrong: %v %v", m["lang"], m["text"])
	}
}

// checkPages checks a split article's line: its pages in order, and no
// line of their own for the pages after the first.
func checkPages(t *testing.T, a testweb.Article, r map[string]any, byURL map[string]map[string]any) {
	t.Helper()
	pages, _ := r["pages"].([]any)
	if len(pages) != len(a.Pages) {
		t.Errorf("%s: %d pages exported, want %d", a.URL, len(pages), len(a.Pages))
		return
	}
	for i, p := range pages {
		if u := p.(map[string]any)["url"]; u != a.Pages[i] {
			t.Errorf("%s: page %d is %v, want %s", a.URL, i+1, u, a.Pages[i])
		}
		if i > 0 && byURL[a.Pages[i]] != nil {
			t.Errorf("%s: page %d exported as a copy of its own", a.URL, i+1)
		}
	}
}

// decodedAs is the encoding a page in enc is decoded with: gb2312 and gbk
// are decoded as their superset gb18030.
func decodedAs(enc string) string {
	if enc == "gbk" || enc == "gb2312" {
		return "gb18030"
	}
	return enc
}

func TestLockedArchiveExits75(t *testing.T) {
	db := filepath.Join(t.TempDir(), "prov.db")
	holder, err := openForWrite(db, "prov crawl")
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	start := time.Now()
	code, _, stderr := prov(t, "crawl", "--db", db, "http://www.example.test/")
	if code != exitLocked {
		t.Fatalf("exit %d, want %d; stderr %s", code, exitLocked, stderr)
	}
	if !strings.Contains(stderr, fmt.Sprintf("pid %d", os.Getpid())) || !strings.Contains(stderr, "started") {
		t.Errorf("message does not name the holder's pid and start: %s", stderr)
	}
	if d := time.Since(start); d > 5*time.Second { // the lock wait is 1 s; the rest is margin for a loaded machine
		t.Errorf("took %s to give up, want about a second", d)
	}
}

// TestCrawlLockThroughSymlink: a crawl that names a running crawl's archive
// through a symbolic link is refused (exit 75).
func TestCrawlLockThroughSymlink(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "prov.db")
	lock, err := archive.LockRun(db, "prov crawl", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Release()
	link := filepath.Join(dir, "link.db")
	if err := os.Symlink(db, link); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	code, _, stderr := prov(t, "crawl", "--db", link, "http://www.example.test/")
	if code != exitLocked {
		t.Fatalf("crawl through a link to a locked archive: exit %d, want %d; stderr %s", code, exitLocked, stderr)
	}
}

// TestDemoWritesOnlyDemoArchives: prov demo never writes into $PROV_DB or
// an archive of real crawls, refuses stray arguments, takes the run lock,
// and may run again into its own archive.
func TestDemoWritesOnlyDemoArchives(t *testing.T) {
	dir := t.TempDir()
	s := newSite(t, 3, 0)
	real := filepath.Join(dir, "real.db")
	if code, _, stderr := prov(t, "crawl", "--db", real, "--allow-private", "--delay", "1ms", "--quiet", s.seed()); code != 0 {
		t.Fatalf("crawl: exit %d: %s", code, stderr)
	}
	before, _ := os.ReadFile(real)
	t.Setenv("PROV_DB", real)
	demo := filepath.Join(dir, "demo.db")
	held, err := archive.LockRun(filepath.Join(dir, "held.db"), "prov crawl", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	defer held.Release()
	for i, c := range []struct {
		args []string
		code int
		msg  string
	}{
		{nil, exitUsage, "prov demo: --db is required"},
		{[]string{"--db", real}, exitFailed, "not a demo archive"},
		{[]string{"--db", demo, "stray"}, exitUsage, "takes no arguments"},
		{[]string{"--db", filepath.Join(dir, "held.db")}, exitLocked, "locked"},
		{[]string{"--db", demo}, exitOK, ""},
		{[]string{"--db", demo}, exitOK, ""}, // a previous demo's archive
	} {
		args := append([]string{"demo", "--out", filepath.Join(dir, fmt.Sprint("bundle", i))}, c.args...)
		code, _, stderr := prov(t, args...)
		if code != c.code || !strings.Contains(stderr, c.msg) {
			t.Errorf("prov %v: exit %d, stderr %q; want exit %d saying %q", args, code, stderr, c.code, c.msg)
		}
	}
	if after, _ := os.ReadFile(real); !bytes.Equal(before, after) {
		t.Errorf("prov demo changed %s", real)
	}
	// a bundle folder already there is refused before the crawl: the
	// archive gains no run it would not export
	taken := filepath.Join(dir, "bundle4")
	code, _, stderr := prov(t, "demo", "--db", demo, "--out", taken)
	if code != exitFailed || !strings.Contains(stderr, "--out "+taken+" exists and is not empty") {
		t.Errorf("demo into a used --out: exit %d, %q", code, stderr)
	}
	if _, out, _ := prov(t, "runs", "--db", demo); !regexp.MustCompile(`(?m)^\s*2\s+\d{4}-`).MatchString(out) || regexp.MustCompile(`(?m)^\s*3\s+\d{4}-`).MatchString(out) {
		t.Errorf("runs after a refused demo:\n%s\nwant the two demos' alone", out)
	}
}
