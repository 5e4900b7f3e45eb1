package clean

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"

	"github.com/prov-archive/prov/clean/charset"
	"github.com/prov-archive/prov/rules"
)

// ExtractorVersion names the extraction code; change it when the text
// Clean returns for the same bytes changes, or a field an archivist weighs
// as evidence (title, dates, attribution, publisher, author, captions).
const ExtractorVersion = "clean/44"

// Input is one fetched page.
type Input struct {
	URL    string      // final URL of the page: resolves links, gives the URL date
	Header http.Header // response header: Content-Type, Last-Modified
	Body   []byte      // payload with the content coding (gzip…) removed
	Site   *rules.Site // the site's rule; nil for generic extraction
	// Budget bounds the work Clean does on the page, in steps (see
	// DefaultBudget, used when it is zero); past it, Clean returns what it
	// found by then and sets Document.OverBudget.
	Budget int
	// ReadLimit is the most bytes of Body that Clean reads (see
	// DefaultReadLimit, used when it is zero); a longer body is read up to
	// it and Document.TextTruncated set.
	ReadLimit int
}

// Clean decodes, extracts main text and metadata. It never panics; a page
// with no article yields a Document with empty Text. The error is for
// inputs that cannot be read at all (none today: the HTML parser accepts
// any bytes); the Document is complete whenever err is nil.
func Clean(in Input) (doc *Document, err error) {
	defer func() {
		if r := recover(); r != nil {
			doc, err = nil, fmt.Errorf("clean: %s: internal error: %v", in.URL, r)
		}
	}()
	b := newBudget(in.Budget)
	forced := ""
	if in.Site != nil {
		forced = in.Site.Encoding
	}
	limit := readLimit(in.ReadLimit)
	contentType := in.Header.Get("Content-Type")
	plain := isPlainType(contentType)
	body, cut := readPrefix(in.Body, limit, plain)
	d, text := decode(body, contentType, forced)
	// text is valid UTF-8: charset.Decode says so (TestDecodeInvalid, FuzzDecide).
	// It may be in.Body's memory: nothing Clean returns refers to it (the
	// parser copies what it keeps; cleanPlain takes a string of it).
	if strings.TrimSpace(contentType) == "" && !hasTag(text) {
		plain = true // sniffed, as browsers sniff a body served without a type
	}
	if plain && !opensAsHTML(text) {
		doc, err = cleanPlain(string(text), in, b)
	} else {
		doc, err = cleanHTML(text, in, b)
	}
	if doc != nil {
		doc.Charset = d
		doc.OverBudget = b.hit
		if cut {
			doc.TextTruncated, doc.TextLimit = true, len(body)
		}
	}
	return doc, err
}

// decode applies the charset decision.
func decode(body []byte, contentType, forced string) (charset.Decision, []byte) {
	return charset.DecideDecode(body, contentType, forced)
}

// cleanHTML extracts from decoded HTML: the whole of Clean after decoding.
func cleanHTML(src []byte, in Input, b *budget) (*Document, error) {
	root, err := parseHTML(src, b)
	if err != nil {
		return nil, fmt.Errorf("clean: parse %s: %w", in.URL, err)
	}
	return cleanTree(root, in, b, func(pg *parsed, gq *goquery.Document, doc *Document) extraction {
		return extract(pg, gq, in.Site, doc)
	})
}

// A textPick finds a parsed page's text: its paragraphs, the extractor
// that found them and the captions taken out of them. It may set doc's
// title (a site rule's Title selector does).
type textPick func(pg *parsed, gq *goquery.Document, doc *Document) extraction

// cleanTree extracts from a parsed page, its text as pick finds it, the
// rest (metadata, dates, hash and sketch) alike for every page.
func cleanTree(root *html.Node, in Input, b *budget, pick textPick) (*Document, error) {
	gq := goquery.NewDocumentFromNode(root)
	pm := collectMeta(root)
	page := parsePageURL(in.URL) // once: what reads it below only reads it
	res := pageResolver(in.URL, page, pm.base)
	doc := &Document{NormVersion: NormVersion, ExtractorVersion: ExtractorVersion}
	doc.Canonical = res.abs(pm.canonical)
	bw := walkBlocksMode(root, false, b)
	bw.homes = pageHosts(doc.Canonical, res.abs(pm.get("og:url")), page)
	defer bw.release()
	defer bw.recycleRuns() // the document holds texts, not runs
	var suffix string
	doc.Title, suffix = pageTitle(pm)
	metaTitle := doc.Title

	e := pick(&parsed{root: root, bw: bw, title: doc.Title, url: in.URL, b: b}, gq, doc)
	paras := e.paras
	doc.Extractor, doc.Captions = e.extractor, e.captions
	doc.Text = strings.Join(paras, "\n\n")
	doc.TextSHA256, doc.Sketch, doc.Shingles = hashAndSketch(doc.Text) // one normal form for both

	doc.Publisher = publisher(pm, suffix)
	doc.Author = author(pm, bw.runs, paras)
	doc.Attribution = attribution(pm, bw.runs, paras)
	langText := doc.Text
	if langText == "" {
		langText = doc.Title
	}
	doc.Lang = pageLang(pm, langText)

	doc.Pagination = pagination(root, res, page)
	dates(doc, pm, bw, in, page)
	if doc.Title == metaTitle { // a site rule's Title selector stands
		if h := shownHeadline(pm, doc.Title, strings.Join(bw.homes, " ")+" "+suffix); h != "" {
			doc.Title = h
		} else if h := shownPart(bw.runs, doc.Title); h != "" {
			doc.Title = h
		} else if len(paras) > 0 {
			if h := logoHeadline(bw.runs, doc.Title, collapse(pm.title), suffix, collapse(paras[0])); h != "" {
				doc.Title = h
			} else if len(pm.h1) == 0 {
				if h := setHeadline(bw.runs, doc.Title, collapse(pm.title), collapse(paras[0])); h != "" {
					doc.Title = h // <title> names the site; the page sets the headline apart above the text
				}
			}
		}
		if doc.Title == metaTitle && suffix == "" {
			if h := shownTitleHead(bw.runs, doc.Title); h != "" {
				doc.Title = h
			}
		}
		if doc.Title == metaTitle && len(paras) > 0 && len(pm.h1) == 0 && doc.Title == collapse(pm.title) &&
			(placeholderTitle(doc.Title) || siteNameTitle(bw.runs, doc.Title, collapse(paras[0]))) {
			if h := emphasisedHeadline(bw.runs, collapse(paras[0])); h != "" {
				doc.Title = h // <title> names nothing or the site; the text opens with a line in bold, large or centred
			}
		}
		if doc.Title == metaTitle && fileTitle(collapse(pm.title)) {
			if h := headlineOfFile(pm.h1, paras); h != "" {
				doc.Title = h // <title> names the file the page was saved from
			}
		}
		if doc.Title == metaTitle && len(paras) > 0 {
			if h := shownTitleTail(bw.runs, collapse(pm.title), collapse(paras[0]), strings.Join(bw.homes, " ")+" "+pm.get("og:site_name")); h != "" {
				doc.Title = h // <title> names the site first; the page shows the part after it above the text
			}
		}
		if doc.Title == metaTitle && len(paras) > 0 && len(pm.h1) == 0 {
			if h := shownTitlePart(collapse(pm.title), collapse(paras[0])); h != "" {
				doc.Title = h // the article opens with one part of <title> alone, no <h1> says otherwise: its headline
			}
		}
	}
	return doc, nil
}

// extract runs the site rule, when it names Content, then the generic
// scorer if the rule found nothing, then the fallbacks (see fallback).
// The rule's Title and Date selectors apply whatever extractor wins.
func extract(pg *parsed, gq *goquery.Document, s *rules.Site, doc *Document) extraction {
	if s != nil && s.Content != "" {
		e := ruleText(gq, s, doc, pg.b)
		pg.title = doc.Title // the rule's Title selector may have changed it
		if len(e.paras) > 0 {
			return e
		}
	}
	return fallback(pg, genericText(pg.root, pg.bw, pg.title))
}

// parsePageURL is url.Parse of the page's URL, nil when it does not parse.
func parsePageURL(raw string) *url.URL {
	u, err := url.Parse(raw)
	if err != nil {
		return nil
	}
	return u
}

// dates fills the date candidates and the chosen date; page is the
// page's URL parsed (parsePageURL).
func dates(doc *Document, pm *pageMeta, bw *blockWalk, in Input, page *url.URL) {
	f := &dateFinder{zh: doc.Lang == "zh"}
	if in.Site != nil {
		f.cands = append(f.cands, doc.DateCandidates...) // from the rule's Date selector
	}
	f.fromMeta(pm)
	f.fromRuns(bw.runs, doc.Title)
	f.fromURL(page) // nothing for nil
	f.fromHeader(in.Header)
	doc.DateCandidates = f.cands
	doc.Published, doc.PublishedWhy = f.choose()
}

// ruleText extracts with the site rule: the Content selection minus the
// Drop selections, split into paragraphs as the generic path does, chrome
// lines (editor, print, copyright) dropped. The Title and Date selectors,
// when set, override the title and add a "rule" date candidate.
func ruleText(gq *goquery.Document, s *rules.Site, doc *Document, b *budget) extraction {
	if s.Title != "" {
		if t := collapse(safeFind(gq.Selection, s.Title).First().Text()); t != "" {
			doc.Title = t
		}
	}
	if s.Date != "" {
		if t := collapse(safeFind(gq.Selection, s.Date).First().Text()); t != "" {
			if c, ok := ruleDate(t, s.DateFormat, langHint(gq)); ok {
				doc.DateCandidates = append(doc.DateCandidates, c)
			}
		}
	}
	content := safeFind(gq.Selection, s.Content)
	for _, d := range s.Drop {
		safeFind(content, d).Remove()
	}
	out := extraction{extractor: ExtractorRule}
	for _, n := range content.Nodes {
		if hasAncestorIn(n, content.Nodes) {
			continue // nested match: its text is in the outer one
		}
		w := walkBlocksMode(n, false, b)
		w.release() // only its runs are read
		rs := w.runs
		for i := range rs {
			rs[i].chrome = false // the rule chose this block: hints do not apply
		}
		e := finish(rs, doc.Title, b, ExtractorRule)
		out.paras = append(out.paras, e.paras...)
		out.captions = append(out.captions, e.captions...)
	}
	return out
}

// safeFind is Find that treats a selector cascadia cannot compile (rules
// are validated when loaded, so only a hand-built Site can have one) as
// matching nothing.
func safeFind(sel *goquery.Selection, selector string) (out *goquery.Selection) {
	defer func() {
		if recover() != nil {
			out = sel.Slice(0, 0)
		}
	}()
	return sel.Find(selector)
}

func hasAncestorIn(n *html.Node, set []*html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		for _, s := range set {
			if s == p {
				return true
			}
		}
	}
	return false
}

// langHint reports whether the page declares or is likely Chinese, for the
// +08:00 assumption of rule dates.
func langHint(gq *goquery.Document) bool {
	l, _ := gq.Find("html").Attr("lang")
	if p := primaryTag(l); p != "" {
		return p == "zh"
	}
	d, _ := detectLang(gq.Find("title").Text())
	return d == "zh"
}
