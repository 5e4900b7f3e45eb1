package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/clean"
)

// subject is a text the user named: an archived URL, a text hash, or a
// file they hold.
type subject struct {
	Label      string `json:"label"`
	URL        string `json:"url,omitempty"`
	CaptureID  uint64 `json:"capture_id,omitempty"`
	TextSHA256 string `json:"text_sha256"`
	File       bool   `json:"file,omitempty"`
	text       string
}

var hexHash = regexp.MustCompile(`^[0-9a-f]{64}$`)

// resolve reads arg as a file when one exists at that path, as a text
// sha256 when it is 64 hex digits, and as an archived URL otherwise.
func resolve(db *archive.DB, arg string) (subject, error) {
	if fi, err := os.Stat(arg); err == nil && !fi.IsDir() {
		return fileSubject(arg)
	}
	if hexHash.MatchString(arg) {
		d, err := db.Document(arg)
		if err != nil {
			return subject{}, err
		}
		return subject{Label: arg, TextSHA256: arg, text: d.Text}, nil
	}
	return urlSubject(db, arg)
}

// urlSubject is url's copy, as works see it: for a page of an article
// split over pages, the stitched article.
func urlSubject(db *archive.DB, url string) (subject, error) {
	c, ok, err := db.CopyOf(url)
	if err != nil {
		return subject{}, err
	}
	if !ok || c.TextSHA256 == "" {
		if c, ok, err = db.NewestText(url); err != nil || !ok {
			return subject{}, firstErr(err, fmt.Errorf("%s: %w: no archived text (and no such file)", url, archive.ErrNotFound))
		}
	}
	d, err := db.Document(c.TextSHA256)
	if err != nil {
		return subject{}, err
	}
	return subject{Label: url, URL: c.URL, CaptureID: c.ID, TextSHA256: c.TextSHA256, text: d.Text}, nil
}

// fileSubject reads a text or HTML file and takes its clean text: HTML
// goes through clean.Clean, anything else is taken as text.
func fileSubject(path string) (subject, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return subject{}, fmt.Errorf("read %s: %w", path, err)
	}
	text := string(b)
	if looksHTML(b) {
		abs, _ := filepath.Abs(path)
		doc, err := clean.Clean(clean.Input{URL: "file://" + filepath.ToSlash(abs), Body: b})
		if err != nil {
			return subject{}, err
		}
		text = doc.Text
	}
	if strings.TrimSpace(text) == "" {
		return subject{}, fmt.Errorf("%s: no text found", path)
	}
	return subject{Label: path, File: true, TextSHA256: clean.TextHash(text), text: text}, nil
}

func looksHTML(b []byte) bool {
	head := strings.ToLower(string(b[:min(len(b), 1024)]))
	return strings.Contains(head, "<html") || strings.Contains(head, "<!doctype") || strings.Contains(head, "<p>")
}

// traceResult is what `prov trace` reports.
type traceResult struct {
	Subject  subject         `json:"subject"`
	Work     *archive.Work   `json:"work,omitempty"`
	Copy     *archive.Copy   `json:"copy,omitempty"`  // the subject as a copy of the work (archived subjects)
	Match    *archive.Match  `json:"match,omitempty"` // the subject against the original (files)
	Faithful bool            `json:"faithful"`        // same normalised text as the original
	Matches  []archive.Match `json:"matches,omitempty"`
}

func runTrace(ctx context.Context, e *env, args []string) error {
	fs := newFlags("trace", "URL|HASH|FILE", e.stderr)
	dbFlag, asJSON := addDBFlag(fs), addJSONFlag(fs)
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("see 'prov trace -h'", "trace takes one URL, text hash or file")
	}
	db, err := openForRead(dbPath(*dbFlag, e.getenv))
	if err != nil {
		return err
	}
	defer db.Close()
	res, err := trace(db, pos[0])
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(e.stdout, res)
	}
	printTrace(e.stdout, res)
	return nil
}

// trace finds the subject's work: through its capture or text hash when
// archived, through the sketch index otherwise.
func trace(db *archive.DB, arg string) (traceResult, error) {
	s, err := resolve(db, arg)
	if err != nil {
		return traceResult{}, err
	}
	res := traceResult{Subject: s}
	works, err := db.WorksBy(similarity())
	if err != nil {
		return res, err
	}
	if w, c := workOf(works, s); w != nil {
		res.Work, res.Copy = w, c
		res.Faithful = s.TextSHA256 == w.TextSHA256
		return res, nil
	}
	sk, n := clean.Sketch(s.text)
	res.Matches, err = db.Similar(archive.Query{Text: s.text, TextSHA256: s.TextSHA256, Sketch: sk, Shingles: n}, similarity())
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
	return res, nil
}

// workOf finds the work holding the subject's capture, or its text.
func workOf(works []archive.Work, s subject) (*archive.Work, *archive.Copy) {
	for i := range works {
		for j, c := range works[i].Copies {
			if (s.CaptureID != 0 && c.CaptureID == s.CaptureID) || (s.CaptureID == 0 && !s.File && c.TextSHA256 == s.TextSHA256) {
				return &works[i], &works[i].Copies[j]
			}
		}
	}
	return nil, nil
}

func workOfText(works []archive.Work, sha string) *archive.Work {
	w, _ := workOf(works, subject{TextSHA256: sha})
	return w
}

func printTrace(w io.Writer, r traceResult) {
	fmt.Fprintf(w, "subject: %s\n  text sha256 %s\n", r.Subject.Label, r.Subject.TextSHA256)
	if r.Work == nil {
		fmt.Fprintln(w, "no work in the archive holds this text or resembles it")
		return
	}
	fmt.Fprintf(w, "work %s (%d copies)\n  original: %s\n", r.Work.ID, len(r.Work.Copies), r.Work.Original.URL)
	for _, why := range r.Work.Reasons {
		fmt.Fprintf(w, "    because %s\n", why)
	}
	switch {
	case r.Copy != nil:
		fmt.Fprintf(w, "this copy: %s — %s\n", r.Copy.Relation, r.Copy.Why)
	case r.Match != nil:
		fmt.Fprintf(w, "this text against the original: %s (Jaccard %.3f, %.0f%% of it in the original, %.0f%% of the original in it)\n",
			r.Match.Relation, r.Match.Jaccard, 100*r.Match.Containment, 100*r.Match.Contains)
	}
	fmt.Fprintf(w, "faithful to the original: %s\n", yesNo(r.Faithful))
	fmt.Fprintln(w, "copies:")
	for _, c := range r.Work.Copies {
		printCopy(w, c)
	}
}

func yesNo(b bool) string {
	if b {
		return "yes (same normalised text)"
	}
	return "no (see prov diff)"
}

var errNoWork = errors.New("no work holds it")
