package testweb

import (
	"net/http"
	"time"
)

// www.aggregator.test — a news aggregator. Plain UTF-8, labelled in the
// header (charset=utf-8) and by <meta charset="utf-8">. Its copy of the
// Chinese white paper has the same text as the official one and says
// "转载自：新华网". It is the crawler's obstacle course: the home page links
// the article under several URL variants (utm_* parameters, #fragments),
// through a 301 redirect (/old/… → /news/…), to a page that answers 404,
// and to a further copy under /private/, which robots.txt disallows.

const aggregatorCType = "text/html; charset=utf-8"

var aggregatorNav = []link{
	{"/", "首页"}, {"/channel/politics/", "时政"}, {"/channel/tech/", "科技"},
	{"/channel/finance/", "财经"}, {"/channel/society/", "社会"}, {"/channel/hot/", "热榜"},
}

// aggregatorHomeLinks are the links a careless crawler would follow: five
// variants of one article, a redirect, a dead link and a disallowed copy.
var aggregatorHomeLinks = []link{
	{pathAggregator + "?utm_source=home&utm_medium=feed", "《携手构建网络空间命运共同体》白皮书全文"},
	{pathAggregator + "?utm_source=weibo&utm_campaign=share#comments", "白皮书全文（网友热议）"},
	{pathAggregator + "#top", "白皮书全文（置顶）"},
	{"http://" + HostAggregator + pathAggregator + "?utm_medium=rss&utm_content=list", "白皮书全文（订阅）"},
	{pathAggregatorOld, "【旧版链接】白皮书全文"},
	{pathAggregator404, "白皮书解读（已删除）"},
	{pathPrivate, "会员专享：白皮书全文（含批注）"},
}

func aggregatorRoutes(c *corpus) routes {
	r := routes{
		"/":               aggregatorHome(),
		"/robots.txt":     robots(DisallowedPath),
		pathAggregator:    aggregatorArticle(c.zh, false),
		pathAggregatorOld: {status: http.StatusMovedPermanently, location: pathAggregator},
		pathPrivate:       aggregatorArticle(c.zh, true),
	}
	channels(r, aggregatorNav, aggregatorList)
	return r
}

func aggregatorHead(title, extra string) string {
	return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>` + esc(title) + `_聚合资讯网</title>
` + extra + `<link rel="stylesheet" href="/assets/main.css">
<script>
var AGG = { name: "聚合资讯网", refresh: "有新内容，点击刷新", empty: "暂无更多内容" };
</script>
</head>
<body>
<div class="top"><span class="slogan">聚合资讯网 — 全网热点，一站阅读</span> <a href="/">下载APP</a> <a href="/">登录</a></div>
<div class="nav"><ul>
` + links(aggregatorNav, "  <li>", "</li>") + `</ul></div>
<div class="container">
`
}

func aggregatorFoot() string {
	return `</div>
<div class="side">
  <div class="box"><h3>热点新闻</h3><ol>
    <li><a href="` + pathAggregator + `?utm_source=side&utm_medium=hot">白皮书全文发布</a></li>
    <li><a href="/channel/tech/">5G基站总数突破185万个</a></li>
    <li><a href="/channel/finance/">数字经济规模达45.5万亿元</a></li>
  </ol></div>
  <div class="box"><h3>下载客户端</h3><img src="/assets/app-qr.png" alt="扫码下载"></div>
</div>
<div class="footer">
  <p>聚合资讯网 版权所有 &copy; 2022　京ICP备20001234号-1　京公网安备11010802030000号</p>
  <p>本站部分内容转载自其他媒体，转载目的在于传递更多信息，并不代表本站赞同其观点。</p>
</div>
<script>
document.addEventListener("DOMContentLoaded", function () { console.log("欢迎访问聚合资讯网"); });
</script>
</body>
</html>
`
}

func aggregatorPage(title, extra, main string, mod time.Time) *response {
	page := aggregatorHead(title, extra) + main + aggregatorFoot()
	return htmlResponse(aggregatorCType, []byte(page), mod)
}

const aggregatorJSONLD = `<script type="application/ld+json">
{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "` + titleAggregator + `",
 "datePublished": "2022-11-09T08:30:00+08:00",
 "publisher": {"@type": "Organization", "name": "聚合资讯网"}}
</script>
`

// aggregatorArticle is the public copy, or (private) the further copy
// under /private/ that robots.txt disallows.
func aggregatorArticle(text []string, private bool) *response {
	extra, label := aggregatorJSONLD, ""
	if private {
		extra, label = "", `<div class="vip">会员专享内容</div>`
	}
	main := `<div class="article">
  ` + label + `<h1 class="article-title">` + esc(titleAggregator) + `</h1>
  <div class="article-meta">
    <span class="time">2022-11-09 08:30</span>
    <span class="from">转载自：新华网</span>
    <a class="orig" href="http://` + HostXinhua + pathXinhua + `">原文链接</a>
  </div>
  <div class="share">分享：<a href="#">微信</a> <a href="#">微博</a> <a href="#">QQ</a></div>
  <article class="article-content">
` + wrap(text, "<p>", "</p>") + `  </article>
  <div class="disclaimer">声明：本文转载自新华网，版权归原作者所有。</div>
  <div class="related"><h3>相关阅读</h3><ul>
    <li><a href="` + pathAggregator + `?utm_source=related">白皮书全文</a></li>
    <li><a href="` + pathAggregator404 + `">白皮书解读</a></li>
  </ul></div>
  <div id="comments" class="comments"><h3>评论</h3><p>网友A：支持！</p><p>网友B：值得一读。</p></div>
</div>
`
	return aggregatorPage(titleAggregator, extra, main, at("2006-01-02 15:04", "2022-11-09 08:30"))
}

func aggregatorHome() *response {
	main := `<div class="feed">
  <h2>今日推荐</h2>
  <ul class="feed-list">
` + links(aggregatorHomeLinks, "    <li>", "</li>") + `  </ul>
  <h2>来源</h2>
  <ul><li><a href="http://` + HostXinhua + `/">新华网</a></li><li><a href="http://` + HostSCIO + `/">国务院新闻办公室网站</a></li></ul>
</div>
`
	return aggregatorPage("首页", "", main, siteModified)
}

func aggregatorList(heading string) *response {
	main := `<div class="feed">
  <h2>` + esc(heading) + `</h2>
  <ul class="feed-list"><li><a href="` + pathAggregator + `?utm_source=channel">` + esc(titleAggregator) + `</a></li></ul>
</div>
`
	return aggregatorPage(heading, "", main, siteModified)
}
