package testweb

import (
	"fmt"
	"path"
	"strings"
	"time"
)

// www.news.cn.test — a news agency (Xinhua-like). GBK bytes sent under a
// wrong header, "Content-Type: text/html; charset=ISO-8859-1", and no
// charset in the page. The article text is identical to the official
// copy; the date line (2022年11月07日 13:40) and "来源：新华网" sit in the
// header block outside the text, the editor line after it.

const xinhuaCType = "text/html; charset=ISO-8859-1"

var xinhuaNav = []link{
	{"/", "首页"}, {"/politics/", "时政"}, {"/local/", "地方"}, {"/legal/", "法治"},
	{"/world/", "国际"}, {"/fortune/", "财经"}, {"/tech/", "科技"}, {"/comments/", "网评"},
}

func xinhuaRoutes(c *corpus) routes {
	r := routes{
		"/":            xinhuaList("首页"),
		"/robots.txt":  robots(),
		"/sitemap.xml": xinhuaSitemap(),
		pathXinhua:     xinhuaArticle(c),
	}
	for i, resp := range xinhuaPaged(c) {
		r[xinhuaConceptPages[i]] = resp
	}
	r["/robots.txt"].body = append(r["/robots.txt"].body, "Sitemap: http://"+HostXinhua+"/sitemap.xml\n"...)
	channels(r, xinhuaNav, xinhuaList)
	return r
}

func xinhuaHead(title string) string {
	return `<!DOCTYPE html>
<html>
<head>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="keywords" content="国务院新闻办公室,白皮书,网络空间命运共同体">
<meta name="description" content="国务院新闻办公室7日发布《携手构建网络空间命运共同体》白皮书。">
<title>` + esc(title) + `-新华网</title>
<link rel="stylesheet" href="/static/css/detail.css">
<script>
var xhPageInfo = { channel: "时政", site: "新华网", share: "分享到：微信 微博 QQ空间" };
function xhCopyLink() { alert("链接已复制，快去分享给好友吧！"); }
</script>
</head>
<body>
<div class="topbar"><div class="wrap">
  <a href="/">新华网首页</a> <span>|</span> <a href="/">新华社客户端</a> <span>|</span> <a href="/">English</a>
  <div class="login"><a href="/">登录</a> <a href="/">注册</a></div>
</div></div>
<div class="header"><div class="wrap">
  <a class="logo" href="/"><img src="/static/img/logo.png" alt="新华网"></a>
  <ul class="nav">
` + links(xinhuaNav, "    <li>", "</li>") + `  </ul>
</div></div>
`
}

func xinhuaFoot() string {
	return `<div class="footer"><div class="wrap">
  <p><a href="/">关于我们</a> | <a href="/">联系我们</a> | <a href="/">网站声明</a> | <a href="/">加入我们</a></p>
  <p>Copyright &copy; 2000-2022 XINHUANET.test All Rights Reserved. 新华网 版权所有</p>
  <p>京ICP备040000号-1　京公网安备11010202000001号　互联网新闻信息服务许可证10120170001</p>
  <p>制作单位：新华网股份有限公司</p>
</div></div>
<script>
(function () { var tip = "本站内容未经许可不得转载"; document.oncopy = function () { console.log(tip); }; })();
</script>
</body>
</html>
`
}

func xinhuaPage(title, main string, mod time.Time) *response {
	page := xinhuaHead(title) + main + xinhuaFoot()
	return htmlResponse(xinhuaCType, encode("gbk", page), mod)
}

// xinhuaHeadLine opens an article page: breadcrumb, title, and the info
// line with the time, the source and extra (more spans, each on its line).
func xinhuaHeadLine(title, when, extra string) string {
	return `<div class="wrap clearfix">
<div class="main-left">
  <div class="breadcrumb"><a href="/">新华网</a> &gt; <a href="/politics/">时政</a> &gt; 正文</div>
  <div class="head-line">
    <h1><span class="title">` + esc(title) + `</span></h1>
    <div class="info">
      <span class="time">` + when + `</span>
      <span class="source">来源：新华网</span>
` + extra + `    </div>
  </div>
`
}

func xinhuaArticle(c *corpus) *response {
	main := xinhuaHeadLine(titleXinhua, "2022年11月07日 13:40",
		`      <span class="font">【字体：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</span>
`) + `  <div class="share-bar">分享到：<a href="#">微信</a> <a href="#">微博</a> <a href="#">QQ空间</a> <a href="javascript:xhCopyLink()">复制链接</a></div>
  <div id="detail" class="main-aticle">
` + wrap(c.zh, "<p>", "</p>") + `  </div>
  <div class="editor">【责任编辑：张晓】</div>
  <div class="related">
    <h3>相关阅读</h3>
    <ul>
      <li><a href="http://` + HostSCIO + scioWhitePaperLink + `">国新办发布《携手构建网络空间命运共同体》白皮书</a></li>
      <li><a href="/politics/">更多时政新闻</a></li>
    </ul>
  </div>
  <div class="comment"><h3>网友评论</h3><p class="empty">暂无评论，快来抢沙发吧！</p></div>
</div>
<div class="main-right">
  <div class="hot"><h3>热点新闻</h3><ul>
    <li><a href="` + pathXinhua + `">《携手构建网络空间命运共同体》白皮书发布</a></li>
    <li><a href="/tech/">数字中国建设取得新进展</a></li>
    <li><a href="/world/">国际社会积极评价全球发展倡议</a></li>
  </ul></div>
  <div class="ad"><img src="/static/img/ad.jpg" alt="广告"></div>
</div>
</div>
`
	return xinhuaPage(titleXinhua, main, at("2006-01-02 15:04", "2022-11-07 13:40"))
}

func xinhuaList(heading string) *response {
	main := `<div class="wrap">
  <h2 class="column-title">` + esc(heading) + `</h2>
  <ul class="dataList">
    <li><a href="` + pathXinhua + `">` + esc(titleXinhua) + `</a> <span class="date">2022-11-07</span></li>
    <li><a href="` + pathXinhuaConcept + `">` + esc(titleConcept) + `</a> <span class="date">2019-10-18</span></li>
  </ul>
  <div class="hot"><h3>热点新闻</h3><ul><li><a href="` + pathXinhua + `">白皮书全文</a></li></ul></div>
</div>
`
	return xinhuaPage(heading, main, siteModified)
}

// xinhuaSitemap lists the article, as robots.txt announces.
func xinhuaSitemap() *response {
	body := `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>http://` + HostXinhua + `/</loc><changefreq>hourly</changefreq></url>
  <url><loc>http://` + HostXinhua + pathXinhua + `</loc><lastmod>2022-11-07T13:40:00+08:00</lastmod></url>
</urlset>
`
	return htmlResponse("application/xml", []byte(body), siteModified)
}

// The 2019 concept paper as Xinhua republished it: one article split over
// three pages (c_1125120958.htm, _2.htm, _3.htm), each page in the site's
// layout with the same headline, date and source line, its share of the
// paragraphs, and a page bar: 上一页 1 2 3 下一页, the current page
// unlinked, 上一页 unlinked on the first page and 下一页 on the last. Every
// page also links the NEXT ARTICLE (下一篇, the white paper), which is no
// page of it. Stitched, its text is the official copy's.
var xinhuaConceptPages = []string{
	pathXinhuaConcept,
	strings.TrimSuffix(pathXinhuaConcept, ".htm") + "_2.htm",
	strings.TrimSuffix(pathXinhuaConcept, ".htm") + "_3.htm",
}

// conceptSplit divides the concept paper's paragraphs over the pages.
func conceptSplit(ps []string) [][]string {
	n := len(xinhuaConceptPages)
	out := make([][]string, n)
	for i := range out {
		out[i] = ps[i*len(ps)/n : (i+1)*len(ps)/n]
	}
	return out
}

func xinhuaPaged(c *corpus) []*response {
	var out []*response
	for i, ps := range conceptSplit(c.concept) {
		out = append(out, xinhuaConceptPage(i, ps))
	}
	return out
}

func xinhuaConceptPage(i int, ps []string) *response {
	main := xinhuaHeadLine(titleConcept, "2019年10月18日 20:05", "") + `  <div id="detail" class="main-aticle">
` + wrap(ps, "<p>", "</p>") + `  </div>
  <div id="div_currpage" class="page-nav">` + xinhuaPageBar(i) + `</div>
  <div class="editor">【责任编辑：王珊】</div>
  <div class="next-article">下一篇：<a href="` + pathXinhua + `">` + esc(titleXinhua) + `</a></div>
</div>
</div>
`
	return xinhuaPage(titleConcept, main, at("2006-01-02 15:04", "2019-10-18 20:05"))
}

// xinhuaPageBar is 上一页 1 2 3 下一页 for page i (from 0), with links as
// relative file names.
func xinhuaPageBar(i int) string {
	name := func(k int) string { return path.Base(xinhuaConceptPages[k]) }
	var b strings.Builder
	if i > 0 {
		b.WriteString(`<a href="` + name(i-1) + `" class="prev">上一页</a> `)
	} else {
		b.WriteString(`<span class="prev">上一页</span> `)
	}
	for k := range xinhuaConceptPages {
		if k == i {
			fmt.Fprintf(&b, `<span class="cur">%d</span> `, k+1)
		} else {
			fmt.Fprintf(&b, `<a href="%s">%d</a> `, name(k), k+1)
		}
	}
	if i < len(xinhuaConceptPages)-1 {
		b.WriteString(`<a href="` + name(i+1) + `" class="next">下一页</a>`)
	} else {
		b.WriteString(`<span class="next">下一页</span>`)
	}
	return b.String()
}
