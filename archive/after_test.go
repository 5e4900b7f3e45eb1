package archive_test

import (
	"fmt"
	"testing"

	"github.com/prov-archive/prov/archive"
)

func TestCapturesAfter(t *testing.T) {
	db := MustOpen(t)
	if id, err := db.LastCaptureID(); err != nil || id != 0 {
		t.Fatalf("empty archive: LastCaptureID = %d, %v; want 0", id, err)
	}
	var entries []archive.Entry
	for i := range 5 {
		entries = append(entries, page(fmt.Sprintf("http://a.test/%d", i), htmlOf(fmt.Sprint(i)), fmt.Sprint("text ", i)))
	}
	ids := MustWrite(t, db, entries...)
	cases := []struct {
		after   uint64
		limit   int
		want    []uint64
		wantEnd uint64
	}{
		{0, 0, ids, ids[4]},
		{0, 2, ids[:2], ids[1]},
		{ids[1], 2, ids[2:4], ids[3]},
		{ids[3], 10, ids[4:], ids[4]},
		{ids[4], 10, nil, ids[4]},
	}
	for _, c := range cases {
		var got []uint64
		last, err := db.CapturesAfter(c.after, c.limit, func(cp archive.Capture) error {
			got = append(got, cp.ID)
			return nil
		})
		if err != nil || last != c.wantEnd || fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("CapturesAfter(%d, %d) read %v up to %d (%v); want %v up to %d", c.after, c.limit, got, last, err, c.want, c.wantEnd)
		}
	}
	if id, err := db.LastCaptureID(); err != nil || id != ids[4] {
		t.Errorf("LastCaptureID = %d, %v; want %d", id, err, ids[4])
	}
}
