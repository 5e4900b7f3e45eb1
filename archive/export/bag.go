package export

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/prov-archive/prov/archive"
)

// Bag member names.
const (
	bagWARC   = "prov.warc.gz"
	bagIndex  = "prov.cdxj"
	bagBundle = "bundle"
)

// BagStats says what a bag holds.
type BagStats struct {
	Bundle BundleStats
	WARC   WARCStats
	Files  int   // payload files under data/
	Bytes  int64 // their bytes (Payload-Oxum)
}

// Bag writes the captures selected by o.Filter as a BagIt 1.0 bag in the
// folder dir (refused with ErrTargetExists when it holds anything, unless
// force, which replaces an earlier bag there whole; see writeDir): data/bundle/ (the text bundle), data/prov.warc.gz (the WARC) and
// data/prov.cdxj (its index); bagit.txt; bag-info.txt with Payload-Oxum
// and Bagging-Date; manifest-sha256.txt over data/ and
// tagmanifest-sha256.txt over the tag files, both in path order.
// Bagging-Date is the date of the newest capture in the bag, not of the
// day it was made, so that two bags of one archive are identical; a bag
// that fails half-way leaves nothing behind, and the folder as it was.
func Bag(db *archive.DB, dir string, o WARCOptions, force bool) (BagStats, error) {
	var st BagStats
	err := writeDir(dir, force, bagFiles, func(tmp string) error { return writeBag(db, tmp, o, &st) })
	if err != nil {
		return st, fmt.Errorf("export: bag %s: %w", dir, err)
	}
	return st, nil
}

func writeBag(db *archive.DB, dir string, o WARCOptions, st *BagStats) (err error) {
	data := filepath.Join(dir, "data")
	if err := os.MkdirAll(data, 0o755); err != nil {
		return err
	}
	if st.Bundle, err = Bundle(db, filepath.Join(data, bagBundle), o.Filter, false); err != nil {
		return err
	}
	o.Filename = bagWARC
	if err := writeFile(filepath.Join(data, bagWARC), func(w io.Writer) (err error) {
		st.WARC, err = WARC(db, w, o)
		return err
	}); err != nil {
		return err
	}
	if err := writeFile(filepath.Join(data, bagIndex), func(w io.Writer) error { return CDXJ(w, st.WARC.Index) }); err != nil {
		return err
	}
	return writeTags(dir, st, o.Software, bagDate(st.WARC.Index))
}

// writeTags writes the manifest over data/, bagit.txt, bag-info.txt and
// the tag manifest over those three.
func writeTags(dir string, st *BagStats, software string, date time.Time) error {
	manifest, err := manifestOf(dir, "data", st)
	if err != nil {
		return err
	}
	tags := []struct{ name, body string }{
		{"bagit.txt", "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"},
		{"bag-info.txt", fmt.Sprintf("Bag-Software-Agent: %s\nBagging-Date: %s\nPayload-Oxum: %d.%d\n",
			software, date.UTC().Format(time.DateOnly), st.Bytes, st.Files)},
		{"manifest-sha256.txt", manifest},
	}
	var tagManifest strings.Builder
	for _, t := range tags {
		if err := os.WriteFile(filepath.Join(dir, t.name), []byte(t.body), 0o644); err != nil {
			return err
		}
		sum := sha256.Sum256([]byte(t.body))
		fmt.Fprintf(&tagManifest, "%s  %s\n", hex.EncodeToString(sum[:]), t.name)
	}
	return os.WriteFile(filepath.Join(dir, "tagmanifest-sha256.txt"), []byte(tagManifest.String()), 0o644)
}

// manifestOf hashes every file under dir/sub, in path order, counting
// them into st, and returns the manifest lines.
func manifestOf(dir, sub string, st *BagStats) (string, error) {
	var paths []string
	err := filepath.WalkDir(filepath.Join(dir, sub), func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			rel, _ := filepath.Rel(dir, p)
			paths = append(paths, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		return "", err
	}
	slices.Sort(paths)
	var b strings.Builder
	for _, p := range paths {
		sum, n, err := hashFile(filepath.Join(dir, filepath.FromSlash(p)))
		if err != nil {
			return "", err
		}
		st.Files++
		st.Bytes += n
		fmt.Fprintf(&b, "%s  %s\n", sum, bagPath(p))
	}
	return b.String(), nil
}

// bagPath encodes what BagIt 1.0 asks a manifest path to encode: %, CR
// and LF.
func bagPath(p string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(p)
}

// bagFiles lists the files of the bag in dir: its tag files and the
// payload files its manifest names.
func bagFiles(dir string) (map[string]bool, error) {
	if _, err := os.Stat(filepath.Join(dir, "bagit.txt")); err != nil {
		return nil, errors.New("no bagit.txt of an earlier bag")
	}
	files := map[string]bool{"bagit.txt": true, "bag-info.txt": true}
	for _, m := range []string{"manifest-sha256.txt", "tagmanifest-sha256.txt"} {
		b, err := os.ReadFile(filepath.Join(dir, m))
		if err != nil {
			return nil, fmt.Errorf("a bag without %s", m)
		}
		files[m] = true
		for n, line := range strings.Split(strings.TrimSuffix(string(b), "\n"), "\n") {
			_, p, ok := strings.Cut(line, "  ")
			if !ok {
				return nil, fmt.Errorf("%s, line %d: not a checksum and a path", m, n+1)
			}
			files[bagUnpath(p)] = true
		}
	}
	return files, nil
}

// bagUnpath reads a path as bagPath wrote it.
func bagUnpath(p string) string {
	return strings.NewReplacer("%0D", "\r", "%0A", "\n", "%25", "%").Replace(p)
}

func hashFile(path string) (string, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", 0, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	return hex.EncodeToString(h.Sum(nil)), n, err
}

// writeFile creates path and runs write on it.
func writeFile(path string, write func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// bagDate is the newest capture date among the index lines; the Unix
// epoch for an empty bag.
func bagDate(index []IndexLine) time.Time {
	t := time.Unix(0, 0)
	for _, l := range index {
		if l.Date.After(t) {
			t = l.Date
		}
	}
	return t
}
