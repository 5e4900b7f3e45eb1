package clean

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// authorLabels are the labels a colon follows in a line that names a
// story's author, lower-case: English and bylineLangs' ("Autor: Anna
// Kowalska", "Auteur : Jean Dupont").
var authorLabels = map[string]bool{
	"author": true, "authors": true, "autor": true, "autorin": true, "autora": true, "autores": true,
	"auteur": true, "auteurs": true, "auteure": true, "autore": true, "autrice": true, "autori": true,
	"autorka": true, "autorzy": true,
}

// zhBylineRe matches a Chinese byline that names its author without a
// colon, which authorRunRe needs: "记者 张三", "本报记者 张三", "文/李四",
// "文 / 李四"; the name is two to four Han characters, set off from
// what follows by a space or the line's end.
var zhBylineRe = regexp.MustCompile(`^\s*(?:(?:本报|新华社|特约)?记者\s+|文\s*[/／]\s*)(\p{Han}{2,4})(?:\s|$)`)

// bylineName returns the name a byline line names, the name only, ""
// when t is no byline of a shape it knows:
//   - a by-word of English or bylineLangs, then a name ("By Jane Doe",
//     "Von Anna Schmidt", "Par Jean Dupont, publié le 3 mars 2026",
//     "Door Jan de Vries");
//   - an author's label and its colon, then a name ("Autor: Peter
//     Müller");
//   - a Chinese reporter's or writer's mark, then a name ("记者 张三",
//     "文/李四").
//
// A name is two to five words that each open with a capital, but for
// the particles of surnames and the languages' joining words
// (bylineVocab: "de", "und"); it ends at the line's end or at a
// separator (", ", " | ", " - ") after which the line holds only a
// date or the languages' words (intlBylineLine reads the line whole).
// "Von Montag an …", "Por su parte …" name nobody.
func bylineName(t string) string {
	t = collapse(t)
	if t == "" || runesUpTo(t, bylineRunes+1) > bylineRunes {
		return ""
	}
	if m := zhBylineRe.FindStringSubmatch(t); m != nil {
		return m[1]
	}
	rest, ok := afterByOpener(t)
	if !ok {
		return ""
	}
	name, tail := cutBylineName(rest)
	if !personWords(name) {
		return ""
	}
	if tail != "" && !bylineTail(t, tail) {
		return ""
	}
	return name
}

// afterByOpener returns t after its by-word or its author's label and
// colon, and whether it opened with one.
func afterByOpener(t string) (string, bool) {
	if i := strings.IndexAny(t, ":："); i > 0 && authorLabels[strings.ToLower(strings.TrimSpace(t[:i]))] {
		_, size := utf8.DecodeRuneInString(t[i:])
		return strings.TrimSpace(t[i+size:]), true
	}
	first, rest, ok := strings.Cut(t, " ")
	if !ok {
		return "", false
	}
	low := strings.ToLower(first)
	if low == "written" {
		if w, r, ok := strings.Cut(rest, " "); ok && strings.EqualFold(w, "by") {
			return strings.TrimSpace(r), true
		}
		return "", false
	}
	if low == "by" || bylineBy[low] {
		return strings.TrimSpace(rest), true
	}
	return "", false
}

// bylineNameSeps end a byline's name before its date or place.
var bylineNameSeps = []string{", ", " | ", " - ", " – ", " — ", " · ", " • ", "|"}

// cutBylineName splits s at the first of bylineNameSeps: the name before
// it, what follows after it ("" when none does).
func cutBylineName(s string) (name, tail string) {
	at, sep := len(s), ""
	for _, p := range bylineNameSeps {
		if i := strings.Index(s, p); i >= 0 && i < at {
			at, sep = i, p
		}
	}
	if sep == "" {
		return strings.TrimSpace(s), ""
	}
	return strings.TrimSpace(s[:at]), strings.TrimSpace(s[at+len(sep):])
}

// personWords reports a person's name or two joined: two to eight words,
// at least two of them opening with a capital, the others particles of
// surnames or joining words (bylineVocab, "and").
func personWords(name string) bool {
	words := strings.Fields(name)
	if len(words) < 2 || len(words) > 8 || !startsUpper(words[0]) {
		return false
	}
	caps := 0
	for _, w := range words {
		switch low := strings.ToLower(w); {
		case startsUpper(w) && hasLetter(w) && !strings.ContainsAny(w, "0123456789"):
			caps++
		case bylineVocab[low] || low == "and":
		default:
			return false
		}
	}
	return caps >= 2
}

// bylineTail reports what follows a byline's name after its separator
// as a byline's: a date (findDate) or a line intlBylineLine reads as a
// byline whole (line is the whole line).
func bylineTail(line, tail string) bool {
	if _, _, ok := findDate(tail); ok {
		return true
	}
	return intlBylineLine(line)
}

// textAuthorRuns is how many runs above the text's first paragraph and
// under its last authorNearText reads: a byline and a date line, a
// kicker or a share line between.
const textAuthorRuns = 4

// authorNearText returns the name a byline names among the text's first
// openingLines paragraphs and its last closingBylines (paras, as
// cleanRuns kept them from runs: a byline above the prose stays in the
// text), then the runs just above its first paragraph and just under
// its last (where cleanRuns dropped them); "" when none does
// (bylineName). Only lines in or beside the text are read: a sidebar's
// teasers carry other stories' bylines.
func authorNearText(runs []run, paras []string) string {
	if len(paras) == 0 {
		return ""
	}
	for k, p := range paras {
		if k < openingLines || k >= len(paras)-closingBylines {
			if name := bylineName(p); name != "" {
				return name
			}
		}
	}
	first, last := -1, -1
	for i := range runs {
		if first < 0 && runs[i].text == paras[0] {
			first = i
		}
		if first >= 0 && runs[i].text == paras[len(paras)-1] {
			last = i
		}
	}
	if first < 0 {
		return ""
	}
	var near []int
	for j := first - 1; j >= 0 && j >= first-textAuthorRuns; j-- {
		near = append(near, j)
	}
	for j := last + 1; last >= 0 && j < len(runs) && j <= last+textAuthorRuns; j++ {
		near = append(near, j)
	}
	for _, j := range near {
		if r := runs[j]; !r.heading {
			if name := bylineName(r.text); name != "" {
				return name
			}
		}
	}
	return ""
}
