package serve

import (
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/clean"
)

// runRow is one run as prov runs shows it.
type runRow struct {
	archive.Run
	FailedN int
	Reasons string
}

// verifyResult is one verify over a snapshot of the archive.
type verifyResult struct {
	At       time.Time
	Stats    archive.VerifyStats
	Findings []string // the first maxFindings
	More     int      // findings not listed
	Err      string
}

// maxFindings bounds the findings a page lists.
const maxFindings = 200

// lastVerify keeps the last verify this server made.
type lastVerify struct {
	mu  sync.Mutex
	res *verifyResult
}

func (l *lastVerify) get() *verifyResult {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.res
}

func (l *lastVerify) set(r *verifyResult) {
	l.mu.Lock()
	l.res = r
	l.mu.Unlock()
}

type runsPage struct {
	Runs   []runRow
	Verify *verifyResult
	Fresh  bool // Verify was made for this request
}

func (runsPage) title() string { return "Runs and verify" }

func (s *Server) runs(w http.ResponseWriter, r *http.Request) error {
	p := runsPage{Verify: s.verified.get()}
	if err := s.read(func(db *archive.DB) (err error) { p.Runs, err = runRows(db); return err }); err != nil {
		return err
	}
	s.render(w, http.StatusOK, "runs", p)
	return nil
}

// verify checks the archive's fixity and references now, as prov verify
// does, on a snapshot (so a crawl is not held up while it reads), and
// shows the result with the runs.
func (s *Server) verify(w http.ResponseWriter, r *http.Request) error {
	res := &verifyResult{At: time.Now().UTC()}
	var rows []runRow
	err := s.snapshot(func(db *archive.DB) error {
		var err error
		if rows, err = runRows(db); err != nil {
			return err
		}
		opts := archive.VerifyOptions{TextHasher: clean.TextHash, NormVersion: clean.NormVersion, Stitch: clean.StitchText}
		res.Stats, err = db.VerifyWith(opts, func(f archive.Finding) error {
			if len(res.Findings) < maxFindings {
				res.Findings = append(res.Findings, f.Error())
			} else {
				res.More++
			}
			return nil
		})
		if err != nil {
			res.Err = err.Error()
		}
		return nil
	})
	if err != nil {
		return err
	}
	s.verified.set(res)
	s.render(w, http.StatusOK, "runs", runsPage{Runs: rows, Verify: res, Fresh: true})
	return nil
}

func runRows(db *archive.DB) ([]runRow, error) {
	runs, err := db.Runs()
	if err != nil {
		return nil, err
	}
	rows := make([]runRow, len(runs))
	for i, r := range runs {
		rows[i] = runRow{Run: r}
		var parts []string
		for _, k := range slices.Sorted(maps.Keys(r.Failed)) {
			rows[i].FailedN += r.Failed[k]
			parts = append(parts, fmt.Sprintf("%s: %d", k, r.Failed[k]))
		}
		rows[i].Reasons = strings.Join(parts, ", ")
	}
	return rows, nil
}
