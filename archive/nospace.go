package archive

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
	"syscall"
)

// NoSpace says how much room is left where a write failed for want of it:
// err, when it is a full disk (ENOSPC, or a message saying so, as bbolt
// gives for a failed grow), gains "(N bytes free on MOUNT)" for the file
// system of the file it names, or of fallback when it names none (a
// symbolic link is followed to its file's file system). Other errors are
// returned as they are.
func NoSpace(err error, fallback string) error {
	if err == nil || !isNoSpace(err) {
		return err
	}
	path := fallback
	var pe *fs.PathError
	if errors.As(err, &pe) && pe.Path != "" {
		path = pe.Path
	}
	free, mount, ferr := freeSpace(filepath.Dir(RealPath(path))) // links followed, even to a file that is gone
	if ferr != nil {
		return err
	}
	return &noSpaceError{err: err, free: free, mount: mount}
}

func isNoSpace(err error) bool {
	return errors.Is(err, syscall.ENOSPC) || strings.Contains(err.Error(), syscall.ENOSPC.Error())
}

// noSpaceError is a write that failed on a full file system.
type noSpaceError struct {
	err   error
	free  uint64 // bytes free for an unprivileged user when the error was reported
	mount string // the file system's mount point
}

func (e *noSpaceError) Error() string {
	return fmt.Sprintf("%v (%d bytes free on %s)", e.err, e.free, e.mount)
}

func (e *noSpaceError) Unwrap() error { return e.err }
