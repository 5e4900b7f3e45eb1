package crawl

import (
	"bytes"
	"log/slog"
	"math/rand/v2"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prov-archive/prov/rules"
)

func TestTrapped(t *testing.T) {
	now := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	tr := newTraps(Config{Now: func() time.Time { return now }})
	cases := []struct{ url, want string }{
		// followed: dated articles, past archives, near calendars
		{"http://x.test/politics/2022-11/07/c_1129108211.htm", ""},
		{"http://x.test/events/2024-05-10-talk.html", ""},
		{"http://x.test/events/2031-05-10-talk.html", ""}, // no calendar hint
		{"http://x.test/news/20310704/a.html", ""},
		{"http://x.test/archive/2019/05/", ""},
		{"http://x.test/calendar/2026/03/", ""}, // within a year
		{"http://x.test/cal?month=12&year=2025", ""},
		{"http://x.test/content_75316208.htm?id=20991231", ""},
		{"http://x.test/a/b/a/b", ""},
		{"http://x.test/a?p=1&p=2&q=3", ""},
		// traps
		{"http://x.test/calendar/2031/07/", TrapCalendar},
		{"http://x.test/events/day/2031-07-04", TrapCalendar},
		{"http://x.test/cal?month=7&year=2031", TrapCalendar},
		{"http://x.test/index.php?view=agenda&date=2031-07", TrapCalendar},
		{"http://x.test/Archive/203101/", TrapCalendar},
		{"http://x.test/calendar/2026/07/", TrapCalendar}, // 13 months ahead
		{"http://x.test/a/b/a/b/a", TrapRepeatedSegment},
		{"http://x.test/a?p=1&p=2&p=3", TrapRunawayQuery},
		{"http://x.test/a?a=1&b=2&c=3&d=4&e=5&f=6&g=7&h=8&i=9", TrapRunawayQuery},
		{"http://x.test/" + strings.Repeat("l", DefaultMaxURLLength), TrapLongURL},
	}
	for _, c := range cases {
		u, _ := url.Parse(c.url)
		if got := tr.trapped(c.url, u); got != c.want {
			t.Errorf("trapped(%s) = %q, want %q", c.url, got, c.want)
		}
	}
}

// TestURLGrowth holds url.URL.String to the bound traps.long relies on:
// written out, a URL parsed from raw is at most maxGrowth*len(raw) +
// maxAdded bytes. Checked on URLs that make String escape and add the
// most (spaces, non-ASCII, user info, a path without a host, colons),
// and on random strings of such bytes; long must then say what
// len(u.String()) says, at every limit.
func TestURLGrowth(t *testing.T) {
	raws := []string{"http://x.test/a", "http:/a", "http:a", "//x.test", "a:b", "./a:b", "/a b", "a%20b",
		"http://ü@x.test/ü ü?ü#ü ü", "http://u:p@x.test", "http://[::1]:80/ /", "http://x.test/%zz", "#  ",
		"?", "http://x.test?", "http://%41.test/", "mailto:a b", "http://x.test/" + strings.Repeat(" ", 50),
		"http://" + strings.Repeat("é", 20) + "/", "http://x.test/a#" + strings.Repeat("\x7f", 9)}
	rng := rand.New(rand.NewPCG(7, 8))
	alphabet := []string{"a", ":", "/", "//", "?", "#", "@", "%", "%41", " ", "é", "\x00", "\x7f", "[", "]", "http:", "http://", ".", "*", "\\", "\""}
	for range 50000 {
		var b strings.Builder
		for range rng.IntN(16) {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		raws = append(raws, b.String())
	}
	for _, raw := range raws {
		u, err := url.Parse(raw)
		if err != nil {
			continue
		}
		n := len(u.String())
		if n > maxGrowth*len(raw)+maxAdded {
			t.Fatalf("url.Parse(%q).String() is %d bytes, past the bound %d", raw, n, maxGrowth*len(raw)+maxAdded)
		}
		for _, limit := range []int{0, 1, len(raw), n - 1, n, n + 1, 3 * len(raw), 3*len(raw) + maxAdded} {
			tr := &traps{maxLen: limit}
			if got := tr.long(raw, u); got != (n > limit) {
				t.Fatalf("long(%q) at limit %d = %v, String is %d bytes", raw, limit, got, n)
			}
		}
	}
}

// TestIsCalendarHint: isCalendarHint says what the lower-cased lookup in
// calendarHints it stands for says, on the hints in any case, letters
// that lower-case to ASCII (the Kelvin sign), and random segments.
func TestIsCalendarHint(t *testing.T) {
	segs := []string{"", "a", "cal", "CAL", "Cal", "calendar", "CALENDAR", "calendars", "ca", "kalender",
		"\u212Aalender", "wee\u212A", "\u212A", "İ", "archive", "Archives", "ARCHIVESS", "2031", "news", "00001.html"}
	for name := range calendarHints {
		segs = append(segs, name, strings.ToUpper(name), name[:len(name)-1], name+"s")
	}
	rng := rand.New(rand.NewPCG(3, 4))
	alphabet := []string{"a", "c", "l", "K", "k", "\u212A", "e", "n", "d", "r", "Y", "y", "A", "W", "w", "İ", "1"}
	for range 50000 {
		var b strings.Builder
		for range 1 + rng.IntN(9) {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		segs = append(segs, b.String())
	}
	for _, s := range segs {
		if got, want := isCalendarHint(s), calendarHints[strings.ToLower(s)]; got != want {
			t.Errorf("isCalendarHint(%q) = %v, want %v", s, got, want)
		}
	}
}

// syncBuffer is a log sink the workers may write to at once.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func TestTrapsCountedAndLogged(t *testing.T) {
	ts := newTestServer(t)
	cfg := ts.config("/trap-links")
	cfg.NoDiscovery, cfg.MaxDepth = true, 1
	var logs syncBuffer
	cfg.Logger = slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	got := crawlAll(t, cfg)
	if _, ok := got["/politics/2022-11/07/c_1129108211.htm"]; !ok || len(got) != 3 {
		t.Errorf("pages %v, want /trap-links and the two dated articles", keys(got))
	}
	reasons := cfg.Stats.SkipReasons()
	for _, r := range []string{TrapCalendar, TrapRepeatedSegment, TrapRunawayQuery, TrapLongURL} {
		if reasons[r] != 1 {
			t.Errorf("%s: %d skips, want 1 (all: %v)", r, reasons[r], reasons)
		}
		if !strings.Contains(logs.String(), `reason="`+r+`"`) {
			t.Errorf("no debug line for %q", r)
		}
	}
}

func TestMaxPagesPerHost(t *testing.T) {
	ts := newTestServer(t)
	cfg := ts.config("/deep/0")
	cfg.Seeds = append(cfg.Seeds, mapsURL("/deep/0"))
	cfg.MaxDepth = 100
	cfg.MaxPagesPerHost = 3
	cfg.NoDiscovery = true // the sitemap of mapsHost would use its budget
	got := crawlAll(t, cfg)
	var www, maps int
	for _, p := range got {
		if strings.Contains(p.RequestedURL, mapsHost) {
			maps++
		} else {
			www++
		}
	}
	if www != 3 || maps != 3 {
		t.Errorf("pages per host: www %d, maps %d; want 3 each (%v)", www, maps, keys(got))
	}
	if n := cfg.Stats.SkipReasons()[SkipMaxPagesPerHost]; n != 2 {
		t.Errorf("max-pages-per-host skips %d, want 2", n)
	}
}

func TestDenyMatchesQuery(t *testing.T) {
	ts := newTestServer(t)
	site := rules.Site{Name: "example", Hosts: []string{testHost}, Deny: []*regexp.Regexp{regexp.MustCompile(`[?&]print=`)}}
	cfg := ts.config("/print-links")
	cfg.Rules = &rules.Set{Sites: []*rules.Site{&site}}
	got := crawlAll(t, cfg)
	paths := keys(got)
	sort.Strings(paths)
	if s := strings.Join(paths, " "); s != "/a /print-links" {
		t.Errorf("pages %q, want /a /print-links", s)
	}
	if n := cfg.Stats.SkipReasons()[SkipDenied]; n != 1 {
		t.Errorf("denied skips %d, want 1", n)
	}
}

func TestFrontierDocsResume(t *testing.T) {
	path := t.TempDir() + "/f"
	f, err := OpenFrontier(path)
	if err != nil {
		t.Fatal(err)
	}
	b := budget{pages: 1}
	f.add([]string{"http://x.test/sitemap.xml"}, 0, kindSitemap, b)
	if added, over, _ := f.add([]string{"http://x.test/a", "http://x.test/b"}, 1, kindPage, b); added != 1 || len(over) != 1 || over[0].reason != SkipMaxPages {
		t.Fatalf("pages: added %d, over %v; want 1 and /b over max pages (a sitemap takes no page budget)", added, over)
	}
	e, ok, _, _ := f.take(1)
	if !ok || e.kind != kindSitemap {
		t.Fatalf("took %+v", e)
	}
	f.Close() // killed while reading the sitemap
	f, err = OpenFrontier(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Finish()
	if err := f.requeueTaken(nil); err != nil {
		t.Fatal(err)
	}
	var got []string
	for {
		e, ok, _, _ := f.take(1)
		if !ok {
			break
		}
		got = append(got, e.key+" "+kindName(e.kind))
	}
	if s := strings.Join(got, ", "); s != "http://x.test/sitemap.xml s, http://x.test/a 0" { // depth 0, then 1
		t.Errorf("after resume took %q", s)
	}
}

// repeatsSegment compares the segments of a short path in an array and
// counts those of a long one in a map: both answer alike.
func TestRepeatsSegment(t *testing.T) {
	long := "" // 20 segments, none repeated
	for i := range 20 {
		long += "/s" + string(rune('a'+i))
	}
	for _, c := range []struct {
		path string
		want bool
	}{
		{"", false}, {"/", false}, {"/a/b/a/b", false}, {"/a/b/a/b/a", true}, {"a//a///a", true},
		{"/x/a/y/a/z/a/", true}, {long, false}, {long + "/sa/sa", true}, {long + "/sa", false},
	} {
		if got := repeatsSegment(c.path); got != c.want {
			t.Errorf("repeatsSegment(%q) = %v, want %v", c.path, got, c.want)
		}
		if got := repeatsSegmentMap(c.path); got != c.want {
			t.Errorf("repeatsSegmentMap(%q) = %v, want %v", c.path, got, c.want)
		}
	}
}
