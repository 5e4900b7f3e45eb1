package main

// The page template and the text the generated pages are made of.

const pageHead = `<!DOCTYPE html>
<html lang="%s"><head><meta charset="utf-8">
<title>%s - 本站新闻 Bench Daily</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="pubdate" content="%04d-%02d-%02d">
<link rel="stylesheet" href="/static/site.css">
<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}</script>
</head><body>
`

const chrome = `<header class="top"><div class="logo"><a href="/">本站新闻 Bench Daily</a></div>
<nav><ul><li><a href="/">首页 Home</a></li><li><a href="/news/2001/00001.html">要闻</a></li>
<li><a href="/news/2002/00002.html">国际 World</a></li><li><a href="/news/2003/00003.html">财经 Business</a></li>
<li><a href="/news/2004/00004.html">科技 Tech</a></li><li><a href="/news/2005/00005.html">文化 Culture</a></li></ul></nav>
<form class="search" action="/search"><input name="q" placeholder="搜索 Search"></form></header>
<div class="crumbs"><a href="/">首页</a> &gt; 新闻 &gt; 正文</div>
`

const footer = `<footer><p>关于我们 | 联系我们 | 版权声明 | 网站地图</p>
<p>Copyright © 2000-2024 Bench Daily. All rights reserved. 京ICP备00000000号</p>
<p>本网站所刊登的各种新闻、信息和各种专题专栏资料，均为本网版权所有，未经协议授权禁止下载使用。</p></footer>
</body></html>
`

var zhTopics = []string{"国务院新闻办公室", "国家统计局", "生态环境部", "教育部", "商务部", "国家发展改革委", "工业和信息化部", "文化和旅游部"}

var zhHeads = []string{"发布年度工作报告", "举行新闻发布会介绍有关情况", "印发实施方案", "公布最新统计数据", "召开专题座谈会", "部署下一阶段重点工作"}

var zhNames = []string{"王晓明", "李华", "张伟", "刘洋", "陈静", "杨帆"}

var zhSentences = []string{
	"会议指出，要坚持稳中求进工作总基调，完整、准确、全面贯彻新发展理念。",
	"据介绍，今年以来各地区各部门认真落实各项政策措施，经济运行总体平稳。",
	"发布会上，有关负责人回答了记者提问，并就社会关注的热点问题作了说明。",
	"数据显示，前三季度全国规模以上工业增加值同比增长百分之四点八。",
	"专家表示，这一举措有利于进一步优化营商环境，激发市场主体活力。",
	"文件明确，到二〇二五年基本建立覆盖城乡的公共服务体系。",
	"与会代表围绕科技创新、绿色发展、对外开放等议题进行了深入交流。",
	"下一步，将继续加强统筹协调，推动各项任务落地见效。",
	"报告强调，要切实保障和改善民生，让发展成果更多更公平惠及全体人民。",
	"该负责人表示，相关部门将加大监督检查力度，确保政策落实到位。",
	"近年来，我国数字经济规模持续扩大，新业态新模式不断涌现。",
	"活动现场，来自全国各地的代表共计三百余人参加了开幕式。",
}

var enHeads = []string{"Officials Outline", "New Report Details", "Ministry Announces", "Experts Weigh In On", "Survey Shows Shift In", "Lawmakers Debate"}

var enTopics = []string{"Regional Trade Plans", "Green Energy Targets", "Rural Education Funding", "Digital Economy Rules", "Urban Housing Policy", "Public Health Measures"}

var enNames = []string{"Jane Doe", "Wei Zhang", "Maria Lopez", "Tom Becker", "Aiko Tanaka", "Sam Okafor"}

var enSentences = []string{
	"The announcement came after months of consultation with local governments and industry groups.",
	"According to the statement, the measures will take effect at the beginning of next year.",
	"Analysts said the figures point to a steady recovery, though risks remain on the export side.",
	"The report, released on Tuesday, runs to more than eighty pages and covers twelve provinces.",
	"Officials told reporters that the plan had been revised twice to reflect public feedback.",
	"Critics argue that the timeline is ambitious and the funding commitments are still unclear.",
	"The ministry said it would publish detailed guidance for businesses within thirty days.",
	"Residents interviewed near the site welcomed the decision but asked for more transparency.",
	"Similar programmes launched in 2019 reached about two million households by the end of 2022.",
	"A spokesperson declined to comment on the cost but said the budget had been approved.",
	"The full text of the document is available on the official website in Chinese and English.",
	"Observers expect further announcements at the annual conference scheduled for the spring.",
}
