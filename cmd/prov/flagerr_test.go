package main

import (
	"strings"
	"testing"
)

// A flag that does not parse, or is out of its range, is one line on
// stderr naming the flag, what was given and what is wanted, exit 2, for
// every subcommand; -h still prints the usage block.
func TestFlagErrorsAreOneLine(t *testing.T) {
	db := t.TempDir() + "/never/prov.db" // nothing may be created
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"crawl", "--delay", "2"}, "prov crawl: --delay 2: want a duration such as 2s or 500ms\n"},
		{[]string{"crawl", "--max-pages", "ten"}, "prov crawl: --max-pages ten: want a whole number\n"},
		{[]string{"crawl", "--delay"}, "prov crawl: --delay needs a value: want a duration such as 2s or 500ms\n"},
		{[]string{"crawl", "--parallel", "0"}, "prov crawl: --parallel 0: want 1 or more\n"},
		{[]string{"crawl", "--parallel", "2", "--max-depth", "-1"}, "prov crawl: --max-depth -1: want 0 or more\n"},
		{[]string{"crawl", "--delay", "-1s"}, "prov crawl: --delay -1s: want 0 or more, such as 2s or 500ms\n"},
		{[]string{"crawl", "--nope"}, "prov crawl: unknown flag --nope (see 'prov crawl -h')\n"},
		{[]string{"crawl", "--connect-to", "a.test:80:127.0.0.1", "http://a.test/"},
			"prov crawl: --connect-to a.test:80:127.0.0.1: want HOST:PORT:HOST2:PORT2\n"},
		{[]string{"crawl", "--connect-to", "a.test:x:127.0.0.1:80", "http://a.test/"},
			"prov crawl: --connect-to a.test:x:127.0.0.1:80: bad port \"x\" (want HOST:PORT:HOST2:PORT2)\n"},
		{[]string{"runs", "--json=maybe"}, "prov runs: --json=maybe: want true or false\n"},
		{[]string{"verify", "--refetch", "--delay", "soon"}, "prov verify: --delay soon: want a duration such as 2s or 500ms\n"},
		{[]string{"export", "--format", "jsonl", "--since"}, "prov export: --since needs a value (see 'prov export -h')\n"},
		{[]string{"serve", "--addr", "127.0.0.1:0", "--db", db, "--json"}, "prov serve: unknown flag --json (see 'prov serve -h')\n"},
	} {
		args := append([]string{tc.args[0], "--db", db}, tc.args[1:]...)
		code, out, errOut := prov(t, args...)
		if code != exitUsage || out != "" || errOut != tc.want {
			t.Errorf("prov %s: exit %d, stdout %q, stderr %q; want exit 2 and %q", strings.Join(tc.args, " "), code, out, errOut, tc.want)
		}
	}
	code, _, errOut := prov(t, "crawl", "-h")
	if code != exitOK || !strings.HasPrefix(errOut, "usage: prov crawl [flags] [URL...]\n") || !strings.Contains(errOut, "-delay duration") {
		t.Errorf("prov crawl -h: exit %d, %q", code, errOut)
	}
}
