package clean

import (
	"strings"
	"testing"
)

// TestClosingIndex: a manual page closed by an index of its own sections
// (jumps within the page, each the words of a heading above) loses the
// index and its label; a table of contents above the sections it names
// stays, and so does a list of jumps that names no heading.
func TestClosingIndex(t *testing.T) {
	sect := func(name, body string) string {
		return `<a name="` + name + `"></a><h2>` + name + `</h2>` + "\n" + body + "\n<p>\n"
	}
	body := sect("NAME", "tally - count the lines of a file and print the count on standard output") +
		sect("SYNOPSIS", "tally [-v] [file ...] reads each file named, or standard input when none is named.") +
		sect("DESCRIPTION", "tally reads its input to the end and prints how many newline characters it saw, one count per file, in the order the files were named.")
	index := `<hr><a name="index"></a><h2>Index</h2><dl><dt><a href="#NAME">NAME</a><dd><dt><a href="#SYNOPSIS">SYNOPSIS</a><dd><dt><a href="#DESCRIPTION">DESCRIPTION</a><dd></dl><hr>`
	for _, c := range []struct {
		name, page string
		must, not  []string
	}{
		{"closing index", `<html><head><title>Man page of TALLY</title></head><body><h1>TALLY</h1>` + body + index + `</body></html>`,
			[]string{"NAME", "SYNOPSIS", "prints how many newline"}, []string{"Index", "DESCRIPTION\n\nNAME"}},
		{"table of contents above", `<html><head><title>Man page of TALLY</title></head><body><h1>TALLY</h1>` +
			`<dl><dt><a href="#NAME">NAME</a><dd><dt><a href="#SYNOPSIS">SYNOPSIS</a><dd><dt><a href="#DESCRIPTION">DESCRIPTION</a><dd></dl>` + body + `</body></html>`,
			[]string{"NAME\n\nSYNOPSIS\n\nDESCRIPTION\n\nNAME", "prints how many newline"}, nil},
	} {
		d, err := Clean(Input{URL: "https://docs.example/man1/tally.1.html", Body: []byte(c.page)})
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		for _, w := range c.must {
			if !strings.Contains(d.Text, w) {
				t.Errorf("%s: lost %q:\n%s", c.name, w, d.Text)
			}
		}
		for _, w := range c.not {
			if strings.Contains(d.Text, w) {
				t.Errorf("%s: kept %q:\n%s", c.name, w, d.Text)
			}
		}
	}
}
