//go:build unix

package search

import (
	"syscall"
	"time"
)

// processCPU is the process's user and system time so far: steadier than
// wall time on a machine others share, and it counts the collector's work
// on other threads.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
