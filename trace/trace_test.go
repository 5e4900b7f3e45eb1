package trace

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/clean"
	"github.com/prov-archive/prov/textdiff"
)

var t0 = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)

// paragraphs makes n paragraphs of prose about topic, distinct enough that
// shingles tell texts apart and tell one paragraph from another.
func paragraphs(topic string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("Paragraph %d on %s: the council met on day %d and agreed that the %s plan, number %d, goes ahead with the funding the members voted for after a long debate about %s.", i+1, topic, 10+i, topic, 100*i+7, topic)
	}
	return out
}

var (
	original = strings.Join(paragraphs("river", 6), "\n\n")
	edited   = strings.Replace(original, "agreed that the river plan, number 207", "refused the river plan, number 207", 1)
	other    = strings.Join(paragraphs("harbour", 6), "\n\n")
	early    = strings.Join(paragraphs("bridge", 6), "\n\n")
)

// fixture is an archive in a real bbolt file: the work of original (its
// original on an official site, an identical and an edited copy), a work
// of other, and a URL whose copy is a later capture without text.
type fixture struct {
	db   *archive.DB
	dir  string
	caps map[string]uint64 // URL → the capture of its text
}

const (
	urlOrig   = "http://gov.test/river"
	urlSame   = "http://news.test/river"
	urlEdited = "http://portal.test/river"
	urlOther  = "http://gov.test/harbour"
	urlImage  = "http://news.test/bridge" // a text, then a 200 without one
)

func newFixture(t *testing.T) *fixture {
	t.Helper()
	dir := t.TempDir()
	db, err := archive.Open(filepath.Join(dir, "prov.db"), archive.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	f := &fixture{db: db, dir: dir, caps: map[string]uint64{}}
	f.write(t, urlOrig, "official", original, 0)
	f.write(t, urlSame, "news", original, time.Hour)
	f.write(t, urlEdited, "portal", edited, 2*time.Hour)
	f.write(t, urlOther, "official", other, 3*time.Hour)
	f.write(t, urlImage, "news", early, 4*time.Hour)
	f.write(t, urlImage, "news", "", 5*time.Hour)
	return f
}

// write archives a 200 of url fetched d after t0, with text (none when "").
func (f *fixture) write(t *testing.T, url, authority, text string, d time.Duration) {
	t.Helper()
	c := archive.Capture{RequestedURL: url, FinalURL: url, URL: url, Method: "GET", Status: 200,
		FetchStart: t0.Add(d), FetchEnd: t0.Add(d + time.Second), Authority: authority, ToolVersion: "test"}
	payload := []byte("<img src=x>")
	if text != "" {
		c.TextSHA256 = clean.TextHash(text)
		c.Sketch, c.Shingles = clean.Sketch(text)
		payload = []byte("<p>" + text + "</p>")
	}
	ids, err := f.db.Write([]archive.Entry{{Capture: c, Payload: payload, Text: text}})
	if err != nil {
		t.Fatal(err)
	}
	if text != "" {
		f.caps[url] = ids[0]
	}
}

// file writes body to a file in the fixture's folder and returns its path.
func (f *fixture) file(t *testing.T, name, body string) string {
	t.Helper()
	p := filepath.Join(f.dir, name)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestResolve(t *testing.T) {
	f := newFixture(t)
	txt := f.file(t, "copy.txt", edited)
	html := f.file(t, "copy.html", "<!doctype html><html><body><article><p>"+strings.ReplaceAll(original, "\n\n", "</p><p>")+"</p></article></body></html>")
	empty := f.file(t, "empty.txt", " \n")
	// a GBK text file with CRLF line breaks reads as the same text served so
	zh := "国务院新闻办公室11月7日发布《携手构建网络空间命运共同体》白皮书。\n\n白皮书介绍，新时代的中国网络空间治理取得了历史性成就，互联网发展普及，数字经济蓬勃发展。\n\n中国愿同世界各国一道，推动构建网络空间命运共同体。"
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(strings.ReplaceAll(zh, "\n", "\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	gbkTxt := f.file(t, "gbk.txt", gbk)
	cases := []struct {
		arg     string
		want    Subject
		text    string
		wantErr string
	}{
		{urlEdited, Subject{Label: urlEdited, URL: urlEdited, CaptureID: f.caps[urlEdited], TextSHA256: clean.TextHash(edited)}, edited, ""},
		// as a user may write it: found under its canonical URL, labelled as written
		{"HTTP://Portal.TEST:80/river?utm_source=feed", Subject{Label: "HTTP://Portal.TEST:80/river?utm_source=feed", URL: urlEdited, CaptureID: f.caps[urlEdited], TextSHA256: clean.TextHash(edited)}, edited, ""},
		{urlImage, Subject{Label: urlImage, URL: urlImage, CaptureID: f.caps[urlImage], TextSHA256: clean.TextHash(early)}, early, ""},
		{clean.TextHash(other), Subject{Label: clean.TextHash(other), TextSHA256: clean.TextHash(other)}, other, ""},
		{strings.ToUpper(clean.TextHash(other)), Subject{Label: clean.TextHash(other), TextSHA256: clean.TextHash(other)}, other, ""}, // as a tool may print it
		{txt, Subject{Label: txt, File: true, TextSHA256: clean.TextHash(edited)}, edited, ""},
		{gbkTxt, Subject{Label: gbkTxt, File: true, TextSHA256: clean.TextHash(zh)}, zh, ""},
		{html, Subject{Label: html, File: true, TextSHA256: clean.TextHash(original)}, original, ""},
		{"http://nowhere.test/", Subject{}, "", "http://nowhere.test/: archive: not found: no archived text (and no such file)"},
		{empty, Subject{}, "", empty + ": no text found"},
		{strings.Repeat("ab", 32), Subject{}, "", "not found"},
		// the first digits of a text hash, as prov prints them (12), or fewer
		{clean.TextHash(other)[:12], Subject{Label: clean.TextHash(other)[:12], TextSHA256: clean.TextHash(other)}, other, ""},
		{strings.ToUpper(clean.TextHash(other)[:9]), Subject{Label: clean.TextHash(other)[:9], TextSHA256: clean.TextHash(other)}, other, ""},
		{"abababab", Subject{}, "", "archive: text hash abababab: not found"},
		{clean.TextHash(other)[:7], Subject{}, "", "is not a file, a capture number, a URL or a text hash (8 to 64 hex digits)"},
		{"zz", Subject{}, "", "is not a file, a capture number, a URL or a text hash"},
		// a capture number, as verify and show print them
		{fmt.Sprint(f.caps[urlEdited]), Subject{Label: fmt.Sprintf("%s (capture %d)", urlEdited, f.caps[urlEdited]), URL: urlEdited, CaptureID: f.caps[urlEdited], TextSHA256: clean.TextHash(edited)}, edited, ""},
		{"9999999", Subject{}, "", "archive: capture 9999999: not found"},
		{"", Subject{}, "", "is not a file, a capture number, a URL or a text hash"},
	}
	for _, c := range cases {
		t.Run(filepath.Base(c.arg), func(t *testing.T) {
			got, err := Resolve(f.db, c.arg)
			if c.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), c.wantErr) {
					t.Fatalf("err %v, want %q", err, c.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.Text() != c.text {
				t.Errorf("text %.40q…, want %.40q…", got.Text(), c.text)
			}
			got.text = ""
			if got != c.want {
				t.Errorf("got %+v\nwant %+v", got, c.want)
			}
		})
	}
}

func TestTrace(t *testing.T) {
	f := newFixture(t)
	cases := []struct {
		name     string
		arg      string
		original string // "": no work
		relation string // the subject as a copy; "" for a file
		match    string // a file's relation to the original
		faithful bool
	}{
		{"the original", urlOrig, urlOrig, archive.RelOriginal, "", true},
		{"an identical copy", urlSame, urlOrig, archive.RelIdentical, "", true},
		{"an edited copy", urlEdited, urlOrig, archive.RelNear, "", false},
		{"a text hash", clean.TextHash(edited), urlOrig, archive.RelNear, "", false},
		{"a file of the edited text", f.file(t, "edited.txt", edited), urlOrig, "", archive.RelNear, false},
		{"a file of the original", f.file(t, "original.txt", original), urlOrig, "", archive.RelIdentical, true},
		{"a file of the other work", f.file(t, "other.txt", other), urlOther, "", archive.RelIdentical, true},
		{"a file no work resembles", f.file(t, "new.txt", strings.Join(paragraphs("orchard", 6), "\n\n")), "", "", "", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, err := Trace(f.db, c.arg)
			if err != nil {
				t.Fatal(err)
			}
			if c.original == "" {
				if r.Work != nil || r.Faithful {
					t.Errorf("got work %+v (faithful %v), want none", r.Work, r.Faithful)
				}
				return
			}
			if r.Work == nil || r.Work.Original.URL != c.original {
				t.Fatalf("work %+v, want the one of %s", r.Work, c.original)
			}
			if r.Faithful != c.faithful {
				t.Errorf("faithful %v, want %v", r.Faithful, c.faithful)
			}
			switch {
			case c.relation != "" && (r.Copy == nil || r.Copy.Relation != c.relation || r.Match != nil):
				t.Errorf("copy %+v match %+v, want a %s copy", r.Copy, r.Match, c.relation)
			case c.match != "" && (r.Match == nil || r.Match.Relation != c.match || r.Copy != nil):
				t.Errorf("copy %+v match %+v, want a %s match", r.Copy, r.Match, c.match)
			}
		})
	}
}

func TestDiff(t *testing.T) {
	f := newFixture(t)
	unrelated := f.file(t, "new.txt", strings.Join(paragraphs("orchard", 6), "\n\n"))
	cases := []struct {
		name    string
		a, b    string
		against string // the URL of B
		changed []int  // 0-based paragraphs of B changed (number 207 is the third)
		wantErr error
	}{
		{"against the original by default", urlEdited, "", urlOrig, []int{2}, nil},
		{"against a named B", urlOrig, urlEdited, urlEdited, []int{2}, nil},
		{"identical texts", urlSame, "", urlOrig, nil, nil},
		{"a text of no work, no B", unrelated, "", "", nil, ErrNoWork},
		{"an unknown A", "http://nowhere.test/", "", "", nil, archive.ErrNotFound},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, err := Diff(f.db, c.a, c.b)
			if c.wantErr != nil {
				if !errors.Is(err, c.wantErr) {
					t.Fatalf("err %v, want %v", err, c.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if r.Against.URL != c.against || r.Copy.Label != c.a {
				t.Errorf("compared %s against %s, want %s against %s", r.Copy.Label, r.Against.URL, c.a, c.against)
			}
			if r.Changes == nil {
				t.Fatal("changes nil, want [] when none (the JSON says [])")
			}
			var changed []int
			for _, op := range r.Changes {
				if op.Kind != textdiff.Changed {
					t.Errorf("op %+v, want only changed paragraphs", op)
				}
				changed = append(changed, op.AIndex)
			}
			if fmt.Sprint(changed) != fmt.Sprint(c.changed) && !(len(changed) == 0 && len(c.changed) == 0) {
				t.Errorf("changed paragraphs %v, want %v", changed, c.changed)
			}
		})
	}
}

// TestNoWorkMessage pins the message prov diff prints for a text of no work.
func TestNoWorkMessage(t *testing.T) {
	f := newFixture(t)
	p := f.file(t, "new.txt", strings.Join(paragraphs("orchard", 6), "\n\n"))
	_, err := Diff(f.db, p, "")
	if want := p + ": no work holds it; name B"; err == nil || err.Error() != want {
		t.Errorf("err %v, want %q", err, want)
	}
}

// TestArchivedOnly: a web form's A or B is never read as a local file,
// and a capture is named by its ID.
func TestArchivedOnly(t *testing.T) {
	f := newFixture(t)
	path := f.file(t, "secret.txt", edited)
	if _, err := Resolve(f.db, path); err != nil {
		t.Fatalf("Resolve reads files: %v", err)
	}
	if s, err := ResolveArchived(f.db, path); !errors.Is(err, ErrUnnamed) {
		t.Errorf("ResolveArchived(%s) = %+v, %v; want a path to name no text", path, s, err)
	}
	if _, err := DiffArchived(f.db, path, urlOrig); !errors.Is(err, ErrUnnamed) {
		t.Errorf("DiffArchived of a file: %v, want a path to name no text", err)
	}
	r, err := DiffArchived(f.db, urlEdited, "")
	if err != nil || r.Against.URL != urlOrig || len(r.Changes) != 1 {
		t.Errorf("DiffArchived against the original: %+v, %v", r, err)
	}
	s, err := CaptureSubject(f.db, f.caps[urlEdited])
	if err != nil || s.URL != urlEdited || s.Text() != edited || s.CaptureID != f.caps[urlEdited] {
		t.Errorf("CaptureSubject = %+v, %v", s, err)
	}
	if got := DiffSubjects(s, s); len(got.Changes) != 0 || got.Changes == nil {
		t.Errorf("a text against itself: %+v, want no changes ([])", got.Changes)
	}
}

// A copy made before the original was edited is not faithful to the
// original as it stands, and trace names the original's earlier capture
// it is faithful to.
func TestFaithfulToEarlierVersion(t *testing.T) {
	f := newFixture(t)
	first := f.caps[urlOrig]
	f.write(t, urlOrig, "official", edited, 6*time.Hour) // the original is edited
	r, err := Trace(f.db, urlSame)
	if err != nil {
		t.Fatal(err)
	}
	if r.Faithful || r.Earlier == nil || r.Earlier.CaptureID != first || !r.Earlier.Fetched.Equal(t0) {
		t.Errorf("faithful %v, earlier %+v; want not faithful, earlier capture %d fetched %s", r.Faithful, r.Earlier, first, t0)
	}
	r, err = Trace(f.db, urlEdited) // the same text as the original now
	if err != nil || !r.Faithful || r.Earlier != nil {
		t.Errorf("the edited copy: faithful %v, earlier %+v, %v; want faithful", r.Faithful, r.Earlier, err)
	}
}

// A URL that moved (a request for it redirected) is traced through the
// text its request brought from where it went.
func TestTraceMovedURL(t *testing.T) {
	f := newFixture(t)
	const old = "http://gov.test/river-old"
	c := archive.Capture{RequestedURL: old, FinalURL: urlOrig, URL: urlOrig, Method: "GET", Status: 200,
		FetchStart: t0.Add(7 * time.Hour), FetchEnd: t0.Add(7*time.Hour + time.Second), Authority: "official", ToolVersion: "test",
		TextSHA256: clean.TextHash(original)}
	c.Sketch, c.Shingles = clean.Sketch(original)
	if _, err := f.db.Write([]archive.Entry{{Capture: c, Payload: []byte("<p>" + original + "</p>"), Text: original}}); err != nil {
		t.Fatal(err)
	}
	r, err := Trace(f.db, old)
	if err != nil || r.Work == nil || r.Work.Original.URL != urlOrig || !r.Faithful || r.Subject.URL != urlOrig {
		t.Errorf("trace of a moved URL: %+v, %v; want the work of %s, faithful", r.Subject, err, urlOrig)
	}
}

// A text of a prov bundle, its front matter before it, is the text it
// holds: faithful to the original it was exported from. Front matter is
// a "---" block of keys at the top only.
func TestResolveSkipsFrontMatter(t *testing.T) {
	f := newFixture(t)
	fm := "---\r\ntitle: \"River: the plan\"\r\nurl: " + urlOrig + "\r\ncaptions:\r\n  - a photo\r\n---\r\n\r\n"
	for name, c := range map[string]struct {
		body     string
		stripped bool
	}{
		"bundle.txt":  {fm + original, true},
		"notkeys.txt": {"---\nA line of prose first\n---\n\n" + original, false},
		"unclosed.md": {"---\ntitle: x\n" + original, false},
	} {
		s, err := Resolve(f.db, f.file(t, name, c.body))
		if err != nil || (s.TextSHA256 == clean.TextHash(original)) != c.stripped {
			t.Errorf("%s: %s, %v; want the front matter stripped: %v", name, s.TextSHA256, err, c.stripped)
		}
	}
	r, err := Trace(f.db, f.file(t, "exported.txt", fm+original))
	if err != nil || !r.Faithful {
		t.Errorf("a bundle's text of the original: faithful %v, %v", r.Faithful, err)
	}
}
