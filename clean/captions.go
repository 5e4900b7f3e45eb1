package clean

import (
	"regexp"
	"slices"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Captions name or credit a picture or a player beside the text; they are
// not the text. Readers skip them, the article-extraction benchmarks'
// truth leaves them out, and two copies of one article under other photos
// are the same text: they go to Document.Captions, out of Text and so out
// of its hash. A run of the article is a caption when it is
//
//   - in a <figcaption>, or in a <figure> that holds no more than a
//     caption (captionUnits): one around paragraphs of the story frames
//     text;
//   - in an element a few levels up (captionLevels) whose class or id
//     names a caption ("wp-caption-text", "image-caption") or a credit
//     ("photo-credit"), and no longer than a caption (captionUnits);
//   - a credit line (creditRe: "Photo: …", "Foto: …", "(Reuters)",
//     "Getty Images", "图片来源", "… 摄", "资料图") of at most shortLine runes, in a
//     block that holds a picture or right after one (nearPicture);
//   - a media placeholder (placeholderRe: "Media playback is unsupported
//     on your device"), wherever it stands;
//   - the only text of a small block around a picture, credit lines
//     aside, whatever the block's classes are called (pictureCaptions),
//     when the rest of the text is an article, as for a gallery's slides
//     below;
//   - a slide of a photo gallery: in an element a few levels up
//     (galleryLevels) whose class or id names a gallery or slideshow, one
//     of three or more siblings of a tag, each a title or picture with a
//     caption (gallerySlide), when the rest of the text is an article
//     (splitCaptions). News sites run a gallery of agency photos in a
//     story, its slides longer than the story; a page that is only a
//     gallery keeps its slides as its text.
//
// A credit pattern alone is never enough: a sentence that names Reuters
// or a photographer is text unless it stands by a picture.

// captionLevels is how far up from a run's block a caption class is looked for.
const captionLevels = 3

// captionUnits is the most text an element named as a caption holds, a
// <figure> holds around its picture, or a block with a picture and a
// credit: about eighty English words.
const captionUnits = 500

var (
	// creditRe matches a photo or video credit line.
	creditRe = regexp.MustCompile(`(?i)` +
		// a label: "Photo: …", "Photo by …", "Foto: …", "Bild: …", "Image credit: …", "Crédit photo : …"
		`^[\[(（]?\s*(?:photo(?:graph)?s?|pictures?|pics?|images?|fotos?|fotografie|fotografía|bild(?:er)?|illustration|grafik|credits?|cr[ée]dits?\s*(?:photos?|images?)|video)` +
		`\s*(?:credits?|source|courtesy(?: of)?)?\s*(?:[:：|/©,]|by\b|von\b|di\b|de\b|par\b|courtesy\b)|` +
		`^[\[(（]?\s*©|` +
		// a label in another script: "Фото: …", "写真：…", "사진=…", "تصوير: …", "צילום: …", "ภาพ: …", "Ảnh: …"
		`^[\[(（]?\s*(?:` + creditIntl + `)\s*[:：=＝|/]|` +
		// an agency or stock credit, in credit form: "(Reuters)", "REUTERS/Jane Doe", "… via Getty Images", "… AFP" at the end
		`\(\s*(?:` + agencies + `)[^)]{0,40}\)|\b(?:` + agencies + `)\s*/|\b(?:` + agencies + `)[\s.)）]*$|\bvia (?:` + agencies + `)\b|` +
		// Chinese, as a label or in brackets: "图片来源：…", "图/新华社", "（摄影：…）"; a name and 摄: "新华社记者 张三 摄"
		`^[\[(（【]?\s*(?:图片来源|图片来自|图源|图片提供|供图|摄影|图)\s*[/:：|]|[(（【]\s*(?:图片来源|图片来自|图源|供图|摄影|图)\s*[/:：|][^)）】]{0,30}[)）】]\s*$|\p{Han}\s+摄\s*[)）]?\s*$|` +
		// a Chinese picture's kind, alone or in brackets at the end: a file photo, a screenshot ("资料图", "（视频截图）")
		`(?:^|[(（【])\s*(?:资料图片?|视频截图|网络图片|示意图)\s*[)）】]?\s*$`)
	// placeholderRe matches the line a player shows where it cannot play.
	placeholderRe = regexp.MustCompile(`(?i)^(?:media playback is (?:unsupported|not supported) on your device|` +
		`your (?:web )?browser (?:does not|doesn't|doesn’t|cannot|can't|can’t) (?:support|play)\b.{0,60}|` +
		`(?:please )?(?:enable|turn on) javascript to (?:view|watch|play|see)\b.{0,60}|` +
		`to (?:view|watch|play) this (?:video|content|media)\b.{0,40}(?:javascript|browser|html5).{0,40}|` +
		`this (?:video|media|content) (?:is not available|is unavailable|cannot be played|can't be played|could not be (?:loaded|played))\b.{0,40}|` +
		`video (?:unavailable|not available|is loading)|sorry, (?:this|the) (?:video|media)\b.{0,60}|` +
		`您的浏览器不支持.{0,30}|视频加载中.{0,10}|您的浏览器暂不支持.{0,30})[.!。]?$`)
)

// agencyNames are the photo agencies and stock libraries whose credits
// stand under news photos, each as credits spell it (a longer spelling
// before its prefix); agencies is them as a pattern's alternatives (no
// name holds a metacharacter).
var (
	agencyNames = []string{"reuters", "getty images", "getty", "afp", "ap photo", "associated press", "epa-efe", "epa",
		"shutterstock", "istockphoto", "istock", "xinhua", "dpa", "anadolu", "alamy", "unsplash", "pixabay", "imago", "keystone",
		"picture-alliance", "picture alliance", "zuma press", "zuma wire", "zuma", "bloomberg", "corbis", "sipa", "ansa", "kyodo",
		"pa images", "pa wire", "nurphoto", "sopa images", "wikimedia commons"}
	agencies = strings.Join(agencyNames, "|")
)

// splitCaptions sets the caption runs apart from the text runs (see above),
// keeping each caption once, in page order. A gallery's slides and the
// lone text by a picture are captions only beside an article: when the
// rest of the runs is shorter than retryUnits, the page is the gallery (a
// listicle of photos) or the picture's post, and that text is its text.
func splitCaptions(runs []run) (text []run, caps []string) {
	kinds := make([]captionKind, len(runs))
	var pics pictureTree
	rest := 0
	for i, r := range runs {
		if kinds[i] = captionOf(r, &pics); kinds[i] == notCaption {
			rest += r.units
		}
	}
	slides := rest >= retryUnits
	if !slices.ContainsFunc(kinds, func(k captionKind) bool { return k == caption || k == slide && slides }) {
		return runs, nil // every run is text (most pages): runs as they are, not a copy
	}
	text = make([]run, 0, len(runs)) // most runs are text
	var seen map[string]bool         // made at the first caption: most pages have none
	for i, r := range runs {
		if kinds[i] == notCaption || kinds[i] == slide && !slides {
			text = append(text, r)
			continue
		}
		if seen == nil {
			seen = map[string]bool{}
		}
		if !seen[r.text] && hasLetter(r.text) {
			seen[r.text] = true
			caps = append(caps, r.text)
		}
	}
	return text, caps
}

// captionKind is what captionOf makes of a run.
type captionKind uint8

const (
	notCaption captionKind = iota
	caption                // a caption, credit or placeholder
	slide                  // a slide's caption in a photo gallery, or the lone text by a picture: a caption only beside an article
)

// captionOf tells a caption run or a gallery's slide from a run of text;
// pics remembers whether its tree holds a picture at all.
func captionOf(r run, pics *pictureTree) captionKind {
	if r.pictured {
		return slide
	}
	if r.caption && inFigureCaption(r.owner) || isPlaceholder(strings.TrimSpace(r.text)) || labelledCaption(r) {
		return caption
	}
	if k := captionClass(r.owner); k != notCaption {
		return k
	}
	if pics.has(r.owner) && runesUpTo(r.text, shortLine+1) <= shortLine && // a page without pictures has its runes left uncounted
		(isCredit(foldTrad(r.text)) || creditNamed(r.owner)) && nearPicture(r.owner) {
		return caption
	}
	return notCaption
}

// creditNamed reports a block named as a credit: its class or id, or that
// of one of its captionLevels nearest ancestors, holds a word starting
// "credit" ("credit", "img__credit", "credits"). A photo's credit is often
// a bare name ("Jane Doe") that only its element's name tells. By a
// picture and short (captionOf), that is a credit; the same name on a
// site's footer ("Design by …") or on a list of a story's contributors
// stands by no picture. (An inline element so named inside a block of
// other text is not looked at: taking a block's text out by the name of
// an element inside it lowered a check page.)
func creditNamed(n *html.Node) bool {
	for i := 0; n != nil && n.Type == html.ElementNode && i <= captionLevels; i, n = i+1, n.Parent {
		if nameIsCredit(n) {
			return true
		}
	}
	return false
}

// nameIsCredit reports an element whose class or id holds a word starting
// "credit".
func nameIsCredit(n *html.Node) bool {
	class, id := attr(n, "class"), attr(n, "id")
	return namesHold(class, id, "credit") && hasHint(classIDOf(class, id), "credit*")
}

// pictureTree tells whether the tree a node is in holds a picture
// anywhere, looking each tree over once: no run of a page without one is
// near one, and on such pages (most text pages) the credit pattern, the
// costliest test of a short run, need not run at all.
type pictureTree struct {
	root *html.Node // the tree last asked about
	any  bool       // it holds a picture
}

// has reports whether n's tree holds a picture; false for nil.
func (p *pictureTree) has(n *html.Node) bool {
	for n != nil && n.Parent != nil {
		n = n.Parent
	}
	if n != p.root || n == nil {
		p.root, p.any = n, n != nil && hasPicture(n)
	}
	return p.any
}

// inFigureCaption reports a block in a <figcaption>, or in a <figure>
// that holds no more than captionUnits.
func inFigureCaption(n *html.Node) bool {
	for ; n != nil; n = n.Parent {
		switch n.DataAtom {
		case atom.Figcaption:
			return true
		case atom.Figure:
			return units(textOf(n)) <= captionUnits
		}
	}
	return false
}

// captionClass tells a caption block: one whose class or id, or that of one of its
// captionLevels nearest ancestors, names a caption or a photo credit
// (captionName), and that element holds no more than captionUnits: a
// story in a wrapper misnamed ("has-caption", "captioned-story") is text.
// It is a slide when one of its galleryLevels nearest ancestors names a
// gallery (galleryName) and the block is part of one of its slides
// (gallerySlide); the nearest named element decides.
func captionClass(n *html.Node) captionKind {
	for i, c := 0, n; c != nil && c.Type == html.ElementNode && i <= galleryLevels; i, c = i+1, c.Parent {
		class, id := attr(c, "class"), attr(c, "id")
		if !namesHold(class, id, captionWords...) {
			continue // neither captionName nor galleryName: their words are not there
		}
		s := classIDOf(class, id)
		if i <= captionLevels && captionName(s) {
			if units(textOf(c)) <= captionUnits {
				return caption
			}
			return notCaption
		}
		if galleryName(s) {
			if gallerySlide(n, c) {
				return slide
			}
			return notCaption
		}
	}
	return notCaption
}

// captionWords are what captionName and galleryName need in a class or
// id: "caption", the "credit" of "photo credit" and "image credit", and
// the gallery words.
var captionWords = []string{"caption", "credit", "gallery", "slideshow", "carousel"}

// galleryLevels is how far up from a run's block a gallery is looked for:
// a slide's caption sits in a list of slides inside the gallery's frame
// and scroller.
const galleryLevels = 5

// galleryName reports whether the words s of a class and id name a photo
// gallery or slideshow ("full-gallery", "hp-slideshow", "carousel").
func galleryName(s string) bool {
	return hasHint(s, "gallery*") || hasHint(s, "slideshow*") || hasHint(s, "carousel*")
}

// gallerySlide reports a block n inside gallery g that is part of one of
// its slides: an element between n and g (or n itself) that is one of
// minGroup or more siblings of its tag, holds more than one block of a
// paragraph (a title over a caption, a picture beside one: not a lone
// paragraph of a story in a wrapper misnamed "gallery") and no more than
// a caption (captionUnits).
func gallerySlide(n, g *html.Node) bool {
	for s := n; s != nil && s != g; s = s.Parent {
		if !sameTagAtLeast(s, minGroup) {
			continue
		}
		return !paragraphTag(s.DataAtom) && units(textOf(s)) <= captionUnits
	}
	return false
}

// paragraphTag reports a tag of one block of text.
func paragraphTag(a atom.Atom) bool {
	switch a {
	case atom.P, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Blockquote, atom.Pre, atom.Span, atom.A, atom.Dd, atom.Dt:
		return true
	}
	return false
}

// captionName reports whether the words s of a class and id (classID)
// name a caption or a photo credit: a word holding "caption"
// ("wp-caption-text", "figcaption", "imageCaption"), "photo credit" or
// "image credit". A name that says its block has no caption
// ("no-caption", "no_caption", "withoutCaption", "nocaption", which
// themes put on a picture's block that holds the text beside it) names
// none.
func captionName(s string) bool {
	prev := ""
	for w := range strings.FieldsSeq(s) {
		if strings.Contains(w, "caption") && !noCaption(prev, w) {
			return true
		}
		prev = w
	}
	return hasHint(s, "photo credit*") || hasHint(s, "image credit*")
}

// noCaption reports a class or id word w, after the word prev, that says
// its block has no caption: "nocaption…", or "caption…" after "no" or
// "without".
func noCaption(prev, w string) bool {
	return strings.HasPrefix(w, "nocaption") || strings.Contains(w, "caption") && (prev == "no" || prev == "without")
}

// nearPicture reports a block that holds a picture and little text (an
// image with its credit; a layout cell holding a picture and the whole
// story is not one), that stands in such a block (inPictureBlock), or
// that stands right after one: the nearest content before it, in document
// order, is such a block, or a short line after one (the caption above a
// credit).
func nearPicture(n *html.Node) bool {
	if inPictureBlock(n) {
		return true
	}
	for hop := 0; n != nil && hop <= 2; hop++ {
		if n.Type != html.ElementNode {
			return false
		}
		t := units(textOf(n))
		if hasPicture(n) && t < captionUnits {
			return true
		}
		if hop > 0 && t > shortLine {
			return false
		}
		n = prevContent(n)
	}
	return false
}

// inPictureBlock reports a block n inside an element, at most
// captionLevels up, that holds a picture and no more than a caption
// (captionUnits): the block around a picture that sets its credit above
// the picture, as an overlay on it ("Image source, …" before the <img>),
// or between the picture and its caption.
func inPictureBlock(n *html.Node) bool {
	for c, i := n.Parent, 0; c != nil && c.Type == html.ElementNode && i < captionLevels; c, i = c.Parent, i+1 {
		if c.DataAtom == atom.Body || units(textOf(c)) >= captionUnits {
			return false
		}
		if hasPicture(c) {
			return true
		}
	}
	return false
}

// hasPicture reports an <img>, <picture>, <figure> or <video> at or under n.
func hasPicture(n *html.Node) bool {
	if pictureTag(n.DataAtom) {
		return true
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && hasPicture(c) {
			return true
		}
	}
	return false
}

// pictureTag reports the tags of a picture: <img>, <picture>, <figure>
// and <video>.
func pictureTag(a atom.Atom) bool {
	switch a {
	case atom.Img, atom.Picture, atom.Figure, atom.Video:
		return true
	}
	return false
}

// prevContent returns the nearest sibling before n, or before one of its
// ancestors when n is the first content of its parent, that holds text or
// a picture; nil when there is none.
func prevContent(n *html.Node) *html.Node {
	for ; n != nil && n.DataAtom != atom.Body; n = n.Parent {
		for s := n.PrevSibling; s != nil; s = s.PrevSibling {
			switch {
			case s.Type == html.TextNode && strings.TrimSpace(s.Data) != "":
				return s
			case s.Type == html.ElementNode && !dropTags[s.DataAtom] && (hasPicture(s) || strings.TrimSpace(textOf(s)) != ""):
				return s
			}
		}
	}
	return nil
}

// pictureLevels is how many blocks up from a run's block pictureCaptions
// looks for the block that frames a picture with it.
const pictureLevels = 2

// pictureCaptions marks as captions the runs that are the only text of a
// small block around a picture, outside the picture's own element: the
// <div> a CMS puts around an image and its caption when it writes no
// <figure> (<div><img><p>In this photo…</p></div>), whatever its classes
// are called. The block is the nearest one that holds a picture, at most
// pictureLevels blocks above the run's; it and every element between must
// hold no other run but credit lines (a caption and its credit), it no
// more than a caption (captionUnits), and the run no link and no
// heading. The page's other text, chrome and captions aside, must be an
// article (retryUnits or more): a picture's post with one paragraph keeps
// it as its text. Not captions either: a paragraph that holds its own
// picture (an image floated at the start of a story's paragraph), a run
// whose nearest larger block holds other runs than credit lines (a
// teaser's title and summary, a story with its photo), a title beside a
// picture, and text in a block named for having no caption
// (noCaptionName).
func (bw *blockWalk) pictureCaptions() {
	if bw.pictures == 0 {
		return
	}
	var marked []int
	rest := 0
	for i := range bw.runs {
		r := &bw.runs[i]
		if r.caption || r.chrome {
			continue
		}
		if pictureCaption(bw, r) {
			marked = append(marked, i)
			continue
		}
		rest += r.units
	}
	if rest < retryUnits {
		return // the page is the picture's post: its text is no caption
	}
	for _, i := range marked {
		bw.runs[i].caption, bw.runs[i].pictured = true, true
	}
}

// pictureCaption reports a run that is the only text of a small block
// around a picture, credit lines aside (see pictureCaptions). A run that
// is a caption by its own marks (captionRun) is left to captionOf: it is
// a caption whatever the page's length.
func pictureCaption(bw *blockWalk, r *run) bool {
	if r.heading || r.linkUnits > 0 || r.owner == nil || captionRun(r) {
		return false
	}
	if own := bw.stats[r.owner]; own == nil || own.pictures > 0 || noCaptionName(own.cid) {
		return false
	}
	return pictureBlock(bw, r)
}

// pictureBlock reports whether the nearest element above r's block (at
// most pictureLevels blocks up; an inline wrapper is no level) that holds
// a picture holds no more than a caption (captionUnits), and it and every
// element between hold no run but r and credit lines (besideCredits): r is
// then the picture's caption. A CMS that writes no <figure> puts a
// picture's caption and its credit ("Foto: …", "Photograph by …") in one
// small block; the credit, told by its form, leaves the caption as the
// rest of the block's text. Beside a credit, r must stand below the
// picture (pictureBefore), as captions do: a block of a how-to's step
// holds its paragraph above its photo and the photo's credit below.
func pictureBlock(bw *blockWalk, r *run) bool {
	level, credited := 0, false
	for c := r.owner.Parent; c != nil && level < pictureLevels; c = c.Parent {
		st := bw.stats[c]
		if st == nil || noCaptionName(st.cid) || !bw.besideCredits(st, r) {
			return false
		}
		credited = credited || st.end-st.start > 1
		switch c.DataAtom {
		case atom.Body, atom.Article, atom.Main:
			return false
		}
		if st.pictures > 0 {
			return st.units <= captionUnits && (!credited || pictureBefore(c, r.owner))
		}
		if blockTags[c.DataAtom] {
			level++
		}
	}
	return false
}

// maxPictureRuns is the most runs a small block around a picture holds:
// its caption and a credit line or two.
const maxPictureRuns = 3

// besideCredits reports whether the runs of the element with stats st are
// r and credit lines (creditLine). A run beside a caption told by its
// <figure> or its name is not this rule's: a picture has one caption, and
// a paragraph beside a named caption of its photo is text.
func (bw *blockWalk) besideCredits(st *elemStats, r *run) bool {
	if st.end-st.start > maxPictureRuns {
		return false
	}
	for i := st.start; i < st.end; i++ {
		if o := &bw.runs[i]; o != r && !creditLine(o) {
			return false
		}
	}
	return true
}

// captionRun reports a run that is a caption by its own marks, wherever
// it stands: a credit line or placeholder (creditLine), or a run in a
// <figure> or in a block named as a caption (captionClass).
func captionRun(r *run) bool {
	return creditLine(r) || r.caption || r.owner != nil && captionClass(r.owner) == caption
}

// creditLine reports a run that is a credit line (creditRe) of at most
// shortLine runes, or a player's placeholder.
func creditLine(r *run) bool {
	t := strings.TrimSpace(r.text)
	return runesUpTo(t, shortLine+1) <= shortLine && (isCredit(foldTrad(t)) || isPlaceholder(t))
}

// pictureBefore reports whether a picture (an <img>, <picture>, <figure>
// or <video>) under block comes before the element owner in document
// order.
func pictureBefore(block, owner *html.Node) bool {
	picture, _ := firstOf(block, owner)
	return picture
}

// firstOf walks the tree under n in document order to the first picture
// or to owner, whichever comes first: picture reports a picture, met that
// either was met.
func firstOf(n, owner *html.Node) (picture, met bool) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c == owner {
			return false, true
		}
		if c.Type != html.ElementNode {
			continue
		}
		if pictureTag(c.DataAtom) {
			return true, true
		}
		if p, ok := firstOf(c, owner); ok {
			return p, true
		}
	}
	return false, false
}

// noCaptionName reports class and id words s (classID) that say their
// block has no caption ("no-caption", "no_caption", "withoutCaption",
// "nocaption"): themes put them on a picture's block that holds the text
// beside it.
func noCaptionName(s string) bool {
	prev := ""
	for w := range strings.FieldsSeq(s) {
		if noCaption(prev, w) {
			return true
		}
		prev = w
	}
	return false
}

// galleryCaption reports a chrome run of the article's roots that is a
// caption by its own marks (captionOf: a <figcaption>, a block named as a
// caption, a credit by a picture) and chrome only for the gallery it
// stands in: every element around it that looks like chrome does so by a
// name that names a gallery ("gallery" is a strong chrome hint, so that a
// gallery's slides never outweigh the story). Such a caption is one of
// the article's pictures': it goes to Captions rather than nowhere, and
// never to the text.
func galleryCaption(bw *blockWalk, r run, pics *pictureTree) bool {
	if !r.chrome || r.chromeAt == nil {
		return false
	}
	for c := r.chromeAt; c != nil; c = bw.chromeUp[c] {
		st := bw.stats[c]
		if !bw.byClass[c] || st == nil || !galleryName(st.cid) {
			return false
		}
	}
	return captionOf(r, pics) == caption
}

// captionLabelRe matches the label a player or a picture reads out before
// its caption to a screen reader ("Image caption, …", "Media caption, …",
// "Video caption, …"), which stays in the page's text when the <figure>
// around it is gone; the caption after it opens as a sentence does, not
// in lower case (a sentence that merely begins with the words).
var captionLabelRe = regexp.MustCompile(`^(?:Image|Media|Video) caption, [^\p{Ll}\s]`)

// labelledCaption reports a run that opens with a caption's label
// (captionLabelRe) and is no longer than a caption (captionUnits): a
// caption wherever it stands, as a player's placeholder is.
func labelledCaption(r run) bool {
	t := strings.TrimSpace(r.text)
	return len(t) > 16 && (t[0] == 'I' || t[0] == 'M' || t[0] == 'V') && r.units <= captionUnits && captionLabelRe.MatchString(t)
}
