package clean

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/prov-archive/prov/internal/cputime"
	"github.com/prov-archive/prov/rules"
	"github.com/prov-archive/prov/testweb"
)

// BenchmarkClean cleans every page that ships with the repository once per
// op: the testdata pages as the generic extractor reads them, and every
// page of the mini-web both with its site's rule (as prov crawl reads it)
// and without (the generic path, which the crawl of an unknown site
// takes). ns/page is ns/op over the number of pages.
//
// "served" cleans the bytes as served, most of them in legacy charsets
// the detector has to recognise; "utf8" cleans the same pages decoded
// beforehand and labelled UTF-8, as a site that declares its charset is
// read (the crawl benchmark's): the extraction without the detection.
func BenchmarkClean(b *testing.B) {
	served := benchPages(b)
	b.Run("served", func(b *testing.B) { benchClean(b, served) })
	b.Run("utf8", func(b *testing.B) { benchClean(b, utf8Pages(served)) })
}

func benchClean(b *testing.B, pages []Input) {
	b.ReportAllocs()
	began := cputime.Process()
	for b.Loop() {
		for _, in := range pages {
			if _, err := Clean(in); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(pages)), "ns/page")
	cputime.Report(b, began)
}

// utf8Pages returns pages decoded as Clean decodes them, labelled UTF-8.
func utf8Pages(pages []Input) []Input {
	out := make([]Input, len(pages))
	for i, in := range pages {
		_, text := decode(in.Body, in.Header.Get("Content-Type"), "")
		out[i] = in
		out[i].Header = http.Header{"Content-Type": {"text/html; charset=utf-8"}}
		out[i].Body = []byte(text)
	}
	return out
}

// benchPages returns the inputs of BenchmarkClean.
func benchPages(tb testing.TB) []Input {
	tb.Helper()
	files, err := filepath.Glob("testdata/*.html")
	if err != nil || len(files) == 0 {
		tb.Fatalf("no testdata pages: %v", err)
	}
	var pages []Input
	for _, f := range files {
		body, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		pages = append(pages, Input{URL: "http://example.com/" + filepath.Base(f), Header: http.Header{}, Body: body})
	}
	set, err := rules.Parse("rules.yaml", testweb.RulesYAML())
	if err != nil {
		tb.Fatal(err)
	}
	web := testweb.New()
	for _, a := range testweb.Articles() {
		for _, u := range append([]string{a.URL}, a.Pages...) {
			in := servedInput(tb, web, a.Host, u)
			pages = append(pages, in)
			in.Site = set.ForHost(a.Host)
			pages = append(pages, in)
		}
	}
	return pages
}

// servedInput fetches url from web, as the crawler would, without a rule.
func servedInput(tb testing.TB, web http.Handler, host, url string) Input {
	tb.Helper()
	req := httptest.NewRequest(http.MethodGet, url, nil)
	req.Host = host
	rec := httptest.NewRecorder()
	web.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		tb.Fatalf("GET %s: status %d", url, rec.Code)
	}
	return Input{URL: url, Header: rec.Header(), Body: rec.Body.Bytes()}
}

// BenchmarkCleanLongThread cleans a post above 20,000 replies, each an
// item of one list, and above 20,000 sibling <article>s of one class: the
// readings of a series (creditRun, seriesAround, inItemApart) ask of
// every paragraph whether its item has siblings like it, and a count of
// all the siblings there makes such a page cost n² steps (seconds an op
// where the rest of Clean takes a fraction of one).
func BenchmarkCleanLongThread(b *testing.B) {
	for _, item := range []string{"li", "article"} {
		b.Run(item, func(b *testing.B) {
			in := Input{URL: "http://example.com/thread", Header: http.Header{}, Body: longThread(item, 20000)}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Clean(in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// longThread is a page of a post followed by n replies, each an element
// item (li in a <ul>, or article in a <section>) of one class.
func longThread(item string, n int) []byte {
	list := map[string]string{"li": "ul", "article": "section"}[item]
	var b strings.Builder
	b.WriteString(`<html><head><title>A post</title></head><body><div class="c"><p>The post, with commas, clauses, and words enough to be the article of the page.</p></div><` + list + `>`)
	for i := range n {
		fmt.Fprintf(&b, `<%s class="c"><p>Reply %d: a reply of its own, with a comma, and words enough to be prose.</p></%s>`, item, i, item)
	}
	b.WriteString(`</` + list + `></body></html>`)
	return []byte(b.String())
}

// BenchmarkCleanLeadIns cleans an article of 20,000 short lines that each
// end with a colon, as a lead-in line does (leadIn), in one block and in
// blocks side by side: asking of each whether prose came before it in its
// flow by looking back through the flow cost n² steps.
func BenchmarkCleanLeadIns(b *testing.B) {
	lines := map[string]string{"p": "<p>The reporter then says this:</p>", "br": "The reporter then says this:<br>"}
	for _, name := range []string{"p", "br"} {
		b.Run(name, func(b *testing.B) {
			body := "<html><head><title>A post</title></head><body><article><div>" + strings.Repeat(lines[name], 20000) + "</div></article></body></html>"
			in := Input{URL: "http://example.com/lines", Header: http.Header{}, Body: []byte(body)}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Clean(in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkCleanHeadedLists: a page of many headed lists of links off the
// site, with no prose beside them and a paragraph of it only after the
// last, so that every list looks for the prose after it (sourceList); the
// lists each in a section of its own, or all side by side, where every
// list looks through their parent's children for prose beside it
// (amidProse): the cost should grow with the page, not with its square.
func BenchmarkCleanHeadedLists(b *testing.B) {
	const list = `<h3>Tools</h3><ul><li><a href="https://a.example.org/">Alpha</a></li><li><a href="https://b.example.org/">Beta</a></li></ul>`
	for _, n := range []int{1000, 4000} {
		benchHeadedLists(b, "sections/"+strconv.Itoa(n), "<section>"+list+"</section>", n)
		benchHeadedLists(b, "flat/"+strconv.Itoa(n), list, n)
	}
}

// benchHeadedLists runs Clean on a page of n copies of list and the
// prose after them.
func benchHeadedLists(b *testing.B, name, list string, n int) {
	b.Run(name, func(b *testing.B) {
		body := "<html><head><title>A post</title></head><body><article>" + strings.Repeat(list, n) +
			strings.Repeat("<p>"+strings.Repeat("The story goes on and on. ", 20)+"</p>", 3) + "</article></body></html>"
		in := Input{URL: "http://example.com/lists", Header: http.Header{}, Body: []byte(body)}
		b.ReportAllocs()
		for b.Loop() {
			if _, err := Clean(in); err != nil {
				b.Fatal(err)
			}
		}
	})
}
