package main

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/prov-archive/prov/evalscore"
)

func TestApart(t *testing.T) {
	cases := []struct {
		name   string
		res    map[string]float64 // F1 of the extractors run
		others map[string]float64 // F1 of the others
		floor  float64
		want   bool
	}{
		{"all fail", map[string]float64{"prov": 0.1}, map[string]float64{"trafilatura": 0, "readability": 0.19}, 0.2, true},
		{"a peer not run succeeds", map[string]float64{"prov": 0}, map[string]float64{"trafilatura": 0.2}, 0.2, false},
		{"prov succeeds", map[string]float64{"prov": 0.9, "trafilatura": 0}, nil, 0.2, false},
		{"floor 0 sets nothing apart", map[string]float64{"prov": 0}, map[string]float64{"trafilatura": 0}, 0, false},
	}
	for _, c := range cases {
		s := scored{res: map[string]result{}, others: c.others}
		for name, f1 := range c.res {
			s.res[name] = result{f1: f1}
		}
		if got := s.apart(c.floor); got != c.want {
			t.Errorf("%s: apart %v, want %v", c.name, got, c.want)
		}
	}
}

// TestTallyUp checks that a page set apart is in no row, that every other
// page is in its half's row and in all, and how text and snippet rows
// total their pages.
func TestTallyUp(t *testing.T) {
	text := func(half string, p, r float64, empty bool) scored {
		return scored{page: page{dataset: "aeb", half: half}, res: map[string]result{
			"prov": {p: p, r: r, f1: evalscore.F1(p, r), empty: empty, ms: 300 * p},
		}}
	}
	snip := func(half string, c evalscore.SnippetCounts) scored {
		return scored{page: page{dataset: "trafcmp", half: half, snippets: &evalscore.Snippets{}},
			res: map[string]result{"prov": {snip: c, f1: c.F1()}}}
	}
	pages := []scored{
		text(evalscore.Tune, 1, 0.5, false),
		text(evalscore.Tune, 0.5, 1, false),
		text(evalscore.Check, 0, 0, true), // set apart: F1 0
		text(evalscore.Check, 0.8, 0.8, false),
		snip(evalscore.Tune, evalscore.SnippetCounts{TP: 2, FN: 1, TN: 3}),
		snip(evalscore.Tune, evalscore.SnippetCounts{TP: 1, FP: 1, TN: 1}),
	}
	ts := tallyUp(pages, 0.2)
	cases := []struct {
		cell             cell
		n, empty         int
		p, r, f1, pageF1 float64
	}{
		{cell{"aeb", evalscore.Tune, "prov"}, 2, 0, 0.75, 0.75, 0.75, 2.0 / 3},
		{cell{"aeb", evalscore.Check, "prov"}, 1, 0, 0.8, 0.8, 0.8, 0.8},
		{cell{"aeb", all, "prov"}, 3, 0, 2.3 / 3, 2.3 / 3, 2.3 / 3, (4.0/3 + 0.8) / 3},
		{cell{"trafcmp", evalscore.Tune, "prov"}, 2, 0, 0.75, 0.75, 0.75, (0.8 + 2.0/3) / 2},
	}
	for _, c := range cases {
		tl := ts[c.cell]
		if tl == nil {
			t.Errorf("%v: no row", c.cell)
			continue
		}
		p, r, f1 := tl.prf()
		got := []float64{p, r, f1, tl.f1s / float64(tl.n)}
		want := []float64{c.p, c.r, c.f1, c.pageF1}
		if tl.n != c.n || tl.empty != c.empty || !near(got, want) {
			t.Errorf("%v: %d pages, %d empty, P R F1 pageF1 %.4f; want %d, %d, %.4f", c.cell, tl.n, tl.empty, got, c.n, c.empty, want)
		}
	}
	if slow := countUpTo(slices.Sorted(slices.Values(ts[cell{"aeb", all, "prov"}].ms)), 200); slow != 1 {
		t.Errorf("%d pages at or under 200 ms, want 1 (300, 150, 240 ms)", slow)
	}
}

func near(a, b []float64) bool {
	for i := range a {
		if math.Abs(a[i]-b[i]) > 1e-9 {
			return false
		}
	}
	return true
}

func TestDumpWritesTunePagesOnly(t *testing.T) {
	dir := t.TempDir()
	for _, half := range []string{evalscore.Tune, evalscore.Check, unsplit} {
		pg := page{file: "aeb/" + half + ".html", half: half}
		if err := dumpText(dir, pg, "prov", "text of "+half); err != nil {
			t.Fatal(err)
		}
	}
	if b, err := os.ReadFile(filepath.Join(dir, "aeb", "tune.prov.txt")); err != nil || string(b) != "text of tune" {
		t.Errorf("tune page dump: %q, %v", b, err)
	}
	for _, half := range []string{evalscore.Check, unsplit} {
		if _, err := os.Stat(filepath.Join(dir, "aeb", half+".prov.txt")); err == nil {
			t.Errorf("%s page was dumped", half)
		}
	}
}

func TestValidate(t *testing.T) {
	ok := options{half: "all", apart: 0.2}
	bad := []options{
		{half: "both", apart: 0.2},
		{half: "check", dump: "out", apart: 0.2},
		{half: "all", apart: 1.5},
		{half: "all", apart: 0.2, only: "prov,boilerpipe"},
		{half: "all", apart: 0.2, worst: -1},
		{half: "check", apart: 0.2, worst: 5},
	}
	for _, o := range bad {
		if _, _, err := validate(o); err == nil {
			t.Errorf("%+v: no error", o)
		}
	}
	o := ok
	o.only = "prov"
	run, rest, err := validate(o)
	if err != nil || !slices.Equal(names(run), []string{"prov"}) || !slices.Equal(names(rest), []string{"trafilatura", "readability"}) {
		t.Errorf("-only prov: run %v, rest %v, %v", names(run), names(rest), err)
	}
	if run, rest, err := validate(ok); err != nil || len(run) != len(extractors) || len(rest) != 0 {
		t.Errorf("default: run %v, rest %v, %v", names(run), names(rest), err)
	}
}

// TestLoadPages reads a made-up eval folder whose page names are in
// evalscore's split: aeb/003 and trafcmp/002 are tune pages, aeb/001 is a
// check page, aeb/999 is in no half.
func TestLoadPages(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"index.tsv":        "dataset\tfile\tlang\tsource_id\naeb\taeb/001.html\ten\tx\naeb\taeb/003.html\ten\ty\naeb\taeb/999.html\ten\tz\n",
		"snippets.tsv":     "dataset\tfile\tlang\tsource_id\ntrafcmp\ttrafcmp/002.html\tde\tw\n",
		"aeb/001.txt":      "check truth",
		"aeb/003.txt":      "tune truth",
		"aeb/999.txt":      "new truth",
		"trafcmp/002.json": `{"url": "u", "with": ["a"], "without": ["b", "c"]}`,
	}
	for name, body := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want := map[string][]string{
		"tune":  {"aeb/003.html tune", "trafcmp/002.html tune"},
		"check": {"aeb/001.html check"},
		"all":   {"aeb/001.html check", "aeb/003.html tune", "aeb/999.html unsplit", "trafcmp/002.html tune"},
	}
	for half, w := range want {
		pages, err := loadPages(dir, half)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, pg := range pages {
			got = append(got, pg.file+" "+pg.half)
		}
		if !slices.Equal(got, w) {
			t.Errorf("-half %s: %v, want %v", half, got, w)
		}
	}
	pages, _ := loadPages(dir, "tune")
	if pages[0].truth != "tune truth" || pages[1].snippets == nil || len(pages[1].snippets.Without) != 2 {
		t.Errorf("truths not read: %+v", pages)
	}
}

func TestCache(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "f1.tsv")
	peer, prov := extractors[1], extractors[0]
	pg := page{file: "aeb/003.html", truth: "the truth"}
	c, err := openCache(path)
	if err != nil {
		t.Fatal(err)
	}
	c.put(peer, pg, "input", 0) // an F1 of 0 is kept like any other
	c.put(prov, pg, "input", 0.5)
	if err := c.save(); err != nil {
		t.Fatal(err)
	}
	c, err = openCache(path)
	if err != nil {
		t.Fatal(err)
	}
	if f1, ok := c.get(peer, pg, "input"); !ok || f1 != 0 {
		t.Errorf("saved peer F1: %v %v, want 0 true", f1, ok)
	}
	if _, ok := c.get(peer, pg, "other input"); ok {
		t.Errorf("found a peer's F1 for another input")
	}
	if _, ok := c.get(peer, page{file: pg.file, truth: "new truth"}, "input"); ok {
		t.Errorf("found a peer's F1 for another truth")
	}
	if _, ok := c.get(prov, pg, "input"); ok {
		t.Errorf("prov's F1 was cached")
	}
	c.put(peer, pg, "new input", 0.7) // prov's charset decision changed
	if err := c.save(); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(path); err != nil || strings.Count(string(b), "\n") != 1 {
		t.Errorf("cache file after a changed input: %q, %v; want the one entry replaced", b, err)
	}
}

// TestWorstTune checks that only tune pages are listed, furthest below
// the best peer (run or cached) first, that pages where prov leads or
// that are set apart are left out, and that the count is a bound.
func TestWorstTune(t *testing.T) {
	pg := func(file, half string, prov float64, peers map[string]float64) scored {
		return scored{page: page{dataset: "aeb", file: file, half: half},
			res: map[string]result{"prov": {f1: prov}}, others: peers}
	}
	pages := []scored{
		pg("aeb/1.html", evalscore.Tune, 0.5, map[string]float64{"trafilatura": 0.9, "readability": 0.7}),
		pg("aeb/2.html", evalscore.Check, 0.0, map[string]float64{"trafilatura": 1}),
		pg("aeb/3.html", evalscore.Tune, 0.9, map[string]float64{"readability": 0.95}),
		pg("aeb/4.html", evalscore.Tune, 0.9, map[string]float64{"readability": 0.8}),
		pg("aeb/5.html", evalscore.Tune, 0.1, map[string]float64{"readability": 0.15}), // set apart
		pg("aeb/6.html", evalscore.Tune, 0.2, map[string]float64{"readability": 0.9}),
	}
	got := worstTune(pages, 2, 0.2)
	want := []shortfall{
		{file: "aeb/6.html", prov: 0.2, peer: 0.9, peerName: "readability"},
		{file: "aeb/1.html", prov: 0.5, peer: 0.9, peerName: "trafilatura"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("worstTune = %+v, want %+v", got, want)
	}
	if all := worstTune(pages, 10, 0.2); len(all) != 3 {
		t.Errorf("worstTune(10) lists %d pages, want 3 (tune, not apart, prov behind): %+v", len(all), all)
	}
}

// TestPrintGaps checks prov's flagged gap and the signed gap of every
// extractor run, check less tune, and that a dataset without both halves
// prints no line.
func TestPrintGaps(t *testing.T) {
	page := func(d, half string, f1s map[string]float64) scored {
		s := scored{page: page{dataset: d, half: half}, res: map[string]result{}}
		for name, f1 := range f1s {
			s.res[name] = result{p: f1, r: f1, f1: f1}
		}
		return s
	}
	pages := []scored{
		page("aeb", evalscore.Tune, map[string]float64{"prov": 0.9, "readability": 0.8}),
		page("aeb", evalscore.Check, map[string]float64{"prov": 0.95, "readability": 0.7}),
		page("gne", evalscore.Tune, map[string]float64{"prov": 0.9, "readability": 0.9}),
	}
	var out strings.Builder
	exs := []extractor{{name: "prov"}, {name: "readability"}}
	printGaps(&out, tallyUp(pages, 0), []string{"aeb", "gne"}, exs)
	for _, want := range []string{
		"aeb          prov tune 0.90000 check 0.95000 gap 0.05000  > 0.02",
		"aeb          prov +0.05000 readability -0.10000",
	} {
		if !strings.Contains(out.String(), want+"\n") {
			t.Errorf("no line %q in:\n%s", want, out.String())
		}
	}
	if strings.Contains(out.String(), "gne") {
		t.Errorf("gne has no check half, yet has a line:\n%s", out.String())
	}
}

// TestPrintResplits: four sites of one page each, two in each half. One
// site's page fails for prov, in the check half, so every split of two
// and two puts it in one half: prov's gap is 0.5 in every draw, over
// 0.02, and F1 tune − F1 check is +0.5 (at least the real split's) in
// half of them. The peer scores alike on every page: no draw has a gap.
// The set-apart page is no site: were it one, the splits would be three
// and two and prov's gaps would differ.
func TestPrintResplits(t *testing.T) {
	page := func(file, half string, prov, peer float64) scored {
		return scored{page: page{dataset: "aeb", file: file, half: half}, res: map[string]result{
			"prov":        {p: prov, r: prov, f1: prov},
			"readability": {p: peer, r: peer, f1: peer},
		}}
	}
	pages := []scored{
		page("aeb/a.html", evalscore.Tune, 1, 0.9),
		page("aeb/b.html", evalscore.Tune, 1, 0.9),
		page("aeb/c.html", evalscore.Check, 1, 0.9),
		page("aeb/d.html", evalscore.Check, 0, 0.9),
		page("aeb/e.html", evalscore.Tune, 0, 0), // set apart
		page("gne/a.html", evalscore.Tune, 1, 1), // one half only: no line
	}
	pages[5].dataset = "gne"
	var out strings.Builder
	printResplits(&out, pages, []string{"aeb", "gne"}, []extractor{{name: "prov"}, {name: "readability"}}, 0.2)
	var over, atLeast, peerOver, peerAtLeast float64
	line := out.String()[strings.Index(out.String(), "aeb"):]
	if _, err := fmt.Sscanf(line, "aeb prov %f / %f readability %f / %f", &over, &atLeast, &peerOver, &peerAtLeast); err != nil {
		t.Fatalf("%v in:\n%s", err, out.String())
	}
	if over != 1 || atLeast < 0.4 || atLeast > 0.6 || peerOver != 0 || peerAtLeast != 1 {
		t.Errorf("aeb: prov %.2f / %.2f, readability %.2f / %.2f; want 1 / about 0.5, 0 / 1", over, atLeast, peerOver, peerAtLeast)
	}
	if strings.Contains(out.String(), "gne") {
		t.Errorf("gne has no check half, yet has a line:\n%s", out.String())
	}
}

func TestSitesOf(t *testing.T) {
	pages := []scored{
		{page: page{dataset: "aeb", file: "aeb/001.html", half: evalscore.Half("aeb/001.html")}},
		{page: page{dataset: "aeb", file: "aeb/x.html", half: evalscore.Tune}},
		{page: page{dataset: "aeb", file: "aeb/y.html", half: unsplit}},
	}
	for i := range pages {
		pages[i].res = map[string]result{"prov": {f1: 1}}
	}
	sites, tune := sitesOf(pages, "aeb", 0.2)
	if len(sites) != 2 || tune != 1 {
		t.Fatalf("%d sites, %d tune; want 2 (the unsplit page is none), 1", len(sites), tune)
	}
}

func TestBlindNames(t *testing.T) {
	page := `<html><head><style>.story{color:red}</style></head><body>` +
		`<DIV Class="story main" id=top data-x="story"><p class='story'>Text &amp; more, class="story" id=1</p>` +
		`<script>var s = '<div class="story">';</script><!-- class="story" --><img src="a.png" alt="story"></DIV></body></html>`
	got := string(blindNames([]byte(page)))
	story, main, top := blindValue("story"), blindValue("main"), blindValue("top")
	if story == main || story == "story" || !strings.HasPrefix(story, "q") || blindValue("story main") != story+" "+main {
		t.Fatalf("blindValue: story %q, main %q", story, main)
	}
	if strings.ContainsAny(story+main+top, "0123456789") {
		t.Fatalf("blindValue: story %q, main %q", story, main)
	}
	for _, want := range []string{
		`<div class="` + story + ` ` + main + `" id="` + top + `" data-x="story">`, // both named, the other attribute kept
		`<p class="` + story + `">`,
		`Text &amp; more, class="story" id=1</p>`,         // text passes as it came
		`<style>.story{color:red}</style>`,                // so do styles,
		`<script>var s = '<div class="story">';</script>`, // scripts
		`<!-- class="story" -->`,                          // and comments
		`<img src="a.png" alt="story">`,                   // and tags without a name
	} {
		if !strings.Contains(got, want) {
			t.Errorf("blinded page lacks %q:\n%s", want, got)
		}
	}
	if n := strings.Count(got, `class="story"`); n != 3 {
		t.Errorf(`class="story" appears %d times, want 3 (in the text, the script and the comment):\n%s`, n, got)
	}
	if n := strings.Count(got, story); n != 2 {
		t.Errorf("story's blind name appears %d times, want 2 (the div and the p):\n%s", n, got)
	}
}

// TestWithCaptions: -captions scores prov's captions after its text and
// leaves the peers as they are.
func TestWithCaptions(t *testing.T) {
	page := []byte(`<html><body><article><h1>Title</h1>
<p>The council met on Monday and agreed to rebuild the old bridge over the river before winter comes.</p>
<figure><img src="a.jpg"><figcaption>The old bridge in 1920.</figcaption></figure>
<p>Work starts in March, and the bridge will stay open to walkers while it is rebuilt, the mayor said.</p>
</article></body></html>`)
	exs := withCaptions(extractors)
	for i, ex := range exs {
		if ex.name != "prov" && reflect.ValueOf(ex.run).Pointer() != reflect.ValueOf(extractors[i].run).Pointer() {
			t.Errorf("%s's run changed", ex.name)
		}
		if ex.name != "prov" {
			continue
		}
		plain, with := provText("http://example.com/", page), ex.run("http://example.com/", page)
		if strings.Contains(plain, "The old bridge in 1920.") {
			t.Fatalf("the caption is in prov's text: %q", plain)
		}
		if with != plain+"\nThe old bridge in 1920." {
			t.Errorf("with captions = %q, want the text then the caption", with)
		}
	}
}

func TestProbeVerdict(t *testing.T) {
	for _, c := range []struct {
		prov, a, b int
		want       string
	}{
		{596, 13230, 12000, "short"}, // a document cut to its first section
		{0, 900, 800, "empty"},       // a page with text left empty
		{0, 1000, 200, "empty"},      // one peer found the text
		{0, 400, 450, ""},            // neither peer found enough to say the page has text
		{5000, 4000, 6000, ""},       // the three agree
		{300, 1000, 200, ""},         // one peer found as little
		{100, 400, 450, ""},          // the peers found too little to weigh
		{4535, 28, 862, "long"},      // prov kept far more than either
		{400, 10, 20, ""},            // prov's text too short to weigh
	} {
		if got := probeVerdict(c.prov, c.a, c.b); got != c.want {
			t.Errorf("probeVerdict(%d, %d, %d) = %q, want %q", c.prov, c.a, c.b, got, c.want)
		}
	}
}

func TestProbePaths(t *testing.T) {
	dir := t.TempDir()
	list := filepath.Join(dir, "list")
	if err := os.WriteFile(list, []byte("a.html\n\n  b.html \n"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := probePaths(list)
	if err != nil || !slices.Equal(got, []string{"a.html", "b.html"}) {
		t.Fatalf("probePaths = %q, %v", got, err)
	}
	empty := filepath.Join(dir, "empty")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := probePaths(empty); err == nil || !strings.Contains(err.Error(), "no paths") {
		t.Errorf("an empty list gave %v, want an error naming it", err)
	}
	if _, err := probePaths(filepath.Join(dir, "missing")); err == nil {
		t.Error("a missing list gave no error")
	}
}

func TestPlainTags(t *testing.T) {
	page := `<html><body><HEADER class="top"><NAV><a href="/">Home</a></nav></HEADER>` +
		`<main id=m><article data-x="article"><h1>Title</h1><time datetime="2024-01-02">2 Jan</time>` +
		`<section><p>Text in an &lt;article&gt; &amp; a <b>section</b>.</p></section>` +
		`<figure><img src="a.png" alt="figure"><figcaption>A caption</figcaption></figure>` +
		`<script>var s = '<article>';</script><!-- <aside> --><aside>More</aside></article></main>` +
		`<footer>Foot</footer><search><input name=q></search><hgroup><h2>Sub</h2></hgroup></body></html>`
	want := `<html><body><div class="top"><div><a href="/">Home</a></div></div>` +
		`<div id="m"><div data-x="article"><h1>Title</h1><span datetime="2024-01-02">2 Jan</span>` +
		`<div><p>Text in an &lt;article&gt; &amp; a <b>section</b>.</p></div>` +
		`<div><img src="a.png" alt="figure"><div>A caption</div></div>` +
		`<script>var s = '<article>';</script><!-- <aside> --><div>More</div></div></div>` +
		`<div>Foot</div><div><input name=q></div><div><h2>Sub</h2></div></body></html>`
	if got := string(plainTags([]byte(page))); got != want {
		t.Errorf("plainTags:\n got %s\nwant %s", got, want)
	}
	untouched := `<div class=a><p>No HTML5 tags <span>here</span></p><br/></div>`
	if got := string(plainTags([]byte(untouched))); got != untouched {
		t.Errorf("a page without the tags changed:\n got %s\nwant %s", got, untouched)
	}
	both := string(view(true, true)([]byte(`<article class="story"><p>x</p></article>`)))
	if wantBoth := `<div class="` + blindValue("story") + `"><p>x</p></div>`; both != wantBoth {
		t.Errorf("-blind -plain: got %s, want %s", both, wantBoth)
	}
	if got := string(view(false, false)([]byte(page))); got != page {
		t.Errorf("no view changed the page: %s", got)
	}
}

// TestResplitSnippets: on a snippet dataset a half's F1 in a draw is that
// of its pages' snippet counts summed, as in the rows, so the gap of the
// real split is the rows' gap, and the one other split of two sites
// turns it over.
func TestResplitSnippets(t *testing.T) {
	snip := func(c evalscore.SnippetCounts) scored {
		return scored{page: page{dataset: "trafcmp", snippets: &evalscore.Snippets{}},
			res: map[string]result{"prov": {snip: c, f1: c.F1()}}}
	}
	sites := []site{
		{tune: true, pages: []scored{snip(evalscore.SnippetCounts{TP: 2, FN: 1}), snip(evalscore.SnippetCounts{TP: 1, FP: 1})}},
		{pages: []scored{snip(evalscore.SnippetCounts{TP: 1, FN: 1})}},
	}
	want := 0.75 - 2.0/3 // F1 of TP 3, FN 1, FP 1 less F1 of TP 1, FN 1
	if g := gap(sites, "prov", func(i int) bool { return sites[i].tune }); math.Abs(g-want) > 1e-9 {
		t.Errorf("gap %.5f, want %.5f", g, want)
	}
	if over, atLeast := resplit(sites, 1, "prov"); over != 1 || atLeast < 0.4 || atLeast > 0.6 {
		t.Errorf("resplit: %.2f over, %.2f at least the real gap; want 1, about 0.5", over, atLeast)
	}
}
