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
	sa, err := Resolve(db, a)
	if err != nil {
		return DiffResult{}, err
	}
	var sb Subject
	if b != "" {
		sb, err = Resolve(db, b)
	} else {
		sb, err = originalOf(db, sa)
	}
	if err != nil {
		return DiffResult{}, err
	}
	ops := textdiff.Changes(textdiff.Diff(sb.text, sa.text))
	if ops == nil {
		ops = []textdiff.Op{}
	}
	return DiffResult{Copy: sa, Against: sb, Changes: ops}, nil
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
