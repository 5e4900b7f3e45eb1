package serve

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log"
	"net/http"
	"net/url"
	"os"
	"runtime/debug"
	"sync"
	"time"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/search"
	"github.com/prov-archive/prov/trace"
)

// Config configures a Server. DB is required; the zero value of every
// other field takes its default.
type Config struct {
	DB          string        // the archive's path
	OpenTimeout time.Duration // wait for a crawl's commit to end before reading; default 5 s
	TempDir     string        // where snapshots for exports and verify go; default os.TempDir()
	Version     string        // prov's version, shown in the footer
	PageSize    int           // rows of a works or search page; default 20
	// SnapshotOver is the archive size above which the pages that group
	// works (works, work, diff against an original) read a snapshot
	// instead of the archive, so a crawl's commit waits for a copy, not
	// for the grouping; default DefaultSnapshotOver.
	SnapshotOver int64
	Log          *log.Logger // a line per failed request, and one when the search index is rebuilt; default none
	// Addr is the HOST:PORT the server listens on (an empty HOST: every
	// address), for the Host check (hostGuard). Default: loopback.
	Addr string
}

// DefaultSnapshotOver is Config.SnapshotOver's default: up to it, grouping
// the works of an archive takes well under a second.
const DefaultSnapshotOver = 64 << 20

// Server serves the web view of one archive.
type Server struct {
	cfg  Config
	tmpl map[string]*template.Template
	sim  archive.Similarity

	hosts    hostGuard
	indexing sync.Mutex // one search index update at a time
	verified lastVerify
}

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// New checks cfg and parses the templates. The archive need not exist
// yet: each page says so until a crawl has made it.
func New(cfg Config) (*Server, error) {
	if cfg.DB == "" {
		return nil, errors.New("serve: no archive path")
	}
	if cfg.OpenTimeout <= 0 {
		cfg.OpenTimeout = 5 * time.Second
	}
	if cfg.TempDir == "" {
		cfg.TempDir = os.TempDir()
	}
	if cfg.PageSize <= 0 {
		cfg.PageSize = 20
	}
	if cfg.SnapshotOver <= 0 {
		cfg.SnapshotOver = DefaultSnapshotOver
	}
	t, err := parseTemplates()
	if err != nil {
		return nil, err
	}
	return &Server{cfg: cfg, tmpl: t, sim: trace.Similarity(), hosts: guardFor(cfg.Addr)}, nil
}

// Handler routes every page; see the package documentation.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	page := func(pattern string, h handler) {
		mux.Handle(pattern, uiHeaders(s.handle(h)))
	}
	page("GET /{$}", s.works)
	page("GET /works", s.works)
	page("GET /work/{id}", s.work)
	page("GET /work/{id}/export/{format}", ownPagesOnly(s.export))
	page("GET /diff", s.diff)
	mux.Handle("GET /diff.json", uiHeaders(s.handleJSON(s.diffJSON)))
	page("GET /capture/{id}", s.capture)
	mux.Handle("GET /capture/{id}/raw", s.handle(s.raw))
	mux.Handle("GET /capture/{id}/download", s.handle(s.download))
	page("GET /url", s.history)
	page("GET /search", s.search)
	page("GET /runs", s.runs)
	page("GET /verify", ownPagesOnly(s.verify))
	page("GET /static/{name}", s.static)
	mux.Handle("/", uiHeaders(s.handle(nowhere)))
	return s.checkHost(mux)
}

// static serves a file of static/ (the stylesheet): a file only, never a
// listing; what is not there is the UI's 404 page.
func (s *Server) static(w http.ResponseWriter, r *http.Request) error {
	name := r.PathValue("name")
	b, err := fs.ReadFile(staticFS, "static/"+name)
	if err != nil {
		return httpError{http.StatusNotFound, "no file /static/" + name}
	}
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(b))
	return nil
}

// nowhere answers what no route takes. Every page is read with GET (or
// HEAD): another method is a 405 at any path, else the path is a 404.
func nowhere(w http.ResponseWriter, r *http.Request) error {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		return httpError{http.StatusMethodNotAllowed, fmt.Sprintf("%s %s: the web view is read-only, and every page is read with GET", r.Method, r.URL.Path)}
	}
	return httpError{http.StatusNotFound, fmt.Sprintf("no page at %s", r.URL.Path)}
}

// uiCSP is every UI page's Content-Security-Policy: nothing from another
// origin, no inline script or style, no framing by others.
const uiCSP = "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// uiHeaders sets the safety headers of a UI page.
func uiHeaders(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("Content-Security-Policy", uiCSP)
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("Referrer-Policy", "no-referrer")
		hd.Set("X-Frame-Options", "DENY")
		h.ServeHTTP(w, r)
	})
}

// httpError is a failure with the status it answers with.
type httpError struct {
	status int
	msg    string
}

func (e httpError) Error() string { return e.msg }

func badRequest(format string, args ...any) error {
	return httpError{http.StatusBadRequest, fmt.Sprintf(format, args...)}
}

// handler is a page's handler: what it returns instead of writing, an
// error, is answered by handle or handleJSON.
type handler func(http.ResponseWriter, *http.Request) error

// handle answers a handler's error with an error page (statusOf).
func (s *Server) handle(h handler) http.Handler { return s.answer(h, s.errorPage) }

// handleJSON answers a handler's error as a JSON route must, with a JSON
// object: {"status": 404, "error": "…"}.
func (s *Server) handleJSON(h handler) http.Handler { return s.answer(h, errorJSON) }

// answer runs h on a request whose query is well formed, and has fail
// answer the error it returns, or a malformed query: the parsers of
// net/url drop a pair they cannot read, and a page would then say a
// parameter given is missing.
func (s *Server) answer(h handler, fail func(http.ResponseWriter, *http.Request, int, error)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, err := url.ParseQuery(r.URL.RawQuery)
		if err != nil {
			err = badRequest("the query is malformed: %v (a %% in a value is written %%25)", err)
		} else {
			err = s.run(h, w, r)
		}
		if err == nil {
			return
		}
		status := statusOf(err)
		if s.cfg.Log != nil {
			s.cfg.Log.Printf("%s %s: %d %v", r.Method, r.URL, status, err)
			var ie internalError
			if errors.As(err, &ie) {
				s.cfg.Log.Printf("%s", ie.stack)
			}
		}
		fail(w, r, status, err)
	})
}

// run runs h, its panic an error, which answer serves as the UI's 500
// page and logs on one line. A read of the archive turns the damage it
// meets into an error itself (archive.DamagedError); what panics here is
// damage met elsewhere (the search index beside the archive) or a bug in
// prov. Damage (archive.IsDamage: a fault, or a panic of bbolt's) is
// named as such; any other panic is an internal error, and its stack is
// logged after the line, for a bug report: telling an archivist the
// archive is damaged when it is not would send them to restore it. Every
// handle h opened is closed by its defer as the panic unwinds, so no lock
// is left held. Faults panic too while h runs (debug.SetPanicOnFault): a
// wild read of a damaged page must not end the server.
func (s *Server) run(h handler, w http.ResponseWriter, r *http.Request) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		p := recover()
		if p == nil {
			return
		}
		if p == http.ErrAbortHandler {
			panic(p)
		}
		if archive.IsDamage(p) {
			err = fmt.Errorf("%w: %s (or its search index %s): %v ('prov verify' lists the archive's damage; a search index is built again once removed)",
				archive.ErrDamaged, s.cfg.DB, search.PathFor(s.cfg.DB), p)
			return
		}
		err = internalError{p: p, stack: debug.Stack()}
	}()
	return h(w, r)
}

// internalError is a handler's panic that is not damage: a bug in prov.
type internalError struct {
	p     any
	stack []byte // where it panicked, for the log
}

func (e internalError) Error() string {
	return fmt.Sprintf("internal error: %v (a bug in prov, not damage to the archive; the server's log has where it happened)", e.p)
}

// errorPage answers err with the UI's error page.
func (s *Server) errorPage(w http.ResponseWriter, r *http.Request, status int, err error) {
	p := errorPage{Status: status, Text: http.StatusText(status), Message: err.Error()}
	var pe pastEnd
	if errors.As(err, &pe) {
		p.Link, p.LinkText = pe.last, fmt.Sprintf("the last page (%d)", pe.pages)
	}
	uiHeaders(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		s.render(w, status, "error", p)
	})).ServeHTTP(w, r)
}

// errorJSON answers err with a JSON object.
func errorJSON(w http.ResponseWriter, _ *http.Request, status int, err error) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(struct {
		Status int    `json:"status"`
		Error  string `json:"error"`
	}{status, err.Error()})
}

// statusOf is the status an error answers with: 400 for an argument that
// names no text or more than one, 404 for what the archive does not hold
// and for a page past the last, 503 while a crawl holds the archive too
// long, the error's own status for an httpError, else 500.
func statusOf(err error) int {
	var he httpError
	var le *archive.LockedError
	var pe pastEnd
	switch {
	case errors.As(err, &he):
		return he.status
	case errors.Is(err, trace.ErrUnnamed), errors.Is(err, archive.ErrAmbiguous):
		return http.StatusBadRequest
	case errors.Is(err, archive.ErrNotFound), errors.Is(err, trace.ErrNoWork), errors.Is(err, errNoArchive), errors.As(err, &pe):
		return http.StatusNotFound
	case errors.As(err, &le), errors.Is(err, archive.ErrLocked):
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

var errNoArchive = errors.New("no archive there yet (crawl first)")

// read opens the archive read-only, runs fn, and closes it: the archive
// is held only while fn gathers a page's data, never while it is written
// to the client.
func (s *Server) read(fn func(db *archive.DB) error) error {
	if _, err := os.Stat(s.cfg.DB); err != nil {
		return fmt.Errorf("%s: %w", s.cfg.DB, errNoArchive)
	}
	db, err := archive.Open(s.cfg.DB, archive.Options{ReadOnly: true, Timeout: s.cfg.OpenTimeout})
	if err != nil {
		return err
	}
	defer db.Close()
	return fn(db)
}

// readGrouping runs fn for a page that groups the archive's works: on the
// archive itself (read) while it is small, on a snapshot once it is larger
// than Config.SnapshotOver, as prov works does.
func (s *Server) readGrouping(fn func(db *archive.DB) error) error {
	if fi, err := os.Stat(s.cfg.DB); err == nil && fi.Size() > s.cfg.SnapshotOver {
		return s.snapshot(fn)
	}
	return s.read(fn)
}

// snapshot runs fn on a private copy of the archive (archive.OpenSnapshot)
// for a long read: an export, a verify.
func (s *Server) snapshot(fn func(db *archive.DB) error) error {
	if _, err := os.Stat(s.cfg.DB); err != nil {
		return fmt.Errorf("%s: %w", s.cfg.DB, errNoArchive)
	}
	db, err := archive.OpenSnapshot(s.cfg.DB, s.cfg.TempDir, archive.Options{Timeout: s.cfg.OpenTimeout})
	if err != nil {
		return err
	}
	defer db.Close()
	return fn(db)
}
