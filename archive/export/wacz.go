package export

import (
	"archive/zip"
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"
	"io"
	"time"

	"github.com/prov-archive/prov/archive"
)

// WACZ member names (WACZ 1.1.1).
const (
	waczWARC    = "archive/data.warc.gz"
	waczIndex   = "indexes/index.cdxj"
	waczPages   = "pages/pages.jsonl"
	waczPackage = "datapackage.json"
	waczDigest  = "datapackage-digest.json"
)

// WACZStats says what a WACZ holds.
type WACZStats struct {
	WARC  WARCStats
	Pages int // lines of pages.jsonl after its header
}

// WACZ writes the captures selected by o.Filter to w as a WACZ 1.1.1 file
// (a zip), the form ReplayWeb.page opens: archive/data.warc.gz (the WARC
// of WARC, stored without zip compression so that it can be read at its
// offsets), indexes/index.cdxj (its CDXJ), pages/pages.jsonl (a
// json-pages-1.0 header, then one line per copy with a text: url and ts
// of the capture in the WARC, title, text, work, original, relation),
// datapackage.json (each member's path, sha256 and size) and
// datapackage-digest.json (the sha256 of datapackage.json). Members carry
// the newest capture's time, so that the file is reproducible.
func WACZ(db *archive.DB, w io.Writer, o WARCOptions) (WACZStats, error) {
	var st WACZStats
	o.Filename = "data.warc.gz"
	lines, _, err := selectCopies(db, o.Filter)
	if err != nil {
		return st, fmt.Errorf("export: wacz: %w", err)
	}
	z := &waczWriter{zw: zip.NewWriter(w), when: newest(lines)}
	st.WARC, err = z.warc(db, o)
	if err != nil {
		return st, err // WARC's error names the capture
	}
	var index bytes.Buffer
	if err := CDXJ(&index, st.WARC.Index); err != nil {
		return st, fmt.Errorf("export: wacz: %w", err)
	}
	pages, n, err := pagesJSONL(db, lines)
	if err != nil {
		return st, fmt.Errorf("export: wacz: pages: %w", err)
	}
	st.Pages = n
	if err := z.finish(index.Bytes(), pages, cmp.Or(o.Software, "prov")); err != nil {
		return st, fmt.Errorf("export: wacz: %w", err)
	}
	return st, nil
}

// resource is one member as datapackage.json lists it.
type resource struct {
	Name  string `json:"name"`
	Path  string `json:"path"`
	Hash  string `json:"hash"`
	Bytes int64  `json:"bytes"`
}

type waczWriter struct {
	zw        *zip.Writer
	when      time.Time
	resources []resource
}

// member opens a member; store leaves it uncompressed.
func (z *waczWriter) member(name string, store bool) (io.Writer, error) {
	h := &zip.FileHeader{Name: name, Method: zip.Deflate, Modified: z.when}
	if store {
		h.Method = zip.Store
	}
	return z.zw.CreateHeader(h)
}

func (z *waczWriter) warc(db *archive.DB, o WARCOptions) (WARCStats, error) {
	w, err := z.member(waczWARC, true)
	if err != nil {
		return WARCStats{}, fmt.Errorf("export: wacz: %w", err)
	}
	hw := &hashWriter{w: w, h: sha256.New()}
	st, err := WARC(db, hw, o)
	if err != nil {
		return st, err
	}
	z.resources = append(z.resources, hw.resource(waczWARC))
	return st, nil
}

// add writes a whole member and lists it.
func (z *waczWriter) add(name string, data []byte) error {
	w, err := z.member(name, false)
	if err != nil {
		return err
	}
	hw := &hashWriter{w: w, h: sha256.New()}
	if _, err := hw.Write(data); err != nil {
		return err
	}
	z.resources = append(z.resources, hw.resource(name))
	return nil
}

// finish writes the index, the pages, the datapackage and its digest.
func (z *waczWriter) finish(index, pages []byte, software string) error {
	if err := z.add(waczIndex, index); err != nil {
		return err
	}
	if err := z.add(waczPages, pages); err != nil {
		return err
	}
	pkg, err := json.MarshalIndent(map[string]any{
		"profile":      "data-package",
		"wacz_version": "1.1.1",
		"title":        "prov archive export",
		"software":     software,
		"created":      z.when.UTC().Format(time.RFC3339),
		"resources":    z.resources,
	}, "", "  ")
	if err != nil {
		return err
	}
	if err := z.addUnlisted(waczPackage, pkg); err != nil {
		return err
	}
	sum := sha256.Sum256(pkg)
	digest, err := json.MarshalIndent(map[string]string{"path": waczPackage, "hash": "sha256:" + hex.EncodeToString(sum[:])}, "", "  ")
	if err != nil {
		return err
	}
	if err := z.addUnlisted(waczDigest, digest); err != nil {
		return err
	}
	return z.zw.Close()
}

func (z *waczWriter) addUnlisted(name string, data []byte) error {
	w, err := z.member(name, false)
	if err == nil {
		_, err = w.Write(data)
	}
	return err
}

// page is one line of pages.jsonl.
type page struct {
	ID       string `json:"id"`
	URL      string `json:"url"`
	TS       string `json:"ts"`
	Title    string `json:"title"`
	Text     string `json:"text"`
	Work     string `json:"work"`
	Original bool   `json:"original"`
	Relation string `json:"relation"`
}

// pagesJSONL is pages.jsonl: the json-pages-1.0 header, then one line per
// copy with a text. A page's url and ts are those of a capture in the WARC
// with the copy's payload: the copy's own, or for an article split over
// pages its first page's.
func pagesJSONL(db *archive.DB, lines []Line) ([]byte, int, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	header := struct {
		Format  string `json:"format"`
		ID      string `json:"id"`
		Title   string `json:"title"`
		HasText bool   `json:"hasText"` // the lines carry the text, for a replay tool's search
	}{"json-pages-1.0", "pages", "All Pages", true}
	if err := enc.Encode(header); err != nil {
		return nil, 0, err
	}
	n, texts := 0, newTextLoader(db, lines)
	for i := range lines {
		if err := db.Interrupted(); err != nil {
			return nil, 0, err
		}
		l := &lines[i]
		if l.TextSHA256 == "" {
			continue
		}
		c, err := db.Capture(l.CaptureID)
		if err == nil && len(c.Pages) > 0 {
			c, err = db.Capture(c.Pages[0].CaptureID)
		}
		if err != nil {
			return nil, 0, err
		}
		if err := texts.load(l); err != nil {
			return nil, 0, err
		}
		p := page{ID: fmt.Sprint(c.ID), URL: targetURI(&c), TS: c.FetchStart.UTC().Format(time.RFC3339Nano),
			Title: l.Title, Text: *l.Text, Work: l.Work, Original: l.Original, Relation: l.Relation}
		l.Text = nil
		if err := enc.Encode(p); err != nil {
			return nil, 0, err
		}
		n++
	}
	return b.Bytes(), n, nil
}

// hashWriter hashes and counts what it passes on.
type hashWriter struct {
	w io.Writer
	h hash.Hash
	n int64
}

func (hw *hashWriter) Write(p []byte) (int, error) {
	n, err := hw.w.Write(p)
	hw.h.Write(p[:n])
	hw.n += int64(n)
	return n, err
}

func (hw *hashWriter) resource(path string) resource {
	return resource{Name: pathBase(path), Path: path, Hash: "sha256:" + hex.EncodeToString(hw.h.Sum(nil)), Bytes: hw.n}
}

func pathBase(p string) string {
	for i := len(p) - 1; i >= 0; i-- {
		if p[i] == '/' {
			return p[i+1:]
		}
	}
	return p
}
