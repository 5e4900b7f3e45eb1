package clean

import (
	"flag"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/prov-archive/prov/rules"
)

var update = flag.Bool("update", false, "rewrite the golden .txt files in testdata/")

type cleanCase struct {
	name, file, url string
	header          http.Header
	site            *rules.Site
	golden          string // testdata file holding the exact expected text
	title, date     string
	dateSource      string
	attribution     string
	publisher       string
	author          string
	lang, charset   string
	canonical       string
	extractor       string
	mustNot         []string
}

var cleanCases = []cleanCase{
	{
		name: "gov table layout, GBK, br paragraphs", file: "gov_table_gbk.html",
		url:    "http://www.scio.gov.cn/zfbps/2022/1107/t20221107_123.html",
		header: http.Header{"Content-Type": {"text/html"}, "Last-Modified": {"Tue, 08 Nov 2022 02:00:00 GMT"}},
		golden: "gov_table_gbk.txt", title: "携手构建网络空间命运共同体",
		date: "2022-11-07T10:00:00+08:00", dateSource: "visible",
		attribution: "国务院新闻办公室", publisher: "国务院新闻办公室网站", lang: "zh", charset: "gb18030",
		canonical: "http://www.scio.gov.cn/zfbps/2022/1107/t20221107_123.html", extractor: "generic",
		mustNot: []string{"责任编辑", "打印本页", "关闭窗口", "相关阅读", "新时代的中国青年", "ICP", "版权所有",
			"当前位置", "今天是", "白皮书栏目", "发布时间", "document.write", "字号"},
	},
	{
		name: "gov table layout with a site rule", file: "gov_table_gbk.html",
		url:    "http://www.scio.gov.cn/zfbps/2022/1107/t20221107_123.html",
		header: http.Header{"Content-Type": {"text/html; charset=gb2312"}},
		site: &rules.Site{Name: "scio", Content: "td#zoom", Drop: []string{"table"}, Title: "td.bt",
			Date: "td.info", DateFormat: "2006-01-02 15:04"},
		golden: "gov_table_rule.txt", title: "携手构建网络空间命运共同体",
		date: "2022-11-07T10:00:00+08:00", dateSource: "rule",
		attribution: "国务院新闻办公室", lang: "zh", extractor: "rule",
		mustNot: []string{"网民规模", "责任编辑", "相关阅读"},
	},
	{
		name: "Chinese news, div paragraphs, UTF-8", file: "news_zh_div.html",
		url:    "http://www.news.example.cn/politics/2022-11/07/c_1129108.htm",
		header: http.Header{"Content-Type": {"text/html; charset=utf-8"}},
		golden: "news_zh_div.txt", title: "中国发布《携手构建网络空间命运共同体》白皮书",
		date: "2022-11-07T13:40:00+08:00", dateSource: "meta:publishdate",
		attribution: "新华社", publisher: "新华网", author: "李华", lang: "zh", charset: "utf-8", extractor: "generic",
		mustNot: []string{"分享到", "责任编辑", "相关新闻", "国新办举行发布会", "网友评论", "值得每个人", "热点", "ICP", "Copyright", "广告位", "时政"},
	},
	{
		name: "English news, JSON-LD, lists and a table", file: "news_en.html",
		url:    "https://daily.example.com/world/2022/11/07/china-cyberspace-white-paper?utm=x",
		header: http.Header{"Content-Type": {"text/html; charset=UTF-8"}},
		golden: "news_en.txt", title: "China issues white paper on cyberspace",
		date: "2022-11-07T03:05:00Z", dateSource: "jsonld",
		attribution: "Xinhua", publisher: "The Daily Example", author: "Jane Doe", lang: "en", charset: "utf-8",
		canonical: "https://daily.example.com/world/2022/11/07/china-cyberspace-white-paper", extractor: "generic",
		mustNot: []string{"Share on", "Advertisement", "Related", "data law", "Great article", "rights reserved", "Privacy", "By Jane Doe", "Updated"},
	},
}

func TestClean(t *testing.T) {
	for _, tc := range cleanCases {
		t.Run(tc.name, func(t *testing.T) {
			doc := mustClean(t, tc)
			checkGolden(t, tc.golden, doc.Text)
			eq := func(field, got, want string) {
				t.Helper()
				if want != "" && got != want {
					t.Errorf("%s = %q, want %q", field, got, want)
				}
			}
			eq("Title", doc.Title, tc.title)
			eq("Published", doc.Published, tc.date)
			eq("Attribution", doc.Attribution, tc.attribution)
			eq("Publisher", doc.Publisher, tc.publisher)
			eq("Author", doc.Author, tc.author)
			eq("Lang", doc.Lang, tc.lang)
			eq("Charset", doc.Charset.Name, tc.charset)
			eq("Canonical", doc.Canonical, tc.canonical)
			eq("Extractor", doc.Extractor, tc.extractor)
			if !strings.HasPrefix(doc.PublishedWhy, tc.dateSource+":") {
				t.Errorf("PublishedWhy = %q, want source %s", doc.PublishedWhy, tc.dateSource)
			}
			for _, s := range tc.mustNot {
				if strings.Contains(doc.Text, s) {
					t.Errorf("Text contains chrome %q", s)
				}
			}
			if doc.TextSHA256 != TextHash(doc.Text) || doc.NormVersion != NormVersion || doc.ExtractorVersion != ExtractorVersion {
				t.Errorf("hash/version fields not filled: %+v", doc)
			}
		})
	}
}

func mustClean(t testing.TB, tc cleanCase) *Document {
	t.Helper()
	body, err := os.ReadFile(filepath.Join("testdata", tc.file))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Clean(Input{URL: tc.url, Header: tc.header, Body: body, Site: tc.site})
	if err != nil {
		t.Fatalf("Clean: %v", err)
	}
	return doc
}

// checkGolden compares text with testdata/name; -update rewrites the file.
func checkGolden(t *testing.T, name, text string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(text+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := text + "\n"; got != string(want) {
		t.Errorf("Text differs from %s:\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

var paraBreak = regexp.MustCompile(`\n{3,}| \n|\n `)

// TestCleanShape checks the text's form on every fixture: valid UTF-8,
// paragraphs separated by exactly one blank line, no edge spaces.
func TestCleanShape(t *testing.T) {
	for _, tc := range cleanCases {
		doc := mustClean(t, tc)
		if !utf8.ValidString(doc.Text) || paraBreak.MatchString(doc.Text) || strings.TrimSpace(doc.Text) != doc.Text {
			t.Errorf("%s: malformed text %q", tc.file, doc.Text)
		}
	}
}

// TestTitleFromMeta: with no <title>, the title comes from the article
// meta tags Parse.ly and Dublin Core write; a headline that differs from
// it stays in the text.
func TestTitleFromMeta(t *testing.T) {
	for _, key := range []string{"parsely-title", "DC.title", "dcterms.title"} {
		page := `<html><head><meta name="` + key + `" content="Some Other Title"></head><body><article><h1>Test document title</h1>` +
			prose("story", 4) + `</article></body></html>`
		doc, err := Clean(Input{URL: "http://example.com/story", Header: http.Header{}, Body: []byte(page)})
		if err != nil {
			t.Fatal(err)
		}
		if doc.Title != "Some Other Title" || !strings.HasPrefix(doc.Text, "Test document title\n\n") {
			t.Errorf("%s: title %q, text %.40q; want the meta title and the headline kept", key, doc.Title, doc.Text)
		}
	}
}

// TestShownHeadline: when the page's metadata title (og:title, <title>)
// is worded for search and an <h1> tells the same story in other words,
// the Title is the headline the page shows; an <h1> that holds the
// metadata title under a kicker, or shares only the site's name with it,
// leaves the metadata title. The text is the same either way.
func TestShownHeadline(t *testing.T) {
	const headline = "How the Ferry Crossing Survived Eleven Budget Rounds"
	body := `<body><header><h1>Valley Post</h1></header><article><h1>%s</h1>` + prose("story", 4) + `</article></body></html>`
	cases := []struct{ name, url, head, h1, want string }{
		{"og and title reworded", "http://valleypost.example/ferry",
			`<title>Ferry crossing budget: why the valley keeps it | Valley Post</title><meta property="og:title" content="Ferry crossing budget: why the valley keeps it">`,
			headline, headline},
		{"title reworded", "http://valleypost.example/ferry",
			`<title>Eleven budget rounds on, the ferry still crosses – Valley Post</title>`, headline, headline},
		{"kicker in the h1", "http://valleypost.example/ferry",
			`<title>Ferry crossing survived eleven budget rounds – Valley Post</title>`,
			"Local transport: Ferry crossing survived eleven budget rounds", "Ferry crossing survived eleven budget rounds"},
		{"site words only", "http://harbourlights.example/tides",
			`<title>Harbour Lights - Tide Tables - Notes for Sailors</title>`, "Harbour Lights Shop", "Harbour Lights - Tide Tables"},
		{"other story", "http://valleypost.example/ferry",
			`<title>Council agrees the budget after a long night – Valley Post</title>`, headline, "Council agrees the budget after a long night"},
	}
	for _, tc := range cases {
		page := `<html><head>` + tc.head + `</head>` + fmt.Sprintf(body, tc.h1)
		doc, err := Clean(Input{URL: tc.url, Header: http.Header{}, Body: []byte(page)})
		if err != nil {
			t.Fatal(err)
		}
		if doc.Title != tc.want {
			t.Errorf("%s: Title = %q, want %q", tc.name, doc.Title, tc.want)
		}
	}
}

// TestPostHeadingTitle: a blog template writes <title> as the blog's
// name and the post's title, and shows the post's title in an <h2> or
// <h3> under the blog's <h1>: the Title is the post's heading, also when
// the blog's <h1> name, which <title> holds, won the title from the
// metadata. A heading that is only a part of the headline stays a part of
// it.
func TestPostHeadingTitle(t *testing.T) {
	const post = "Three bridges before breakfast"
	cases := []struct{ name, title, heading, want, url string }{
		{"name first", "Valley Walks: " + post, "<h3>" + post + "</h3>", post, ""},
		{"name and section first, the name an h1", "Valley Walks | Rivers | " + post, "<h3>" + post + "</h3>", post, "http://valleywalks.example/2024/03/bridges.html"},
		{"name last", post + " :valleywalks", "<h2>" + post + "</h2>", post, ""},
		{"name around", "» " + post + " :valleywalks", "<h2>" + post + "</h2>", post, ""},
		{"runs on", "Bridges: " + post + ", and a late lunch", "<h3>" + post + "</h3>", "Bridges: " + post + ", and a late lunch", ""},
		{"topic first", "Bridges: a short walk from the station at dawn", "<h3>a short walk</h3>", "Bridges: a short walk from the station at dawn", ""},
		{"topic longer", "The river crossings: " + post, "<h3>The river crossings</h3>", "The river crossings: " + post, ""},
	}
	for _, tc := range cases {
		page := `<html><head><title>` + tc.title + `</title></head><body><header><h1>Valley Walks</h1></header><div class="post">` +
			tc.heading + prose("post", 4) + `</div></body></html>`
		url := tc.url
		if url == "" {
			url = "http://example.com/2024/03/bridges.html"
		}
		doc, err := Clean(Input{URL: url, Header: http.Header{}, Body: []byte(page)})
		if err != nil {
			t.Fatal(err)
		}
		if doc.Title != tc.want {
			t.Errorf("%s: Title = %q, want %q", tc.name, doc.Title, tc.want)
		}
	}
}
