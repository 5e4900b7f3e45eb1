package archive

import (
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// FindStitchBroken is a stitched capture whose pages are not what it says:
// a page capture is missing, is not that page, or has another text, or its
// text is not its pages' texts joined (VerifyOptions.Stitch).
const FindStitchBroken = "stitch-broken"

// stitchRefs checks a stitched capture's pages: each named capture is
// stored, is a capture of that URL, and brought that text; the first page
// is the stitched capture's own URL; and, with opts.Stitch, the stitched
// capture's text is its pages' texts joined (each capture's own).
func (v *verifier) stitchRefs(c Capture) []Finding {
	if c.Kind != KindStitched {
		return nil
	}
	var out []Finding
	add := func(key, detail string) {
		out = append(out, Finding{Kind: FindStitchBroken, Bucket: "captures", Key: key, Capture: c.ID, Detail: detail})
	}
	if len(c.Pages) == 0 || c.Pages[0].URL != c.URL {
		add(c.URL, "a stitched capture must list its pages, its own URL first")
	}
	for i, p := range c.Pages {
		if detail := pageRefProblem(v.tx, p); detail != "" {
			add(p.URL, fmt.Sprintf("page %d: %s", i+1, detail))
		}
	}
	if len(out) == 0 && v.opts.Stitch != nil && c.TextSHA256 != "" {
		if detail := v.stitchedText(c); detail != "" {
			add(c.TextSHA256, detail)
		}
	}
	return out
}

// pageRefProblem says what is wrong with one page reference, "" if nothing.
func pageRefProblem(tx *bolt.Tx, p PageRef) string {
	pc, err := getCapture(tx, p.CaptureID)
	switch {
	case err != nil:
		return fmt.Sprintf("capture %d is not stored", p.CaptureID)
	case pc.URL != p.URL:
		return fmt.Sprintf("capture %d is of %s", p.CaptureID, pc.URL)
	case pc.TextSHA256 != p.TextSHA256:
		return fmt.Sprintf("capture %d brought text %s, not %s", p.CaptureID, pc.TextSHA256, p.TextSHA256)
	}
	return ""
}

// stitchedText compares the stitched capture's text with its pages'
// texts joined by opts.Stitch: each capture's own (captureText).
func (v *verifier) stitchedText(c Capture) string {
	texts := make([]string, len(c.Pages))
	for i, p := range c.Pages {
		pc, err := getCapture(v.tx, p.CaptureID)
		if err == nil {
			texts[i], err = captureText(v.tx, pc)
		}
		if err != nil {
			return fmt.Sprintf("page %d: %v", i+1, err)
		}
	}
	text, err := captureText(v.tx, c)
	if err != nil {
		return "" // reported as document-missing or own-text-missing
	}
	if text != v.opts.Stitch(texts) {
		return "stitched text is not its pages' texts joined"
	}
	return ""
}
