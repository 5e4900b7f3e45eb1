package testweb

import (
	"strings"
	"sync"
)

// Host names of the demo sites: reserved .test names, served on loopback.
const (
	HostSCIO       = "www.scio.gov.cn.test"
	HostXinhua     = "www.news.cn.test"
	HostSecPortal  = "www.secportal.test"
	HostMirror     = "blog.mirror.test"
	HostDailyEn    = "www.dailyen.test"
	HostAggregator = "www.aggregator.test"
)

// DisallowedPath is the path prefix that www.aggregator.test's robots.txt
// disallows; a further copy of the white paper sits under it and must not
// be archived.
const DisallowedPath = "/private/"

// Paths of the article pages (the canonical, clean form).
const (
	pathSCIOWhitePaper = "/zfbps/32832/Document/1732898/1732898.htm"
	pathSCIOConcept    = "/zhzc/2019-10/18/content_75316208.htm"
	pathXinhua         = "/politics/2022-11/07/c_1129108211.htm"
	pathXinhuaConcept  = "/politics/2019-10/18/c_1125120958.htm" // first of three pages
	pathSecPortal      = "/news/349014.html"
	pathMirror         = "/2022/11/jointly-build-a-community-excerpt.html"
	pathDailyEn        = "/a/202211/08/WS6369c5a2a31049175432a5b1.html"
	pathAggregator     = "/news/20221107/a8f3c2.html"
	pathAggregatorOld  = "/old/20221107/a8f3c2.html"
	pathAggregator404  = "/news/20221107/missing.html"
	pathPrivate        = DisallowedPath + "20221107/a8f3c2-full.html"
)

// Site is one demo site. Encoding is the WHATWG name of the encoding its
// bytes are really in (whatever its labels say).
type Site struct {
	Host, Name, Authority, Encoding, Publisher string
}

// Article is one copy the crawler should archive, with the truth about it.
type Article struct {
	URL         string // canonical absolute http://HOST/path
	Host        string
	Encoding    string // WHATWG name of the true encoding
	Title       string
	Published   string // RFC 3339, or YYYY-MM-DD when the page shows a date only
	Attribution string // the expected source text, e.g. "国务院新闻办公室"
	Lang        string
	Text        string // the main text, paragraphs separated by "\n\n"
	Work        string // "whitepaper-zh" | "whitepaper-en" | "concept-2019"
	Relation    string // original | identical | near | excerpt
	Changed     []int  // edited copy: indexes into the original's paragraphs that were changed or removed (see Edits)
	// Pages lists, for an article split over pages, the URL of each page
	// in order (the first is URL); Text is the whole article. Nil for an
	// article on one page.
	Pages []string
}

var sites = []Site{
	{HostSCIO, "scio", "official", "gb18030", "国务院新闻办公室"},
	{HostXinhua, "xinhua", "agency", "gbk", "新华网"},
	{HostSecPortal, "secportal", "portal", "utf-8", "SecPortal网络安全行业门户"},
	{HostMirror, "mirror", "aggregator", "big5", "鏡像網誌"},
	{HostDailyEn, "dailyen", "news", "windows-1252", "English Daily"},
	{HostAggregator, "aggregator", "aggregator", "utf-8", "聚合资讯网"},
}

// Sites lists the demo sites.
func Sites() []Site { return append([]Site(nil), sites...) }

// Seeds returns the start URLs: every site's home page.
func Seeds() []string {
	var out []string
	for _, s := range sites {
		out = append(out, "http://"+s.Host+"/")
	}
	return out
}

// corpus holds the texts derived from the seeds, built once.
type corpus struct {
	zh, zhEdited []string // the Chinese white paper, and secportal's edited copy
	en, excerpt  []string // the English white paper, and the bureau's excerpt
	concept      []string // the 2019 concept paper
	edits        []Edit
	bureau       bureau
}

// excerptFrom and excerptTo bound the English excerpt within the full
// English text (paragraphs en[13:17], from "The community with a shared
// future in cyberspace is an important part ..." to the end).
const excerptFrom, excerptTo = 13, 17

var theCorpus = sync.OnceValue(func() *corpus {
	c := &corpus{zh: zhWhitePaper(), en: enWhitePaper(), concept: concept2019(), bureau: bureauPage()}
	c.excerpt = c.en[excerptFrom:excerptTo]
	c.zhEdited, c.edits = applyEdits(c.zh)
	return c
})

func text(ps []string) string { return strings.Join(ps, "\n\n") }

// Articles returns every copy the crawler should archive: eight articles
// on six sites, one of them split over three pages. The robots-disallowed
// copy under DisallowedPath is not one.
func Articles() []Article {
	c := theCorpus()
	zh := text(c.zh)
	return []Article{
		{URL: "http://" + HostSCIO + pathSCIOWhitePaper, Host: HostSCIO, Encoding: "gb18030",
			Title: titleSCIO, Published: "2022-11-07T10:00:00+08:00", Attribution: "国务院新闻办公室",
			Lang: "zh", Text: zh, Work: "whitepaper-zh", Relation: "original"},
		{URL: "http://" + HostXinhua + pathXinhua, Host: HostXinhua, Encoding: "gbk",
			Title: titleXinhua, Published: "2022-11-07T13:40:00+08:00", Attribution: "新华网",
			Lang: "zh", Text: zh, Work: "whitepaper-zh", Relation: "identical"},
		{URL: "http://" + HostSecPortal + pathSecPortal, Host: HostSecPortal, Encoding: "utf-8",
			Title: titleSecPortal, Published: "2022-11-08", Attribution: "国务院新闻办公室",
			Lang: "zh", Text: text(c.zhEdited), Work: "whitepaper-zh", Relation: "near", Changed: Changed()},
		{URL: "http://" + HostAggregator + pathAggregator, Host: HostAggregator, Encoding: "utf-8",
			Title: titleAggregator, Published: "2022-11-09T08:30:00+08:00", Attribution: "新华网",
			Lang: "zh", Text: zh, Work: "whitepaper-zh", Relation: "identical"},
		{URL: "http://" + HostDailyEn + pathDailyEn, Host: HostDailyEn, Encoding: "windows-1252",
			Title: titleDailyEn, Published: "2022-11-08T11:05:00+08:00", Attribution: "Xinhua",
			Lang: "en", Text: text(c.en), Work: "whitepaper-en", Relation: "original"},
		{URL: "http://" + HostMirror + pathMirror, Host: HostMirror, Encoding: "big5",
			Title: titleMirror, Published: "2022-11-11", Attribution: "中國外文局",
			Lang: "en", Text: text(c.excerpt), Work: "whitepaper-en", Relation: "excerpt"},
		{URL: "http://" + HostSCIO + pathSCIOConcept, Host: HostSCIO, Encoding: "gb18030",
			Title: titleConcept, Published: "2019-10-18", Attribution: "世界互联网大会组委会",
			Lang: "zh", Text: text(c.concept), Work: "concept-2019", Relation: "original"},
		{URL: "http://" + HostXinhua + pathXinhuaConcept, Host: HostXinhua, Encoding: "gbk",
			Title: titleConcept, Published: "2019-10-18T20:05:00+08:00", Attribution: "新华网",
			Lang: "zh", Text: text(c.concept), Work: "concept-2019", Relation: "identical", Pages: xinhuaConceptURLs()},
	}
}

// Titles as the article pages show them in their headline.
const (
	titleSCIO       = "携手构建网络空间命运共同体"
	titleConcept    = "世界互联网大会组委会发布《携手构建网络空间命运共同体》概念文件"
	titleXinhua     = "国务院新闻办公室发布《携手构建网络空间命运共同体》白皮书"
	titleSecPortal  = "国务院新闻办发布《携手构建网络空间命运共同体》白皮书"
	titleAggregator = "《携手构建网络空间命运共同体》白皮书全文"
	titleDailyEn    = "Full text: \u2018Jointly Build a Community With a Shared Future in Cyberspace\u2019"
	titleMirror     = "Jointly Build a Community With a Shared Future in Cyberspace (Excerpts)"
)

// xinhuaConceptURLs are the absolute URLs of the paged concept paper.
func xinhuaConceptURLs() []string {
	out := make([]string, len(xinhuaConceptPages))
	for i, p := range xinhuaConceptPages {
		out[i] = "http://" + HostXinhua + p
	}
	return out
}
