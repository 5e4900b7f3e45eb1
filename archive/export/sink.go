package export

import (
	"archive/tar"
	"archive/zip"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// sink receives the files of a bundle by slash-separated relative name.
type sink interface {
	add(name string, data []byte) error
	close() error // finish; the bundle is complete only if close succeeds
	abort()       // give up, removing what is partial where possible
}

// openSink picks the form by target's suffix, refusing an existing
// non-empty target unless force.
func openSink(target string, force bool, mtime time.Time) (sink, error) {
	if err := checkTarget(target, force); err != nil {
		return nil, err
	}
	switch {
	case strings.HasSuffix(target, ".tar.gz"), strings.HasSuffix(target, ".tgz"):
		return newFileSink(target, func(w io.Writer) archiveWriter { return newTarGz(w, mtime) })
	case strings.HasSuffix(target, ".zip"):
		return newFileSink(target, func(w io.Writer) archiveWriter { return &zipWriter{zip.NewWriter(w), mtime} })
	}
	if err := os.MkdirAll(target, 0o755); err != nil {
		return nil, err
	}
	return dirSink{root: target}, nil
}

// ErrTargetExists refuses to write over an existing, non-empty target.
var ErrTargetExists = errors.New("export: target exists and is not empty (use force)")

func checkTarget(target string, force bool) error {
	fi, err := os.Stat(target)
	if errors.Is(err, os.ErrNotExist) || force {
		return nil
	}
	if err != nil {
		return err
	}
	if !fi.IsDir() {
		if fi.Size() == 0 {
			return nil
		}
		return fmt.Errorf("%w: %s", ErrTargetExists, target)
	}
	entries, err := os.ReadDir(target)
	if err != nil {
		return err
	}
	if len(entries) > 0 {
		return fmt.Errorf("%w: %s", ErrTargetExists, target)
	}
	return nil
}

// dirSink writes files under root. Names are checked again here: a name
// that is not local to root is refused, whatever made it.
type dirSink struct{ root string }

func (d dirSink) add(name string, data []byte) error {
	rel := filepath.FromSlash(name)
	if !filepath.IsLocal(rel) {
		return fmt.Errorf("export: unsafe path %q", name)
	}
	p := filepath.Join(d.root, rel)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, data, 0o644)
}

func (d dirSink) close() error { return nil }
func (d dirSink) abort()       {}

// archiveWriter is a tar.gz or zip stream.
type archiveWriter interface {
	add(name string, data []byte) error
	close() error
}

// fileSink writes an archive to a temporary file renamed into place on
// close, so a failed export leaves no half archive behind.
type fileSink struct {
	f      *os.File
	target string
	aw     archiveWriter
}

func newFileSink(target string, mk func(io.Writer) archiveWriter) (sink, error) {
	f, err := os.CreateTemp(filepath.Dir(target), ".prov-export-*")
	if err != nil {
		return nil, err
	}
	return &fileSink{f: f, target: target, aw: mk(f)}, nil
}

func (s *fileSink) add(name string, data []byte) error {
	if !filepath.IsLocal(filepath.FromSlash(name)) {
		return fmt.Errorf("export: unsafe path %q", name)
	}
	return s.aw.add(name, data)
}

func (s *fileSink) close() error {
	err := errors.Join(s.aw.close(), s.f.Sync(), s.f.Close())
	if err == nil {
		err = os.Rename(s.f.Name(), s.target)
	}
	if err != nil {
		os.Remove(s.f.Name())
	}
	return err
}

func (s *fileSink) abort() {
	s.f.Close()
	os.Remove(s.f.Name())
}

type tarGz struct {
	gz    *gzip.Writer
	tw    *tar.Writer
	mtime time.Time
}

func newTarGz(w io.Writer, mtime time.Time) *tarGz {
	gz := gzip.NewWriter(w)
	return &tarGz{gz: gz, tw: tar.NewWriter(gz), mtime: mtime}
}

func (t *tarGz) add(name string, data []byte) error {
	hdr := &tar.Header{Name: name, Mode: 0o644, Size: int64(len(data)), ModTime: t.mtime,
		Typeflag: tar.TypeReg, Format: tar.FormatPAX}
	if err := t.tw.WriteHeader(hdr); err != nil {
		return err
	}
	_, err := t.tw.Write(data)
	return err
}

func (t *tarGz) close() error { return errors.Join(t.tw.Close(), t.gz.Close()) }

type zipWriter struct {
	zw    *zip.Writer
	mtime time.Time
}

func (z *zipWriter) add(name string, data []byte) error {
	w, err := z.zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: z.mtime})
	if err != nil {
		return err
	}
	_, err = w.Write(data)
	return err
}

func (z *zipWriter) close() error { return z.zw.Close() }
