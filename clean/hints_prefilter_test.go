package clean

import (
	"strings"
	"testing"
)

// hiddenClass answers as reading every word did, on lists of the names
// that hide, their breakpoint variants and look-alikes.
func TestHiddenClassAsBefore(t *testing.T) {
	words := []string{"hidden", "hide", "d-none", "is-hidden", "vjs-hidden", "md:block", "d-md-block", "d-flex",
		"visually-hidden", "hidden-xs", "nonet", "card", "Hidden", "HIDE", "", "hid", "none", "d-", "x:hidden",
		"ng-hide", "invisible", "group-hover:visible", "element-invisible", "invisibles"}
	var lists []string
	for _, a := range words {
		for _, b := range words {
			for _, sep := range []string{" ", "\t", "\n "} {
				lists = append(lists, a, a+sep+b, " "+a+sep+b+" ")
			}
		}
	}
	for _, c := range lists {
		if got, want := hiddenClass(c), hiddenWords(c); got != want {
			t.Errorf("hiddenClass(%q) = %v, reading every word %v", c, got, want)
		}
	}
}

// hasPrefixFoldASCII is HasPrefix of ToLower, past ASCII too: U+0130 and
// U+212A lower to ASCII letters.
func TestHasPrefixFoldASCII(t *testing.T) {
	for _, s := range []string{"", "j", "javascript", "javascript:", "JavaScript:void(0)", "JAVASCRIPT:x",
		"javascr\u0130pt:go()", "javascr\u0131pt:", " javascript:", "javascript;", "jav\u00e1script:",
		"\u212Aavascript:", "http://example.com/", "javascript\uff1a", "javascript:\u0130"} {
		for _, prefix := range []string{"javascript:", "ik", "k"} {
			if got, want := hasPrefixFoldASCII(s, prefix), strings.HasPrefix(strings.ToLower(s), prefix); got != want {
				t.Errorf("hasPrefixFoldASCII(%q, %q) = %v, HasPrefix of ToLower %v", s, prefix, got, want)
			}
		}
	}
}
