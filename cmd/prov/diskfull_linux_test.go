package main

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// smallFS mounts a tmpfs of size bytes on a new folder and unmounts it
// when the test ends; the test is skipped where mounting is refused (not
// root, or no permission).
func smallFS(t *testing.T, size string) string {
	t.Helper()
	dir := t.TempDir()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size="+size); err != nil {
		t.Skipf("cannot mount a tmpfs here: %v", err)
	}
	t.Cleanup(func() {
		if err := syscall.Unmount(dir, 0); err != nil {
			syscall.Unmount(dir, syscall.MNT_DETACH)
		}
	})
	return dir
}

// fill writes a file on dir's file system that leaves about free bytes
// free, and returns a function that removes it.
func fill(t *testing.T, dir string, free int64) func() {
	t.Helper()
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "filler")
	n := int64(st.Bavail)*st.Bsize - free
	if n > 0 {
		if err := os.WriteFile(path, make([]byte, n), 0o644); err != nil {
			t.Fatalf("filling %s: %v", dir, err)
		}
	}
	return func() {
		if err := os.Remove(path); err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
	}
}

// TestDiskFullTmpfs crawls onto a file system that fills up: the archive
// and the frontier (fresh crawl, re-crawl), or the frontier alone (its
// file on the small file system, the archive elsewhere). The crawl stops
// with exit 1 and a message naming the file and the free space, after a
// bounded number of requests; once the disk has room again, the same
// command ends with every page of the site, and verify is clean.
func TestDiskFullTmpfs(t *testing.T) {
	const n = 60
	cases := []struct {
		name    string
		recrawl bool  // the archive holds the whole site already
		front   bool  // only the frontier is on the small file system
		free    int64 // bytes left free when the crawl that fails starts
		// pages in the site, when not n: a frontier must outgrow the
		// free bytes whatever the order its writes come in, which the
		// workers' scheduling decides
		pages int
	}{
		{"nothing can be created", false, false, 8 << 10, 0},
		{"fresh crawl", false, false, 160 << 10, 0},
		{"re-crawl", true, false, 24 << 10, 0},
		{"frontier only, not created", false, true, 8 << 10, 0},
		{"frontier only", false, true, 24 << 10, 10 * n},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			small := smallFS(t, "4m")
			db := filepath.Join(small, "prov.db")
			if c.front {
				db = filepath.Join(t.TempDir(), "prov.db")
				if err := os.Symlink(filepath.Join(small, "prov.db.frontier"), db+".frontier"); err != nil {
					t.Fatal(err)
				}
			}
			pages := n
			if c.pages > 0 {
				pages = c.pages
			}
			d := newFullDisk(t, pages, db, 0)
			if c.recrawl {
				if code, _, stderr := prov(t, d.args...); code != exitOK {
					t.Fatalf("first crawl: exit %d: %s", code, stderr)
				}
				d.crawls++
			}
			file := d.db
			if c.front {
				file = d.db + ".frontier"
			}
			free := fill(t, small, c.free)
			stopped, msg := d.stopped(t, file, small)
			if c.name != "frontier only, not created" { // that error is worded by crawl/frontier.go's open, not changed here
				namedOnce(t, msg, file)
			}
			kept := 0
			if lastRunIfAny(t, d.db).ID > 0 {
				kept = len(captureIDs(t, d.db))
			}
			free()
			resumed, got := d.resumed(t)
			t.Logf("stopped after %d requests (exit 1), %d captures in the archive: %s; resumed with %d requests: %d of %d pages, verify clean", stopped, kept, msg, resumed, got, pages)
		})
	}
}
