//go:build !unix

package search

import "time"

// processCPU is 0 where getrusage is not there: reportCPU reports nothing.
func processCPU() time.Duration { return 0 }
