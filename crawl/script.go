package crawl

import "bytes"

// scriptState is where the Tokenizer's reading of a script's content is:
// the script data states of the HTML standard, as the Tokenizer has
// them. The four states in "<!--", and the four after "<script" in it,
// are each in the order commentStep counts on: base, dash, dash-dash,
// less-than.
type scriptState int

const (
	scriptData                  scriptState = iota
	scriptLessThan                          // after '<'
	scriptEscapeStart                       // after "<!"
	scriptEscapeStartDash                   // after "<!-"
	scriptEscaped                           // in "<!--"
	scriptEscapedDash                       // in "<!--", after '-'
	scriptEscapedDashDash                   // in "<!--", after "--"
	scriptEscapedLessThan                   // in "<!--", after '<'
	scriptDoubleEscaped                     // in "<!--" after "<script"
	scriptDoubleEscapedDash                 // the same, after '-'
	scriptDoubleEscapedDashDash             // the same, after "--"
	scriptDoubleEscapedLessThan             // the same, after '<'
)

// scriptEnd returns the position of the "</script" that ends a script
// whose content begins at b[i], -1 when the page ends first. In
// "<!--", a "<script" hides the "</script" that follows it up to the
// next "-->" (or the "</script" after it), as the Tokenizer reads it.
func scriptEnd(b []byte, i int) int {
	state := scriptData
	for i >= 0 && i < len(b) {
		if state == scriptData {
			j := bytes.IndexByte(b[i:], '<')
			if j < 0 {
				return -1
			}
			i, state = i+j+1, scriptLessThan
			continue
		}
		var end bool
		state, i, end = scriptStep(b, i, state)
		if end {
			return i
		}
	}
	return -1
}

// scriptStep reads the script content at b[i] in state (not scriptData)
// and returns the next state and position; end is true when the position
// is that of the script's end tag, or -1.
func scriptStep(b []byte, i int, state scriptState) (next scriptState, at int, end bool) {
	c := b[i]
	switch state {
	case scriptLessThan:
		switch c {
		case '/':
			return scriptEndTagOpen(b, i+1, scriptData)
		case '!':
			return scriptEscapeStart, i + 1, false
		}
		return scriptData, i, false
	case scriptEscapeStart, scriptEscapeStartDash:
		if c != '-' {
			return scriptData, i, false
		}
		if state == scriptEscapeStart {
			return scriptEscapeStartDash, i + 1, false
		}
		return scriptEscapedDashDash, i + 1, false
	case scriptEscaped, scriptEscapedDash, scriptEscapedDashDash:
		return commentStep(c, i, state, scriptEscaped)
	case scriptEscapedLessThan:
		switch {
		case c == '/':
			return scriptEndTagOpen(b, i+1, scriptEscaped)
		case isASCIILetter(c):
			return doubleEscapeStart(b, i)
		}
		return scriptData, i, false
	case scriptDoubleEscapedLessThan:
		if c != '/' {
			return scriptDoubleEscaped, i, false
		}
		return doubleEscapeEnd(b, i+1)
	}
	return commentStep(c, i, state, scriptDoubleEscaped)
}

// commentStep reads c, the byte at i, in "<!--" of a script: base is
// scriptEscaped there, or scriptDoubleEscaped after "<script"; base's
// dash, dash-dash and less-than states follow it in that order.
func commentStep(c byte, i int, state, base scriptState) (scriptState, int, bool) {
	const dash, dashDash, lessThan = 1, 2, 3
	switch {
	case c == '-' && state == base:
		return base + dash, i + 1, false
	case c == '-':
		return base + dashDash, i + 1, false
	case c == '<':
		return base + lessThan, i + 1, false
	case c == '>' && state == base+dashDash:
		return scriptData, i + 1, false
	}
	return base, i + 1, false
}

// scriptEndTagOpen reads from b[i], just past "</", whether the script's
// end tag begins there; if not, reading goes on in state at the byte
// that did not match.
func scriptEndTagOpen(b []byte, i int, state scriptState) (scriptState, int, bool) {
	ok, next := rawEndTag(b, i, "script")
	if ok || next < 0 {
		return state, next, true
	}
	return state, next, false
}

// doubleEscapeStart reads from b[i], a letter after '<' in "<!--":
// "script" in any case, then white space, '/' or '>', hides the end tags
// that follow; anything else goes on as before, at the byte that did not
// match.
func doubleEscapeStart(b []byte, i int) (scriptState, int, bool) {
	const tag = "script"
	for k := 0; k < len(tag); k++ {
		if i+k >= len(b) {
			return scriptEscaped, -1, true
		}
		if c := b[i+k]; c != tag[k] && c != tag[k]-('a'-'A') {
			return scriptEscaped, i + k, false
		}
	}
	k := i + len(tag)
	switch {
	case k >= len(b):
		return scriptEscaped, -1, true
	case isSpace(b[k]) || b[k] == '/' || b[k] == '>':
		return scriptDoubleEscaped, k + 1, false
	}
	return scriptEscaped, k, false
}

// doubleEscapeEnd reads from b[i], just past "</" in a hidden part of a
// script: "</script" and white space, '/' or '>' ends the hiding, after
// it; anything else goes on hidden at the byte that did not match.
func doubleEscapeEnd(b []byte, i int) (scriptState, int, bool) {
	ok, next := rawEndTag(b, i, "script")
	switch {
	case next < 0:
		return scriptDoubleEscaped, -1, true
	case ok:
		return scriptEscaped, next + len("</script>"), false
	}
	return scriptDoubleEscaped, next, false
}
