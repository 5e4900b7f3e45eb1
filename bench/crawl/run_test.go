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
	reportHas(t, out.String(), "cpu ms/page", "      1.500 ", "      0.250 ", "pages per second: 0.50", "2.50 KB per page")
}

func TestReportRounds(t *testing.T) {
	round := func(provWall, collyWall time.Duration, peak int64) []result {
		return []result{
			{name: "prov", pages: 1000, wall: provWall, peakRSS: peak},
			{name: "colly", pages: 1000, wall: collyWall},
		}
	}
	rounds := [][]result{
		round(2*time.Second, time.Second, 100<<20),
		round(time.Second, time.Second, 140<<20),
		round(1250*time.Millisecond, time.Second, 120<<20),
	}
	var out bytes.Buffer
	reportRounds(&out, rounds)
	reportHas(t, out.String(),
		"over 3 rounds:",
		"prov pages per second: 500.0 1000.0 800.0; median 800.0",
		"colly pages per second: 1000.0 1000.0 1000.0; median 1000.0",
		"prov/colly pages per second: 0.50 1.00 0.80; median 0.80  (issue #16's bar ≥ 0.80: met)",
		"largest of the rounds: 140.0 MB")
	if got := median([]float64{4, 1, 3, 2}); got != 2.5 {
		t.Errorf("median of 4 = %v, want 2.5", got)
	}
}

func TestReportGrow(t *testing.T) {
	var out bytes.Buffer
	reportGrow(&out, []int{20000, 100000}, [][]float64{{2000, 1800, 1900}, {1600, 1620, 1500}},
		[][]float64{{0.8, 0.9, 1.0}, {1.0, 1.0, 1.1}}, 140<<20)
	reportHas(t, out.String(),
		"over 3 rounds:",
		"prov pages per second at 20000 pages: 2000.0 1800.0 1900.0; median 1900.0",
		"prov pages per second at 100000 pages: 1600.0 1620.0 1500.0; median 1600.0",
		"rate at 100000 over rate at 20000 pages: 0.800 0.900 0.789; median 0.800  (issue #16's bar ≥ 0.85: NOT met)",
		"prov CPU ms per page at 20000 pages: 0.800 0.900 1.000; median 0.900",
		"prov CPU ms per page at 100000 pages: 1.000 1.000 1.100; median 1.000",
		"CPU per page at 20000 over CPU per page at 100000 pages: 0.800 0.900 0.909; median 0.900",
		"largest of the crawls: 140.0 MB  (issue #16's bar < 150 MB: met)")
}

func TestReportAgainst(t *testing.T) {
	var out bytes.Buffer
	reportAgainst(&out, "", []float64{0.8, 0.9, 0.6}, []float64{1.2, 1.0, 1.2})
	reportHas(t, out.String(),
		"over 3 rounds:",
		"prov CPU ms per page: 0.800 0.900 0.600; median 0.800",
		"base CPU ms per page: 1.200 1.000 1.200; median 1.200",
		"prov over base, CPU per page: 0.667 0.900 0.500; median 0.667  (issue #16's Deliver ≤ 0.50 of the build before it: NOT met)")
	out.Reset()
	reportAgainst(&out, "recrawl: ", []float64{0.5, 0.6}, []float64{1.2, 1.1})
	reportHas(t, out.String(), "recrawl: over 2 rounds:", "recrawl: prov over base, CPU per page: 0.417 0.545; median 0.481", "before it: met)")
}

// reportHas fails t for each of wants that the report out lacks.
func reportHas(t *testing.T, out string, wants ...string) {
	t.Helper()
	for _, want := range wants {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
}
