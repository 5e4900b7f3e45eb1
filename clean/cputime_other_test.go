//go:build !unix

package clean

import "time"

// processCPU is 0 where getrusage is not there: reportCPU reports nothing.
func processCPU() time.Duration { return 0 }
