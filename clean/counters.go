package clean

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Thread counters. A forum's thread, a question page and a topic's map
// show how many replies and views the thread has on one line of their
// own ("Replies: 4 Views: 1,203", "4 replies · 1.2k views", "查看: 1203 |
// 回复: 4", "Antworten: 4 Zugriffe: 1.203"): the template's line about the
// thread, no line of the post.

// counterLabels are the English and Chinese labels of a thread's counts;
// the other languages' are bylineLangs' counts.
var counterLabels = []string{
	"replies", "reply", "views", "view", "posts", "comments", "answers", "votes", "likes", "users", "participants", "hits",
	"查看", "回复", "浏览", "阅读", "评论", "点击", "人气", "跟帖", "收藏",
}

// counterRe matches one count: a label and a number ("Views: 1,203",
// "回复: 4") or a number and a label ("1.2k views"). A label of ASCII
// letters is a whole word (\b at each end that is a letter of ASCII);
// a Chinese label has no word bounds to keep. counterWords are the
// labels' stems (counterStem), which mayCounter looks for before the
// expression is run.
var counterRe, counterWords = func() (*regexp.Regexp, *wordSet) {
	labels := append([]string(nil), counterLabels...)
	for _, l := range bylineLangs {
		labels = append(labels, strings.Fields(l.counts)...)
	}
	sortLongestFirst(labels)
	alts := make([]string, 0, len(labels))
	for _, w := range labels {
		alt := regexp.QuoteMeta(w)
		if asciiLetter(w[0]) {
			alt = `\b` + alt
		}
		if asciiLetter(w[len(w)-1]) {
			alt += `\b`
		}
		alts = append(alts, alt)
	}
	label := `(` + strings.Join(alts, "|") + `)`
	num := `\d[\d,.]*(?:\s*[kKmM万千])?\+?`
	re := regexp.MustCompile(`(?i)` + label + `\s*[:：]?\s*` + num + `|` + num + `\s*` + label)
	stems := make([]string, 0, len(labels))
	for _, w := range labels {
		stems = append(stems, counterStem(w))
	}
	return re, newWordSet(stems...)
}()

// counterStem is what of a label a wordSet finds as the expression
// under (?i) does: the label itself when it is all ASCII or has no
// letters with case (Chinese), else its longest run of ASCII letters
// ("beitr" of "beiträge": "BEITRÄGE" is the label to the expression, and
// its Ä no lower-case ä to a byte scan).
func counterStem(w string) string {
	cased := false
	for _, r := range w {
		if r >= utf8.RuneSelf && unicode.ToUpper(r) != unicode.ToLower(r) {
			cased = true
		}
	}
	if !cased {
		return w
	}
	best, start := "", -1
	for i := 0; i <= len(w); i++ {
		if i < len(w) && asciiLetter(w[i]) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 && i-start > len(best) {
			best = w[start:i]
		}
		start = -1
	}
	return best
}

// mayCounter is a necessary condition of counterRe, cheaper to check: a
// digit and a label's stem.
func mayCounter(t string) bool {
	return strings.ContainsAny(t, "0123456789") && counterWords.in(t)
}

// asciiLetter reports an ASCII letter.
func asciiLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// counterLine reports a line that is only a thread's counters: two or
// more counts (counterRe) of different labels, with nothing between and
// around them but separators. One count alone is left to threadLabel and
// junkRe ("12 comments" heads a comment section; "Posts: 12" may be a
// figure of the text).
func counterLine(t string) bool {
	if !mayCounter(t) {
		return false
	}
	ms := counterRe.FindAllStringSubmatch(t, -1)
	if len(ms) < 2 || hasLetter(counterRe.ReplaceAllString(t, "")) {
		return false
	}
	seen := map[string]bool{}
	for _, m := range ms {
		seen[strings.ToLower(m[1]+m[2])] = true
	}
	return len(seen) >= 2
}
