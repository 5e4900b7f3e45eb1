package clean

import "github.com/prov-archive/prov/clean/charset"

// DateCandidate is one publication date found on a page, with where it was found.
type DateCandidate struct {
	Value  string `json:"value"`  // RFC 3339, or YYYY-MM-DD when the time is unknown
	Source string `json:"source"` // meta:NAME | jsonld | jsonld:dateModified | time | visible | visible:line | visible:updated | url | last-modified | rule (ranked in dates.go)
	Text   string `json:"text"`   // the text it was read from
}

// Document is what clean makes of one page's bytes.
type Document struct {
	Charset          charset.Decision
	Title            string
	Published        string          // chosen date: RFC 3339 or YYYY-MM-DD; "" when unknown
	PublishedWhy     string          // why that candidate was chosen
	DateCandidates   []DateCandidate // every candidate, in the order found
	Publisher        string          // site or publisher name found on the page
	Author           string
	Attribution      string     // the source line: 来源：… / Source: … / 据…电 / 转载自…
	Lang             string     // BCP 47 primary tag: "zh", "en", …
	Canonical        string     // rel=canonical as written (absolute), "" for none
	Pagination       Pagination // the page's place in an article split over pages (pages.go)
	Text             string     // clean main text as extracted (not normalised); paragraphs separated by "\n\n", a <pre>'s lines kept
	TextSHA256       string     // hex sha256 of Normalize(Text)
	NormVersion      int        // version of Normalize used for TextSHA256
	Sketch           []uint32   // Sketch(Text): MinHash of its shingles; nil when it has none
	Shingles         int        // distinct shingles of Text
	Captions         []string   // figure captions, photo credits and media placeholders taken out of Text, in page order
	Extractor        string     // which extractor found Text: ExtractorRule, ExtractorGeneric, ExtractorReadability, ExtractorBlock (fallback.go) or ExtractorPlain (plain.go)
	ExtractorVersion string
	OverBudget       bool // the work budget ran out (Input.Budget): Text is what was found by then
	// TextTruncated says the body was longer than Clean reads: Text and
	// the rest come from its first TextLimit bytes only — at most
	// Input.ReadLimit, and no more than maxMarkup tags, ending at a tag's
	// end where it can. The body itself is not changed.
	TextTruncated bool
	TextLimit     int
}
