package archive_test

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"syscall"
	"testing"

	"github.com/prov-archive/prov/archive"
)

// TestNoSpace: a full-disk error gains the free space of the file system
// of the file it names (or of the fallback), still unwraps to ENOSPC, and
// any other error passes unchanged.
func TestNoSpace(t *testing.T) {
	if runtime.GOOS != "linux" && runtime.GOOS != "darwin" && runtime.GOOS != "freebsd" {
		t.Skip("free space is measured on linux, darwin and freebsd only")
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "prov.db")
	link := filepath.Join(t.TempDir(), "link.db")
	if err := os.Symlink(file, link); err != nil {
		t.Fatal(err)
	}
	other := errors.New("permission denied")
	suffix := regexp.MustCompile(`^(.*) \((\d+) bytes free on (/.*)\)$`)
	cases := []struct {
		name     string
		err      error
		fallback string
		grows    bool
	}{
		{"nil", nil, file, false},
		{"another error", other, file, false},
		{"ENOSPC naming its file", &fs.PathError{Op: "write", Path: file, Err: syscall.ENOSPC}, "/nonexistent/x", true},
		{"ENOSPC naming no file", fmt.Errorf("commit: %w", syscall.ENOSPC), file, true},
		{"a message saying so (bbolt's grow)", errors.New("file resize error: no space left on device"), file, true},
		{"through a link", &fs.PathError{Op: "write", Path: link, Err: syscall.ENOSPC}, "", true},
		{"on a path that does not exist", fmt.Errorf("x: %w", syscall.ENOSPC), filepath.Join(dir, "none", "x"), false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := archive.NoSpace(c.err, c.fallback)
			if !c.grows {
				if got != c.err {
					t.Errorf("got %v, want the error unchanged: %v", got, c.err)
				}
				return
			}
			m := suffix.FindStringSubmatch(fmt.Sprint(got))
			if m == nil || m[1] != c.err.Error() {
				t.Fatalf("got %q, want %q followed by the free space", got, c.err)
			}
			if rel, err := filepath.Rel(m[3], dir); err != nil || strings.HasPrefix(rel, "..") {
				t.Errorf("mount %s does not hold %s", m[3], dir)
			}
			if !errors.Is(got, syscall.ENOSPC) && errors.Is(c.err, syscall.ENOSPC) {
				t.Errorf("%v no longer unwraps to ENOSPC", got)
			}
		})
	}
}
