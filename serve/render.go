package serve

import (
	"bytes"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"path"
	"strings"
	"time"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/report"
)

// pages are the templates of templates/, each drawn inside layout.html.
var pages = []string{"works", "work", "diff", "capture", "history", "search", "runs", "error"}

var funcs = template.FuncMap{
	"short": func(s string) string {
		if len(s) > 12 {
			return s[:12]
		}
		return s
	},
	"stamp": stamp,
	"count": count, // {{count 1 "capture"}}: "1 capture"
	"host": func(raw string) string {
		if u, err := url.Parse(raw); err == nil && u.Host != "" {
			return u.Host
		}
		return raw
	},
	"pct":  pct,
	"sim":  sim,
	"join": strings.Join,
	"add":  func(a, b int) int { return a + b },
}

// stamp is a time as the pages show it, in UTC; "-" when unset.
func stamp(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.UTC().Format("2006-01-02 15:04:05Z")
}

// sim is a similarity as prov works prints it.
func sim(f float64) string { return fmt.Sprintf("%.3f", f) }

// pct is a share as a whole percentage, as the CLI prints it.
func pct(f float64) string { return archive.Percent(f) }

func parseTemplates() (map[string]*template.Template, error) {
	out := map[string]*template.Template{}
	for _, p := range pages {
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html", path.Join("templates", p+".html"))
		if err != nil {
			return nil, fmt.Errorf("serve: template %s: %w", p, err)
		}
		out[p] = t
	}
	return out, nil
}

// view is what every page's layout reads besides the page's own data.
type view struct {
	Title   string
	Version string
	DB      string
	Query   string // the search box's text
	Page    any
}

// render writes page name with data; the page is made in full before any
// byte is written, so a template failure is an error page, not half one.
func (s *Server) render(w http.ResponseWriter, status int, name string, data any) {
	s.renderTitled(w, status, name, titleOf(name, data), "", data)
}

func (s *Server) renderTitled(w http.ResponseWriter, status int, name, title, query string, data any) {
	var buf bytes.Buffer
	v := view{Title: title, Version: s.cfg.Version, DB: s.cfg.DB, Query: query, Page: data}
	if err := s.tmpl[name].Execute(&buf, v); err != nil {
		http.Error(w, "serve: render "+name+": "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// isolate sets s apart from the text around it (Unicode's first strong
// isolate ... pop directional isolate), so that a bidi control in an
// archived string cannot reorder prov's own words after it. The pages
// isolate with <bdi> instead, which adds no character to what is copied
// from them; this is for page titles, which hold text only.
func isolate(s string) string { return "\u2068" + s + "\u2069" }

// titled is a page's data that names its page.
type titled interface{ title() string }

func titleOf(name string, data any) string {
	if t, ok := data.(titled); ok {
		return t.title()
	}
	return name
}

type errorPage struct {
	Status   int
	Text     string
	Message  string
	Link     string // where to go instead, if anywhere
	LinkText string
}

func (e errorPage) title() string { return fmt.Sprintf("%d %s", e.Status, e.Text) }

// count is report.Count for the int and int64 fields templates count.
func count(n any, noun string) (string, error) {
	switch n := n.(type) {
	case int:
		return report.Count(n, noun), nil
	case int64:
		return report.Count(n, noun), nil
	}
	return "", fmt.Errorf("count %v %s: not an int or int64", n, noun)
}
