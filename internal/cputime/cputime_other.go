//go:build !unix

package cputime

import "time"

// Process is 0 where getrusage is not there: Report reports nothing.
func Process() time.Duration { return 0 }
