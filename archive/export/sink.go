package export

import (
	"archive/tar"
	"archive/zip"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
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

// archiveFile says whether target names a bundle written as one file,
// a .tar.gz (.tgz) or a .zip, rather than a folder.
func archiveFile(target string) bool {
	return strings.HasSuffix(target, ".tar.gz") || strings.HasSuffix(target, ".tgz") || strings.HasSuffix(target, ".zip")
}

// openFileSink opens a bundle written as one file (archiveFile), refusing
// an existing non-empty target unless force; the file is replaced whole
// when the sink closes.
func openFileSink(target string, force bool, mtime time.Time) (sink, error) {
	if err := CheckTarget(target, force); err != nil {
		return nil, err
	}
	if strings.HasSuffix(target, ".zip") {
		return newFileSink(target, func(w io.Writer) archiveWriter { return &zipWriter{zip.NewWriter(w), mtime} })
	}
	return newFileSink(target, func(w io.Writer) archiveWriter { return newTarGz(w, mtime) })
}

// ErrTargetExists refuses to write over an existing, non-empty target.
var ErrTargetExists = errors.New("export: target exists and is not empty (use force)")

// ErrNotAnExport refuses to replace a folder that holds files but not an
// earlier export of the same kind, force or not: replacing removes what
// the folder held, and a mistyped --out must not cost anyone their files.
var ErrNotAnExport = errors.New("export: target holds files that are not an earlier export of this kind; not replacing it")

// NotAnExportError is ErrNotAnExport with the target and what showed it
// is not (only) an earlier export.
type NotAnExportError struct{ Target, Reason string }

func (e *NotAnExportError) Error() string {
	return fmt.Sprintf("%v: %s: %s", ErrNotAnExport, e.Target, e.Reason)
}

func (e *NotAnExportError) Unwrap() error { return ErrNotAnExport }

// writeDir writes a folder export through write into a new folder beside
// target, and puts it in target's place once whole. An earlier export
// there (one kind says is its own) is replaced as a whole, never added
// to, and stays as it was when the new one fails; a non-empty target is
// refused without force (ErrTargetExists), and one that is not such an
// export even with it (ErrNotAnExport).
func writeDir(target string, force bool, kind exportFiles, write func(dir string) error) error {
	target = filepath.Clean(target) // "out/" names the folder out, whose parent holds the new one
	if err := CheckTarget(target, force); err != nil {
		return err
	}
	old, err := replaceable(target, kind)
	if err != nil {
		return err
	}
	parent := filepath.Dir(target)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(target)+".prov-export-*")
	if err != nil {
		return err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	if err := write(tmp); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	return swapIn(tmp, target, old)
}

// replaceable says whether target holds something writeDir must move
// aside: a folder (or a link to one: the link is what moves, and what it
// points to is left as it is), which must be empty or an export of kind
// and nothing else.
func replaceable(target string, kind exportFiles) (bool, error) {
	fi, err := os.Stat(target)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return false, nil
	case err != nil:
		return false, err
	case !fi.IsDir():
		return false, &NotAnExportError{target, "not a folder"}
	}
	entries, err := os.ReadDir(target)
	if err != nil {
		return false, err
	}
	if len(entries) == 0 {
		return true, nil
	}
	if err := onlyExported(target, kind); err != nil {
		return false, &NotAnExportError{target, err.Error()}
	}
	return true, nil
}

// exportFiles reads what an earlier export of one kind in dir says it
// wrote, from its own manifests: every file's path, relative and
// slash-separated. It fails when dir holds no such export.
type exportFiles func(dir string) (map[string]bool, error)

// onlyExported says whether every file under dir is one the earlier
// export there wrote (kind): a file put in beside it, or into one of its
// folders, is the user's, and replacing the export would delete it.
func onlyExported(dir string, kind exportFiles) error {
	files, err := kind(dir)
	if err != nil {
		return err
	}
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if rel = filepath.ToSlash(rel); !files[rel] || !d.Type().IsRegular() {
			return fmt.Errorf("%s is not a file of the earlier export", rel)
		}
		return nil
	})
}

// swapIn puts the folder tmp in target's place, removing what was there
// (old) only once the new folder is in place.
func swapIn(tmp, target string, old bool) error {
	if !old {
		return os.Rename(tmp, target)
	}
	aside := tmp + ".old"
	if err := os.Rename(target, aside); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	if err := os.Rename(tmp, target); err != nil {
		os.Rename(aside, target) // put the earlier export back
		os.RemoveAll(tmp)
		return err
	}
	return os.RemoveAll(aside)
}

// CheckTarget says whether an export may be written at target: a missing
// target, an empty file or folder, or anything with force;
// ErrTargetExists for one that holds something. A caller that does other
// work before it exports checks first.
func CheckTarget(target string, force bool) error {
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
func (d dirSink) abort()       {} // writeDir removes the folder

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
	if err := f.Chmod(0o644); err != nil { // as the other exports' files, not a temporary file's 0600
		f.Close()
		os.Remove(f.Name())
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
