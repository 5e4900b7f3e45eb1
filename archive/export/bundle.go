package export

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/prov-archive/prov/archive"
)

// BundleStats says what a bundle holds.
type BundleStats struct {
	Copies int   // manifest lines
	Texts  int   // text files
	Works  int   // entries of works.json
	Bytes  int64 // bytes of all files, before any archive compression
}

// Bundle writes the copies selected by f to target: a folder, or a
// .tar.gz / .tgz / .zip file, holding manifest.jsonl (the JSONL lines
// without "text", with "path" of the text file, "" when there is none),
// works.json, and texts/<host>/<name>.txt, one per copy with text, each a
// front matter and the clean text. An existing non-empty target is
// refused with ErrTargetExists unless force, which replaces it whole: a
// folder is written beside it and put in its place once complete, and
// only a folder holding an earlier bundle and nothing else (the files
// its manifest.jsonl lists) is replaced (writeDir).
func Bundle(db *archive.DB, target string, f Filter, force bool) (BundleStats, error) {
	var st BundleStats
	lines, works, err := selectCopies(db, f)
	if err != nil {
		return st, fmt.Errorf("export: bundle: %w", err)
	}
	if !archiveFile(target) {
		err := writeDir(target, force, bundleFiles, func(dir string) error {
			return writeBundle(db, dirSink{root: dir}, lines, works, &st)
		})
		if err != nil {
			return st, fmt.Errorf("export: bundle %s: %w", target, err)
		}
		return st, nil
	}
	s, err := openFileSink(target, force, newest(lines))
	if err != nil {
		return st, fmt.Errorf("export: bundle %s: %w", target, err)
	}
	if err := writeBundle(db, s, lines, works, &st); err != nil {
		s.abort()
		return st, fmt.Errorf("export: bundle %s: %w", target, err)
	}
	if err := s.close(); err != nil {
		return st, fmt.Errorf("export: bundle %s: %w", target, err)
	}
	return st, nil
}

// bundleManifest is the bundle's manifest file, the mark of a folder
// that holds one.
const bundleManifest = "manifest.jsonl"

// bundleFiles lists the files of the bundle in dir: its manifest,
// works.json and the texts the manifest's lines name.
func bundleFiles(dir string) (map[string]bool, error) {
	f, err := os.Open(filepath.Join(dir, bundleManifest))
	if err != nil {
		return nil, fmt.Errorf("no %s of an earlier bundle", bundleManifest)
	}
	defer f.Close()
	files := map[string]bool{bundleManifest: true, "works.json": true}
	dec := json.NewDecoder(f)
	for n := 1; ; n++ {
		var l struct{ Path string }
		switch err := dec.Decode(&l); {
		case errors.Is(err, io.EOF):
			return files, nil
		case err != nil:
			return nil, fmt.Errorf("%s, line %d: %w", bundleManifest, n, err)
		}
		files[l.Path] = l.Path != ""
	}
}

func writeBundle(db *archive.DB, s sink, lines []Line, works []archive.Work, st *BundleStats) error {
	add := func(name string, data []byte) error {
		st.Bytes += int64(len(data))
		return s.add(name, data)
	}
	names, texts := newNamer(), newTextLoader(db, lines)
	var manifest bytes.Buffer
	enc := json.NewEncoder(&manifest)
	enc.SetEscapeHTML(false)
	for i := range lines {
		if err := db.Interrupted(); err != nil {
			return err
		}
		l := &lines[i]
		path, err := writeText(db, texts, add, names, l)
		if errors.Is(err, errSkipped) {
			continue
		}
		if err != nil {
			return err
		}
		st.Copies++
		if path != "" {
			st.Texts++
		}
		l.Text, l.Path = nil, &path
		if err := enc.Encode(l); err != nil {
			return err
		}
	}
	st.Works = len(works)
	if err := add(bundleManifest, manifest.Bytes()); err != nil {
		return err
	}
	return writeWorks(add, works)
}

// errSkipped is writeText's error for a copy whose text cannot be read,
// skipped (archive.Options.OnSkip).
var errSkipped = errors.New("skipped")

// writeText writes l's text file, if it has text, and returns its path.
func writeText(db *archive.DB, texts *textLoader, add func(string, []byte) error, names *namer, l *Line) (string, error) {
	if l.TextSHA256 == "" {
		return "", nil
	}
	if err := texts.load(l); err != nil {
		if l.skip(db, err) == nil {
			return "", errSkipped
		}
		return "", err
	}
	path := names.textPath(l.URL)
	b, err := textFile(l)
	if err != nil {
		return "", err
	}
	return path, add(path, b)
}

func writeWorks(add func(string, []byte) error, works []archive.Work) error {
	if works == nil {
		works = []archive.Work{}
	}
	b, err := json.MarshalIndent(works, "", "  ")
	if err != nil {
		return err
	}
	return add("works.json", append(b, '\n'))
}

// textFile is the front matter, a blank line and the clean text.
func textFile(l *Line) ([]byte, error) {
	fm := frontMatter{}
	fm.str("title", l.Title)
	fm.str("url", l.URL)
	fm.str("source", orElse(l.Publisher, l.host))
	fm.date("date", l.Published)
	fm.date("fetch_date", l.FetchedAt)
	if l.LastFetchedAt != l.FetchedAt || l.LastStatus != l.Status { // fetched again since
		fm.date("last_fetch_date", l.LastFetchedAt)
		fm.add("last_status", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.Itoa(l.LastStatus)})
		if l.MovedTo != "" {
			fm.str("moved_to", l.MovedTo)
		}
	}
	fm.str("sha256", l.TextSHA256)
	fm.str("work", l.Work)
	fm.add("original", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: fmt.Sprint(l.Original)})
	if len(l.Pages) > 0 {
		fm.str("pages", pageList(l.Pages))
	}
	fm.list("captions", l.Captions)
	head, err := fm.encode()
	if err != nil {
		return nil, fmt.Errorf("export: front matter of %s: %w", l.URL, err)
	}
	var b strings.Builder
	b.WriteString("---\n")
	b.Write(head)
	b.WriteString("---\n\n")
	b.WriteString(*l.Text)
	if !strings.HasSuffix(*l.Text, "\n") {
		b.WriteByte('\n')
	}
	return []byte(b.String()), nil
}

// frontMatter is a text file's front matter: a YAML mapping in a fixed key
// order, written by the YAML encoder, so that any title (a colon, a quote,
// "true", "1984", control characters) reads back as the same string.
type frontMatter struct{ yaml.Node }

func (fm *frontMatter) add(key string, v *yaml.Node) {
	fm.Content = append(fm.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: key}, v)
}

// str adds a string value on one line: white space runs, line breaks
// among them, are folded to one space, and bytes that are not UTF-8
// become U+FFFD (YAML holds only Unicode text).
func (fm *frontMatter) str(key, value string) {
	fm.add(key, strNode(strings.Join(strings.Fields(value), " ")))
}

// date adds an RFC 3339 time or a YYYY-MM-DD date as a YAML timestamp,
// unquoted as in the seeds' front matter; any other value as a string.
func (fm *frontMatter) date(key, value string) {
	_, errTime := time.Parse(time.RFC3339, value)
	_, errDay := time.Parse(time.DateOnly, value)
	if errTime != nil && errDay != nil {
		fm.str(key, value)
		return
	}
	fm.add(key, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!timestamp", Value: value})
}

// list adds a list of strings, kept as they are ([] when empty).
func (fm *frontMatter) list(key string, items []string) {
	seq := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
	if len(items) > 0 {
		seq.Style = 0
	}
	for _, it := range items {
		seq.Content = append(seq.Content, strNode(it))
	}
	fm.add(key, seq)
}

func strNode(s string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: strings.ToValidUTF8(s, "\uFFFD")}
}

// encode writes the mapping.
func (fm *frontMatter) encode() ([]byte, error) {
	fm.Kind = yaml.MappingNode
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(&fm.Node); err != nil {
		return nil, err
	}
	return b.Bytes(), enc.Close()
}

func orElse(s, fallback string) string {
	if s != "" {
		return s
	}
	return fallback
}

// newest is the latest fetch time among lines' URLs: the modification time of
// archive members, so that the same archive exports the same bytes.
func newest(lines []Line) time.Time {
	var t time.Time
	for _, l := range lines {
		if l.lastFetched.After(t) {
			t = l.lastFetched
		}
	}
	if t.IsZero() {
		t = time.Unix(0, 0).UTC()
	}
	return t
}

// pageList names a stitched copy's pages in order, for the front matter.
func pageList(pages []archive.PageRef) string {
	urls := make([]string, len(pages))
	for i, p := range pages {
		urls[i] = p.URL
	}
	return strings.Join(urls, " ")
}
