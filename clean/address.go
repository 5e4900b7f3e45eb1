package clean

import "regexp"

// Marks of a site's address line, by shape, in any language: an e-mail
// address, a telephone number (nine digits or more in groups, no colon:
// a date has eight at most, a time a colon), a postcode (five digits
// before a capitalised place name, or a British one), and a range of
// opening hours ("9:00–13:00", "8h30-12h00").
var (
	emailMarkRe = regexp.MustCompile(`[\w.+-]+@[\w-]+\.[\w.-]*\w`)
	phoneMarkRe = regexp.MustCompile(`(?:^|[^\d:])(\+?\(?\d[\d\s()./-]{9,}\d)`)
	postMarkRe  = regexp.MustCompile(`\b\d{5}\s+\p{Lu}\p{Ll}|\b[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}\b`)
	hoursMarkRe = regexp.MustCompile(`\b\d{1,2}[:.h]\d{2}\s*(?:[–—-]|to|bis|à|a)\s*\d{1,2}[:.h]\d{2}\b`)
)

// addressLine reports a run that reads as a line of the site's address
// panel, not a sentence: it ends with no full stop (sentenceEnd) and
// holds two kinds of address marks or more (a telephone number and an
// e-mail address, a postcode and opening hours). Its commas join the
// parts of an address, not clauses: genericRoots weighs it as text named
// as chrome. A story's contact sentence ("Call 01632 960455 or write to
// press@example.org.") ends with its full stop and scores as prose.
func addressLine(t string) bool {
	if sentenceEnd(t) {
		return false
	}
	n := 0
	if emailMarkRe.MatchString(t) {
		n++
	}
	if m := phoneMarkRe.FindStringSubmatch(t); m != nil && digitCount(m[1]) >= 9 {
		n++
	}
	if postMarkRe.MatchString(t) {
		n++
	}
	if hoursMarkRe.MatchString(t) {
		n++
	}
	return n >= 2
}

// digitCount is the number of ASCII digits in s.
func digitCount(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			n++
		}
	}
	return n
}
