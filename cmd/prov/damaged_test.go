package main

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDamagedArchiveNeverCrashes cuts the mini-web's archive at 50 points
// and flips 16 bytes at 50 places, and runs the read commands on each
// copy: every one ends with an exit status of the contract and a message,
// never a crash. A cut archive is refused as damaged before it is mapped.
func TestDamagedArchiveNeverCrashes(t *testing.T) {
	if testing.Short() {
		t.Skip("100 damaged copies")
	}
	db, _ := crawlMiniWeb(t)
	good, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	dir := t.TempDir()
	for i := range 100 {
		bad := append([]byte(nil), good...)
		kind := "cut"
		if i < 50 {
			bad = bad[:1+rng.IntN(len(good)-1)]
		} else {
			kind = "flip"
			at := rng.IntN(len(good) - 16)
			for j := range 16 {
				bad[at+j] ^= byte(1 + rng.IntN(255))
			}
		}
		path := filepath.Join(dir, "damaged.db")
		if err := os.WriteFile(path, bad, 0o644); err != nil {
			t.Fatal(err)
		}
		for _, args := range [][]string{
			{"verify"}, {"stats"}, {"works"}, {"export", "--format", "jsonl"},
		} {
			code, _, stderr := prov(t, append(args, "--db", path)...)
			ok := code == exitOK || code == exitFailed && strings.TrimSpace(stderr) != "" || code == exitPartial && args[0] == "verify"
			if !ok || strings.Contains(stderr, "goroutine ") {
				t.Errorf("%s %d (%d of %d bytes): prov %s: exit %d, stderr %q", kind, i, len(bad), len(good), args[0], code, stderr)
			}
			if kind == "cut" && len(bad) < len(good) && code == exitFailed && !strings.Contains(stderr, "archive damaged") && !strings.Contains(stderr, "not a prov archive") {
				t.Errorf("cut %d: prov %s says %q, want archive damaged", i, args[0], stderr)
			}
		}
	}
}
