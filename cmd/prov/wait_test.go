package main

import (
	"fmt"
	"testing"
	"time"
)

// waitLimit bounds every wait of this package's tests for something a
// crawl in another goroutine or process does: generous for a loaded race
// build, short enough that a stuck crawl fails instead of hanging go test.
const waitLimit = 30 * time.Second

// eventually polls cond until it holds; after waitLimit it fails t with
// "waited 30s for " and what it waited for, formatted from what and args.
// It must be called from the test's goroutine.
func eventually(t testing.TB, cond func() bool, what string, args ...any) {
	t.Helper()
	deadline := time.Now().Add(waitLimit)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("waited %v for %s", waitLimit, fmt.Sprintf(what, args...))
		}
		time.Sleep(time.Millisecond)
	}
}
