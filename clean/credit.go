package clean

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// isCredit reports whether creditRe matches f, a folded run (foldTrad),
// running the pattern only when mayCredit lets f through.
func isCredit(f string) bool {
	return mayCredit(f) && creditRe.MatchString(f) && !agencyObject(f)
}

// agencyObjectRe matches a line that ends in an agency's name after a
// lower-case word and before a full stop, with none of a credit's
// punctuation (a colon, a slash, a bar, brackets, ©) on the way; the
// word is its group.
var agencyObjectRe = regexp.MustCompile(`^[^:：/|©()（）\[\]【】]*\s(\p{Ll}+)\s+(?i:` + agencies + `)\s*\.$`)

// agencyObject reports a sentence of the story that names an agency as
// the object of its last verb or preposition ("The figures were first
// reported by Reuters.", "Officials declined to comment to AFP."), which
// creditRe's agency-at-the-end reads as a credit. A credit names the
// agency after a name, a slash or "via"/"for" ("Jane Doe for Reuters."),
// or under a label ("Photo by Reuters."), and stays one.
func agencyObject(f string) bool {
	m := agencyObjectRe.FindStringSubmatch(f)
	if m == nil || creditLabelStart(f) {
		return false
	}
	switch m[1] {
	case "via", "for", "and", "of", "courtesy":
		return false
	}
	return true
}

// mayCredit is a necessary condition of creditRe matching f, much cheaper
// to check: false only when no alternative of creditRe can match. Each
// alternative needs one of
//
//   - a label word at the start, after at most one opening bracket and
//     \s (which is [\t\n\f\r ] in Go): every label begins with "ph",
//     "pi", "im", "fo", "bi", "il", "gr", "cr" or "vi" in either case
//     (creditLabelStart); no rune outside ASCII folds to one of these
//     letters;
//   - "©" (a copyright sign at the start), "图" or "摄" (every Chinese
//     label holds one of the two);
//   - an agency's name (holdsAgency): in parentheses, before a slash,
//     after "via" or at the end.
//
// A line with a parenthesis or a slash but no agency (a function's
// signature in an API reference, a path) is let by without the pattern,
// which on such lines cost more than the rest of the page's extraction.
func mayCredit(f string) bool {
	return creditLabelStart(f) || strings.Contains(f, "©") || strings.Contains(f, "图") || strings.Contains(f, "摄") ||
		holdsAgency(f) || creditIntlStart(f)
}

// creditLabelsIntl are the labels a news site in another language than
// English and Chinese sets before a photo's credit, each written before
// its name with a colon (an equals sign in Korean: "사진=연합뉴스"): Russian
// "Фото", Japanese "写真" and "撮影", Korean "사진", Arabic "تصوير",
// "الصورة" and "صورة", Hebrew "צילום", Thai "ภาพ", Vietnamese "Ảnh". The
// Latin-script labels ("Foto", "Photo", "Crédit photo") are creditRe's
// own. None holds a metacharacter, and none is changed by foldTrad.
var creditLabelsIntl = []string{"фото", "写真", "撮影", "사진", "تصوير", "الصورة", "صورة", "צילום", "ภาพ", "ảnh"}

// creditIntl is creditLabelsIntl as alternatives of creditRe (which reads
// them without case).
var creditIntl = strings.Join(creditLabelsIntl, "|")

// creditIntlStart reports whether f, after one opening bracket and ASCII
// space, begins with one of creditLabelsIntl, in any case: mayCredit's
// need of creditRe's labels in other scripts, where creditLabelStart
// reads only ASCII letters.
func creditIntlStart(f string) bool {
	f = afterOpening(f)
	for _, w := range creditLabelsIntl {
		if hasPrefixFold(f, w) {
			return true
		}
	}
	return false
}

// hasPrefixFold reports whether f begins with w, without case: its
// first runes, as many as w has, are w.
func hasPrefixFold(f, w string) bool {
	i := 0
	for range utf8.RuneCountInString(w) {
		if i >= len(f) {
			return false
		}
		_, size := utf8.DecodeRuneInString(f[i:])
		i += size
	}
	return strings.EqualFold(f[:i], w)
}

// afterOpening is f without one opening bracket ("[", "(", "（") and the
// ASCII space after it: where a credit's label starts.
func afterOpening(f string) string {
	for _, b := range []string{"[", "(", "（"} {
		if strings.HasPrefix(f, b) {
			f = f[len(b):]
			break
		}
	}
	return strings.TrimLeft(f, " \t\n\f\r")
}

// creditLabelStart reports whether f, after one opening bracket and
// ASCII space, begins with the first two letters of one of creditRe's
// labels, in either case.
func creditLabelStart(f string) bool {
	f = afterOpening(f)
	if len(f) < 2 {
		return false
	}
	switch string([]byte{f[0] | 0x20, f[1] | 0x20}) { // |0x20 lowers an ASCII letter and makes no other byte a letter's lower case
	case "ph", "pi", "im", "fo", "bi", "il", "gr", "cr", "vi":
		return true
	}
	return false
}

// holdsAgency reports whether f holds an agency's name as creditRe reads
// it, case-insensitively.
func holdsAgency(f string) bool { return agencyWords.in(f) }

var agencyWords = newWordSet(agencyNames...)

// isPlaceholder reports whether placeholderRe matches t, asking the
// pattern only when t's first rune may start a match (placeholderLead)
// and t is no longer than a match can be (placeholderRunes): a
// paragraph that begins with "The" or "To" was run through it whole.
func isPlaceholder(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	return placeholderLead(r) && runesUpTo(t, placeholderRunes+1) <= placeholderRunes && placeholderRe.MatchString(t)
}

// placeholderRunes bounds the runes of a line placeholderRe matches: it
// is anchored at both ends and repeats nothing without a bound
// (TestPlaceholderRunes finds its longest match from its syntax).
const placeholderRunes = 120

// placeholderLead reports whether a match of placeholderRe, which is
// anchored at the start, may begin with r: its alternatives begin with
// "media", "your", "please", "enable", "turn", "to", "this", "video",
// "sorry", 您 or 视, under (?i), where only s folds to a rune past ASCII
// (ſ); an empty t (r is RuneError) matches none.
func placeholderLead(r rune) bool {
	switch r {
	case 'm', 'M', 'y', 'Y', 'p', 'P', 'e', 'E', 't', 'T', 'v', 'V', 's', 'S', 'ſ', '您', '视':
		return true
	}
	return false
}
