package main

import (
	"strings"
	"testing"
)

// TestFullTMPDIRHint: every read command whose $TMPDIR has no room for
// the copy of the archive says what to do, not only "no space left".
func TestFullTMPDIRHint(t *testing.T) {
	db := emptyArchive(t)
	t.Setenv("TMPDIR", smallFS(t, "4k")) // one page: an archive is larger
	for _, c := range readCommands {
		args := append([]string{c[0], "--db", db}, c[1:]...)
		code, _, stderr := prov(t, args...)
		if code != exitFailed || !strings.Contains(stderr, "no space left on device") || !strings.HasSuffix(stderr, " ("+tmpHint+")\n") {
			t.Errorf("prov %s: exit %d %q, want %d and the hint to point TMPDIR elsewhere", strings.Join(args, " "), code, stderr, exitFailed)
		}
	}
}
