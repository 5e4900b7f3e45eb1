package testweb

import (
	"time"
)

// www.dailyen.test — an English daily. windows-1252 bytes labelled
// "charset=iso-8859-1" in the HTTP header (no label in the page). The
// text's apostrophes (’), the headline's quotes (‘ ’) and the chrome's
// dashes, ellipses and euro signs are bytes 0x80–0x9F, which exist in
// windows-1252 but are C1 controls in ISO-8859-1, so the charset decision
// must take windows-1252 (as WHATWG maps the iso-8859-1 label). The
// encoding cannot hold Chinese: the scripts' Chinese strings are \u
// escapes, and the markup's are numeric character references.

const dailyenCType = "text/html; charset=iso-8859-1"

var dailyenNav = []link{
	{"/", "Home"}, {"/china/", "China"}, {"/world/", "World"}, {"/business/", "Business"},
	{"/lifestyle/", "Lifestyle"}, {"/culture/", "Culture"}, {"/travel/", "Travel"},
	{"/sports/", "Sports"}, {"/opinion/", "Opinion"},
}

func dailyenRoutes(c *corpus) routes {
	r := routes{
		"/":           dailyenList("Home"),
		"/robots.txt": robots(),
		pathDailyEn:   dailyenArticle(c),
	}
	channels(r, dailyenNav, dailyenList)
	return r
}

func dailyenHead(title string) string {
	return `<!DOCTYPE html>
<html lang="en">
<head>
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>` + esc(title) + ` — English Daily</title>
<meta property="og:site_name" content="English Daily">
<meta property="article:published_time" content="2022-11-08T11:05:00+08:00">
<link rel="stylesheet" href="/css/article.css">
<script>
var edShare = { wechat: "\u5206\u4eab\u5230\u5fae\u4fe1", weibo: "\u5206\u4eab\u5230\u5fae\u535a", copied: "\u94fe\u63a5\u5df2\u590d\u5236" };
</script>
</head>
<body>
<div class="topNav">
  <a href="/">Global Edition</a> | <a href="/">China Edition</a> | <a href="/">ASIA</a> | <a href="/">&#20013;&#25991;</a>
  <span class="sub">Subscribe — €1.99/month • Sign in</span>
</div>
<div class="header"><a class="logo" href="/"><img src="/img/logo.png" alt="English Daily"></a>
<ul class="nav">
` + links(dailyenNav, "  <li>", "</li>") + `</ul></div>
`
}

func dailyenFoot() string {
	return `<div class="footer">
  <p><a href="/">About Us</a> | <a href="/">Contact Us</a> | <a href="/">Advertise on Site</a> | <a href="/">Terms of Use</a></p>
  <p>Copyright 1995 – 2022. All rights reserved. The content (including but not limited to text, photo, multimedia information, etc) published in this site belongs to English Daily.</p>
  <p>License for publishing multimedia online 0108263 • &#20140;ICP&#22791;13028878&#21495;-6</p>
</div>
<script>
(function () { var tip = "\u8c22\u8c22\u9605\u8bfb"; window.edTrack = function () { return tip; }; })();
</script>
</body>
</html>
`
}

func dailyenPage(title, main string, mod time.Time) *response {
	page := dailyenHead(title) + main + dailyenFoot()
	return htmlResponse(dailyenCType, encode("windows-1252", page), mod)
}

func dailyenArticle(c *corpus) *response {
	main := `<div class="main-content">
<div class="crumb"><a href="/">Home</a> / <a href="/china/">China</a> / Policies</div>
<div class="lft_art">
  <h1>` + esc(titleDailyEn) + `</h1>
  <div class="info">
    <span class="info_l">By Staff Reporter | dailyen.test | Updated: 2022-11-08 11:05</span>
    <span class="source">Source: Xinhua</span>
  </div>
  <div class="share">Share — <a href="#">Facebook</a> · <a href="#">Twitter</a> · <a href="#">LinkedIn</a> · <a href="#">WeChat</a> · <a href="#">Weibo</a></div>
  <div id="Content">
` + wrap(c.en, "<p>", "</p>") + `  </div>
  <div class="editor">(Editor: Liu Min)</div>
  <div class="share">Share — <a href="#">Facebook</a> · <a href="#">Twitter</a></div>
  <div class="comments">
    <h3>Comments (2)</h3>
    <div class="comment"><b>reader_88</b> — Finally the full text… thanks for publishing it.</div>
    <div class="comment"><b>Ana M.</b> — Worth comparing with the 2019 concept paper’s wording.</div>
  </div>
</div>
<div class="rt_art">
  <h3>Related Stories</h3>
  <ul>
    <li><a href="/china/">China’s digital economy — the numbers behind the boom</a></li>
    <li><a href="/world/">World Internet Conference: “shared future” in focus</a></li>
    <li><a href="/opinion/">Opinion: Why cyberspace governance needs everyone…</a></li>
  </ul>
  <h3>Most Viewed</h3>
  <ul><li><a href="` + pathDailyEn + `">White paper on cyberspace — full text</a></li></ul>
</div>
</div>
`
	return dailyenPage(titleDailyEn, main, at("2006-01-02 15:04", "2022-11-08 11:05"))
}

func dailyenList(heading string) *response {
	main := `<div class="main-content">
  <h2 class="column">` + esc(heading) + `</h2>
  <div class="mb10">
    <h3><a href="` + pathDailyEn + `">` + esc(titleDailyEn) + `</a></h3>
    <p>The State Council Information Office on Monday released a white paper — full text here.</p>
    <b>2022-11-08 11:05</b>
  </div>
</div>
`
	return dailyenPage(heading, main, siteModified)
}
