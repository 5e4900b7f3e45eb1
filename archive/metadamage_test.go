package archive_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/archive/archivetest"
)

// twoCommits makes an archive whose meta pages name two commits of
// captures, and returns its path.
func twoCommits(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "prov.db")
	db := MustOpenPath(t, path, archive.Options{})
	MustWrite(t, db, page("http://a.test/", htmlOf("a"), "text a"))
	MustWrite(t, db, page("http://b.test/", htmlOf("b"), "text b"))
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestVerifyReportsAMetaPageThatDoesNotCheck flips one bit in a meta
// page. bbolt reads the file as of the other page without a word; Verify
// (of a snapshot, as prov verify reads) reports it first, naming the page
// and the transactions: when the page was the newest, its commit is lost.
// Before, Verify found nothing.
func TestVerifyReportsAMetaPageThatDoesNotCheck(t *testing.T) {
	for _, newest := range []bool{true, false} {
		t.Run(fmt.Sprintf("newest=%v", newest), func(t *testing.T) {
			path := twoCommits(t)
			pg, txid := archivetest.NewestMeta(t, path)
			want := fmt.Sprintf("meta page %d (transaction %d) does not check (checksum mismatch): the file is read as of transaction %d (meta page %d), so its newest commit, transaction %d, is lost",
				pg, txid, txid-1, 1-pg, txid)
			if !newest {
				pg = 1 - pg
				want = fmt.Sprintf("meta page %d (transaction %d) does not check (checksum mismatch); it is the older one: the file is read as of transaction %d (meta page %d), nothing is lost",
					pg, txid-1, txid, 1-pg)
			}
			archivetest.FlipMetaBit(t, path, pg)

			db, err := archive.OpenSnapshot(path, t.TempDir(), archive.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			var found []archive.Finding
			if _, err := db.VerifyWith(archive.VerifyOptions{}, func(f archive.Finding) error { found = append(found, f); return nil }); err != nil {
				t.Fatal(err)
			}
			if len(found) != 1 || found[0].Kind != archive.FindMetaPage || found[0].Key != fmt.Sprint(pg) || !strings.HasPrefix(found[0].Detail, want) {
				t.Fatalf("findings %v, want one %s finding: %s", found, archive.FindMetaPage, want)
			}
			if m := db.MetaDamage(); m == nil || m.Lost() != newest || m.Path != path {
				t.Errorf("MetaDamage %+v: want lost %v, named %s", m, newest, path)
			}
		})
	}
}

// TestSalvageReportsALostCommit flips one bit in a meta page and
// salvages the archive: when the page held the newest commit, the copy is
// of the commit before, and Salvage says so first (so prov salvage exits
// 3); when it was the older page, nothing is lost and nothing is said.
// Before, a salvage of the lost commit's file reported "lost: nothing".
func TestSalvageReportsALostCommit(t *testing.T) {
	for _, newest := range []bool{true, false} {
		t.Run(fmt.Sprintf("newest=%v", newest), func(t *testing.T) {
			path := twoCommits(t)
			pg, txid := archivetest.NewestMeta(t, path)
			if !newest {
				pg = 1 - pg
			}
			archivetest.FlipMetaBit(t, path, pg)
			var lost []archive.Loss
			st, err := archive.Salvage(path, filepath.Join(t.TempDir(), "rescued.db"), archive.SalvageOptions{},
				func(l archive.Loss) { lost = append(lost, l) })
			if err != nil {
				t.Fatal(err)
			}
			if !newest {
				if len(lost) != 0 || len(st.Lost) != 0 {
					t.Errorf("lost %v, stats %v; want nothing", lost, st.Lost)
				}
				return
			}
			want := fmt.Sprintf("meta page %d (transaction %d) does not check (checksum mismatch): the file is read as of transaction %d", pg, txid, txid-1)
			if len(lost) != 1 || lost[0].Bucket != "bbolt-meta" || lost[0].Key != fmt.Sprint(pg) || !strings.HasPrefix(lost[0].Detail, want) || st.Lost["bbolt-meta"] != 1 {
				t.Errorf("lost %v, stats %v; want one bbolt-meta loss: %s", lost, st.Lost, want)
			}
		})
	}
}
