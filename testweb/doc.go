// Package testweb is the demo mini-web that `prov demo` and the end-to-end
// tests crawl: six sites on reserved .test host names, served by one
// http.Handler on loopback, that republish the seed corpus (testdata/seeds,
// see testdata/README.md) in the encodings and page layouts real sites use.
// It imports nothing of crawl, clean or archive; its truth (Articles) is
// what those packages should recover.
//
// # Sites
//
//	host                   authority   true encoding  what it exercises
//	www.scio.gov.cn.test   official    gb18030        old table layout: article in one <td id="zoom">, paragraphs
//	                                                  split by <br><br> and indented with two U+3000, left nav
//	                                                  column; <meta charset=gb2312> AFTER the first 1024 bytes
//	                                                  (a long comment and a script come first), no header charset;
//	                                                  links name the white paper with ?from=…&isappinstalled=0 while
//	                                                  its rel=canonical names the clean URL; also serves the 2019
//	                                                  concept paper, a different work sharing phrases
//	www.news.cn.test       agency      gbk            GBK bytes under a wrong header (charset=ISO-8859-1), no label
//	                                                  in the page; robots.txt announces a sitemap.xml
//	www.secportal.test     portal      utf-8          UTF-8 with a BOM and no label anywhere; a huge menu, sidebars,
//	                                                  comments; the EDITED copy (see Edits)
//	blog.mirror.test       aggregator  big5           Big5 declared only by <meta charset="big5">; the bureau's
//	                                                  English EXCERPT with Traditional chrome and a glossary <aside>
//	www.dailyen.test       news        windows-1252   bytes 0x80–0x9F (’ ‘ — … € •) under charset=iso-8859-1;
//	                                                  Chinese only as \u escapes in scripts and &#…; references
//	www.aggregator.test    aggregator  utf-8          labelled UTF-8; utm_*/#fragment variants of one URL, a 301
//	                                                  (/old/… → /news/…), a link that answers 404, and a copy under
//	                                                  /private/, linked from the home page, that robots.txt disallows
//
// The blog mirror is classed "aggregator": it republishes other sites'
// pages wholesale and names their source (中國外文局), like the aggregator.
//
// Every site has a home page (its seed), channel pages for each entry of
// its navigation (so no chrome link is dead, except the aggregator's
// deliberate one), robots.txt (allow all, except the aggregator's
// /private/), and its own chrome: navigation, sidebars, related lists
// (相关阅读, 热点新闻), share bars, comments, footers with licence numbers
// and 版权所有, inline scripts holding Chinese strings. Pages answer HEAD
// and conditional GET (ETag, Last-Modified); unknown paths answer 404.
// Links are host-relative or name .test hosts without a port: a crawler
// reaches them through --connect-to, or through Start's address.
//
// # Articles (the truth)
//
//	URL                                                                work           relation   published
//	http://www.scio.gov.cn.test/zfbps/32832/Document/1732898/1732898.htm  whitepaper-zh  original   2022-11-07T10:00:00+08:00
//	http://www.news.cn.test/politics/2022-11/07/c_1129108211.htm         whitepaper-zh  identical  2022-11-07T13:40:00+08:00
//	http://www.aggregator.test/news/20221107/a8f3c2.html                 whitepaper-zh  identical  2022-11-09T08:30:00+08:00
//	http://www.secportal.test/news/349014.html                           whitepaper-zh  near       2022-11-08
//	http://www.dailyen.test/a/202211/08/WS6369c5a2a31049175432a5b1.html  whitepaper-en  original   2022-11-08T11:05:00+08:00
//	http://blog.mirror.test/2022/11/jointly-build-a-community-excerpt.html whitepaper-en excerpt  2022-11-11
//	http://www.scio.gov.cn.test/zhzc/2019-10/18/content_75316208.htm     concept-2019   original   2019-10-18
//	http://www.news.cn.test/politics/2019-10/18/c_1125120958.htm        concept-2019   identical  2019-10-18T20:05:00+08:00
//	  (split over three pages: c_1125120958.htm, _2.htm, _3.htm; Article.Pages)
//
// The texts are derived from the seeds when first needed (seeds.go):
//
//   - whitepaper-zh: seed 003 from 前言 to the end of section 一 (23
//     paragraphs, about 3,500 characters), headings included. The official,
//     agency and aggregator copies carry exactly these paragraphs, so their
//     normalised text hashes match; datelines, 来源 lines and editors sit
//     outside the article body.
//   - the edited copy (secportal): paragraph 6 has 高速发展 replaced by
//     飞速发展; paragraph 14 (构建安全共同体…) has the sentence
//     网络安全从业者应当积极参与其中。added at its end; paragraph 16
//     (构建利益共同体…) is removed. Article.Changed is [6 14 16] (indexes into
//     the original's paragraphs); Edits gives each with its before/after.
//   - whitepaper-en: seed 000's English from "Preface" on, page breaks
//     repaired, its duplicated PDF fragments dropped, the truncated last
//     sentence cut, apostrophes typeset as ’ (17 paragraphs).
//   - the excerpt (mirror): paragraphs 13–16 of the English text, verbatim
//     and contiguous. Seed 001's own paragraphs are sentence-level extracts
//     scattered through the full text (two of them are whole paragraphs,
//     and both are in this run); the mirror keeps seed 001's chrome and
//     glossary around a run that the full text really contains.
//   - concept-2019: seed 004 from 序 言 to its closing sentence, page breaks
//     repaired. news.cn republishes it split over three pages, a third of
//     the paragraphs each, every page with the headline, the date line and
//     来源：新华网, a 上一页 1 2 3 下一页 bar and a 下一篇 link to the white
//     paper (another article, not a page); its Text is the whole paper.
//
// Attribution is the source the page names: 国务院新闻办公室 (scio,
// secportal), 新华网 (news.cn, and the aggregator's 转载自), 中國外文局
// (mirror), Xinhua (dailyen), 世界互联网大会组委会 (concept paper).
//
// RulesYAML gives the demo's rules: one site entry each, capture patterns
// for the article paths, delay 50ms, parallel 2, max_depth 3, no forced
// encoding; only scio names a content selector (td#zoom), the other sites
// exercise the generic extractor.
package testweb
