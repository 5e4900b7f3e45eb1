package testweb

import (
	"embed"
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The seed corpus, copied from shared/seeds (see testdata/README.md).
//
//go:embed testdata/seeds/*.txt
var seedFS embed.FS

// seedFile returns the seed whose file name starts with prefix ("000").
func seedFile(prefix string) string {
	entries, err := seedFS.ReadDir("testdata/seeds")
	if err != nil {
		panic(err)
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), prefix) {
			b, err := seedFS.ReadFile("testdata/seeds/" + e.Name())
			if err != nil {
				panic(err)
			}
			return strings.ReplaceAll(string(b), "\r\n", "\n")
		}
	}
	panic("testweb: no seed " + prefix)
}

// between returns s from the line that starts with from up to (not
// including) the line that starts with to ("" = to the end).
func between(s, from, to string) string {
	i := strings.Index(s, "\n"+from)
	if i < 0 {
		panic(fmt.Sprintf("testweb: seed marker %q not found", from))
	}
	s = s[i+1:]
	if to == "" {
		return s
	}
	j := strings.Index(s, "\n"+to)
	if j < 0 {
		panic(fmt.Sprintf("testweb: seed marker %q not found", to))
	}
	return s[:j]
}

// paragraphs splits s on blank lines, trimming each paragraph and
// dropping empty ones.
func paragraphs(s string) []string {
	var out []string
	for _, p := range strings.Split(s, "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// zhWhitePaper is the Chinese white paper text: seed 003 (the cleanest
// Chinese copy) from the preface to the end of section 一, with the
// Markdown heading marks removed. Section 二 onwards is left out: seed
// 003's end is truncated and a few thousand characters are enough.
func zhWhitePaper() []string {
	body := between(seedFile("003"), "## 前言", "## 二、")
	var out []string
	for _, p := range paragraphs(body) {
		out = append(out, strings.TrimSpace(strings.TrimLeft(p, "#")))
	}
	return out
}

// enWhitePaper is the English white paper text from seed 000: the
// English paragraphs from "Preface" on, with the PDF artefacts repaired
// (page-broken paragraphs joined, duplicated fragments dropped, the
// truncated last sentence cut) and typographic apostrophes, as an
// English daily prints them.
func enWhitePaper() []string {
	var en []string
	for _, p := range paragraphs(between(seedFile("000"), "Preface", "")) {
		if !hasHan(p) && !isArtefact(p) {
			en = append(en, p)
		}
	}
	en = joinBroken(en)
	last := en[len(en)-1]
	if !strings.HasSuffix(last, ".") {
		en[len(en)-1] = last[:strings.LastIndex(last, ". ")+1]
	}
	for i, p := range en {
		en[i] = strings.ReplaceAll(p, "'", "\u2019")
	}
	return en
}

// isArtefact reports the duplicated fragments of seed 000's PDF layout:
// a second, slightly different rendering of the end of the preface.
func isArtefact(p string) bool {
	return strings.HasPrefix(p, "strengthened internet development") ||
		strings.HasPrefix(p, "To introduce China")
}

// joinBroken joins an English paragraph with the next when a page break
// cut it: it does not end a sentence and the next starts in lower case.
// A trailing hyphen ("under-" + "stands") is removed.
func joinBroken(ps []string) []string {
	var out []string
	for _, p := range ps {
		if n := len(out); n > 0 && continues(out[n-1], p) {
			prev := out[n-1]
			if strings.HasSuffix(prev, "-") {
				out[n-1] = strings.TrimSuffix(prev, "-") + p
			} else {
				out[n-1] = prev + " " + p
			}
			continue
		}
		out = append(out, p)
	}
	return out
}

func continues(prev, next string) bool {
	last, _ := utf8.DecodeLastRuneInString(prev)
	first, _ := utf8.DecodeRuneInString(next)
	return (unicode.IsLetter(last) || last == '-') && unicode.IsLower(first)
}

// concept2019 is the 2019 concept paper from seed 004: from its preface
// (序 言) to its closing sentence, without the "原文链接" note, with the
// paragraphs cut by page breaks joined again. The signature block's two
// lines become two paragraphs.
func concept2019() []string {
	body := between(seedFile("004"), "序 言", "原 文 链 接")
	var out []string
	for _, p := range paragraphs(body) {
		if n := len(out); n > 0 && cutByPage(out[n-1]) {
			out[n-1] += p
			continue
		}
		out = append(out, strings.Split(p, "\n")...)
	}
	return out
}

// cutByPage reports a Chinese paragraph that a page break cut: it ends on
// an ideograph rather than punctuation, and it is prose (it holds a
// comma or full stop), not a heading such as 一、时代背景.
func cutByPage(p string) bool {
	last, _ := utf8.DecodeLastRuneInString(p)
	return unicode.Is(unicode.Han, last) && strings.ContainsAny(p, "，。")
}

// bureau is what blog.mirror.test takes from seed 001, the China
// International Communications Group's (中國外文局) page: its
// Traditional-character breadcrumb and date/source line, and its glossary.
type bureau struct {
	Crumb    string // 當前位置: 外文局 > 出版發行
	Meta     string // 發布時間:2022-11-11    來源:中國外文局
	Glossary []string
}

func bureauPage() bureau {
	s := seedFile("001")
	lines := strings.SplitN(s, "\n", 3)
	ps := paragraphs(between(s, "In an era of both challenges", ""))
	return bureau{
		Crumb:    dropRuby(lines[0]),
		Meta:     dropRuby(lines[1]),
		Glossary: ps[1:],
	}
}

// rubyRE matches the pinyin that seed 001's scrape left after each
// character ("當(dāng)前位置"); the page itself shows the characters only.
var rubyRE = regexp.MustCompile(`\([a-zA-Z\x{00C0}-\x{024F}]+\)`)

func dropRuby(s string) string { return strings.TrimSpace(rubyRE.ReplaceAllString(s, "")) }
