package trace

import (
	"fmt"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/textdiff"
)

// DiffResult is what prov diff reports: how copy A differs from B,
// paragraph by paragraph. Indexes are 0-based (a_index into B's
// paragraphs, b_index into A's) in JSON, 1-based in prov diff's text.
type DiffResult struct {
	Copy    Subject       `json:"copy"`
	Against Subject       `json:"against"`
	Changes []textdiff.Op `json:"changes"` // [] when the texts are the same
}

// Diff compares the text a names against the one b names, or, when b is
// "", against the original of a's work (ErrNoWork when a has none). Both
// are resolved as Resolve does.
func Diff(db *archive.DB, a, b string) (DiffResult, error) {
	return diff(db, Resolve, a, b)
}

// DiffArchived is Diff with a and b resolved as ResolveArchived does:
// never as files.
func DiffArchived(db *archive.DB, a, b string) (DiffResult, error) {
	return diff(db, ResolveArchived, a, b)
}

func diff(db *archive.DB, resolve func(*archive.DB, string) (Subject, error), a, b string) (DiffResult, error) {
	sa, err := resolve(db, a)
	if err != nil {
		return DiffResult{}, err
	}
	var sb Subject
	if b != "" {
		sb, err = resolve(db, b)
	} else {
		sb, err = originalOf(db, sa)
	}
	if err != nil {
		return DiffResult{}, err
	}
	return DiffSubjects(sa, sb), nil
}

// DiffSubjects compares the text of copy a against the text of b.
func DiffSubjects(a, b Subject) DiffResult {
	ops := textdiff.Changes(textdiff.Diff(b.text, a.text))
	if ops == nil {
		ops = []textdiff.Op{}
	}
	return DiffResult{Copy: a, Against: b, Changes: ops}
}

// originalOf resolves the original of the work that s belongs to.
func originalOf(db *archive.DB, s Subject) (Subject, error) {
	t, err := traceSubject(db, s)
	if err != nil {
		return Subject{}, err
	}
	if t.Work == nil {
		return Subject{}, fmt.Errorf("%s: %w; name B", s.Label, ErrNoWork)
	}
	return Resolve(db, t.Work.Original.URL)
}

// OriginalOf resolves the original of the work that s belongs to
// (ErrNoWork when none holds or resembles it).
func OriginalOf(db *archive.DB, s Subject) (Subject, error) { return originalOf(db, s) }
