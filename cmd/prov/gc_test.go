package main

import (
	"math"
	"runtime/debug"
	"testing"
)

// TestTuneGC: a crawl collects at crawlGCPercent within crawlMemoryLimit
// unless GOGC or GOMEMLIMIT is set, and restore puts back what was.
func TestTuneGC(t *testing.T) {
	for _, c := range []struct {
		env          map[string]string
		percent      int
		limit        int64
		wantsDefault bool
	}{
		{env: nil, percent: crawlGCPercent, limit: crawlMemoryLimit},
		{env: map[string]string{"GOGC": "100"}, wantsDefault: true},
		{env: map[string]string{"GOMEMLIMIT": "1GiB"}, wantsDefault: true},
	} {
		before := debug.SetGCPercent(100)
		beforeLimit := debug.SetMemoryLimit(math.MaxInt64)
		restore := tuneGC(func(k string) string { return c.env[k] })
		percent, limit := debug.SetGCPercent(-1), debug.SetMemoryLimit(-1)
		debug.SetGCPercent(percent)
		if c.wantsDefault {
			c.percent, c.limit = 100, math.MaxInt64
		}
		if percent != c.percent || limit != c.limit {
			t.Errorf("env %v: GC percent %d, limit %d; want %d, %d", c.env, percent, limit, c.percent, c.limit)
		}
		restore()
		if p, l := debug.SetGCPercent(before), debug.SetMemoryLimit(beforeLimit); p != 100 || l != math.MaxInt64 {
			t.Errorf("env %v: restored GC percent %d, limit %d; want 100, no limit", c.env, p, l)
		}
	}
}
