package clean

import "testing"

// A line is an English date line by its month and weekday words, not by
// any word their first letters start: a timetable's "Marktplatz 06:18"
// and a roster's "Junior 12" stay lines of the text.
func TestEnDateLineMonthWords(t *testing.T) {
	cases := []struct {
		line string
		want bool
	}{
		{"March 3, 2026", true},
		{"Tues., Sept. 3, 2024 at 10:15 a.m. EDT", true},
		{"Updated Thursday, Dec 12 at 4:46 PM", true},
		{"3 June 2025", true},
		{"Marktplatz 06:18 06:17 1", false},
		{"Junior 12", false},
		{"Decade 10 | 2019", false},
		{"Sunil 4 at 10:00", false},
	}
	for _, c := range cases {
		if got := enDateLine(c.line); got != c.want {
			t.Errorf("enDateLine(%q) = %v, want %v", c.line, got, c.want)
		}
	}
}

// A reply's stamp names its writer beside the time; the stamp's words
// take no name a month's or a day's stem starts.
func TestStampWordsKeepNames(t *testing.T) {
	for _, name := range []string{"Mark", "Martin", "Janet", "Sunil", "Augusta", "Octavia"} {
		line := name + " · March 3, 2026 at 10:15 pm"
		if got := stampWordRe.ReplaceAllString(timeRe.ReplaceAllString(line, ""), ""); !hasLetter(got) {
			t.Errorf("stamp words of %q took the name: %q", line, got)
		}
	}
}
