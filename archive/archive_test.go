package archive_test

import (
	"errors"
	"reflect"
	"testing"

	"github.com/prov-archive/prov/archive"
)

func TestPayloadStoredOnce(t *testing.T) {
	db := MustOpen(t)
	raw := htmlOf("the same bytes served twice")
	MustWrite(t, db, page("http://a.test/1", raw, ""))
	MustWrite(t, db, page("http://a.test/1", raw, ""), page("http://b.test/x", raw, ""))

	st, err := db.Stats()
	if err != nil {
		t.Fatal(err)
	}
	if st.Payloads != 1 || st.Captures != 3 || st.URLs != 2 || st.Hosts != 2 {
		t.Fatalf("stats = %+v, want 1 payload, 3 captures, 2 urls, 2 hosts", st)
	}
	if st.RawBytes != int64(len(raw)) || st.StoredBytes <= 0 {
		t.Errorf("raw %d stored %d, want raw %d", st.RawBytes, st.StoredBytes, len(raw))
	}
	want := map[string]int{archive.KindResponse: 2, archive.KindRevisit: 1}
	if !reflect.DeepEqual(st.ByKind, want) {
		t.Errorf("kinds = %v, want %v", st.ByKind, want)
	}
	got, err := db.Payload(archive.Sum([]byte(raw)).String())
	if err != nil || string(got) != raw {
		t.Fatalf("payload = %q, %v", got, err)
	}
}

func TestDocumentStoredOnceWithBothCopies(t *testing.T) {
	db := MustOpen(t)
	text := "构建网络空间命运共同体"
	ids := MustWrite(t, db,
		page("http://gov.test/a", "<p>"+text+"</p>", text),
		page("http://news.test/b", "<div>"+text+"</div>", text))
	sha := archive.Sum([]byte(text)).String()

	doc, err := db.Document(sha)
	if err != nil {
		t.Fatal(err)
	}
	if doc.Text != text || doc.FirstCapture != ids[0] || doc.Length != 11 {
		t.Errorf("document = %+v", doc)
	}
	caps, err := db.DocumentCaptures(sha)
	if err != nil || !reflect.DeepEqual(caps, ids) {
		t.Fatalf("doccaps = %v, %v; want %v", caps, err, ids)
	}
	st, _ := db.Stats()
	if st.Documents != 1 || st.Payloads != 2 {
		t.Errorf("documents %d payloads %d, want 1 and 2", st.Documents, st.Payloads)
	}
}

func TestHistoryOrderAndLatest(t *testing.T) {
	db := MustOpen(t)
	u := "http://a.test/doc"
	MustWrite(t, db, page(u, "v1", ""))
	MustWrite(t, db, page(u+"/longer", "other", ""))
	MustWrite(t, db, page(u, "v2", ""))
	failed := page(u, "", "")
	failed.Payload, failed.Capture.Status, failed.Capture.Error = nil, 0, "connection reset"
	MustWrite(t, db, failed)

	hist, err := db.History(u)
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for i, c := range hist {
		if i > 0 && c.ID <= hist[i-1].ID {
			t.Errorf("history not in ID order: %d after %d", c.ID, hist[i-1].ID)
		}
		kinds = append(kinds, c.Kind)
	}
	wantKinds := []string{archive.KindResponse, archive.KindResponse, archive.KindFailed}
	if !reflect.DeepEqual(kinds, wantKinds) {
		t.Errorf("kinds = %v, want %v", kinds, wantKinds)
	}
	latest := collect(t, db.Latest)
	if len(latest) != 2 || latest[0].URL != u || latest[0].Kind != archive.KindFailed {
		t.Errorf("latest = %+v", latest)
	}
	content := collect(t, db.LatestContent)
	if len(content) != 2 || content[0].PayloadSHA256 != archive.Sum([]byte("v2")).String() {
		t.Errorf("latest content = %+v", content)
	}
}

func collect(t *testing.T, walk func(func(archive.Capture) error) error) []archive.Capture {
	t.Helper()
	var out []archive.Capture
	if err := walk(func(c archive.Capture) error { out = append(out, c); return nil }); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestWriteRejectsMismatchedPayload(t *testing.T) {
	db := MustOpen(t)
	bad := page("http://a.test/", "bytes", "")
	bad.Capture.PayloadSHA256 = archive.Sum([]byte("other bytes")).String()
	_, err := db.Write([]archive.Entry{page("http://a.test/ok", "fine", ""), bad})
	if !errors.Is(err, archive.ErrMismatch) {
		t.Fatalf("err = %v, want ErrMismatch", err)
	}
	if st, _ := db.Stats(); st.Captures != 0 {
		t.Errorf("%d captures stored; a failed batch stores none", st.Captures)
	}
	noHash := page("http://a.test/t", "x", "")
	noHash.Text = "text"
	if _, err := db.Write([]archive.Entry{noHash}); err == nil {
		t.Error("text without text_sha256 accepted")
	}
}

func TestCaptureRoundTrip(t *testing.T) {
	db := MustOpen(t)
	e := page("http://a.test/", "body", "text")
	e.Capture.Redirects = []archive.Hop{{URL: "http://a.test", Status: 301}, {URL: "http://a.test/", Status: 200}}
	e.Capture.DateCandidates = []archive.DateCandidate{{Value: "2022-11-07", Source: "meta:date"}}
	ids := MustWrite(t, db, e)
	c, err := db.Capture(ids[0])
	if err != nil {
		t.Fatal(err)
	}
	if c.ID != ids[0] || c.PayloadLength != 4 || len(c.Redirects) != 2 || !c.FetchStart.Equal(t0) {
		t.Errorf("capture = %+v", c)
	}
	if _, err := db.Capture(999); !errors.Is(err, archive.ErrNotFound) {
		t.Errorf("missing capture: err = %v", err)
	}
}
