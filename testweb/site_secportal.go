package testweb

import (
	"strings"
	"time"
	"unicode/utf8"
)

// www.secportal.test — a security portal (FreeBuf-like, the chrome of seed
// 003): a huge navigation menu, sidebars, a reprint notice, comments.
// UTF-8 with a byte order mark and no charset label anywhere (neither the
// header nor the page). Serves the EDITED copy of the Chinese white paper
// (see Edits): one word replaced, one sentence added, one paragraph removed.

const bom = "\xEF\xBB\xBF"

var secNav = []link{
	{"/", "主站"}, {"/articles/cloud/", "云安全"}, {"/articles/ai/", "AI安全"}, {"/articles/dev/", "开发安全"},
	{"/articles/endpoint/", "终端安全"}, {"/articles/database/", "数据安全"}, {"/articles/web/", "Web安全"},
	{"/articles/network/", "基础安全"}, {"/articles/es/", "企业安全"}, {"/articles/ics/", "关基安全"},
	{"/articles/mobile/", "移动安全"}, {"/articles/system/", "系统安全"}, {"/articles/others/", "其他安全"},
}

var secFeatures = []link{
	{"/news/", "热点"}, {"/sectool/", "工具"}, {"/vuls/", "漏洞"}, {"/people/", "人物志"},
	{"/activity/", "活动"}, {"/jobs/", "安全招聘"}, {"/drill/", "攻防演练"}, {"/policy/", "政策法规"},
	{"/report/", "报告"}, {"/column/", "专辑"},
}

var secServices = []link{
	{"/gov/", "政 府"}, {"/cncert/", "CNCERT"}, {"/cnnvd/", "CNNVD"}, {"/vip/party-a/", "会员体系（甲方）"},
	{"/vip/vendor/", "会员体系（厂商）"}, {"/products/", "产品名录"}, {"/space/", "企业空间"},
}

var secUser = []link{{"/search/", "搜索"}, {"/write/", "创作中心"}, {"/oauth/", "登录"}, {"/oauth/", "注册"}}

func secportalRoutes(c *corpus) routes {
	r := routes{
		"/":           secList("主站"),
		"/robots.txt": robots(),
		pathSecPortal: secArticle(c.zhEdited),
	}
	channels(r, secNav, secList)
	channels(r, secFeatures, secList)
	channels(r, secServices, secList)
	channels(r, secUser, secList)
	r["/author/news-bot/"] = secList("Sec资讯")
	return r
}

func secHead(title string) string {
	return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="keywords" content="网络安全,白皮书,网络空间命运共同体,资讯">
<title>` + esc(title) + ` - SecPortal网络安全行业门户</title>
<link rel="stylesheet" href="/_nuxt/css/app.7aa3bf7.css">
<script>
window.__SEC_CONFIG__ = { siteName: "SecPortal网络安全行业门户", slogan: "每日发布专业的安全资讯、技术剖析", loginTip: "请先登录后再发表评论" };
</script>
</head>
<body>
<div id="__nuxt"><div id="__layout">
<header class="header">
  <a class="logo" href="/"><img src="/images/logoMax.png" alt="secPortal"></a>
  <nav class="main-menu">
    <div class="menu-group"><span class="menu-title">分类</span><ul>
` + links(secNav, "      <li>", "</li>") + `    </ul></div>
    <div class="menu-group"><span class="menu-title">特色</span><ul>
` + links(secFeatures, "      <li>", "</li>") + `    </ul></div>
    <div class="menu-group"><span class="menu-title">行业服务</span><ul>
` + links(secServices, "      <li>", "</li>") + `    </ul></div>
  </nav>
  <div class="header-right">
` + links(secUser, "    ", "") + `  </div>
</header>
`
}

func secFoot() string {
	return `<aside class="qrcode">
  <p>官方公众号　企业安全　新浪微博</p>
  <img src="/images/gzh_code.jpg" alt="公众号二维码">
  <p>SecPortal.test网络安全行业门户，每日发布专业的安全资讯、技术剖析。</p>
  <img src="/images/xcx-code.jpg" alt="小程序"><p>SecPortal+小程序把安全装进口袋</p>
</aside>
<footer class="footer">
  <p><a href="/">关于我们</a> | <a href="/">加入我们</a> | <a href="/">广告及服务</a> | <a href="/">寻求报道</a> | <a href="/">友情链接</a></p>
  <p>Copyright &copy; 2022 SecPortal.test 版权所有　京ICP备13033789号-2　京公网安备11010502000000号</p>
</footer>
</div></div>
<script>
window.__SEC_TRACK__ = function (e) { if (e === "share") { console.log("感谢分享！"); } };
</script>
</body>
</html>
`
}

func secPage(title, main string, mod time.Time) *response {
	return htmlResponse("text/html", []byte(bom+secHead(title)+main+secFoot()), mod)
}

// isHeading tells the white paper's headings (前言, 一、…, (一)…) from its
// prose: short and without sentence punctuation.
func isHeading(p string) bool {
	return utf8.RuneCountInString(p) < 40 && !strings.ContainsAny(p, "，。：")
}

// secBody renders the text as the portal's editor does: headings as <h2>
// (sections) and <h3> (subsections), paragraphs as <p>.
func secBody(text []string) string {
	var b strings.Builder
	for _, p := range text {
		switch {
		case isHeading(p) && strings.HasPrefix(p, "("):
			b.WriteString("<h3>" + esc(p) + "</h3>\n")
		case isHeading(p):
			b.WriteString("<h2><strong>" + esc(p) + "</strong></h2>\n")
		default:
			b.WriteString("<p>" + esc(p) + "</p>\n")
		}
	}
	return b.String()
}

func secArticle(text []string) *response {
	main := `<main class="article-page">
<div class="article-main">
  <div class="crumb"><a href="/">首页</a> / <a href="/news/">资讯</a></div>
  <div class="title-view">
    <h1 class="title">` + esc(titleSecPortal) + `</h1>
    <div class="author-info">
      <a class="author" href="/author/news-bot/">Sec资讯</a>
      <span class="follow">关注</span>
      <span class="tag"><a href="/news/">资讯</a></span>
      <span class="date">2022-11-08</span>
      <span class="source">来源：国务院新闻办公室</span>
      <span class="read">阅读 3.2万</span>
    </div>
  </div>
  <div class="artical-body" id="tinymce-editor">
` + secBody(text) + `  </div>
  <div class="statement">本文为转载文章，版权归原作者所有。如有侵权请联系我们删除。</div>
  <div class="share-bar"><span>分享到：</span><a href="#">微信</a> <a href="#">微博</a> <a href="#">QQ</a> <span class="like">点赞 128</span> <span class="collect">收藏 56</span></div>
  <section class="comments">
    <h3>评论区（3）</h3>
    <div class="comment"><span class="user">白帽小王</span><p>终于看到全文了，收藏学习。</p><span class="time">2022-11-08 10:21</span></div>
    <div class="comment"><span class="user">安全老兵</span><p>关键信息基础设施保护这部分值得细读。</p><span class="time">2022-11-08 11:02</span></div>
    <div class="comment"><span class="user">匿名用户</span><p>转发给团队了，感谢分享！</p><span class="time">2022-11-09 08:45</span></div>
    <form class="comment-form"><textarea placeholder="发表你的评论"></textarea><button>发布</button></form>
  </section>
</div>
<aside class="article-side">
  <div class="side-box"><h3>相关推荐</h3><ul>
    <li><a href="/policy/">《网络安全法》实施五周年回顾</a></li>
    <li><a href="/policy/">数据出境安全评估办法解读</a></li>
    <li><a href="/news/">2022年网络安全宣传周开幕</a></li>
  </ul></div>
  <div class="side-box"><h3>热门文章</h3><ul>
    <li><a href="` + pathSecPortal + `">` + esc(titleSecPortal) + `</a></li>
    <li><a href="/vuls/">本周高危漏洞预警</a></li>
  </ul></div>
</aside>
</main>
`
	return secPage(titleSecPortal, main, at("2006-01-02", "2022-11-08"))
}

func secList(heading string) *response {
	main := `<main class="list-page">
  <h2 class="list-title">` + esc(heading) + `</h2>
  <div class="article-item">
    <a class="title" href="` + pathSecPortal + `">` + esc(titleSecPortal) + `</a>
    <p class="summary">国务院新闻办公室发布《携手构建网络空间命运共同体》白皮书，全文如下……</p>
    <span class="date">2022-11-08</span>
  </div>
</main>
`
	return secPage(heading, main, siteModified)
}
