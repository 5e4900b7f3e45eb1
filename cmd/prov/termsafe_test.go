package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/prov-archive/prov/crawl"
	"github.com/prov-archive/prov/inspect"
)

// TestTerminalSafe: a page's escape sequences reach the terminal as
// visible text, never as control bytes, in prov's text output and its
// errors; the --json output still decodes to the page's own characters.
func TestTerminalSafe(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join(dir, "evil.html")
	title := "T\x1b]0;pwned\x07\x1b[2J\u009b31m"
	os.WriteFile(page, []byte("<html><head><title>"+title+"</title></head><body><p>Hello\x1b[31m world, long enough to be the text of a short article.</p></body></html>"), 0o644)
	code, out, _ := prov(t, "inspect", page)
	if code != 0 || strings.ContainsAny(out, "\x1b\x07\u009b") || !strings.Contains(out, `T\u001b]0;pwned\u0007\u001b[2J\u009b31m`) {
		t.Errorf("inspect exit %d printed control characters or lost them:\n%q", code, out)
	}
	code, out, _ = prov(t, "inspect", "--json", page)
	var ins inspect.Inspection
	if code != 0 || json.Unmarshal([]byte(out), &ins) != nil || ins.Title != title || strings.ContainsAny(out, "\x1b\x07\u009b") {
		t.Errorf("inspect --json exit %d: title %q, want %q; raw control characters: %v", code, ins.Title, title, strings.ContainsAny(out, "\x1b\x07\u009b"))
	}
	_, _, stderr := prov(t, "show", "--db", filepath.Join(dir, "none.db"), "http://x.test/\x1b[2J")
	if strings.Contains(stderr, "\x1b") {
		t.Errorf("an error printed an escape sequence: %q", stderr)
	}
}

// TestInspectFileBounded: prov inspect reads a file only up to the body
// limit, and says it cut it.
func TestInspectFileBounded(t *testing.T) {
	path := filepath.Join(t.TempDir(), "huge.html")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	f.Truncate(crawl.DefaultMaxBodySize + 1<<20) // sparse: reads as zeros
	f.Close()
	code, out, _ := prov(t, "inspect", "--json", path)
	var ins inspect.Inspection
	if code != 0 || json.Unmarshal([]byte(out), &ins) != nil || ins.TruncatedAt != crawl.DefaultMaxBodySize {
		t.Errorf("exit %d, truncated_at %d, want %d", code, ins.TruncatedAt, crawl.DefaultMaxBodySize)
	}
}
