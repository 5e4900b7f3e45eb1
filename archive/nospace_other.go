//go:build !(linux || darwin || freebsd)

package archive

import "errors"

// freeSpace is not measured here.
func freeSpace(dir string) (uint64, string, error) {
	return 0, "", errors.New("free space: not supported on this system")
}
