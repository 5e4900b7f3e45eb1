package clean

import (
	"strings"
	"unicode/utf8"
)

// isCredit reports whether creditRe matches f, a folded run (foldTrad),
// running the pattern only when mayCredit lets f through.
func isCredit(f string) bool {
	return mayCredit(f) && creditRe.MatchString(f)
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
//   - "©", "(" (an agency in parentheses), "/" (an agency before a
//     slash), "图" or "摄" (every Chinese label holds one of the two);
//   - "via " in any case (an agency after "via"); v, i and a fold to
//     no rune outside ASCII;
//   - an agency name at the end, before trailing \s, ".", ")" and "）"
//     (agencyAtEnd).
func mayCredit(f string) bool {
	return creditLabelStart(f) ||
		strings.ContainsAny(f, "(/") || strings.Contains(f, "©") || strings.Contains(f, "图") || strings.Contains(f, "摄") ||
		hasVia(f) ||
		agencyAtEnd(strings.TrimRight(f, " \t\n\f\r.)）"))
}

// creditLabelStart reports whether f, after one opening bracket and
// ASCII space, begins with the first two letters of one of creditRe's
// labels, in either case.
func creditLabelStart(f string) bool {
	for _, b := range []string{"[", "(", "（"} {
		if strings.HasPrefix(f, b) {
			f = f[len(b):]
			break
		}
	}
	f = strings.TrimLeft(f, " \t\n\f\r")
	if len(f) < 2 {
		return false
	}
	switch string([]byte{f[0] | 0x20, f[1] | 0x20}) { // |0x20 lowers an ASCII letter and makes no other byte a letter's lower case
	case "ph", "pi", "im", "fo", "bi", "il", "gr", "cr", "vi":
		return true
	}
	return false
}

// hasVia reports whether f holds "via " in any case.
func hasVia(f string) bool {
	for i := 0; i+4 <= len(f); i++ {
		if f[i]|0x20 == 'v' && f[i+1]|0x20 == 'i' && f[i+2]|0x20 == 'a' && f[i+3] == ' ' {
			return true
		}
	}
	return false
}

// agencyAtEnd reports whether t ends with an agency's name as creditRe
// reads it, case-insensitively: each of the last runes of t folds, as
// strings.EqualFold and regexp's (?i) both fold (unicode.SimpleFold), to
// the name's letter ("REUTERſ" ends with "reuters").
func agencyAtEnd(t string) bool {
	var buf [24]int
	starts := lastRuneStarts(t, agencyNameMax, buf[:0]) // starts[k-1]: where the last k runes begin
	for _, n := range agencyNames {
		k := len(n) // a name is ASCII: one rune a byte
		if k <= len(starts) && strings.EqualFold(t[starts[k-1]:], n) {
			return true
		}
	}
	return false
}

// lastRuneStarts appends to dst the offsets in t where its last 1, 2, …,
// up to k runes begin.
func lastRuneStarts(t string, k int, dst []int) []int {
	for i := len(t); i > 0 && len(dst) < k; {
		_, w := utf8.DecodeLastRuneInString(t[:i])
		i -= w
		dst = append(dst, i)
	}
	return dst
}

// isPlaceholder reports whether placeholderRe matches t, asking the
// pattern only when t's first rune may start a match (placeholderLead).
func isPlaceholder(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	return placeholderLead(r) && placeholderRe.MatchString(t)
}

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
