package export

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"

	"github.com/prov-archive/prov/archive"
)

// JSONL writes one JSON line per copy selected by f, in URL order, with the
// copy's clean text.
func JSONL(db *archive.DB, w io.Writer, f Filter) error {
	lines, _, err := selectCopies(db, f)
	if err != nil {
		return fmt.Errorf("export: jsonl: %w", err)
	}
	bw := bufio.NewWriterSize(w, 1<<20) // a line holds a whole text: 4 KB would be a write or two per line
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	texts := newTextLoader(db, lines)
	for i := range lines {
		if err := db.Interrupted(); err != nil {
			return fmt.Errorf("export: jsonl: %w", err)
		}
		if err := texts.load(&lines[i]); err != nil {
			if err := lines[i].skip(db, err); err != nil {
				return fmt.Errorf("export: jsonl: %w", err)
			}
			continue // skipped: its text cannot be read (archive.Options.OnSkip)
		}
		if err := enc.Encode(&lines[i]); err != nil {
			return fmt.Errorf("export: jsonl: %w", err)
		}
		lines[i].Text = nil // one text in memory at a time
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("export: jsonl: %w", err)
	}
	return nil
}
