package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A --db that is not a prov archive (random bytes, an empty file, a
// folder, a named pipe) is refused at once, saying what it is, by a read
// command and by serve, which before started and answered every page
// with an error; a crawl into a pipe is refused, not left hanging.
func TestNotAnArchive(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"random.db": "no bbolt meta page",
		"empty.db":  "an empty file",
		"folder.db": "a folder, not a file",
		"pipe.db":   "not a regular file",
	}
	os.WriteFile(filepath.Join(dir, "random.db"), bytes.Repeat([]byte{0x5a, 0x13, 0xc7}, 5000), 0o644)
	os.WriteFile(filepath.Join(dir, "empty.db"), nil, 0o644)
	os.Mkdir(filepath.Join(dir, "folder.db"), 0o755)
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.db"), 0o644); err != nil {
		t.Fatal(err)
	}
	for name, says := range files {
		db := filepath.Join(dir, name)
		for _, args := range [][]string{{"stats", "--db", db}, {"serve", "--db", db, "--addr", "127.0.0.1:0"}, {"crawl", "--db", db, "http://127.0.0.1:1/"}} {
			if name != "pipe.db" && args[0] == "crawl" {
				continue // an empty file is where a new archive may go; the others fail as stats does
			}
			done := make(chan struct{})
			var code int
			var errb bytes.Buffer
			go func() {
				defer close(done)
				code = run(context.Background(), args, strings.NewReader(""), &bytes.Buffer{}, &errb)
			}()
			select {
			case <-done:
			case <-time.After(20 * time.Second):
				t.Fatalf("prov %s --db %s: still running after 20 s", args[0], name)
			}
			if code != exitFailed || !strings.Contains(errb.String(), "not a prov archive") || !strings.Contains(errb.String(), says) {
				t.Errorf("prov %s --db %s: exit %d, %q; want %d saying %q", args[0], name, code, errb.String(), exitFailed, says)
			}
		}
	}
}
