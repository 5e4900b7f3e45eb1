package archive

import (
	"path/filepath"
	"testing"
)

// TestRecrawlDecodesPreviousOnce: a re-crawl's steps (Previous for the
// conditional GET, PreviousPayload for a 304's links, the write deriving
// the kind) decode the URL's last capture once when each is handed the
// Previous the first read; a Previous gone stale (another capture of the
// URL written since) is not trusted.
func TestRecrawlDecodesPreviousOnce(t *testing.T) {
	const url = "http://re.test/a"
	cases := []struct {
		name        string
		pass        bool   // hand the Previous along
		between     string // payload of a capture written after Previous, "" for none
		payload     string // the re-crawl's payload
		wantKind    string
		wantDecodes int64
	}{
		{"passed along, same bytes", true, "", "<p>one</p>", KindRevisit, 1},
		{"passed along, new bytes", true, "", "<p>two</p>", KindResponse, 1},
		{"not passed", false, "", "<p>one</p>", KindRevisit, 3},
		// Previous, the write between, then the 304 links and the kind
		// each read the URL again.
		{"stale: the URL changed since", true, "<p>two</p>", "<p>two</p>", KindRevisit, 4},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			db, err := Open(filepath.Join(t.TempDir(), "prov.db"), Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if _, err := db.Write([]Entry{testEntry(url, "<p>one</p>", "one")}); err != nil {
				t.Fatal(err)
			}
			before := captureDecodes.Load()
			prev, err := db.Previous(url)
			if err != nil || prev.PayloadSHA256 != Sum([]byte("<p>one</p>")).String() {
				t.Fatalf("Previous = %+v, %v", prev, err)
			}
			if tc.between != "" {
				if _, err := db.Write([]Entry{testEntry(url, tc.between, "between")}); err != nil {
					t.Fatal(err)
				}
			}
			var pass *Previous
			if tc.pass {
				pass = &prev
			}
			if b, _, err := db.PreviousPayload(url, pass); err != nil || len(b) == 0 {
				t.Fatalf("PreviousPayload = %q, %v", b, err)
			}
			e := testEntry(url, tc.payload, "text")
			e.Previous = pass
			caps, err := db.write([]Entry{e})
			if err != nil {
				t.Fatal(err)
			}
			if caps[0].Kind != tc.wantKind {
				t.Errorf("kind %q, want %q", caps[0].Kind, tc.wantKind)
			}
			if got := captureDecodes.Load() - before; got != tc.wantDecodes {
				t.Errorf("%d captures decoded, want %d", got, tc.wantDecodes)
			}
		})
	}
}
