package main

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
)

// An f1Cache keeps the peers' page F1s from run to run, so that -only prov
// can tell which pages every extractor fails without running the peers.
// It holds one entry per page and peer, found only while its key holds:
// a hash of the peer's module version, the text it is given (decoded by
// prov's charset decision, which may change) and the page's truth. A
// stale entry is replaced, so the file stays one line per page and peer.
// It holds scores only, never text. prov itself is never cached: it is
// what changes.
type f1Cache struct {
	path    string // "" keeps entries in memory only
	entries map[slot]entry
	dirty   bool
}

type slot struct{ file, extractor string }

type entry struct {
	key string
	f1  float64
}

// openCache reads the cache at path; a missing file is an empty cache.
func openCache(path string) (*f1Cache, error) {
	c := &f1Cache{path: path, entries: map[slot]entry{}}
	if path == "" {
		return c, nil
	}
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return c, nil
	}
	if err != nil {
		return nil, fmt.Errorf("cache: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fs := strings.Split(sc.Text(), "\t")
		if len(fs) != 4 {
			continue
		}
		if f1, err := strconv.ParseFloat(fs[3], 64); err == nil {
			c.entries[slot{fs[0], fs[1]}] = entry{fs[2], f1}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("cache %s: %w", path, err)
	}
	return c, nil
}

// digest identifies a peer's input in a key, hashed once per page rather
// than once per peer.
func digest(text string) string {
	sum := sha256.Sum256([]byte(text))
	return hex.EncodeToString(sum[:])
}

// key is the entry's key, "" for an extractor that is not cached. input
// is the digest of the text the extractor is given.
func (c *f1Cache) key(ex extractor, pg page, input string) string {
	v := moduleVersion(ex.module)
	if v == "" {
		return ""
	}
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00", ex.name, v, input)
	if pg.snippets != nil {
		fmt.Fprintf(h, "snippets\x00%q\x00%q", pg.snippets.With, pg.snippets.Without)
	} else {
		fmt.Fprintf(h, "text\x00%s", pg.truth)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// get is a peer's F1 on the page given input (the digest of the page
// decoded by prov's charset decision).
func (c *f1Cache) get(ex extractor, pg page, input string) (float64, bool) {
	k := c.key(ex, pg, input)
	e, ok := c.entries[slot{pg.file, ex.name}]
	return e.f1, ok && k != "" && e.key == k
}

// put keeps a peer's F1 on the page, replacing what the cache held for
// them.
func (c *f1Cache) put(ex extractor, pg page, input string, f1 float64) {
	s, e := slot{pg.file, ex.name}, entry{c.key(ex, pg, input), f1}
	if old, ok := c.entries[s]; e.key != "" && (!ok || old != e) {
		c.entries[s], c.dirty = e, true
	}
}

// save writes the cache when it changed, replacing the file whole
// so a run killed midway or running beside another leaves a readable one.
func (c *f1Cache) save() error {
	if c.path == "" || !c.dirty {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(c.path), 0o755); err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	var b strings.Builder
	for s, e := range c.entries {
		fmt.Fprintf(&b, "%s\t%s\t%s\t%s\n", s.file, s.extractor, e.key, strconv.FormatFloat(e.f1, 'g', -1, 64))
	}
	tmp, err := os.CreateTemp(filepath.Dir(c.path), ".extract-peer-f1-*")
	if err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	_, err = tmp.WriteString(b.String())
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), c.path)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("cache: %w", err)
	}
	return nil
}

// moduleVersion is the version of the module at path this command was
// built with, "" for none (prov itself, or no build information).
func moduleVersion(path string) string {
	bi, ok := debug.ReadBuildInfo()
	if !ok || path == "" {
		return ""
	}
	for _, d := range bi.Deps {
		if d.Path == path {
			return d.Version
		}
	}
	return ""
}
