//go:build linux || darwin || freebsd

package archive

import (
	"os"
	"path/filepath"
	"syscall"
)

// freeSpace returns the bytes an unprivileged user may still write on the
// file system holding dir, and that file system's mount point (the
// highest folder above dir on the same device).
func freeSpace(dir string) (free uint64, mount string, err error) {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return 0, "", err
	}
	return uint64(st.Bavail) * uint64(st.Bsize), mountOf(dir), nil // their types differ by system
}

func mountOf(dir string) string {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return dir
	}
	dev := deviceOf(dir)
	for {
		up := filepath.Dir(dir)
		if up == dir || dev == 0 || deviceOf(up) != dev {
			return dir
		}
		dir = up
	}
}

func deviceOf(path string) uint64 {
	fi, err := os.Stat(path)
	if err != nil {
		return 0
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return 0
	}
	return uint64(st.Dev)
}
