// Package trace answers, for a text someone names, which archived work it
// belongs to and how it differs from that work's original: the subject
// resolution and comparisons behind prov trace and prov diff, for any
// caller that holds an open archive (the CLI, a web handler).
//
// A subject is the text named: an archived URL's copy, a document by its
// text sha256, or a file the caller holds. A work and its original are
// archive.Work's, grouped with Similarity.
package trace

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/clean"
	"github.com/prov-archive/prov/crawl"
)

// Subject is a text the user named: an archived URL, a text hash, or a
// file they hold. Its JSON is part of prov trace --json and prov diff
// --json.
type Subject struct {
	Label      string `json:"label"` // what the user typed, or a caller's own name for the text
	URL        string `json:"url,omitempty"`
	CaptureID  uint64 `json:"capture_id,omitempty"`
	TextSHA256 string `json:"text_sha256"`
	File       bool   `json:"file,omitempty"`
	// ConfirmedBy is the capture named when it is a not-modified revisit
	// (a 304): it brought no text, and confirmed that CaptureID's bytes
	// were still served, so the subject is CaptureID's text.
	ConfirmedBy uint64 `json:"confirmed_by,omitempty"`
	text        string
}

// Text is the subject's clean text, as compared by Trace and Diff.
func (s Subject) Text() string { return s.text }

// hexHash matches a text sha256 or its first digits, as prov prints it
// (archive.MinPrefix of them at least).
var hexHash = regexp.MustCompile(`^[0-9a-fA-F]{8,64}$`)

// Resolve reads arg as a file when one exists at that path, as a text
// sha256 when it is hex digits, all 64 or the first of them (eight at
// least: prov prints twelve), as a capture number when it is decimal
// digits that are no hash (fewer than eight, or no hash begins so), and
// as an archived URL otherwise. A URL that is not archived, or has no
// text, is an archive.ErrNotFound.
func Resolve(db *archive.DB, arg string) (Subject, error) {
	if fi, err := os.Stat(arg); err == nil && !fi.IsDir() {
		return fileSubject(arg)
	}
	s, err := ResolveArchived(db, arg)
	if errors.Is(err, ErrUnnamed) {
		err = fmt.Errorf("%q is not a file, a capture number, a URL or a text hash (%d to 64 hex digits): %w", arg, archive.MinPrefix, ErrUnnamed)
	} else if errors.Is(err, archive.ErrNotFound) && !hexHash.MatchString(arg) && !decimal.MatchString(arg) {
		err = fmt.Errorf("%w (and no such file)", err)
	}
	return s, err
}

// decimal matches a capture number as prov prints them.
var decimal = regexp.MustCompile(`^[0-9]{1,19}$`)

// captureNumber resolves a capture number: digits that no text hash of
// the archive begins with (a hash is eight digits at least).
func captureNumber(db *archive.DB, arg string) (Subject, bool, error) {
	if !decimal.MatchString(arg) {
		return Subject{}, false, nil
	}
	if len(arg) >= archive.MinPrefix {
		if _, err := db.DocumentHash(arg); !errors.Is(err, archive.ErrNotFound) {
			return Subject{}, false, nil // a hash, or ambiguous: as a hash
		}
	}
	id, err := strconv.ParseUint(arg, 10, 64)
	if err != nil {
		return Subject{}, false, nil
	}
	s, err := CaptureSubject(db, id)
	return s, true, err
}

// ErrUnnamed is wrapped when an argument names no text: it is not a URL
// and not a text hash.
var ErrUnnamed = errors.New("names no text")

// ResolveArchived is Resolve without files: arg is a capture number, a
// text sha256 or an archived URL, never a path, whatever exists on disk. A caller that
// takes arg from someone who may not read the local files (a web form)
// resolves with it.
func ResolveArchived(db *archive.DB, arg string) (Subject, error) {
	if s, ok, err := captureNumber(db, arg); ok {
		return s, err
	}
	if _, err := crawl.Canonicalize(arg); err != nil && !hexHash.MatchString(arg) { // not a URL a crawl archives
		return Subject{}, fmt.Errorf("%q is not a capture number, a URL or a text hash (%d to 64 hex digits): %w", arg, archive.MinPrefix, ErrUnnamed)
	}
	if hexHash.MatchString(arg) {
		sha, err := db.DocumentHash(arg)
		if err != nil {
			return Subject{}, err
		}
		d, err := db.Document(sha) // a text hash names a document: its text, the first stored under it
		if err != nil {
			return Subject{}, err
		}
		return Subject{Label: strings.ToLower(arg), TextSHA256: sha, text: d.Text}, nil
	}
	return urlSubject(db, arg)
}

// urlSubject is url's copy, as works see it: for a page of an article
// split over pages, the stitched article. When the copy has no text (a
// later capture without one), it is url's newest capture with a text.
// The URL is looked up as given, then in the canonical form the crawl
// archives URLs under (a host in Unicode, a tracking parameter), as
// prov show looks it up.
func urlSubject(db *archive.DB, url string) (Subject, error) {
	for _, key := range urlKeys(url) {
		c, ok, err := textCopy(db, key)
		if err != nil {
			return Subject{}, err
		}
		if ok {
			return subjectOf(db, url, c)
		}
	}
	return Subject{}, fmt.Errorf("%s: %w: no archived text", url, archive.ErrNotFound)
}

// urlKeys are the keys url may be archived under: itself, and its
// canonical form when that differs.
func urlKeys(url string) []string {
	if key, err := crawl.Canonicalize(url); err == nil && key != url {
		return []string{url, key}
	}
	return []string{url}
}

// textCopy is key's copy with a text: its copy as works see it, else its
// newest capture with a text, else (a page that moved) the newest text a
// request for key brought from where it redirected.
func textCopy(db *archive.DB, key string) (archive.Capture, bool, error) {
	c, ok, err := db.CopyOf(key)
	if err != nil || (ok && c.TextSHA256 != "") {
		return c, ok, err
	}
	if c, ok, err = db.NewestText(key); ok || err != nil {
		return c, ok, err
	}
	return redirectedText(db, key)
}

// redirectedText is the newest text a request for key brought from the
// URL it redirected to (a page that moved): key has none of its own.
func redirectedText(db *archive.DB, key string) (archive.Capture, bool, error) {
	caps, err := db.History(key)
	for i := len(caps) - 1; i >= 0; i-- {
		if archive.BroughtText(caps[i]) {
			return caps[i], true, err
		}
	}
	return archive.Capture{}, false, err
}

// subjectOf is c's text, labelled url as the user wrote it: the text c
// brought (archive.DB.CaptureText), not another copy's that normalises
// alike.
func subjectOf(db *archive.DB, url string, c archive.Capture) (Subject, error) {
	text, err := db.CaptureText(c)
	if err != nil {
		return Subject{}, err
	}
	return Subject{Label: url, URL: c.URL, CaptureID: c.ID, TextSHA256: c.TextSHA256, text: text}, nil
}

// CaptureSubject is the text of one capture, whichever version of its URL
// it brought, labelled with its URL and ID. A not-modified revisit (a
// 304) is the text of the capture it confirms (archive.ConfirmedIn), with
// ConfirmedBy set to id.
func CaptureSubject(db *archive.DB, id uint64) (Subject, error) {
	c, err := db.Capture(id)
	if err != nil {
		return Subject{}, err
	}
	if c.Kind == archive.KindNotModified {
		return notModifiedSubject(db, c)
	}
	if c.TextSHA256 == "" {
		return Subject{}, fmt.Errorf("capture %d: %w: it has no text", id, archive.ErrNotFound)
	}
	s, err := subjectOf(db, "", c)
	s.Label = fmt.Sprintf("%s (capture %d)", c.URL, c.ID)
	return s, err
}

// notModifiedSubject is the text of the capture c, a 304, confirms.
func notModifiedSubject(db *archive.DB, c archive.Capture) (Subject, error) {
	p, ok, err := db.Confirmed(c)
	if err != nil {
		return Subject{}, err
	}
	if !ok {
		return Subject{}, fmt.Errorf("capture %d: %w: a 304 (not modified) with no earlier capture of its URL answered 200", c.ID, archive.ErrNotFound)
	}
	s, err := CaptureSubject(db, p.ID)
	if err != nil {
		return Subject{}, fmt.Errorf("capture %d, a 304 (not modified), confirms %w", c.ID, err)
	}
	s.Label, s.ConfirmedBy = fmt.Sprintf("%s (capture %d)", c.URL, c.ID), c.ID
	return s, nil
}

// fileSubject reads a text or HTML file and takes its clean text, as
// clean.Clean reads it from a server that sends it with no Content-Type
// or, when it does not look like HTML, as text/plain: decoded from its
// charset, a text file in its paragraphs.
func fileSubject(path string) (Subject, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return Subject{}, fmt.Errorf("read %s: %w", path, err)
	}
	header := http.Header{}
	if !looksHTML(b) {
		header.Set("Content-Type", "text/plain")
		b = withoutFrontMatter(b)
	}
	abs, _ := filepath.Abs(path)
	doc, err := clean.Clean(clean.Input{URL: "file://" + filepath.ToSlash(abs), Header: header, Body: b})
	if err != nil {
		return Subject{}, err
	}
	text := doc.Text
	if strings.TrimSpace(text) == "" {
		return Subject{}, fmt.Errorf("%s: no text found", path)
	}
	return Subject{Label: path, File: true, TextSHA256: clean.TextHash(text), text: text}, nil
}

// frontMatterKey is the first line of a YAML front matter: a key.
var frontMatterKey = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_-]*:`)

// withoutFrontMatter is a text file without the YAML front matter it
// opens with, if any: a "---" line, lines of keys, a "---" line (a text
// of a prov bundle, or of any tool that writes them so). The front matter
// says where the text came from; it is no part of it, nor of its hash. A
// file whose first "---" is not closed within 64 KiB is left as it is.
func withoutFrontMatter(b []byte) []byte {
	rest, line := b, 0
	for len(rest) > 0 && len(b)-len(rest) < 64<<10 {
		l, after, _ := bytes.Cut(rest, []byte("\n"))
		l = bytes.TrimSuffix(l, []byte("\r"))
		switch {
		case line == 0 && string(l) != "---":
			return b
		case line == 1 && !frontMatterKey.Match(l):
			return b
		case line > 1 && string(l) == "---":
			return bytes.TrimLeft(after, "\r\n")
		}
		rest, line = after, line+1
	}
	return b
}

// looksHTML says whether a file's first KiB looks like HTML.
func looksHTML(b []byte) bool {
	head := strings.ToLower(string(b[:min(len(b), 1024)]))
	return strings.Contains(head, "<html") || strings.Contains(head, "<!doctype") || strings.Contains(head, "<p>")
}
