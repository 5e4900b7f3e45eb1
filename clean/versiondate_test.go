package clean

import (
	"strings"
	"testing"
)

// TestVersionNoDate: a release's version ("1.13.4", "0.9.12",
// "3.12.0-rc1") is no date, so a changelog whose entries each end in
// the release that fixed them is no thread of signed-off replies; dates
// in dots ("12.03.2026", "2026.03.12", "3.12.26") still are.
func TestVersionNoDate(t *testing.T) {
	for _, c := range []struct {
		line string
		date bool
	}{
		{"Fixed in 1.13.4 by Jane Roe", false},
		{"Fixed in 0.9.12 by Jane Roe", false},
		{"Fixed in 3.12.0-rc1 by Jane Roe", false},
		{"Posted 12.03.2026 by Jane Roe", true},
		{"Posted 2026.03.12 by Jane Roe", true},
		{"Posted 3.12.26 by Jane Roe", true},
		{"Posted 2026-03-12 by Jane Roe", true},
	} {
		if got := timeRe.MatchString(c.line); got != c.date {
			t.Errorf("timeRe(%q) = %v, want %v", c.line, got, c.date)
		}
	}
	var entries strings.Builder
	for i, fix := range []string{
		"The parser no longer stops at a comment that ends the file without a newline after it",
		"The cache now evicts entries older than the configured age before it grows its table",
		"Worker threads are named after their pool, so a stack dump shows which pool owns each",
		"The command line takes a config path given twice and uses the last, as the manual says",
	} {
		entries.WriteString(`<div class="entry"><p>` + fix + `, as several users asked in the tracker this year.</p><p>Fixed in 1.1` + string(rune('3'+i)) + `.4 by Jane Roe</p></div>`)
	}
	page := `<html><head><title>Changelog</title></head><body><div><h1>Changelog</h1><p>What changed from one release of the tool to the next, newest first.</p>` + entries.String() + `</div></body></html>`
	d, err := Clean(Input{URL: "https://docs.example/changelog.html", Body: []byte(page)})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"The parser no longer stops", "Worker threads are named", "Fixed in 1.16.4 by Jane Roe"} {
		if !strings.Contains(d.Text, w) {
			t.Errorf("lost %q:\n%s", w, d.Text)
		}
	}
}
