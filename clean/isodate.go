package clean

// isoMatch is formStarts[0].anchored.FindStringSubmatchIndex(s) != nil:
// whether isoDateRe matches where s begins, its offsets written into m
// when it does (the whole match's and its seven groups', -1 for a group
// that takes no part). The expression was most of findDate's time on a page's
// date lines; read by hand, it is these steps, each greedy and none
// needing to give back what it took (what follows each can never begin
// with what it took), and the first success of the expression's
// backtracking is the match they make:
//
//	(\d{4}) \s*[-/.]\s* (\d{1,2}) \s*[-/.]\s* (\d{1,2})      required
//	(?:(?:T|\s+)(\d{1,2})\s*[:：]\s*(\d{2})                  the time, or none of it
//	   (?:\s*[:：]\s*(\d{2}))? (?:\.\d+)? )?                  seconds, fraction
//	\s* (Z|[+-]\d{2}:?\d{2})?                                 the zone, or none
//
// TestFormMatchesUnanchored and FuzzFormMatch compare it, through
// formMatch, with the expression.
func isoMatch(s string, m *[16]int) bool {
	for k := range m {
		m[k] = -1
	}
	i, ok := digitsAt(s, 0, 4, 4)
	if !ok {
		return false
	}
	m[2], m[3] = 0, i
	if i, ok = dateSepAt(s, i); !ok {
		return false
	}
	m[4] = i
	if i, ok = digitsAt(s, i, 1, 2); !ok {
		return false
	}
	m[5] = i
	if i, ok = dateSepAt(s, i); !ok {
		return false
	}
	m[6] = i
	if i, ok = digitsAt(s, i, 1, 2); !ok {
		return false
	}
	m[7] = i
	i = isoTime(s, i, m)
	i = skipRESpace(s, i)
	i = isoZone(s, i, m)
	m[0], m[1] = 0, i
	return true
}

// isoTime matches isoDateRe's time at s[i:], setting groups 4 to 6 of m,
// and returns where it ends; i, and the groups left unset, when there is
// no time there.
func isoTime(s string, i int, m *[16]int) int {
	j := i
	switch {
	case j < len(s) && s[j] == 'T':
		j++
	case j < len(s) && reSpace(s[j]):
		j = skipRESpace(s, j)
	default:
		return i
	}
	h0 := j
	j, ok := digitsAt(s, j, 1, 2)
	if !ok {
		return i
	}
	h1 := j
	if j, ok = colonAt(s, skipRESpace(s, j)); !ok {
		return i
	}
	mi0 := skipRESpace(s, j)
	if j, ok = digitsAt(s, mi0, 2, 2); !ok {
		return i
	}
	m[8], m[9], m[10], m[11] = h0, h1, mi0, j
	if k, ok := colonAt(s, skipRESpace(s, j)); ok {
		s0 := skipRESpace(s, k)
		if k, ok = digitsAt(s, s0, 2, 2); ok {
			m[12], m[13] = s0, k
			j = k
		}
	}
	if j+1 < len(s) && s[j] == '.' && isDigit(s[j+1]) {
		j, _ = digitsAt(s, j+1, 1, len(s))
	}
	return j
}

// isoZone matches isoDateRe's zone at s[i:], setting group 7 of m, and
// returns where it ends; i when there is none.
func isoZone(s string, i int, m *[16]int) int {
	if i >= len(s) {
		return i
	}
	switch s[i] {
	case 'Z':
		m[14], m[15] = i, i+1
		return i + 1
	case '+', '-':
	default:
		return i
	}
	j, ok := digitsAt(s, i+1, 2, 2)
	if !ok {
		return i
	}
	if j < len(s) && s[j] == ':' {
		j++
	}
	if j, ok = digitsAt(s, j, 2, 2); !ok {
		return i
	}
	m[14], m[15] = i, j
	return j
}

// digitsAt takes from min up to max ASCII digits at s[i:], as many as
// there are, and returns where they end; ok is false when there are
// fewer than min.
func digitsAt(s string, i, min, max int) (end int, ok bool) {
	j := i
	for j < len(s) && j-i < max && isDigit(s[j]) {
		j++
	}
	return j, j-i >= min
}

// dateSepAt matches \s*[-/.]\s* at s[i:] and returns where it ends.
func dateSepAt(s string, i int) (int, bool) {
	i = skipRESpace(s, i)
	if i >= len(s) || !dateSep(s[i]) {
		return i, false
	}
	return skipRESpace(s, i+1), true
}

// colonAt matches [:：] at s[i:] and returns where it ends.
func colonAt(s string, i int) (int, bool) {
	const wide = "："
	switch {
	case i < len(s) && s[i] == ':':
		return i + 1, true
	case len(s)-i >= len(wide) && s[i:i+len(wide)] == wide:
		return i + len(wide), true
	}
	return i, false
}

// skipRESpace returns the index of the first byte at or after i that is
// not in \s as Go's regexp reads it (isRegexpSpace).
func skipRESpace(s string, i int) int {
	for i < len(s) && reSpace(s[i]) {
		i++
	}
	return i
}

// reSpace is isRegexpSpace without the search of a string: \t \n \f \r and
// the space.
func reSpace(c byte) bool {
	const set = 1<<' ' | 1<<'\t' | 1<<'\n' | 1<<'\f' | 1<<'\r'
	return c < 64 && set>>c&1 != 0
}
