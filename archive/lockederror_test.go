package archive

import (
	"testing"
	"time"
)

// A locked archive names its holder's pid once: the "(pid N)" prov adds
// to the holder's name is not repeated; another holder's name is kept.
func TestLockedErrorNamesThePidOnce(t *testing.T) {
	start := time.Date(2026, 12, 5, 13, 46, 30, 0, time.UTC)
	for _, tc := range []struct{ holder, want string }{
		{"prov crawl (pid 42)", "archive: arch.db is locked by pid 42 (prov crawl, started 2026-12-05T13:46:30Z)"},
		{"prov crawl (pid 7)", "archive: arch.db is locked by pid 42 (prov crawl (pid 7), started 2026-12-05T13:46:30Z)"},
		{"prov merge", "archive: arch.db is locked by pid 42 (prov merge, started 2026-12-05T13:46:30Z)"},
	} {
		err := &LockedError{Path: "arch.db", Holder: &LockNote{PID: 42, Start: start, Holder: tc.holder}}
		if got := err.Error(); got != tc.want {
			t.Errorf("holder %q:\n got %s\nwant %s", tc.holder, got, tc.want)
		}
	}
}
