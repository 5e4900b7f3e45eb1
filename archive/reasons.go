package archive

import (
	"fmt"
	"time"
)

func authorityName(c *Capture) string {
	if authorityRank(c) == 0 {
		return "unknown"
	}
	return c.Authority
}

func explainAuthority(win, beaten *Capture) string {
	return fmt.Sprintf("authority %s beats %s", authorityName(win), authorityName(beaten))
}

// explainPublished says why win's date beat beaten's; a date from the
// server's Last-Modified header is named as such.
func explainPublished(win, beaten *Capture) string {
	switch _, dated := ParsePublished(beaten.Published); {
	case !dateFromHeader(win) && dated && dateFromHeader(beaten):
		return fmt.Sprintf("published %s on the page; the next copy's date, %s, is only its server's Last-Modified header", win.Published, beaten.Published)
	case dateFromHeader(win) && !dated:
		return fmt.Sprintf("last modified %s by its server's Last-Modified header (no date on its page); the others are undated", win.Published)
	case dateFromHeader(win):
		return fmt.Sprintf("last modified %s by its server's Last-Modified header (no date on its page), earliest (next %s)", win.Published, beaten.Published)
	case !dated:
		return fmt.Sprintf("published %s; the others are undated", win.Published)
	}
	return fmt.Sprintf("published %s, earliest (next %s)", win.Published, beaten.Published)
}

func explainFetched(win, beaten *Capture) string {
	return fmt.Sprintf("first fetched %s, earliest (next %s)",
		win.FetchStart.UTC().Format(time.RFC3339), beaten.FetchStart.UTC().Format(time.RFC3339))
}

func explainID(win, beaten *Capture) string {
	return fmt.Sprintf("tie broken by capture ID: %d before %d", win.ID, beaten.ID)
}
