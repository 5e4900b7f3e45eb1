package report

import (
	"fmt"
	"io"
	"unicode/utf8"
)

// TermSafe wraps what prov prints for a person (and its errors): archived
// pages are hostile input, and a title or text holding escape sequences
// must not clear the screen or set the window title. Every control
// character but newline and tab (C0, DEL, C1), and every byte that is not
// UTF-8, is written as a visible escape: \u001b, \x9b. Inside a JSON
// string (the --json outputs) \u001b is the same character, so JSON
// stays JSON. Raw data on stdout (prov export) is not wrapped.
func TermSafe(w io.Writer) io.Writer { return &safeWriter{w} }

type safeWriter struct{ w io.Writer }

// Write escapes p and writes it whole; it reports len(p) when the
// escaped bytes were all written. fmt prints each value in one Write, so
// a UTF-8 sequence is never split between two calls.
func (s *safeWriter) Write(p []byte) (int, error) {
	clean := true
	for _, c := range p {
		if c < 0x20 && c != '\n' && c != '\t' || c >= 0x7f {
			clean = false
			break
		}
	}
	if clean {
		return s.w.Write(p)
	}
	size := len(p)
	out := make([]byte, 0, len(p)+16)
	for len(p) > 0 {
		r, n := utf8.DecodeRune(p)
		switch {
		case r == utf8.RuneError && n <= 1:
			out = fmt.Appendf(out, `\x%02x`, p[0])
		case r < 0x20 && r != '\n' && r != '\t', r >= 0x7f && r <= 0x9f:
			out = fmt.Appendf(out, `\u%04x`, r)
		default:
			out = append(out, p[:n]...)
		}
		p = p[n:]
	}
	if _, err := s.w.Write(out); err != nil {
		return 0, err
	}
	return size, nil
}
