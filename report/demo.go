package report

import (
	"fmt"
	"io"
	"net/url"
	"strings"

	"github.com/prov-archive/prov/archive"
)

// Sites prints, per host, its authority, the pages archived and the
// charsets with the evidence that decided them, from each URL's latest
// capture.
func Sites(w io.Writer, db *archive.DB) error {
	type site struct {
		pages     int
		authority string
		charsets  map[string]bool
	}
	sites := map[string]*site{}
	err := db.Latest(func(c archive.Capture) error {
		h := hostOf(c.URL)
		s := sites[h]
		if s == nil {
			s = &site{charsets: map[string]bool{}}
			sites[h] = s
		}
		s.pages++
		if c.Charset != "" {
			s.charsets[c.Charset+" ("+c.CharsetEvidence+")"] = true
		}
		if c.Authority != "" {
			s.authority = c.Authority
		}
		return nil
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\n%-24s %-10s %5s  %s\n", "site", "authority", "pages", "encodings (evidence)")
	for _, h := range sortedKeys(sites) {
		s := sites[h]
		fmt.Fprintf(w, "%-24s %-10s %5d  %s\n", h, s.authority, s.pages, strings.Join(sortedKeys(s.charsets), ", "))
	}
	return nil
}

// Copies prints each archived document (each URL's copy with a text):
// where, when, from whom, and the pages of a stitched article.
func Copies(w io.Writer, db *archive.DB) error {
	fmt.Fprintf(w, "\ncopies (documents):\n")
	return db.LatestContent(func(c archive.Capture) error {
		if c.TextSHA256 == "" {
			return nil
		}
		fmt.Fprintf(w, "  %-21s %-10s %-25s %s  [%s]\n", hostOf(c.URL), c.Lang, orNone(c.Published), clip(c.Title, 40), orNone(c.Attribution))
		if len(c.Pages) > 0 {
			fmt.Fprintf(w, "  %-21s stitched from %d pages: %s … %s\n", "", len(c.Pages), c.Pages[0].URL, pathOnly(c.Pages[len(c.Pages)-1].URL))
		}
		return nil
	})
}

// clip shortens s to at most n characters, marking the cut.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// pathOnly is a URL's path and query, for lines that named its host already.
func pathOnly(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Path == "" {
		return raw
	}
	return u.RequestURI()
}

// Groups prints the works: how many documents, works and texts carried
// by more than one copy, then each work's copies, the elected original
// first, with their relation to it.
func Groups(w io.Writer, works []archive.Work) {
	fmt.Fprintf(w, "\n%d documents in %d works (identical-text groups: %d):\n", countCopies(works), len(works), identicalGroups(works))
	for _, wk := range works {
		fmt.Fprintf(w, "  work %s (copies: %d)\n", wk.ID, len(wk.Copies))
		for _, c := range wk.Copies {
			fmt.Fprintf(w, "    %-9s %s%s\n", c.Relation, c.URL, closeness(c))
		}
	}
}

// identicalGroups counts the texts that more than one copy carries.
func identicalGroups(works []archive.Work) int {
	perText := map[string]int{}
	for _, wk := range works {
		for _, c := range wk.Copies {
			perText[c.TextSHA256]++
		}
	}
	n := 0
	for _, copies := range perText {
		if copies > 1 {
			n++
		}
	}
	return n
}

// closeness says how near a copy's text is to the original's.
func closeness(c archive.Copy) string {
	switch c.Relation {
	case archive.RelNear:
		return fmt.Sprintf("  (similarity %.3f)", c.Similarity)
	case archive.RelExcerpt, archive.RelContains:
		return fmt.Sprintf("  (%s of it in the original)", archive.Percent(c.Containment))
	}
	return ""
}

func countCopies(works []archive.Work) int {
	n := 0
	for _, wk := range works {
		n += len(wk.Copies)
	}
	return n
}
