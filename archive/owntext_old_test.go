package archive

import (
	"testing"
)

// An archive written before own texts were kept (testdata/schema2.db.gz)
// reads as before: read-only, without an owntexts bucket, each capture's
// text is its document's and it verifies clean. Once a writer has taken
// it to the current schema, a capture that brings a document's very text
// names no own text, and one with other bytes under the same hash keeps
// them.
func TestSchema2ArchiveOwnTexts(t *testing.T) {
	path := gunzipFixture(t, "testdata/schema2.db.gz")
	ro, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	var withText Capture
	err = ro.Captures(func(c Capture) error {
		if c.TextSHA256 == "" {
			return nil
		}
		withText = c
		text, err := ro.CaptureText(c)
		d, derr := ro.Document(c.TextSHA256)
		if err != nil || derr != nil || text != d.Text || c.OwnTextSHA256 != "" {
			t.Errorf("capture %d: text %q, %v; document %q, %v", c.ID, text, err, d.Text, derr)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := ro.Verify(func(f Finding) error { t.Error(f); return nil }); err != nil {
		t.Fatal(err)
	}
	ro.Close()
	if withText.ID == 0 {
		t.Fatal("the fixture has no capture with a text")
	}

	db := openUpgraded(t, path)
	d, err := db.Document(withText.TextSHA256)
	if err != nil || d.ExactSHA256 != "" {
		t.Fatalf("old document %+v, %v: want one without an exact sha256", d, err)
	}
	same := testEntry("http://same.test/a", "<p>same</p>", d.Text)
	other := testEntry("http://other.test/a", "<p>other</p>", d.Text+" ")
	same.Capture.TextSHA256, other.Capture.TextSHA256 = d.TextSHA256, d.TextSHA256 // as if they normalised alike
	ids, err := db.Write([]Entry{same, other})
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []string{d.Text, d.Text + " "} {
		c, err := db.Capture(ids[i])
		if err != nil {
			t.Fatal(err)
		}
		text, err := db.CaptureText(c)
		if err != nil || text != want || (c.OwnTextSHA256 == "") != (i == 0) {
			t.Errorf("capture %d: own text %q, text %q, %v; want %q", c.ID, c.OwnTextSHA256, text, err, want)
		}
	}
	if err := db.Verify(func(f Finding) error { t.Error(f); return nil }); err != nil {
		t.Fatal(err)
	}
}
