package serve

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/archive/export"
)

// export streams one work in a format of workExports, made from a
// snapshot of the archive.
func (s *Server) export(w http.ResponseWriter, r *http.Request) error {
	id, format := r.PathValue("id"), r.PathValue("format")
	if !isWorkID(id) {
		return badRequest("work %q: want the 12 hex digits of a work's ID", id)
	}
	f := export.Filter{Work: id, Similarity: s.sim}
	switch format {
	case "jsonl":
		return s.exportTo(w, id, "application/x-ndjson", "work-"+id+".jsonl", func(db *archive.DB, out io.Writer) error {
			return export.JSONL(db, out, f)
		})
	case "warc":
		name := "work-" + id + ".warc.gz"
		return s.exportTo(w, id, "application/warc", name, func(db *archive.DB, out io.Writer) error {
			_, err := export.WARC(db, out, export.WARCOptions{Filter: f, Filename: name, Software: "prov/" + s.cfg.Version})
			return err
		})
	case "wacz":
		name := "work-" + id + ".wacz"
		return s.exportTo(w, id, "application/zip", name, func(db *archive.DB, out io.Writer) error {
			_, err := export.WACZ(db, out, export.WARCOptions{Filter: f, Software: "prov/" + s.cfg.Version})
			return err
		})
	case "bundle":
		name := "work-" + id + ".tar.gz"
		return s.exportTo(w, id, "application/gzip", name, func(db *archive.DB, out io.Writer) error {
			return bundleTo(db, out, f, s.cfg.TempDir, name)
		})
	}
	return httpError{http.StatusNotFound, fmt.Sprintf("no export format %q (jsonl, bundle, warc, wacz)", format)}
}

// exportTo writes an export of work id into a temporary file first, so
// that a failure is an error page and not a cut file, then sends it; a
// work the archive does not hold is a 404, not an empty export.
func (s *Server) exportTo(w http.ResponseWriter, id, ctype, name string, write func(*archive.DB, io.Writer) error) error {
	tmp, err := os.CreateTemp(s.cfg.TempDir, "prov-serve-export-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	defer tmp.Close()
	err = s.snapshot(func(db *archive.DB) error { return write(db, tmp) })
	if _, ok := errors.AsType[*export.NoWorkError](err); ok {
		return noWork(id)
	}
	if err != nil {
		return err
	}
	if _, err := tmp.Seek(0, io.SeekStart); err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Content-Disposition", attachment(name))
	_, err = io.Copy(w, tmp)
	return nilOnWrite(err)
}

// bundleTo writes a .tar.gz bundle (export.Bundle, which writes files)
// in a temporary folder and copies it to out.
func bundleTo(db *archive.DB, out io.Writer, f export.Filter, tmpDir, name string) error {
	dir, err := os.MkdirTemp(tmpDir, "prov-serve-bundle-*")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, name)
	if _, err := export.Bundle(db, path, f, false); err != nil {
		return err
	}
	in, err := os.Open(path)
	if err != nil {
		return err
	}
	defer in.Close()
	_, err = io.Copy(out, in)
	return err
}
