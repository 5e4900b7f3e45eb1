package clean

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestLinkBlockKept: linkBlock answers from what it found the first time
// it was asked of an element (inLinkList asks it of every ancestor of
// every run), not by reading the element's runs again.
func TestLinkBlockKept(t *testing.T) {
	page := `<html><body><div id="card"><p><a href="/a">A linked headline of another story</a></p>` +
		`<p>Its summary in a line</p></div></body></html>`
	root, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	bw := walkBlocks(root)
	var card *html.Node
	for _, n := range bw.order {
		if attr(n, "id") == "card" {
			card = n
		}
	}
	st := bw.stats[card]
	if !linkBlock(bw, card, st) {
		t.Fatal("the teaser card is not a link block")
	}
	for i := st.start; i < st.end; i++ { // ten commas: linkyDiv would now say no
		bw.runs[i].text += strings.Repeat(", ", 10)
	}
	if !linkBlock(bw, card, st) {
		t.Error("asked again, linkBlock read the runs afresh")
	}
	if st.linkBlock = 0; linkBlock(bw, card, st) {
		t.Error("the commas do not change linkyDiv's answer: the test proves nothing")
	}
}

// TestSignOffKept: a run's sign-off is read once (runSignOff); every group
// nested around the run asks it again.
func TestSignOffKept(t *testing.T) {
	r := run{text: "jroe, March 3, 2024 at 4:15 pm"}
	if !runSignOff(&r) {
		t.Fatal("a name and a time are no sign-off")
	}
	r.text = "A sentence of the story, with no time in it."
	if !runSignOff(&r) {
		t.Error("asked again, runSignOff read the text afresh")
	}
	if r.signOff = 0; runSignOff(&r) {
		t.Error("the new text is a sign-off too: the test proves nothing")
	}
}

// TestFirstProse: the first paragraph of prose in roots is the lowest run
// index over all of them, in whatever order they come; past the runs when
// they hold none.
func TestFirstProse(t *testing.T) {
	long := strings.Repeat("A sentence of the story that runs on for a while. ", 4)
	page := `<html><body><div id="a"><h2>A heading</h2><p>Short.</p><p>` + long + `</p></div>` +
		`<div id="b"><p>` + long + `</p></div><div id="c"><p>Short.</p></div></body></html>`
	root, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	bw := walkBlocks(root)
	byID := map[string]*html.Node{}
	for _, n := range bw.order {
		byID[attr(n, "id")] = n
	}
	a, b, c := byID["a"], byID["b"], byID["c"]
	want := bw.stats[a].start + 2 // the heading and the short line come first
	if got := firstProse(bw, []*html.Node{b, a}); got != want {
		t.Errorf("firstProse(b, a) = %d, want %d (a's paragraph, before b's)", got, want)
	}
	if got := firstProse(bw, []*html.Node{c}); got != len(bw.runs) {
		t.Errorf("firstProse(c) = %d, want %d: c holds no prose", got, len(bw.runs))
	}
}

// TestSourceListHome: a page that names no address of its own
// (canonical, og:url) is on the site it was read from, so a headed list
// of absolute links back into that site is the site's further reading
// and goes, while the same list read from another site leads off it and
// stays as the article's sources.
func TestSourceListHome(t *testing.T) {
	body := "<html><head><title>Title</title></head><body><article><div>" + prose("story", 3) +
		`<h2>Worth reading</h2><ul><li><a href="https://www.example.com/a">Council to meet again on the bridge</a></li>` +
		`<li><a href="https://example.com/b">Mayor speaks about the flood plan</a></li><li><a href="https://www.example.com/c">Rain is due again</a></li></ul>` +
		prose("end", 2) + "</div></article></body></html>"
	for _, c := range []struct {
		url  string
		kept bool
	}{
		{"https://www.example.com/story", false},
		{"https://news.example.org/story", true},
	} {
		doc, err := Clean(Input{URL: c.url, Header: http.Header{}, Body: []byte(body)})
		if err != nil {
			t.Fatal(err)
		}
		if kept := strings.Contains(doc.Text, "Mayor speaks"); kept != c.kept || !strings.Contains(doc.Text, "Paragraph 1 of the end") {
			t.Errorf("read from %s: list kept %v, want %v:\n%s", c.url, kept, c.kept, doc.Text)
		}
	}
}

// TestCites: a link cites what it names off the site only when it leads
// to another host than the page's (homes, written space-separated here),
// however its address is written, and its text is more than the name or
// host of the site it leads to.
func TestCites(t *testing.T) {
	for _, c := range []struct {
		home, href, text string
		want             bool
	}{
		{"example.com", "https://editor.example.org/", "TextPad", true},
		{"example.com", "//editor.example.org/x", "TextPad", true},
		{"example.com", " https://news.example.net/a ", "报道全文", true},
		{"example.com", "https://twitter.com/ex", "Twitter", false},
		{"example.com", "https://twitter.com/ex", "twitter.com", false},
		{"example.com", "https://www.youtube.com/@ex", "www.YouTube.com", false},
		{"example.com", "https://photos.example.org/ex", "", false},
		{"example.com", "HTTPS://WWW.EXAMPLE.COM/a", "Council to meet", false},
		{"example.com", "https://example.com:8080/a", "Council to meet", false},
		{"example.com", "https://www.example.com./a", "Council to meet", false},
		{"example.com", "/b", "Mayor speaks", false},
		{"example.com", "mailto:ed@example.org", "Write to the editor", false},
		{"example.com", "javascript:void(0)", "Open the map", false},
		{"example.com", "http://[::1", "A broken link", false},
		{"", "https://example.com/a", "Council to meet", true},
		{"blog.example.com", "https://docs.example.com/x", "The reference", true},
		{"wire.example.org example.com", "https://www.example.com/a", "Council to meet", false},
		{"wire.example.org example.com", "https://wire.example.org/a", "Council to meet", false},
		{"xn--bcher-kva.example", "https://bücher.example/a", "Council to meet", false},
		{"example.com", "https://xn--bcher-kva.example/", "Bücher", false},
		{"example.com", "https://bücher.example/", "BÜCHER", false},
	} {
		root, err := html.Parse(strings.NewReader(`<a href="` + c.href + `">` + c.text + `</a>`))
		if err != nil {
			t.Fatal(err)
		}
		var a *html.Node
		for n := range root.Descendants() {
			if n.Type == html.ElementNode && n.Data == "a" {
				a = n
			}
		}
		if got := cites(a, strings.Fields(c.home)); got != c.want {
			t.Errorf("cites(%q %q, home %q) = %v, want %v", c.href, c.text, c.home, got, c.want)
		}
	}
}

// TestSourceList: what makes a headed list of links the article's
// sources (kept) or the site's (dropped): the heading right before it,
// a label that is no related reading, prose beside or after it, most of
// its links off the site, the site as its address, og:url or canonical
// names it ("www." aside).
func TestSourceList(t *testing.T) {
	offSite := `<ul><li><a href="https://editor.example.org/">TextPad</a></li><li><a href="https://paint.example.net/">Easel</a></li></ul>`
	for _, c := range []struct {
		name, head, body string
		kept             bool
	}{
		{"under a heading amid prose", "", prose("story", 3) + `<h2>Tools I use</h2>` + offSite + prose("end", 1), true},
		{"beside prose, none after it", "", prose("story", 3) + `<h2>Tools I use</h2>` + offSite, true},
		{"no heading", "", prose("story", 3) + offSite + prose("end", 1), false},
		{"a list in a list", "", prose("story", 3) + `<h2>Tools I use</h2><ul><li>Editors` + offSite + `</li></ul>` + prose("end", 1), true},
		{"a related-reading heading in Chinese", "", prose("story", 3) + `<h2>【相关链接】</h2>` + offSite + prose("end", 1), false},
		{"a related-reading heading", "", prose("story", 3) + `<h2>See also</h2>` + offSite + prose("end", 1), false},
		{"most links on the site", "", prose("story", 3) + `<h2>Tools I use</h2><ul><li><a href="https://editor.example.org/">TextPad</a></li>` +
			`<li><a href="/easel">Easel</a></li><li><a href="/brush">Brush</a></li></ul>` + prose("end", 1), false},
		{"og:url names the site", `<meta property="og:url" content="https://www.example.org/story">`,
			prose("story", 3) + `<h2>Tools I use</h2><ul><li><a href="https://example.org/a">TextPad</a></li><li><a href="https://example.org/b">Easel</a></li></ul>` + prose("end", 1), false},
		{"a copy of another site's story, linking the site that copied it", `<link rel="canonical" href="https://wire.example.org/story">`,
			prose("story", 3) + `<h2>Tools I use</h2><ul><li><a href="https://news.example.com/a">TextPad</a></li><li><a href="https://news.example.com/b">Easel</a></li></ul>` + prose("end", 1), false},
		{"canonical bare, links www.", `<link rel="canonical" href="https://example.net/story">`,
			prose("story", 3) + `<h2>Tools I use</h2><ul><li><a href="https://www.example.net/a">TextPad</a></li><li><a href="https://www.example.net/b">Easel</a></li></ul>` + prose("end", 1), false},
	} {
		page := "<html><head><title>Title</title>" + c.head + "</head><body><article><div>" + c.body + "</div></article></body></html>"
		doc, err := Clean(Input{URL: "https://news.example.com/story", Header: http.Header{}, Body: []byte(page)})
		if err != nil {
			t.Fatal(err)
		}
		if kept := strings.Contains(doc.Text, "TextPad"); kept != c.kept || !strings.Contains(doc.Text, "Paragraph 2 of the story") {
			t.Errorf("%s: list kept %v, want %v:\n%s", c.name, kept, c.kept, doc.Text)
		}
	}
}

// TestPageHosts: the page is on the host its canonical names, else its
// og:url, and on the one it was read from, "www." and case aside; a
// canonical or og:url without a host (resolver.abs found none) names
// none.
func TestPageHosts(t *testing.T) {
	page := parsePageURL("https://WWW.Example.com:8443/story")
	for _, c := range []struct {
		canonical, og string
		page          *url.URL
		want          []string
	}{
		{"https://news.example.org/story", "https://example.net/story", page, []string{"news.example.org", "example.com"}},
		{"", "https://www.example.net/story", page, []string{"example.net", "example.com"}},
		{"https://example.com/story", "", page, []string{"example.com"}},
		{"", "", page, []string{"example.com"}},
		{"", "", nil, nil},
		{"", "", parsePageURL("/story"), nil},
		{"https://Bücher.example/story", "", nil, []string{"xn--bcher-kva.example"}},
	} {
		if got := pageHosts(c.canonical, c.og, c.page); !slices.Equal(got, c.want) {
			t.Errorf("pageHosts(%q, %q, %v) = %q, want %q", c.canonical, c.og, c.page, got, c.want)
		}
	}
}

// TestSourceListPasses: the structural pass's walk is on the page's hosts
// as the first walk is (it copies homes), so a headed list of absolute
// links back into the site goes there too.
func TestSourceListPasses(t *testing.T) {
	page := "<html><head><title>Title</title></head><body><article><div>" + prose("story", 3) +
		`<h2>Tools I use</h2><ul><li><a href="https://example.com/a">TextPad</a></li><li><a href="https://example.com/b">Easel</a></li></ul>` +
		prose("end", 1) + "</div></article></body></html>"
	root, err := parseHTML([]byte(page), nil)
	if err != nil {
		t.Fatal(err)
	}
	bw := walkBlocks(root)
	bw.homes = []string{"example.com"}
	text := strings.Join(structuralText(&parsed{root: root, bw: bw, title: "Title"}).paras, "\n")
	if strings.Contains(text, "TextPad") || !strings.Contains(text, "Paragraph 0 of the end") {
		t.Errorf("structural pass kept the site's own list, or lost the story:\n%s", text)
	}
}

// TestLabelledLinkList: a mail archive's bars ("Previous message: …",
// "Next message: …", "Messages sorted by: [ date ] [ thread ]") around
// the message go; a facts list whose values are words, some of them
// links, stays, and so does a list of parameters named in code.
func TestLabelledLinkList(t *testing.T) {
	bar := `<ul><li>Previous message: <a href="000123.html">[dev] Release schedule for 3.2</a></li><li>Next message: <a href="000125.html">[dev] Tests time out</a></li><li><b>Messages sorted by:</b> <a href="date.html">[ date ]</a> <a href="thread.html">[ thread ]</a> <a href="subject.html">[ subject ]</a></li></ul>`
	msg := "<pre>Hi all,\n\nThe nightly build fails on arm64 since yesterday's merge of the allocator patch, with a\nlinker error about a missing symbol in the atomics module.\n\n> Did anyone try the new toolchain yet?\n\nYes, and the same error shows up there as well.\n</pre>"
	doc := cleanBody(t, "[dev] Build fails on arm64", `<h1>[dev] Build fails on arm64</h1>`+bar+`<hr>`+msg+`<hr>`+bar)
	checkText(t, doc, []string{"The nightly build fails", "> Did anyone try"}, []string{"Previous message", "Messages sorted by"})
	facts := `<ul><li>Website: <a href="http://mill.example.org">mill.example.org</a></li><li>Opened: 1820</li><li>Contact: <a href="mailto:a@example.org">a@example.org</a></li></ul>`
	doc = cleanBody(t, "Old mill reopens", `<h1>Old mill reopens</h1><p>The old mill on the river reopened on Saturday after six years of work by volunteers, who restored the wheel, the grinding stones and the roof of the main hall.</p>`+facts+`<p>The mill is run by a trust and relies on donations and on the help of volunteers from the village.</p>`)
	checkText(t, doc, []string{"Opened: 1820", "Website: mill.example.org"}, nil)
	params := `<ul><li><code>key</code>: <a href="#class-keyobject"><code>&lt;KeyObject&gt;</code></a> | <a href="#class-cryptokey"><code>&lt;CryptoKey&gt;</code></a></li><li><code>data</code>: <a href="#buffer"><code>&lt;ArrayBuffer&gt;</code></a> | <a href="#buffer"><code>&lt;Buffer&gt;</code></a></li><li>Returns: <a href="#promise"><code>&lt;Promise&gt;</code></a></li></ul>`
	doc = cleanBody(t, "generateKeyPair", `<h1>generateKeyPair</h1><p>Generates a new asymmetric key pair of the given type and passes it to the callback once the work on the thread pool has finished.</p>`+params+`<p>The keys are returned as objects unless an encoding is given for the one or the other of them.</p>`)
	checkText(t, doc, []string{"key: <KeyObject>", "data: <ArrayBuffer>", "Returns: <Promise>"}, nil)
}
