package report

import (
	"fmt"
	"io"
	"time"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/textdiff"
	"github.com/prov-archive/prov/trace"
	"github.com/prov-archive/prov/watch"
)

// Work prints a work as prov works does: its original, what became of it
// since (Online, when st says something), the reasons it won the
// election, each copy, then a blank line.
func Work(w io.Writer, wk archive.Work, st *watch.Status) {
	fmt.Fprintf(w, "work %s  (%s)\n", wk.ID, Counted(len(wk.Copies), "copy", "copies"))
	fmt.Fprintf(w, "  original: %s\n", wk.Original.URL)
	Online(w, "    ", "now", st)
	for _, r := range wk.Reasons {
		fmt.Fprintf(w, "    because %s\n", r)
	}
	for _, c := range wk.Copies {
		Copy(w, c)
	}
	fmt.Fprintln(w)
}

// Copy prints one copy of a work on a line (and a line per page of a
// stitched article): relation, authority, date, URL, publisher, and for a
// near copy, an excerpt or a copy that contains the original how close it
// is.
func Copy(w io.Writer, c archive.Copy) {
	sim := ""
	if c.Relation == archive.RelNear || c.Relation == archive.RelExcerpt || c.Relation == archive.RelContains {
		sim = fmt.Sprintf("  (similarity %.3f, %s in original)", c.Similarity, archive.Percent(c.Containment))
	}
	fmt.Fprintf(w, "  %-9s %-10s %-25s %s  %s%s\n", c.Relation, orNone(c.Authority), orNone(c.Published), c.URL, c.Publisher, sim)
	for i, p := range c.Pages {
		fmt.Fprintf(w, "  %-9s page %d: %s (capture %d)\n", "", i+1, p.URL, p.CaptureID)
	}
}

// Trace prints what prov trace found: the subject, its work and original,
// how the subject relates to it and what became of the original since
// (st, as Online prints it), and every copy.
func Trace(w io.Writer, r trace.Result, st *watch.Status) {
	fmt.Fprintf(w, "subject: %s\n  text sha256 %s\n", r.Subject.Label, r.Subject.TextSHA256)
	confirmedNote(w, r.Subject)
	if r.Work == nil {
		fmt.Fprintln(w, "no work in the archive holds this text or resembles it")
		return
	}
	fmt.Fprintf(w, "work %s (%s)\n  original: %s\n", r.Work.ID, Counted(len(r.Work.Copies), "copy", "copies"), r.Work.Original.URL)
	for _, why := range r.Work.Reasons {
		fmt.Fprintf(w, "    because %s\n", why)
	}
	switch {
	case r.Copy != nil:
		fmt.Fprintf(w, "this copy: %s — %s\n", r.Copy.Relation, r.Copy.Why)
	case r.Match != nil:
		fmt.Fprintf(w, "this text against the original: %s (Jaccard %.3f, %s of it in the original, %s of the original in it)\n",
			r.Match.Relation, r.Match.Jaccard, archive.Percent(r.Match.Containment), archive.Percent(r.Match.Contains))
	}
	fmt.Fprintf(w, "faithful to the original: %s\n", yesNo(r.Faithful))
	if e := r.Earlier; e != nil {
		fmt.Fprintf(w, "  but the same text as the original's capture %d, fetched %s: the original changed since\n", e.CaptureID, e.Fetched.Format(time.RFC3339))
	}
	Online(w, "  ", "the original now", st)
	fmt.Fprintln(w, "copies:")
	for _, c := range r.Work.Copies {
		Copy(w, c)
	}
}

func yesNo(b bool) string {
	if b {
		return "yes (same normalised text)"
	}
	return "no (see prov diff)"
}

// Diff prints a diff as prov diff does: B as "---", the copy as "+++",
// then each changed, removed or added paragraph, numbered from 1.
func Diff(w io.Writer, r trace.DiffResult) {
	fmt.Fprintf(w, "--- %s (%s)\n+++ %s (%s)\n", r.Against.Label, short(r.Against.TextSHA256), r.Copy.Label, short(r.Copy.TextSHA256))
	confirmedNote(w, r.Against)
	confirmedNote(w, r.Copy)
	if len(r.Changes) == 0 {
		fmt.Fprintln(w, "no differences")
		return
	}
	for _, op := range r.Changes {
		switch {
		case op.Kind == textdiff.Changed && op.CutShort:
			fmt.Fprintf(w, "\nparagraph %d changed (now %d), cut short:\n  %s\n", op.AIndex+1, op.BIndex+1, op.Marked)
		case op.Kind == textdiff.Changed:
			fmt.Fprintf(w, "\nparagraph %d changed (now %d):\n  %s\n", op.AIndex+1, op.BIndex+1, op.Marked)
		case op.Kind == textdiff.Removed && op.MovedTo != nil:
			fmt.Fprintf(w, "\nparagraph %d moved (now %d):\n  %s\n", op.AIndex+1, *op.MovedTo+1, op.A)
		case op.Kind == textdiff.Removed:
			fmt.Fprintf(w, "\nparagraph %d removed:\n  [-%s-]\n", op.AIndex+1, op.A)
		case op.Kind == textdiff.Added && op.MovedFrom != nil:
			fmt.Fprintf(w, "\nparagraph %d of the copy is paragraph %d, moved here\n", op.BIndex+1, *op.MovedFrom+1)
		case op.Kind == textdiff.Added:
			fmt.Fprintf(w, "\nparagraph %d of the copy added:\n  {+%s+}\n", op.BIndex+1, op.B)
		}
		if op.Note != "" {
			fmt.Fprintf(w, "  (%s)\n", op.Note)
		}
	}
}

// confirmedNote says, of a subject named by a not-modified revisit, that
// its text is the capture's the revisit confirms.
func confirmedNote(w io.Writer, s trace.Subject) {
	if s.ConfirmedBy != 0 {
		fmt.Fprintf(w, "  capture %d answered 304 (not modified): it confirms capture %d, whose text this is\n", s.ConfirmedBy, s.CaptureID)
	}
}
