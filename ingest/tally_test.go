package ingest

import (
	"testing"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/crawl"
)

// A run counts what the archive stored, not what was handed to the writer:
// entries still queued when a crawl is killed are in no run record.
func TestTallyCountsStoredCaptures(t *testing.T) {
	tl := NewTally(archive.Run{ID: 7})
	entry := func(url string, status int, sha string) archive.Entry {
		return archive.Entry{Capture: archive.Capture{RequestedURL: url, URL: url, Status: status, PayloadSHA256: sha, PayloadLength: 10}}
	}
	tl.queued(entry("http://a.test/1", 200, "aa"), crawl.NoFailure, archive.Previous{})
	tl.queued(entry("http://a.test/2", 200, "bb"), crawl.NoFailure, archive.Previous{Exists: true, PayloadSHA256: "bb"})
	tl.queued(entry("http://a.test/3", 404, "cc"), crawl.HTTPFailure(404), archive.Previous{})
	tl.queued(entry("http://a.test/4", 200, "dd"), crawl.NoFailure, archive.Previous{})
	if r := tl.Run(); r.Fetched != 0 {
		t.Fatalf("counted %d pages before any was stored", r.Fetched)
	}
	asStored := func(e archive.Entry, kind string) archive.Capture { // the archive derives the kind
		e.Capture.Kind = kind
		return e.Capture
	}
	tl.stored([]archive.Capture{asStored(entry("http://a.test/1", 200, "aa"), archive.KindResponse),
		asStored(entry("http://a.test/2", 200, "bb"), archive.KindRevisit), asStored(entry("http://a.test/3", 404, "cc"), archive.KindResponse)})
	r := tl.Run()
	if r.Fetched != 3 || r.New != 1 || r.Unchanged != 1 || r.Failed["http 404"] != 1 || r.Bytes != 30 {
		t.Errorf("after three stored: %+v", r)
	}
	tl.stored([]archive.Capture{{RequestedURL: "http://x.test/never-queued"}})
	if r := tl.Run(); r.Fetched != 3 {
		t.Errorf("a capture the run did not queue was counted: fetched %d", r.Fetched)
	}
}
