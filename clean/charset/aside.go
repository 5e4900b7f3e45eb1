package charset

import (
	"fmt"
	"strings"
)

// noteAside adds to d's Note every declaration that d does not follow and
// that the Note does not name yet (rules 3 and 4 name those they
// overrule): where it came from, the label as written, and why it was set
// aside. A browser follows the first declaration it knows (a byte order
// mark aside), so its reading can be told from the record.
func (p *page) noteAside(d Decision) Decision {
	for _, l := range p.labels() {
		if follows(d, l) || strings.Contains(d.Note, l.String()) {
			continue
		}
		d.Note = joinNotes(d.Note, fmt.Sprintf("%s set aside: %s", l, whyAside(d, l)))
	}
	return d
}

// String names a declaration in a Note: `header "ISO-8859-1"`.
func (l label) String() string {
	return fmt.Sprintf("%s %q", l.from, l.label)
}

// follows reports whether d decodes the body as l declares it: the same
// encoding, or an ASCII body decoded as UTF-8 under a label that reads
// ASCII as ASCII (any but UTF-16's).
func follows(d Decision, l label) bool {
	n := l.name()
	if n == d.Name {
		return true
	}
	return n != "" && d.Evidence == "ascii" && d.Name == "utf-8" && !isUTF16(n)
}

func isUTF16(n string) bool {
	return n == "utf-16le" || n == "utf-16be"
}

// whyAside says why d does not follow l.
func whyAside(d Decision, l label) string {
	switch {
	case isReplacement(l.label):
		return "a replacement label in the Encoding Standard (browsers show the body as one U+FFFD); decided from the bytes"
	case l.name() == "":
		return "names no known encoding"
	case d.Evidence == "rule":
		return "a site rule forces " + d.Name
	case d.Evidence == "bom":
		return "the byte order mark says " + d.Name
	case d.Evidence == "utf16-nuls":
		return "the NUL bytes say " + d.Name
	case d.Evidence == "ascii":
		return "the body is 7-bit, read as " + d.Name
	case weak(l):
		return "a weak label (a server or template default), weighed last; the body reads as " + d.Name
	case d.Evidence == "header" || d.Evidence == "meta":
		return "an earlier declaration, of " + d.Name + ", is followed"
	}
	return "the body reads as " + d.Name
}
