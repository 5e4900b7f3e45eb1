package export

import (
	"strings"
	"testing"

	"github.com/prov-archive/prov/archive"
)

// A capture's metadata record says under which clean key its clean
// fields were made and, for a revisit that copied them, from which
// capture; a capture cleaned afresh names none.
func TestCaptureFieldsNameTheCleanCopy(t *testing.T) {
	c := archive.Capture{ID: 9, Kind: archive.KindRevisit, CleanKey: "0123abcd", CleanFrom: 7}
	got := string(captureFields(&c, membership{}, ""))
	for _, want := range []string{"clean-key: 0123abcd\r\n", "clean-from: 7\r\n"} {
		if !strings.Contains(got, want) {
			t.Errorf("metadata lacks %q:\n%s", want, got)
		}
	}
	c.CleanFrom = 0
	if got := string(captureFields(&c, membership{}, "")); strings.Contains(got, "clean-from") {
		t.Errorf("a capture cleaned afresh names a clean-from:\n%s", got)
	}
}
