package trace

import (
	"errors"
	"slices"
	"time"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/clean"
)

// Similarity is how prov compares texts, in every command and package
// that groups works: shingle sets recomputed from the stored texts with
// clean's shingler, archive's default thresholds. Two callers that group
// with it see the same works.
func Similarity() archive.Similarity {
	return archive.Similarity{Shingles: clean.Shingles}
}

// ErrNoWork says that no archived work holds or resembles a text.
var ErrNoWork = errors.New("no work holds it")

// Result is what prov trace reports; its JSON is prov trace --json.
type Result struct {
	Subject  Subject        `json:"subject"`
	Work     *archive.Work  `json:"work,omitempty"`
	Copy     *archive.Copy  `json:"copy,omitempty"`  // the subject as a copy of the work (archived subjects)
	Match    *archive.Match `json:"match,omitempty"` // the subject against the original (files)
	Faithful bool           `json:"faithful"`        // same normalised text as the original
	// Earlier is, for a subject not faithful to the original as it
	// stands, the first archived capture of the original's URL whose text
	// the subject's is: the original changed after the copy was made.
	Earlier *Version        `json:"faithful_to_earlier,omitempty"`
	Matches []archive.Match `json:"matches,omitempty"`
}

// Version is one archived capture of the original's URL.
type Version struct {
	CaptureID uint64    `json:"capture_id"`
	Fetched   time.Time `json:"fetched_at"`
}

// Trace resolves arg (Resolve) and finds its work: through its capture or
// text hash when archived, through the sketch index otherwise. A subject
// no work holds or resembles is a Result with no Work, not an error.
func Trace(db *archive.DB, arg string) (Result, error) {
	s, err := Resolve(db, arg)
	if err != nil {
		return Result{}, err
	}
	return traceSubject(db, s)
}

func traceSubject(db *archive.DB, s Subject) (Result, error) {
	res := Result{Subject: s}
	works, err := db.WorksBy(Similarity())
	if err != nil {
		return res, err
	}
	if w, c := workOf(works, s); w != nil {
		res.Work, res.Copy = w, c
		res.Faithful = s.TextSHA256 == w.TextSHA256
		return res, res.findEarlier(db)
	}
	sk, n := clean.Sketch(s.text)
	res.Matches, err = db.Similar(archive.Query{Text: s.text, TextSHA256: s.TextSHA256, Sketch: sk, Shingles: n}, Similarity())
	if err != nil || len(res.Matches) == 0 {
		return res, err
	}
	res.Work = workOfText(works, res.Matches[0].TextSHA256)
	if res.Work != nil {
		res.Faithful = s.TextSHA256 == res.Work.TextSHA256
		if i := slices.IndexFunc(res.Matches, func(m archive.Match) bool { return m.TextSHA256 == res.Work.TextSHA256 }); i >= 0 {
			res.Match = &res.Matches[i]
		}
	}
	return res, res.findEarlier(db)
}

// findEarlier sets Earlier when the subject is not faithful to the
// original as it stands but is to an earlier archived text of its URL.
func (res *Result) findEarlier(db *archive.DB) error {
	if res.Work == nil || res.Faithful {
		return nil
	}
	caps, err := db.History(res.Work.Original.URL)
	for _, c := range caps {
		if c.TextSHA256 == res.Subject.TextSHA256 {
			res.Earlier = &Version{CaptureID: c.ID, Fetched: c.FetchStart.UTC()}
			break
		}
	}
	return err
}

// workOf finds the work holding the subject's capture, or its text (a
// subject named by its hash); a file is never a copy of a work.
func workOf(works []archive.Work, s Subject) (*archive.Work, *archive.Copy) {
	for i := range works {
		for j, c := range works[i].Copies {
			if (s.CaptureID != 0 && c.CaptureID == s.CaptureID) || (s.CaptureID == 0 && !s.File && c.TextSHA256 == s.TextSHA256) {
				return &works[i], &works[i].Copies[j]
			}
		}
	}
	return nil, nil
}

// workOfText finds the work one of whose copies has the text sha.
func workOfText(works []archive.Work, sha string) *archive.Work {
	w, _ := workOf(works, Subject{TextSHA256: sha})
	return w
}
