//go:build unix

package cputime

import (
	"crypto/sha256"
	"testing"
)

// Process counts CPU the process spends: a loop of hashing moves it on.
func TestProcessCounts(t *testing.T) {
	began := Process()
	if began <= 0 {
		t.Fatalf("Process() = %v at the start of a test, want > 0", began)
	}
	buf := make([]byte, 1<<20)
	for Process()-began < 20e6 { // 20 ms of CPU; a Process that stands still never ends the loop
		sha256.Sum256(buf)
	}
}
