// Package clean turns the bytes of one fetched page into a Document: text
// decoded by the charset decision of clean/charset, the page's main text
// without its chrome, and the metadata an archivist needs to weigh a copy
// (title, publication date with every candidate and its source, publisher,
// author, attribution, language, canonical URL, links).
//
// Vocabulary:
//
//   - main text: the article as a reader sees it, paragraphs separated by
//     "\n\n", whitespace inside a paragraph collapsed to one space (and
//     removed between CJK characters, where it is only a source line break),
//     except in preformatted text (<pre>: code, a shell session, verse),
//     which keeps its lines and indentation as the page shows them.
//   - chrome: everything on the page that is not the article: navigation,
//     related lists, share bars, comments and their section's label
//     ("12 comments"), editor and print/close lines, copyright and ICP
//     footers, date and source lines, a post's category and tag lines
//     ("Filed under: …", "Tags: …").
//   - candidate: one publication date found on the page with its source;
//     the chosen one is Document.Published and PublishedWhy says why.
//   - normalised text: Normalize(text), the form whose sha256 is the exact
//     text hash (TextHash). Two copies of one text under different chrome,
//     encodings and punctuation widths share it.
//
// Clean never panics and never fails on odd markup: a page with no article
// yields a Document with empty Text. A pathological page (nesting deeper
// than the parser takes, hundreds of thousands of elements) is cut at the
// page's work budget (Input.Budget, DefaultBudget) with what was found by
// then, and Document.OverBudget says so. A body longer than
// DefaultReadLimit (Input.ReadLimit) is read up to it only, and
// Document.TextTruncated says so. Extraction takes the site rule's
// selectors when the rule names Content, the generic scorer otherwise, and
// never leaves a page with visible prose empty: when the text is far less
// than the page's largest text block, fallbacks run in a fixed order
// (fallback.go), and Document.Extractor names the one that won.
package clean
