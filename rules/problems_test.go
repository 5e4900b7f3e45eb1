package rules

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestParseEveryProblem: a file with several mistakes is refused with
// each of them, by line, not only the first.
func TestParseEveryProblem(t *testing.T) {
	y := `sites:
  - name: a
    hosts: [a.test]
    delay: 2 seconds
    colour: red
  - name: b
    hosts: [b.test, "b test"]
    capture: ['(']
    parallel: -1
  - hosts: [c.test]
    tls: off
`
	_, err := Parse("f.yaml", []byte(y))
	want := []string{
		`f.yaml:4: bad duration "2 seconds"`,
		`f.yaml:5: unknown field "colour" in site`,
		`f.yaml:7: bad host "b test"`,
		`f.yaml:8: bad pattern "("`,
		`f.yaml:9: want a whole number`,
		`f.yaml:10: site has no name`,
		`f.yaml:11: bad tls "off"`,
	}
	lines := problemLines(t, err)
	if len(lines) != len(want) {
		t.Fatalf("%d problems, want %d:\n%v", len(lines), len(want), err)
	}
	for i, w := range want {
		if !strings.HasPrefix(lines[i], w) {
			t.Errorf("problem %d = %q, want prefix %q", i+1, lines[i], w)
		}
	}
	var first *Error
	if !errors.As(err, &first) || first.Line != 4 {
		t.Errorf("errors.As finds %+v, want the first problem, at line 4", first)
	}
}

// problemLines checks err is a rules error and returns its lines, the
// indentation of the second and later taken off.
func problemLines(t *testing.T, err error) []string {
	t.Helper()
	if err == nil || !errors.Is(err, ErrInvalid) {
		t.Fatalf("err = %v, want a rules error", err)
	}
	lines := strings.Split(err.Error(), "\n")
	for i := 1; i < len(lines); i++ {
		rest, ok := strings.CutPrefix(lines[i], "  ")
		if !ok {
			t.Fatalf("line %d of the error is not indented: %q", i+1, lines[i])
		}
		lines[i] = rest
	}
	return lines
}

// TestParseProblemsCapped: a file that is all mistakes lists MaxShown of
// them and says how many more there are.
func TestParseProblemsCapped(t *testing.T) {
	var b strings.Builder
	b.WriteString("sites:\n  - name: a\n    hosts: [a.test]\n    deny:\n")
	for i := range MaxShown + 3 {
		fmt.Fprintf(&b, "      - '(%d'\n", i)
	}
	_, err := Parse("f.yaml", []byte(b.String()))
	lines := problemLines(t, err)
	if len(lines) != MaxShown+1 || lines[MaxShown] != "and 3 more" {
		t.Fatalf("want %d problems then \"and 3 more\", got:\n%v", MaxShown, err)
	}
	if !strings.HasPrefix(lines[MaxShown-1], fmt.Sprintf("f.yaml:%d: bad pattern", 4+MaxShown)) {
		t.Errorf("last problem shown = %q", lines[MaxShown-1])
	}
}

// TestParseNoEchoes: a field that is wrong is said once, not again as
// what follows from it (no hosts, no date selector).
func TestParseNoEchoes(t *testing.T) {
	y := "sites:\n  - name: a\n    hosts: [\"a b\"]\n    seeds: [http://a.test/]\n    date: 'p[['\n    date_format: '2006'\n"
	lines := problemLines(t, parseErr(t, y))
	if len(lines) != 2 || !strings.HasPrefix(lines[0], "f.yaml:3: bad host") || !strings.HasPrefix(lines[1], "f.yaml:5: bad selector") {
		t.Fatalf("want the bad host and the bad selector only, got %q", lines)
	}
}

func parseErr(t *testing.T, y string) error {
	t.Helper()
	_, err := Parse("f.yaml", []byte(y))
	return err
}

// TestParseUnclosedList: an unclosed [ is reported at its own line, the
// field's, not the line above it.
func TestParseUnclosedList(t *testing.T) {
	for _, c := range []struct{ yaml, want string }{
		{"sites:\n  - name: a\n    hosts: [a.test\n    seeds: [http://a.test/]\n", "f.yaml:3: bad YAML: "},
		{"sites:\n  - name: a\n    hosts: [a.test]\n    capture: ['^/a/[0-9]'\n    delay: 1s\n", "f.yaml:4: bad YAML: "},
		{"sites:\n  - name: a\n    hosts: {a.test\n", "f.yaml:3: bad YAML: "},
		{"sites:\n  - name: x\n    hosts: [a]\n  bad\n", "f.yaml:4: bad YAML: "}, // a scanner's error: its line was right
	} {
		if err := parseErr(t, c.yaml); err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%q: err = %v, want prefix %q", c.yaml, err, c.want)
		}
	}
}

// TestSeedOutsideHosts: a seed must be on one of its site's hosts, else
// it would be crawled as a host with no rule.
func TestSeedOutsideHosts(t *testing.T) {
	y := "sites:\n  - name: a\n    seeds:\n      - http://a.test/\n      - http://b.test/x\n    hosts: [a.test]\n"
	lines := problemLines(t, parseErr(t, y))
	want := `f.yaml:5: seed "http://b.test/x": host b.test is not one of the site's hosts [a.test]`
	if len(lines) != 1 || !strings.HasPrefix(lines[0], want) {
		t.Fatalf("got %q, want one problem %q…", lines, want)
	}
	ok := "sites:\n  - name: a\n    hosts: [A.test, 中国.政务, 127.0.0.1]\n    seeds: ['http://a.TEST.:8080/p', 'https://中国.政务/', 'http://xn--fiqs8s.xn--zfr164b/', 'http://127.0.0.1:9/']\n"
	if err := parseErr(t, ok); err != nil {
		t.Errorf("seeds on the site's hosts, spelled otherwise, refused: %v", err)
	}
}

// TestLoadAllEveryFile: the problems of every file are reported, a host
// claimed by sites of two files among them, file by file in the order
// given.
func TestLoadAllEveryFile(t *testing.T) {
	dir := t.TempDir()
	one := write(t, dir, "one.yaml", "sites:\n  - name: a\n    hosts: [a.test]\n    delay: soon\n")
	two := write(t, dir, "two.yaml", "sites:\n  - name: b\n    hosts: [a.test]\n    tls: off\n")
	_, err := LoadAll(two, one)
	lines := problemLines(t, err)
	want := []string{two + ":4: bad tls", one + `:2: host a.test is already claimed by site "b" (` + two + ":2)", one + ":4: bad duration"}
	if len(lines) != len(want) {
		t.Fatalf("got %q, want %d problems", lines, len(want))
	}
	for i, w := range want {
		if !strings.HasPrefix(lines[i], w) {
			t.Errorf("problem %d = %q, want prefix %q", i+1, lines[i], w)
		}
	}
	if _, err := LoadAll(one, filepath.Join(dir, "missing.yaml")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a missing file: err = %v, want it named", err)
	}
}

func write(t *testing.T, dir, name, content string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}
