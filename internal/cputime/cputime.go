// Package cputime measures the CPU time of the process, for benchmarks
// that report CPU per op: on a machine others share, they stretch the
// wall time of an op, not its CPU time, and CPU time counts the
// collector's work on other threads too.
package cputime

import (
	"testing"
	"time"
)

// Report reports the process's CPU time since began (a Process reading)
// per op of b, as cpu-ns/op; nothing where Process cannot measure.
func Report(b *testing.B, began time.Duration) {
	if began > 0 {
		b.ReportMetric(float64((Process()-began).Nanoseconds())/float64(b.N), "cpu-ns/op")
	}
}
