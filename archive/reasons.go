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

func explainPublished(win, beaten *Capture) string {
	if _, ok := ParsePublished(beaten.Published); !ok {
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
