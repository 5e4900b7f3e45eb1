package testweb

import (
	"fmt"
	"strings"
)

// Edit is one difference between www.secportal.test's edited copy of the
// Chinese white paper and the original on www.scio.gov.cn.test.
type Edit struct {
	Index  int    // index of the paragraph in the original's Text (split on "\n\n")
	Kind   string // "replaced-word" | "added-sentence" | "removed"
	Before string // the original paragraph
	After  string // the edited paragraph; "" when removed
	Note   string // what changed, in words
}

// The edits, by the start of the original paragraph they touch. Index is
// filled in from where that paragraph sits in the original.
var editPlan = []struct {
	prefix, kind, old, new string
}{
	// 互联互通是网络空间的基本属性…: one word replaced.
	{"互联互通是网络空间的基本属性", "replaced-word", "高速发展", "飞速发展"},
	// 构建安全共同体…: a sentence added at the end.
	{"构建安全共同体。", "added-sentence", "", "网络安全从业者应当积极参与其中。"},
	// 构建利益共同体…: the whole paragraph removed.
	{"构建利益共同体。", "removed", "", ""},
}

// applyEdits returns the edited copy of orig and the edits made, in
// paragraph order. It panics when the seed text no longer matches the plan.
func applyEdits(orig []string) ([]string, []Edit) {
	edited := append([]string(nil), orig...)
	var edits []Edit
	for _, e := range editPlan {
		i := indexPrefix(orig, e.prefix)
		ed := Edit{Index: i, Kind: e.kind, Before: orig[i]}
		switch e.kind {
		case "replaced-word":
			if !strings.Contains(orig[i], e.old) {
				panic(fmt.Sprintf("testweb: edit: %q not in paragraph %d", e.old, i))
			}
			ed.After = strings.Replace(orig[i], e.old, e.new, 1)
			ed.Note = fmt.Sprintf("“%s” replaced by “%s”", e.old, e.new)
		case "added-sentence":
			ed.After = orig[i] + e.new
			ed.Note = fmt.Sprintf("sentence “%s” added at the end", e.new)
		case "removed":
			ed.Note = "paragraph removed"
		}
		edited[i] = ed.After
		edits = append(edits, ed)
	}
	var out []string
	for _, p := range edited {
		if p != "" {
			out = append(out, p)
		}
	}
	return out, edits
}

func indexPrefix(ps []string, prefix string) int {
	for i, p := range ps {
		if strings.HasPrefix(p, prefix) {
			return i
		}
	}
	panic(fmt.Sprintf("testweb: edit: no paragraph starts with %q", prefix))
}

// Edits describes, paragraph by paragraph, how www.secportal.test's copy
// differs from the original: one word replaced (index 6), one sentence
// added (index 14), one paragraph removed (index 16).
func Edits() []Edit { return append([]Edit(nil), theCorpus().edits...) }

// Changed returns the indexes (into the original's paragraphs) of the
// paragraphs the edited copy changed or removed, ascending.
func Changed() []int {
	var out []int
	for _, e := range theCorpus().edits {
		out = append(out, e.Index)
	}
	return out
}
