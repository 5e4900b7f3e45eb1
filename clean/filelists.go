package clean

import (
	"net/url"
	"path"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// File lists inside the article: the documents an official notice, a
// report or a post attaches ("Documents", "相关附件", "Downloads"), each
// item a link to a file. A list of bare links reads as a block of links
// (linkItems) and each item as a link line, but a site's menus, related
// reading and tag lists lead to its pages, not to files: a list whose
// links lead to documents holds the article's own attachments.

// fileExts are the extensions of the documents a page attaches: office
// documents, PDF, plain data and archives (WPS, Hancom and OFD are the
// office formats of Chinese and Korean administrations).
var fileExts = map[string]bool{"pdf": true, "doc": true, "docx": true, "xls": true, "xlsx": true, "ppt": true, "pptx": true,
	"odt": true, "ods": true, "odp": true, "rtf": true, "csv": true, "txt": true, "zip": true, "rar": true, "7z": true,
	"wps": true, "et": true, "dps": true, "hwp": true, "hwpx": true, "ofd": true}

// fileLink reports an <a href> whose path ends in a document's extension
// (fileExts), in any case.
func fileLink(a *html.Node) bool {
	u, err := url.Parse(strings.TrimSpace(attr(a, "href")))
	if err != nil {
		return false
	}
	return fileExts[strings.ToLower(strings.TrimPrefix(path.Ext(u.Path), "."))]
}

// fileCell reports a table cell whose links lead to files (fileLink),
// all of them: the document a row of a table lists, in its title or its
// size ("Annual report 2022", "PDF, 120 KB").
func fileCell(c *html.Node) bool {
	files, all := countLinks(c, fileLink)
	return all > 0 && files == all
}

// inFileList reports whether n lies in a list of files (fileList) inside
// root: its items are text of the article, as a lead-in line's announced
// items are (articleRuns marks them announced).
func inFileList(bw *blockWalk, n, root *html.Node) bool {
	for ; n != nil && n != root; n = n.Parent {
		if n.DataAtom != atom.Ul && n.DataAtom != atom.Ol {
			continue
		}
		st := bw.stats[n]
		if st == nil {
			continue
		}
		if st.fileList == 0 {
			st.fileList = 1
			if fileList(bw, n) {
				st.fileList = 2
			}
		}
		if st.fileList == 2 {
			return true
		}
	}
	return false
}

// fileList reports a list of two or more links, over half of which lead
// to files (fileLink), that the article sets as its own: beside a
// paragraph of its prose (amidProse), and not under a related-reading
// heading. A box of the site's downloads after the article ("Popular
// downloads") stands apart from the prose, in a block of its own.
func fileList(bw *blockWalk, list *html.Node) bool {
	files, all := countLinks(list, fileLink)
	if all < 2 || files*2 <= all {
		return false
	}
	if label, ok := headingBefore(bw, list); ok && namesRelated(label) {
		return false
	}
	return amidProse(bw, list)
}
