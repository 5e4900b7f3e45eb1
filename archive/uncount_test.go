package archive

import (
	"reflect"
	"testing"
)

// A page two workers fetched was new to both; the merged archive holds
// the second fetch as a revisit. Taking it out of the run's counts takes
// it from new, not from an unchanged count of zero.
func TestUncountKeepsCountsWhole(t *testing.T) {
	r := Run{Fetched: 3, New: 3, Failed: map[string]int{}}
	r.Fetched--
	uncount(&r, Capture{Kind: KindRevisit, Status: 200})
	if r.New != 2 || r.Unchanged != 0 || r.Changed != 0 {
		t.Errorf("after a repeat revisit: new %d, changed %d, unchanged %d; want 2, 0, 0", r.New, r.Changed, r.Unchanged)
	}
	r = Run{Fetched: 2, Unchanged: 1, Failed: map[string]int{"timeout": 1}}
	uncount(&r, Capture{Kind: KindFailed})
	uncount(&r, Capture{Kind: KindResponse, Status: 200})
	if want := (Run{Fetched: 2, Failed: map[string]int{"timeout": 0}}); !reflect.DeepEqual(r, want) {
		t.Errorf("after a repeat failure and a repeat response: %+v, want %+v", r, want)
	}
}
