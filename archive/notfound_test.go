package archive_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/prov-archive/prov/archive"
)

// TestNotFoundOnce: a lookup that finds nothing says what it looked for
// and names the package once, and is still an ErrNotFound.
func TestNotFoundOnce(t *testing.T) {
	db := MustOpen(t)
	_, hashErr := db.DocumentHash("deadbeef")
	_, capErr := db.Capture(99)
	_, docErr := db.Document(archive.Sum([]byte("none")).String())
	_, payErr := db.Payload(archive.Sum([]byte("none")).String())
	for want, err := range map[string]error{
		"archive: text hash deadbeef: not found": hashErr,
		"archive: capture 99: not found":         capErr,
		"":                                       docErr, "-": payErr,
	} {
		if !errors.Is(err, archive.ErrNotFound) {
			t.Errorf("%v: not an ErrNotFound", err)
		}
		if strings.Count(err.Error(), "archive:") != 1 || (len(want) > 1 && err.Error() != want) {
			t.Errorf("%q, want %q, the package named once", err, want)
		}
	}
}
