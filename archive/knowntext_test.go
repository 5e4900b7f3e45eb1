package archive

import (
	"path/filepath"
	"testing"
	"time"
)

// A page fetched again with other bytes and the same document: prepare
// does not code its text (the URL's previous capture names the
// document), and the write stores what it must all the same — nothing
// for a text that is its document's, the text itself for an own text,
// the document for a Previous of another archive.
func TestKnownDocumentTextNotCoded(t *testing.T) {
	db, err := Open(filepath.Join(t.TempDir(), "prov.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	const url = "http://a.test/"
	text := "第一段，白皮书。 second paragraph"
	sha := Sum([]byte(text)).String() // stands for its normal form's hash
	entry := func(body, text string, prev *Previous) Entry {
		now := time.Date(2026, 12, 6, 0, 0, 0, 0, time.UTC)
		return Entry{Capture: Capture{RequestedURL: url, FinalURL: url, URL: url, Method: "GET", Status: 200,
			FetchStart: now, FetchEnd: now, ToolVersion: "test", TextSHA256: sha},
			Payload: []byte(body), Text: text, Previous: prev}
	}
	if _, err := db.Write([]Entry{entry("<p>v1</p>", text, nil)}); err != nil {
		t.Fatal(err)
	}
	prev, err := db.Previous(url)
	if err != nil {
		t.Fatal(err)
	}
	own := "第一段,白皮书. second paragraph" // another text under the same (stand-in) hash
	for _, tc := range []struct {
		name, body, text string
		ownText          bool
	}{
		{"same text", "<p>v2</p>", text, false},
		{"own text", "<p>v3</p>", own, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := entry(tc.body, tc.text, &prev)
			if err := prepare(&e); err != nil {
				t.Fatal(err)
			}
			if e.storedText != nil {
				t.Errorf("prepare coded the text of a known document (%d bytes)", len(e.storedText))
			}
			ids, err := db.Write([]Entry{entry(tc.body, tc.text, &prev)})
			if err != nil {
				t.Fatal(err)
			}
			c, err := db.Capture(ids[0])
			if err != nil {
				t.Fatal(err)
			}
			if (c.OwnTextSHA256 != "") != tc.ownText {
				t.Errorf("own text %q, want one: %v", c.OwnTextSHA256, tc.ownText)
			}
			got, err := db.CaptureText(c)
			if err != nil || got != tc.text {
				t.Errorf("capture text %q, %v; want %q", got, err, tc.text)
			}
		})
	}

	// A Previous of another archive names a document this one lacks: the
	// write stores it, its text coded in the transaction.
	other, err := Open(filepath.Join(t.TempDir(), "other.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	ids, err := other.Write([]Entry{entry("<p>v4</p>", text, &prev)})
	if err != nil {
		t.Fatal(err)
	}
	d, err := other.Document(sha)
	if err != nil || d.Text != text || d.FirstCapture != ids[0] {
		t.Errorf("document of a known text the archive lacked: %+v, %v", d, err)
	}
}
