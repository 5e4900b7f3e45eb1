package archive

import (
	"fmt"
	"testing"
)

// TestPrevCacheWritten: a URL written through the handle is never taken
// for one without captures, a URL of a new origin never written is
// (short of the filter's rare "maybe"), and past maxCachedURLs the cache
// answers nothing and every lookup reads the file.
func TestPrevCacheWritten(t *testing.T) {
	pc := newPrevCache()
	pc.noteOrigin("http://new.test", false)
	caps := make([]Capture, 4096)
	for i := range caps {
		caps[i].URL = fmt.Sprintf("http://new.test/%d", i)
	}
	pc.noteWritten(caps)
	for _, c := range caps {
		if empty, _ := pc.knownEmpty(c.URL, "http://new.test"); empty {
			t.Fatalf("%s was written, but the cache calls it empty", c.URL)
		}
	}
	taken := 0
	for i := range 4096 {
		if empty, seen := pc.knownEmpty(fmt.Sprintf("http://new.test/never/%d", i), "http://new.test"); !seen {
			t.Fatal("the origin noted is not seen")
		} else if !empty {
			taken++
		}
	}
	if taken > 40 { // 1% of 4096; a filter of 2^20 keys holding 4096 takes almost none
		t.Errorf("%d of 4096 URLs never written taken for written", taken)
	}
	for pc.count <= maxCachedURLs {
		pc.noteWritten(caps)
	}
	if empty, _ := pc.knownEmpty("http://new.test/never/0", "http://new.test"); empty || pc.written != nil {
		t.Errorf("past %d URLs the cache still answers (empty %v, filter kept %v)", maxCachedURLs, empty, pc.written != nil)
	}
}
