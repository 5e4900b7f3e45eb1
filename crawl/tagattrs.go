package crawl

import "bytes"

// span is b[start:end] of a page: an attribute's value as written,
// inside its quotes if it has them.
type span struct{ start, end int }

// linkSpans are the values of the first href, rel, type, src, http-equiv
// and content of a tag, as written.
type linkSpans struct {
	href, rel, typ, src, equiv, content                   span
	hasHref, hasRel, hasTyp, hasSrc, hasEquiv, hasContent bool
}

// note keeps the value v of the attribute named key (as written) when it
// is the first of its name in its tag.
func (s *linkSpans) note(key []byte, v span) {
	switch {
	case !s.hasHref && equalFoldASCII(key, "href"):
		s.href, s.hasHref = v, true
	case !s.hasRel && equalFoldASCII(key, "rel"):
		s.rel, s.hasRel = v, true
	case !s.hasTyp && equalFoldASCII(key, "type"):
		s.typ, s.hasTyp = v, true
	case !s.hasSrc && equalFoldASCII(key, "src"):
		s.src, s.hasSrc = v, true
	case !s.hasEquiv && equalFoldASCII(key, "http-equiv"):
		s.equiv, s.hasEquiv = v, true
	case !s.hasContent && equalFoldASCII(key, "content"):
		s.content, s.hasContent = v, true
	}
}

// values returns the attributes of s that a tag of kind (linkTagKind)
// is read for, from b as TagAttr returns them (attrValue): a <meta>'s
// content only when its http-equiv is refresh, as most are not.
func (s *linkSpans) values(b []byte, kind string) linkAttrs {
	var a linkAttrs
	value := func(v span) string { return attrValue(b[v.start:v.end]) }
	switch kind {
	case "link":
		if s.hasRel {
			a.rel = value(s.rel)
		}
		if s.hasTyp {
			a.typ = value(s.typ)
		}
	case "frame", "iframe":
		if s.hasSrc {
			a.src, a.hasSrc = value(s.src), true
		}
		return a
	case "meta":
		if s.hasEquiv && s.hasContent {
			if a.httpEquiv = value(s.equiv); isRefresh(a.httpEquiv) {
				a.content = value(s.content)
			}
		}
		return a
	}
	if s.hasHref {
		a.href, a.hasHref = value(s.href), true
	}
	return a
}

// skipAttrs reads the attributes of a tag from b[i], just past its name,
// to the '>' that ends the tag, and returns the position after it, -1
// when the page ends first. When spans is not nil it notes there the
// values of the attributes it reads.
func skipAttrs(b []byte, i int, spans *linkSpans) int {
	for i = skipSpace(b, i); i < len(b); i = skipSpace(b, i) {
		if b[i] == '>' {
			return i + 1
		}
		keyEnd := attrKeyEnd(b, i)
		v, next := attrValueSpan(b, keyEnd)
		if next < 0 {
			return -1
		}
		if spans != nil && keyEnd > i {
			spans.note(b[i:keyEnd], v)
		}
		i = next
	}
	return -1
}

// attrKeyEnd returns the end of the attribute name that begins at b[i]:
// the first white space, '/', '>' or '=' after it, a '=' at b[i] being
// part of the name; len(b) when the page ends first. The name is empty
// when b[i] is '/'.
func attrKeyEnd(b []byte, i int) int {
	k := i
	if k < len(b) && b[k] == '=' {
		k++
	}
	for ; k < len(b); k++ {
		switch b[k] {
		case ' ', '\n', '\r', '\t', '\f', '/', '>', '=':
			return k
		}
	}
	return len(b)
}

// attrValueSpan reads what follows an attribute's name, from b[i]: a
// '/', or "=" and a value, quoted or not, or nothing. It returns the
// value (empty when there is none) and the position after what it read,
// -1 when the page ends first.
func attrValueSpan(b []byte, i int) (v span, next int) {
	i = skipSpace(b, i)
	switch {
	case i >= len(b):
		return span{}, -1
	case b[i] == '/':
		return span{i, i}, i + 1
	case b[i] != '=':
		return span{i, i}, i
	}
	i = skipSpace(b, i+1)
	if i >= len(b) {
		return span{}, -1
	}
	switch q := b[i]; q {
	case '>':
		return span{i, i}, i
	case '"', '\'':
		j := bytes.IndexByte(b[i+1:], q)
		if j < 0 {
			return span{}, -1
		}
		return span{i + 1, i + 1 + j}, i + j + 2
	}
	return unquotedValue(b, i)
}

// unquotedValue reads an unquoted attribute value that begins at b[i],
// to white space (read) or '>' (not read).
func unquotedValue(b []byte, i int) (v span, next int) {
	for k := i + 1; k < len(b); k++ {
		switch b[k] {
		case ' ', '\n', '\r', '\t', '\f':
			return span{i, k}, k + 1
		case '>':
			return span{i, k}, k
		}
	}
	return span{}, -1
}
