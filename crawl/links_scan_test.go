package crawl

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// scanTags must read every page as scanTagsRef, the Tokenizer, reads it:
// the same base, canonical, anchors and feeds.

// sameTags fails t unless scanTags and scanTagsRef read the same tags of
// page, and returns what they read.
func sameTags(t testing.TB, name string, page []byte) pageTags {
	t.Helper()
	got, want := scanTags(page), scanTagsRef(bytes.NewReader(page))
	if got.base != want.base {
		t.Errorf("%s: base %q, Tokenizer %q", name, got.base, want.base)
	}
	if got.canonical != want.canonical {
		t.Errorf("%s: canonical %q, Tokenizer %q", name, got.canonical, want.canonical)
	}
	if !slices.Equal(got.anchors, want.anchors) {
		t.Errorf("%s: anchors\n%q\nTokenizer\n%q", name, got.anchors, want.anchors)
	}
	if !slices.Equal(got.feeds, want.feeds) {
		t.Errorf("%s: feeds %q, Tokenizer %q", name, got.feeds, want.feeds)
	}
	return want
}

// sameTagsCut is sameTags on page and on pieces of it cut short at a few
// places, so that pages end inside tags, comments and scripts.
func sameTagsCut(t *testing.T, name string, page []byte) pageTags {
	t.Helper()
	for _, n := range []int{len(page) / 7, len(page) / 3, len(page) / 2, len(page) - 1} {
		if n > 0 {
			sameTags(t, name+" cut", page[:n])
		}
	}
	return sameTags(t, name, page)
}

// TestScanTagsAsTokenizerRepo reads every HTML file of the repository.
func TestScanTagsAsTokenizerRepo(t *testing.T) {
	files := 0
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == ".git" {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(d.Name(), ".html") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		sameTagsCut(t, path, b)
		files++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 10 {
		t.Errorf("read %d HTML files of the repository, want its testdata's", files)
	}
}

// TestScanTagsAsTokenizerEval reads every page of the eval set
// (shared/eval/extraction, beside the checkout), whole and cut short.
// Absent, the test says so and skips.
func TestScanTagsAsTokenizerEval(t *testing.T) {
	files, err := filepath.Glob("../../shared/eval/extraction/*/*.html")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Skip("no eval pages under ../../shared/eval/extraction")
	}
	anchors := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		anchors += len(sameTagsCut(t, f, b).anchors)
	}
	if anchors < 10*len(files) {
		t.Errorf("%d anchors on %d pages: the eval pages should hold more", anchors, len(files))
	}
}

// scanRules are the Tokenizer's rules scanTags relies on, a page each,
// with the anchors (a, unless the rule is about base, link or feeds)
// the Tokenizer reads of it.
var scanRules = []struct {
	rule, page string
	want       pageTags
}{
	{"a tag ends at '>'", `<a href=/1>x</a><a href="/2">`, pageTags{anchors: []string{"/1", "/2"}}},
	{"names and keys in any case", `<A HREF=/1><a hReF='/2'>`, pageTags{anchors: []string{"/1", "/2"}}},
	{"only A-Z fold", "<a hre\u017f=/1><\u212aa href=/2>", pageTags{}},
	{"a tag cut by the end of the page is none", `<a href=/1><a href="/2"`, pageTags{anchors: []string{"/1"}}},
	{"nor is one cut in its value", `<a href=/1><a href="/2>`, pageTags{anchors: []string{"/1"}}},
	{"a quoted '>' is the value's", `<a title="a>b" href=/1>`, pageTags{anchors: []string{"/1"}}},
	{"an unquoted value ends at white space or '>'", "<a href=/1\thref=/2><a href=/3\n>", pageTags{anchors: []string{"/1", "/3"}}},
	{"an unquoted value holds quotes and '='", `<a href=/a"b'c=d>`, pageTags{anchors: []string{`/a"b'c=d`}}},
	{"the first of a repeated attribute counts", `<a href=/1 HREF=/2>`, pageTags{anchors: []string{"/1"}}},
	{"an attribute without a value is empty", `<a href><a href=>`, pageTags{anchors: []string{"", ""}}},
	{"white space around '='", "<a href \n= \t/1>", pageTags{anchors: []string{"/1"}}},
	{"'/' ends a name", `<a/href=/1><a href=/2/><a/ /href=/3>`, pageTags{anchors: []string{"/1", "/2/", "/3"}}},
	{"'=' first in a name is the name's", `<a =href=/1><a ==x href=/2>`, pageTags{anchors: []string{"/2"}}},
	{"a NUL in a name names no link tag", "<a\x00 href=/1><a hr\x00ef=/2>", pageTags{}},
	{"a tag without attributes", `<a><a/><a >`, pageTags{}},
	{"NUL, CR LF and CR in a value", "<a href='/\x00\r\n\r/'>", pageTags{anchors: []string{"/\uFFFD\n\n/"}}},
	{"named references with ';'", `<a href="/?a=1&amp;b=2&lt;&quot;&nbsp;&AMP;">`, pageTags{anchors: []string{"/?a=1&b=2<\"\u00a0&"}}},
	{"named references without ';'", `<a href="/&amp&copy&ampx">`, pageTags{anchors: []string{"/&\u00a9&ampx"}}},
	{"no prefix of a name", `<a href="/&notit;&notin;">`, pageTags{anchors: []string{"/&notit;\u2209"}}},
	{"a name and '=' is no reference", `<a href="/?x=1&copy=2&amp;=3">`, pageTags{anchors: []string{"/?x=1&copy=2&=3"}}},
	{"numeric references", `<a href="/&#65;&#x42;&#X43&#0;&#128;&#xD800;&#1114112;&#;&#x;&#13;">`,
		pageTags{anchors: []string{"/ABC\uFFFD\u20AC\uFFFD\uFFFD&#;&#x;\r"}}},
	{"two-character references", `<a href="/&fjlig;&NotEqualTilde;">`, pageTags{anchors: []string{"/fj\u2242\u0338"}}},
	{"an end tag's attributes are read", `</p title=">"<a href=/1>><a href=/2>`, pageTags{anchors: []string{"/2"}}},
	{"an end tag cut by the end of the page", `<a href=/1></a`, pageTags{anchors: []string{"/1"}}},
	{"'<' before no letter is text", `< a href=/1><1<a href=/2>`, pageTags{anchors: []string{"/2"}}},
	{"a comment", `<!-- <a href=/1> --><a href=/2>`, pageTags{anchors: []string{"/2"}}},
	{"<!--> and <!---> end at once", `<!--><a href=/1><!---><a href=/2>`, pageTags{anchors: []string{"/1", "/2"}}},
	{"a comment ends at --!>", `<!-- x --!><a href=/1>`, pageTags{anchors: []string{"/1"}}},
	{"not at '>' after one dash", `<!-- x -><a href=/1>--><a href=/2>`, pageTags{anchors: []string{"/2"}}},
	{"an unclosed comment hides the rest", `<a href=/1><!-- <a href=/2>`, pageTags{anchors: []string{"/1"}}},
	{"bogus comments end at the first '>'", `<!x "a>" <a href=/1><?x '>' <a href=/2></ x=">" <a href=/3>`,
		pageTags{anchors: []string{"/1", "/2", "/3"}}},
	{"a doctype ends at the first '>'", `<!DOCTYPE html "x>"<a href=/1>`, pageTags{anchors: []string{"/1"}}},
	{"CDATA is a bogus comment", `<![CDATA[ x ]]><a href=/1><![CDATA[<a href=/2>]]>`, pageTags{anchors: []string{"/1"}}},
	{"</> is nothing", `</><a href=/1>`, pageTags{anchors: []string{"/1"}}},
	{"title is text to </title>", `<title><a href=/1></TITLE ><a href=/2>`, pageTags{anchors: []string{"/2"}}},
	{"textarea, style, xmp, iframe, noembed, noframes, noscript too",
		`<textarea><a href=/1></textarea><style><a href=/2></style><xmp><a href=/3></xmp><iframe><a href=/4></iframe>` +
			`<noembed><a href=/5></noembed><noframes><a href=/6></noframes><noscript><a href=/7></noscript/><a href=/8>`,
		pageTags{anchors: []string{"/8"}}},
	{"a raw text end tag needs white space, '/' or '>' after its name", `<style></styles><a href=/1></style	><a href=/2>`,
		pageTags{anchors: []string{"/2"}}},
	{"raw text cut by the end of the page", `<title><a href=/1></title`, pageTags{}},
	{"a self-closing raw text tag is raw all the same", `<title/><a href=/1></title><a href=/2>`, pageTags{anchors: []string{"/2"}}},
	{"plaintext is text to the end", `<plaintext></plaintext><a href=/1>`, pageTags{}},
	{"script is text to </script>", `<script>"<a href=/1>"</script><a href=/2>`, pageTags{anchors: []string{"/2"}}},
	{"<!-- in a script hides nothing alone", `<script><!-- x </script><a href=/1>`, pageTags{anchors: []string{"/1"}}},
	{"<!-- <script> in a script hides </script>", `<script><!--<script></script><a href=/1></script>--></script><a href=/2>`,
		pageTags{anchors: []string{"/2"}}},
	{"--> ends the hiding", `<script><!--<script>--></script><a href=/1>`, pageTags{anchors: []string{"/1"}}},
	{"<scriptx> hides nothing", `<script><!--<scriptx></script><a href=/1>`, pageTags{anchors: []string{"/1"}}},
	{"'<' and no letter or '/' in <!-- leaves it", `<script><!--<1<script></script><a href=/1>`, pageTags{anchors: []string{"/1"}}},
	{"a script cut by the end of the page", `<script><!--<script></script>`, pageTags{}},
	{"the first base counts", `<base href=/b1/><base href=/b2/>`, pageTags{base: "/b1/"}},
	{"canonical and feeds", `<link rel="Canonical" href=/c><link rel="alternate feed" type=" Application/RSS+xml " href=/f>` +
		`<link rel=alternate type=text/html href=/h><LINK REL=canonical HREF=/c2>`,
		pageTags{canonical: "/c", feeds: []string{"/f"}}},
	{"an article's other pages", `<link rel=next href=/p3><link rel="Prev stylesheet" href=/p1><link rel=previous href=/p0><link rel=nexus href=/no>`,
		pageTags{anchors: []string{"/p3", "/p1", "/p0"}}},
}

// TestScanTagsRules checks each rule both ways: the Tokenizer reads the
// page as the rule says, and scanTags as the Tokenizer does.
func TestScanTagsRules(t *testing.T) {
	for _, r := range scanRules {
		got := sameTags(t, r.rule, []byte(r.page))
		if got.base != r.want.base || got.canonical != r.want.canonical ||
			!slices.Equal(got.anchors, r.want.anchors) || !slices.Equal(got.feeds, r.want.feeds) {
			t.Errorf("%s: the Tokenizer reads %+v, the rule says %+v", r.rule, got, r.want)
		}
	}
}

// namedRef answers the names it knows as the Tokenizer does.
func TestNamedRefAsTokenizer(t *testing.T) {
	for _, name := range []string{"amp;", "amp", "quot;", "quot", "lt;", "lt", "gt;", "gt"} {
		want := scanTagsRef(strings.NewReader(`<a href="&` + name + `">`)).anchors
		got, ok := namedRef([]byte(name))
		if !ok || len(want) != 1 || got != want[0] {
			t.Errorf("namedRef(%q) = %q, %v; the Tokenizer reads %q", name, got, ok, want)
		}
	}
}

// FuzzScanTags reads pages both ways.
func FuzzScanTags(f *testing.F) {
	for _, r := range scanRules {
		f.Add([]byte(r.page))
	}
	for _, s := range []string{
		"<!--", "<!-", "<!", "<", "</", "</a", "<a", "<a ", "<a href", "<a href=", "<a href='", "<a href=x",
		"<script><!--<script></script>--></script><a href=x>",
		"<script><!--<script></script></script>--><a href=x></script><a href=y>",
		"<SCRIPT><!--<SCRIPT>--!></SCRIPT ><a href=x>",
		"<title><a href=x></title></title><a href=y>",
		"<textarea><a href='&amp;&#x41;&notit;'></textarea><a href='&amp;&#x41;&notit;\r\n\x00'>",
		"<a/href=x><a\x00href=y><A HREF=z HREF=w>",
		"<!DOCTYPE><!doctype html><!--->--><a href=1><!----!><a href=2>",
		"<base href=\" /b/ \"><link rel=canonical href=/c><link rel=alternate type=application/atom+xml href=/f>",
		"<frameset><FRAME SRC=/nav src=/x><frame href=/no><iframe src='/i&amp;1'></frameset><area href=/map><area>",
		"<meta http-equiv=Refresh content=\"0; URL='/new'\"><meta content='5;url=/b' http-equiv=' refresh '><meta http-equiv=refresh content=7>",
		"<script>location.href='/s1';</script><SCRIPT type=x>top.location = \"/s2\"\r\n</SCRIPT><script>location.replace('/s3')",
		"<script><!--location='/hidden'<script></script>--></script><script>location=\"/n\x00ul\";location='/ok'</script>",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, page []byte) {
		sameTags(t, "page", page)
	})
}
