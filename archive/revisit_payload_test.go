package archive

import (
	"bytes"
	"path/filepath"
	"testing"
	"time"
)

// A revisit whose Previous names its payload is not encoded by prepare
// (the bytes are stored already); when the archive does not hold them
// after all, the write stores them, so that no capture names a payload
// the archive lacks.
func TestRevisitPayloadNotEncodedAgain(t *testing.T) {
	db, err := Open(filepath.Join(t.TempDir(), "prov.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	body := []byte("<html><body><p>the same bytes, fetched twice</p></body></html>")
	entry := func(url string, prev *Previous) Entry {
		now := time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC)
		return Entry{Capture: Capture{RequestedURL: url, FinalURL: url, URL: url, Method: "GET", Status: 200,
			FetchStart: now, FetchEnd: now, ToolVersion: "test"}, Payload: body, Previous: prev}
	}
	if _, err := db.Write([]Entry{entry("http://a.test/", nil)}); err != nil {
		t.Fatal(err)
	}
	prev, err := db.Previous("http://a.test/")
	if err != nil || prev.PayloadSHA256 == "" {
		t.Fatalf("previous: %+v, %v", prev, err)
	}
	e := entry("http://a.test/", &prev)
	if err := prepare(&e); err != nil {
		t.Fatal(err)
	}
	if e.stored != nil || e.Payload == nil {
		t.Errorf("a revisit's payload encoded by prepare (%d bytes), or its raw bytes dropped", len(e.stored))
	}

	// A Previous that names bytes this archive does not hold (another
	// archive's, or a lost payload): the write stores them.
	other := Previous{PayloadSHA256: Sum(body).String()}
	fresh, err := Open(filepath.Join(t.TempDir(), "other.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer fresh.Close()
	ids, err := fresh.Write([]Entry{entry("http://b.test/", &other)})
	if err != nil {
		t.Fatal(err)
	}
	c, err := fresh.Capture(ids[0])
	if err != nil {
		t.Fatal(err)
	}
	got, err := fresh.Payload(c.PayloadSHA256)
	if err != nil || !bytes.Equal(got, body) {
		t.Errorf("payload of a revisit the archive lacked: %q, %v", got, err)
	}
}
