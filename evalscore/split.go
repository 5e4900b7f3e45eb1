package evalscore

import (
	_ "embed"
	"strings"
)

// split.tsv is the fixed tune/check split of the extraction eval pages,
// by site (bench/split says how it was made). Tune pages may be read one
// by one while changing the extractor; check pages are read only as
// scores. A rule that lifts the tune half and not the check half was
// fitted to the tune pages.
//
//go:embed split.tsv
var splitTSV string

// Halves of the split.
const (
	Tune  = "tune"
	Check = "check"
)

var split = parseSplit(splitTSV)

// A placement is a page's site and half in the split.
type placement struct{ site, half string }

func parseSplit(s string) map[string]placement {
	m := map[string]placement{}
	for line := range strings.SplitSeq(s, "\n") {
		fs := strings.Split(line, "\t")
		if len(fs) == 4 && !strings.HasPrefix(line, "#") {
			m[fs[1]] = placement{site: fs[2], half: fs[3]}
		}
	}
	return m
}

// Half returns the half ("tune" or "check") of an extraction eval page,
// named as in index.tsv ("aeb/001.html"), and "" for a page the split
// does not list (a page added to shared/eval after the split was made).
func Half(file string) string { return split[file].half }

// Site returns the site the split files an extraction eval page under
// (every page of a site is in one half), and "" for a page it does not
// list.
func Site(file string) string { return split[file].site }
