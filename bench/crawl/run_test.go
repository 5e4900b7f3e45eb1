package main

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func TestReportCPUPerPage(t *testing.T) {
	rs := []result{
		{name: "prov", pages: 2000, wall: 2 * time.Second, cpu: 3 * time.Second, archive: 5_000_000},
		{name: "colly", pages: 4000, wall: 2 * time.Second, cpu: time.Second},
	}
	if got := rs[0].cpuPerPage(); got != 1.5 {
		t.Errorf("prov cpuPerPage = %v, want 1.5", got)
	}
	if got := (result{}).cpuPerPage(); got != 0 {
		t.Errorf("no pages: cpuPerPage = %v, want 0", got)
	}
	var out bytes.Buffer
	report(&out, rs)
	for _, want := range []string{"cpu ms/page", "      1.500 ", "      0.250 ", "pages per second: 0.50", "2.50 KB per page"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, out.String())
		}
	}
}
