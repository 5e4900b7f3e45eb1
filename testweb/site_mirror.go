package testweb

import (
	"strings"
	"time"
)

// blog.mirror.test — a blog that mirrors other sites' pages (authority:
// aggregator). Big5 bytes, declared only by <meta charset="big5">; the HTTP
// header names no charset. It mirrors the China International
// Communications Group's (中國外文局) English EXCERPT of the white paper
// with that page's Traditional-character chrome (seed 001): breadcrumb,
// "發布時間:2022-11-11 來源:中國外文局", and its glossary, which sits in an
// <aside> outside the text. The excerpt's paragraphs are a contiguous
// verbatim run of the English daily's full text.

var mirrorNav = []link{
	{"/", "首頁"}, {"/category/policy/", "政策文件"}, {"/category/culture/", "文化"},
	{"/category/tech/", "科技"}, {"/about/", "關於本站"},
}

func mirrorRoutes(c *corpus) routes {
	r := routes{
		"/":           mirrorList("首頁"),
		"/robots.txt": robots(),
		pathMirror:    mirrorArticle(c),
	}
	channels(r, mirrorNav, mirrorList)
	return r
}

func mirrorHead(title string) string {
	return `<!DOCTYPE html>
<html lang="zh-Hant">
<head>
<meta charset="big5">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="WordPress 6.1">
<title>` + esc(title) + ` | 鏡像網誌</title>
<link rel="stylesheet" href="/wp-content/themes/twentytwelve/style.css">
<script>
var mirrorI18n = { search: "搜尋", reply: "回覆", loading: "載入中……", copied: "已複製連結" };
</script>
</head>
<body class="single">
<div id="page" class="hfeed site">
<header id="masthead" class="site-header">
  <h1 class="site-title"><a href="/">鏡像網誌</a></h1>
  <h2 class="site-description">轉載好文．保存網頁．方便閱讀</h2>
  <nav id="site-navigation" class="main-navigation"><ul class="nav-menu">
` + links(mirrorNav, "    <li class=\"menu-item\">", "</li>") + `  </ul></nav>
</header>
<div id="main" class="wrapper">
`
}

func mirrorFoot() string {
	return `<div id="secondary" class="widget-area">
  <aside class="widget widget_search"><form action="/"><input type="search" name="s" placeholder="搜尋…"></form></aside>
  <aside class="widget widget_recent_entries"><h3 class="widget-title">近期文章</h3><ul>
    <li><a href="` + pathMirror + `">` + esc(titleMirror) + `</a></li>
  </ul></aside>
  <aside class="widget widget_categories"><h3 class="widget-title">分類</h3><ul>
` + links(mirrorNav[1:4], "    <li>", "</li>") + `  </ul></aside>
  <aside class="widget widget_tag_cloud"><h3 class="widget-title">標籤</h3>
    <a href="/category/policy/">白皮書</a> <a href="/category/tech/">網路空間</a> <a href="/category/culture/">外文局</a>
  </aside>
</div>
</div>
<footer id="colophon" class="site-footer">
  <div class="site-info">版權所有 (C) 2022 鏡像網誌．本站內容均轉載自網路，版權歸原作者所有．京ICP備19000000號</div>
</footer>
</div>
<script>
(function () { var msg = "感謝您的閱讀！"; window.addEventListener("load", function () { console.log(msg); }); })();
</script>
</body>
</html>
`
}

func mirrorPage(title, main string, mod time.Time) *response {
	page := mirrorHead(title) + main + mirrorFoot()
	return htmlResponse("text/html", encode("big5", page), mod)
}

func mirrorArticle(c *corpus) *response {
	meta := strings.ReplaceAll(esc(c.bureau.Meta), "\u00a0", "&nbsp;")
	main := `<div id="primary" class="site-content"><div id="content" role="main">
<article id="post-1107" class="post type-post status-publish">
  <div class="breadcrumb">` + esc(c.bureau.Crumb) + `</div>
  <header class="entry-header">
    <h1 class="entry-title">` + esc(titleMirror) + `</h1>
    <div class="entry-meta">` + meta + `</div>
  </header>
  <div class="entry-content">
` + wrap(c.excerpt, "<p>", "</p>") + `  </div>
  <aside class="glossary">
    <h3>詞彙表 Glossary</h3>
    <ul>
` + wrap(c.bureau.Glossary, "      <li>", "</li>") + `    </ul>
  </aside>
  <footer class="entry-meta">本文轉載自中國外文局網站．分類：<a href="/category/policy/">政策文件</a>．
    分享：<a href="#">Facebook</a> <a href="#">Twitter</a> <a href="#">微信</a></footer>
</article>
<nav class="nav-single"><span class="nav-previous"><a href="/">← 上一篇</a></span> <span class="nav-next"><a href="/">下一篇 →</a></span></nav>
<div id="comments" class="comments-area">
  <h2 class="comments-title">《` + esc(titleMirror) + `》有 2 則留言</h2>
  <ol class="commentlist">
    <li class="comment"><cite>讀者甲</cite> 說：<p>謝謝整理，英文版很好讀。</p></li>
    <li class="comment"><cite>Translator</cite> 說：<p>The glossary is very helpful, thanks.</p></li>
  </ol>
  <div id="respond"><h3>發表迴響</h3><textarea name="comment"></textarea><input type="submit" value="發佈留言"></div>
</div>
</div></div>
`
	return mirrorPage(titleMirror, main, at("2006-01-02", "2022-11-11"))
}

func mirrorList(heading string) *response {
	main := `<div id="primary" class="site-content"><div id="content" role="main">
  <h1 class="archive-title">` + esc(heading) + `</h1>
  <article class="post"><h2 class="entry-title"><a href="` + pathMirror + `">` + esc(titleMirror) + `</a></h2>
    <div class="entry-summary"><p>中國外文局發布白皮書英文節選及詞彙表。</p><a href="` + pathMirror + `">繼續閱讀 →</a></div>
  </article>
</div></div>
`
	return mirrorPage(heading, main, siteModified)
}
