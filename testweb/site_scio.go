package testweb

import (
	"fmt"
	"strings"
	"time"
)

// www.scio.gov.cn.test — the State Council Information Office, official.
// An old CMS: nested layout tables, a left navigation column, the article
// in one <td id="zoom"> with <br><br> between paragraphs (indented with
// two ideographic spaces). GB18030 bytes labelled gb2312 by a <meta> that
// sits after the first 1024 bytes; the HTTP header names no charset.

// scioWhitePaperLink is how the site's own links name the white paper: a
// variant of its canonical URL (the page's rel=canonical names the clean one).
const scioWhitePaperLink = pathSCIOWhitePaper + "?from=timeline&isappinstalled=0"

var scioNav = []link{
	{"/", "首页"}, {"/xwfb/", "新闻发布"}, {"/zfbps/", "白皮书"}, {"/zcjd/", "政策解读"},
	{"/zhzc/", "综合资讯"}, {"/ztk/", "专题库"}, {"/tp/", "图片"}, {"/sp/", "视频"},
}

var scioLeft = []link{
	{"/zfbps/", "白皮书"}, {"/xwfb/", "新闻发布会"}, {"/zhzc/", "综合资讯"},
	{"/zcjd/", "政策解读"}, {"/ztk/", "专题库"},
}

func scioRoutes(c *corpus) routes {
	r := routes{
		"/":           scioList("首页"),
		"/robots.txt": robots(),
		pathSCIOWhitePaper: scioArticle(titleSCIO, "2022-11-07 10:00", "国务院新闻办公室",
			"http://"+HostSCIO+pathSCIOWhitePaper, c.zh),
		pathSCIOConcept: scioArticle(titleConcept, "2019-10-18", "世界互联网大会组委会", "", c.concept),
	}
	channels(r, append(scioNav, scioLeft...), scioList)
	return r
}

// scioHead is the start of every page: a long template comment and a
// statistics script come before the charset <meta>, pushing it past the
// 1024 bytes a browser's prescan reads.
func scioHead(title, canonical string) string {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN" "http://www.w3.org/TR/html4/loose.dtd">
<html>
<head>
<!--
  国务院新闻办公室网站  内容管理系统 发布模板：细览页（白皮书栏目通用）
  模板编号：T_ZFBPS_DETAIL_2012  版本：3.2.7
  修改记录：
    2012-06-18  新建模板，采用表格布局，宽度1000像素
    2013-03-02  增加左侧栏目导航，统一页眉页脚
    2014-09-27  增加“字体：大 中 小”与“打印本页”“关闭窗口”功能
    2016-01-11  正文区域改为 td#zoom，段落以两个全角空格缩进
    2017-05-08  增加相关链接区块，调整友情链接
    2018-12-20  页脚增加京公网安备号，更新ICP备案号
    2020-04-03  增加访问统计脚本，统一发布时间格式为“YYYY-MM-DD hh:mm”
    2021-10-15  白皮书细览页增加规范链接（canonical）
  请勿在本模板中直接修改样式，样式见 /css/zfbps.css
-->
<script type="text/javascript">
  // 访问统计：栏目“白皮书”，站点“国务院新闻办公室网站”
  var _trs_site = "国务院新闻办公室网站", _trs_channel = "白皮书", _trs_lang = "zh-CN";
  var _trs_msgs = { loading: "正在加载，请稍候……", error: "统计服务暂时不可用" };
  (function () { var img = new Image(); img.src = "/stat/log.gif?site=" + encodeURIComponent(_trs_site) + "&t=" + (+new Date()); })();
</script>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
`)
	fmt.Fprintf(&b, "<title>%s_国务院新闻办公室网站</title>\n", esc(title))
	b.WriteString(`<meta name="keywords" content="国务院新闻办公室,白皮书,新闻发布">
<meta name="description" content="国务院新闻办公室网站是国务院新闻办公室的官方网站">
`)
	if canonical != "" {
		fmt.Fprintf(&b, "<link rel=\"canonical\" href=\"%s\">\n", canonical)
	}
	b.WriteString(`<link href="/css/zfbps.css" rel="stylesheet" type="text/css">
<script type="text/javascript">
function doZoom(size) { document.getElementById("zoom").style.fontSize = size + "px"; }
function closeWin() { if (confirm("您确定要关闭本页吗？")) { window.close(); } }
</script>
</head>
`)
	return b.String()
}

// scioBanner is the header table: site name, date bar and top navigation.
func scioBanner() string {
	return `<body topmargin="0" leftmargin="0">
<table width="1000" border="0" cellspacing="0" cellpadding="0" align="center" class="banner">
  <tr>
    <td height="90" width="620"><a href="/"><img src="/images/logo.gif" width="600" height="80" border="0" alt="国务院新闻办公室"></a></td>
    <td width="380" align="right" class="search">
      <form action="/search/" method="get"><input type="text" name="q" value="请输入关键字"> <input type="submit" value="搜索"></form>
      <a href="/">简体</a> | <a href="/">English</a> | <a href="/">设为首页</a> | <a href="/">加入收藏</a>
    </td>
  </tr>
  <tr>
    <td colspan="2" class="nav" height="36">
` + links(scioNav, "      ", " &nbsp;|&nbsp;") + `    </td>
  </tr>
</table>
`
}

// scioLeftColumn is the left navigation column of every page.
func scioLeftColumn() string {
	return `    <td width="200" valign="top" class="left">
      <table width="100%" border="0" cellspacing="0" cellpadding="4">
        <tr><td class="left_title">栏目导航</td></tr>
` + links(scioLeft, "        <tr><td class=\"left_item\">", "</td></tr>") + `        <tr><td class="left_title">白皮书年份</td></tr>
        <tr><td class="left_item"><a href="/zfbps/">2022年</a> <a href="/zfbps/">2021年</a> <a href="/zfbps/">2020年</a> <a href="/zfbps/">2019年</a></td></tr>
        <tr><td class="left_title">热点新闻</td></tr>
        <tr><td class="left_item"><a href="` + esc(scioWhitePaperLink) + `">《携手构建网络空间命运共同体》白皮书发布</a></td></tr>
        <tr><td class="left_item"><a href="` + pathSCIOConcept + `">世界互联网大会发布概念文件</a></td></tr>
      </table>
    </td>
`
}

// scioFooter closes the page: friendly links, licence numbers, copyright.
func scioFooter() string {
	return `<table width="1000" border="0" cellspacing="0" cellpadding="0" align="center" class="friend">
  <tr><td>友情链接：<a href="http://` + HostXinhua + `/">新华网</a> | <a href="http://` + HostDailyEn + `/">English Daily</a> | <a href="http://` + HostAggregator + `/">聚合资讯网</a></td></tr>
</table>
<table width="1000" border="0" cellspacing="0" cellpadding="0" align="center" class="footer">
  <tr><td align="center" height="80">
    <a href="/">关于我们</a> | <a href="/">联系我们</a> | <a href="/">网站地图</a><br>
    版权所有：国务院新闻办公室　未经授权禁止复制或建立镜像<br>
    京ICP备05070218号　京公网安备11010202000001号　网站标识码：bm01000002<br>
    地址：北京市西城区西长安街　邮编：100017
  </td></tr>
</table>
<script type="text/javascript">document.write("<span class=\"visits\">您是本站第" + 1024 + "位访问者</span>");</script>
</body>
</html>
`
}

// scioPage puts main (the right-hand cell) into the site's layout.
func scioPage(title, canonical, main string, mod time.Time) *response {
	page := scioHead(title, canonical) + scioBanner() +
		`<table width="1000" border="0" cellspacing="0" cellpadding="0" align="center" class="main">
  <tr>
` + scioLeftColumn() + `    <td width="20">&nbsp;</td>
    <td width="780" valign="top">
` + main + `    </td>
  </tr>
</table>
` + scioFooter()
	return htmlResponse("text/html", encode("gb18030", page), mod)
}

func scioArticle(title, date, source, canonical string, text []string) *response {
	var body strings.Builder
	for _, p := range text {
		body.WriteString("　　" + esc(p) + "<br><br>\n")
	}
	main := `      <table width="100%" border="0" cellspacing="0" cellpadding="0">
        <tr><td class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zfbps/">白皮书</a></td></tr>
        <tr><td class="title" align="center"><h1>` + esc(title) + `</h1></td></tr>
        <tr><td class="time" align="center">发布时间：` + date + `　　来源：` + esc(source) + `　　【字体：<a href="javascript:doZoom(16)">大</a> <a href="javascript:doZoom(14)">中</a> <a href="javascript:doZoom(12)">小</a>】【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:closeWin()">关闭窗口</a>】</td></tr>
        <tr><td id="zoom" class="content" style="font-size:14px; line-height:28px">
` + body.String() + `        </td></tr>
        <tr><td class="editor" align="right">【责任编辑：刘洋】</td></tr>
      </table>
      <table width="100%" border="0" cellspacing="0" cellpadding="4" class="related">
        <tr><td class="related_title">相关链接</td></tr>
        <tr><td>· <a href="` + esc(scioWhitePaperLink) + `">携手构建网络空间命运共同体</a></td></tr>
        <tr><td>· <a href="` + pathSCIOConcept + `">世界互联网大会组委会发布《携手构建网络空间命运共同体》概念文件</a></td></tr>
        <tr><td>· <a href="/zfbps/">更多白皮书</a></td></tr>
      </table>
`
	mod := at("2006-01-02", date[:10])
	return scioPage(title, canonical, main, mod)
}

// scioList is the home page and every channel page: a list of articles.
func scioList(heading string) *response {
	main := `      <table width="100%" border="0" cellspacing="0" cellpadding="6" class="list">
        <tr><td class="list_title" colspan="2">` + esc(heading) + `</td></tr>
        <tr><td>· <a href="` + esc(scioWhitePaperLink) + `">携手构建网络空间命运共同体</a></td><td align="right">2022-11-07</td></tr>
        <tr><td>· <a href="` + pathSCIOConcept + `">世界互联网大会组委会发布《携手构建网络空间命运共同体》概念文件</a></td><td align="right">2019-10-18</td></tr>
      </table>
`
	return scioPage(heading, "", main, siteModified)
}
