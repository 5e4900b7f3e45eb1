package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// readCommands are the read commands that copy the archive into $TMPDIR,
// with their arguments after --db.
var readCommands = [][]string{
	{"stats"},
	{"works"},
	{"export", "--format", "jsonl"},
	{"runs"},
	{"verify"},
}

// emptyArchive makes an archive with nothing in it and returns its path.
func emptyArchive(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "prov.db")
	a, err := openForWrite(db, "test")
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	return db
}

// TestMissingTMPDIRHint: every read command whose $TMPDIR does not exist
// says so, and what to do, as it says a full one (once only prov runs did).
func TestMissingTMPDIRHint(t *testing.T) {
	db := emptyArchive(t)
	missing := filepath.Join(t.TempDir(), "gone")
	t.Setenv("TMPDIR", missing)
	for _, c := range readCommands {
		args := append([]string{c[0], "--db", db}, c[1:]...)
		code, _, stderr := prov(t, args...)
		want := "prov " + c[0] + ": temporary folder " + missing + " does not exist (" + tmpHint + ")\n"
		if code != exitFailed || stderr != want {
			t.Errorf("prov %s: exit %d %q, want %d %q", strings.Join(args, " "), code, stderr, exitFailed, want)
		}
	}
}
