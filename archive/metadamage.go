package archive

import (
	"fmt"
	"github.com/prov-archive/prov/boltfile"
	"os"
)

// MetaDamage is a bbolt meta page of an archive file that does not check
// while the other one does. bbolt then reads the file as of the other
// page's transaction, and says nothing: when the damaged page held the
// newer commit, that commit is lost to every reader, and the next commit
// rewrites the page, after which nothing shows it was ever there. A torn
// write of the page (a power cut during a commit) looks the same, and
// there the commit never finished. Verify reports it (FindMetaPage); a
// crawl is told through Shared.MetaDamage, before its first commit.
type MetaDamage struct {
	Path      string
	Page      int    // the meta page that does not check: 0 or 1
	Complaint string // why it does not check
	Txid      uint64 // the transaction the page names, as stored (the damage may be there too)
	ReadAs    uint64 // the other page's transaction, as of which the file is read
	older     bool   // the page names the transaction before ReadAs: nothing is lost
}

// Lost reports whether the newest commit may be lost: unless the damaged
// page is, by the transaction it names, the older of the two.
func (m *MetaDamage) Lost() bool { return !m.older }

// Detail says what is wrong and what it cost, without the file's name.
func (m *MetaDamage) Detail() string {
	other := 1 - m.Page
	switch {
	case m.older:
		return fmt.Sprintf("meta page %d (transaction %d) does not check (%s); it is the older one: the file is read as of transaction %d (meta page %d), nothing is lost, and the next commit rewrites the page",
			m.Page, m.Txid, m.Complaint, m.ReadAs, other)
	case m.Txid == m.ReadAs+1:
		return fmt.Sprintf("meta page %d (transaction %d) does not check (%s): the file is read as of transaction %d (meta page %d), so its newest commit, transaction %d, is lost",
			m.Page, m.Txid, m.Complaint, m.ReadAs, other, m.Txid)
	}
	return fmt.Sprintf("meta page %d does not check (%s): the file is read as of transaction %d (meta page %d); if the damaged page held the newest commit, transaction %d, it is lost",
		m.Page, m.Complaint, m.ReadAs, other, m.ReadAs+1)
}

func (m *MetaDamage) String() string { return m.Path + ": " + m.Detail() }

// metaDamageOf reads the two meta pages of the bbolt file at path and
// returns the one that does not check, nil when both do (or neither: such
// a file is refused before it is opened, checkFile). The caller holds
// bbolt's lock on the file, so no commit is rewriting a meta page
// meanwhile and a page that does not check is damaged, not half written.
func metaDamageOf(path string) *MetaDamage {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || fi.Size() == 0 {
		return nil
	}
	m := [2]boltfile.Meta{boltfile.ReadMeta(f, 0)}
	m[1] = boltfile.SecondMeta(f, m[0], fi.Size())
	bad := 0
	switch {
	case m[0].Complaint == "" && m[1].Complaint == "", m[0].Complaint != "" && m[1].Complaint != "":
		return nil
	case m[1].Complaint != "":
		bad = 1
	}
	b, good := m[bad], m[1-bad]
	return &MetaDamage{Path: path, Page: bad, Complaint: b.Complaint, Txid: b.TxID, ReadAs: good.TxID,
		older: b.Magic && b.TxID+1 == good.TxID}
}
