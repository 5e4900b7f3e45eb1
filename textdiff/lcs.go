package textdiff

// maxCells bounds the table of one alignment: a full table of n·m cells
// when that fits, else a band of the table as wide as the number of
// differences (D, found first with Myers' O(ND) search), (n+1)·(D+1)
// cells. Both give the same common subsequence. Past the bound, the
// alignment is split where a longest one crosses the middle of its
// differences (bisect), within maxSteps; past that, at elements found
// once in each side (as patience diff does); a part that still does not
// fit, with no such element, is left unaligned and the alignment says
// it is not exact.
const maxCells = 1 << 22

// maxSteps bounds the search of one alignment too long for a table
// (bisect): the steps along diagonals it may take, about the sum of the
// lengths times the differences. Past it, the alignment falls back on
// elements found once in each side.
const maxSteps = 1 << 27

// cells and steps are maxCells and maxSteps, as align reads them: a test
// lowers them to drive small inputs down the paths long ones take.
var cells, steps = maxCells, maxSteps

// lcs returns the index pairs of a longest common subsequence of a and b,
// in order: the one a table of suffixes walked from the start gives,
// taking a match whenever one is there and a removal before an addition.
// exact is false when part of a and b was too long and too different to
// align within maxCells: the pairs are then a common subsequence, not
// the longest.
func lcs(a, b []string) (pairs [][2]int, exact bool) {
	ids := map[string]int32{}
	intern := func(s []string) []int32 {
		out := make([]int32, len(s))
		for i, x := range s {
			id, ok := ids[x]
			if !ok {
				id = int32(len(ids))
				ids[x] = id
			}
			out[i] = id
		}
		return out
	}
	ia, ib := intern(a), intern(b)
	return align(ia, ib, 0, 0, nil)
}

// align appends to out the pairs of a common subsequence of a and b,
// offset by oa and ob, as lcs describes it.
func align(a, b []int32, oa, ob int, out [][2]int) ([][2]int, bool) {
	p := 0 // a common prefix is matched by the walk from the start whatever follows
	for p < len(a) && p < len(b) && a[p] == b[p] {
		out = append(out, [2]int{oa + p, ob + p})
		p++
	}
	a, b, oa, ob = a[p:], b[p:], oa+p, ob+p
	n, m := len(a), len(b)
	if n == 0 || m == 0 {
		return out, true
	}
	if n*m <= cells {
		return fullTable(a, b, oa, ob, out), true
	}
	if d := distance(a, b, cells/(n+1)-1); d >= 0 {
		return band(a, b, d, oa, ob, out), true
	}
	s := 0 // a common suffix is on some longest alignment
	for s < n && s < m && a[n-1-s] == b[m-1-s] {
		s++
	}
	x, y, ok, disjoint := bisect(a[:n-s], b[:m-s], steps/(n+m))
	if !ok && !disjoint {
		return anchored(a, b, oa, ob, out)
	}
	exact := true
	if ok {
		var okA, okB bool
		out, okA = align(a[:x], b[:y], oa, ob, out)
		out, okB = align(a[x:n-s], b[y:m-s], oa+x, ob+y, out)
		exact = okA && okB
	}
	for k := s; k > 0; k-- {
		out = append(out, [2]int{oa + n - k, ob + m - k})
	}
	return out, exact
}

// bisect finds where a longest alignment of a and b crosses the middle
// of its differences (Myers' middle snake, searched from both ends), in
// O((n+m)·D) steps and O(n+m) memory, D the differences: a point (x, y)
// such that aligning a[:x] with b[:y] and a[x:] with b[y:] is a longest
// alignment. a and b share no first and no last element. ok is false
// when D is more than 2·maxD, or the point found would not split the
// problem; disjoint is true when the search went to the end and a and
// b have no element in common (or one is empty).
func bisect(a, b []int32, maxD int) (x, y int, ok, disjoint bool) {
	n, m := len(a), len(b)
	if n == 0 || m == 0 {
		return 0, 0, false, true
	}
	whole := maxD >= (n+m+1)/2
	maxD = min(maxD, (n+m+1)/2)
	off, size := maxD+1, 2*maxD+3
	v1, v2 := make([]int, size), make([]int, size)
	for i := range v1 {
		v1[i], v2[i] = -1, -1
	}
	v1[off+1], v2[off+1] = 0, 0
	delta := n - m
	front := delta%2 != 0
	k1start, k1end, k2start, k2end := 0, 0, 0, 0
	split := func(x, y int) (int, int, bool, bool) {
		return x, y, (x > 0 || y > 0) && (x < n || y < m), false
	}
	for d := 0; d < maxD; d++ {
		for k1 := -d + k1start; k1 <= d-k1end; k1 += 2 {
			i := off + k1
			var x1 int
			if k1 == -d || (k1 != d && v1[i-1] < v1[i+1]) {
				x1 = v1[i+1]
			} else {
				x1 = v1[i-1] + 1
			}
			y1 := x1 - k1
			for x1 < n && y1 < m && a[x1] == b[y1] {
				x1, y1 = x1+1, y1+1
			}
			v1[i] = x1
			switch {
			case x1 > n:
				k1end += 2
			case y1 > m:
				k1start += 2
			case front:
				if j := off + delta - k1; j >= 0 && j < size && v2[j] != -1 && x1 >= n-v2[j] {
					return split(x1, y1)
				}
			}
		}
		for k2 := -d + k2start; k2 <= d-k2end; k2 += 2 {
			i := off + k2
			var x2 int
			if k2 == -d || (k2 != d && v2[i-1] < v2[i+1]) {
				x2 = v2[i+1]
			} else {
				x2 = v2[i-1] + 1
			}
			y2 := x2 - k2
			for x2 < n && y2 < m && a[n-x2-1] == b[m-y2-1] {
				x2, y2 = x2+1, y2+1
			}
			v2[i] = x2
			switch {
			case x2 > n:
				k2end += 2
			case y2 > m:
				k2start += 2
			case !front:
				if j := off + delta - k2; j >= 0 && j < size && v1[j] != -1 {
					x1 := v1[j]
					if y1 := off + x1 - j; x1 >= n-x2 {
						return split(x1, y1)
					}
				}
			}
		}
	}
	return 0, 0, false, whole
}

// fullTable aligns a and b with a table of every suffix pair.
func fullTable(a, b []int32, oa, ob int, out [][2]int) [][2]int {
	n, m := len(a), len(b)
	// t[i][j]: LCS length of the suffixes from i and j.
	t := make([][]int32, n+1)
	for i := range t {
		t[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			switch {
			case a[i] == b[j]:
				t[i][j] = t[i+1][j+1] + 1
			case t[i+1][j] >= t[i][j+1]:
				t[i][j] = t[i+1][j]
			default:
				t[i][j] = t[i][j+1]
			}
		}
	}
	for i, j := 0, 0; i < n && j < m; {
		switch {
		case a[i] == b[j]:
			out = append(out, [2]int{oa + i, ob + j})
			i, j = i+1, j+1
		case t[i+1][j] >= t[i][j+1]:
			i++
		default:
			j++
		}
	}
	return out
}

// distance is the number of removals and additions that turn a into b
// (Myers' greedy search), or -1 when it is more than max.
func distance(a, b []int32, max int) int {
	n, m := len(a), len(b)
	max = min(max, n+m)
	if max < 0 {
		return -1
	}
	off := max + 1
	v := make([]int, 2*max+3) // v[off+k]: furthest index into a on diagonal k = i-j
	for d := 0; d <= max; d++ {
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || (k != d && v[off+k-1] < v[off+k+1]) {
				x = v[off+k+1]
			} else {
				x = v[off+k-1] + 1
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x, y = x+1, y+1
			}
			v[off+k] = x
			if x >= n && y >= m {
				return d
			}
		}
	}
	return -1
}

// band aligns a and b, d differences apart, with the part of the table
// that an alignment with d differences can cross: the diagonals from
// n-L removals ahead to m-L additions ahead, L the common length. Every
// cell on a longest alignment lies there, with the value the full table
// gives it, so the walk takes the steps fullTable's takes.
func band(a, b []int32, d, oa, ob int, out [][2]int) [][2]int {
	n, m := len(a), len(b)
	l := (n + m - d) / 2
	lo, hi := -(n - l), m-l // diagonals j-i of the band
	w := hi - lo + 1
	const none = -1 << 30
	t := make([]int32, (n+1)*w)
	at := func(i, j int) int32 {
		k := j - i
		if k < lo || k > hi || j < 0 || j > m {
			return none
		}
		return t[i*w+k-lo]
	}
	for i := n; i >= 0; i-- {
		for k := hi; k >= lo; k-- {
			j := i + k
			if j < 0 || j > m {
				continue
			}
			var v int32
			switch {
			case i == n || j == m:
				v = 0
			case a[i] == b[j]:
				v = at(i+1, j+1) + 1
			default:
				v = max(at(i+1, j), at(i, j+1))
			}
			t[i*w+k-lo] = v
		}
	}
	for i, j := 0, 0; i < n && j < m; {
		switch {
		case a[i] == b[j]:
			out = append(out, [2]int{oa + i, ob + j})
			i, j = i+1, j+1
		case at(i+1, j) >= at(i, j+1):
			i++
		default:
			j++
		}
	}
	return out
}

// anchored aligns a and b, too long and different for one table, on the
// elements each holds once (the longest run of them in the same order),
// and the parts between those one by one. A common suffix is matched too.
// Without such an element, what is left is not aligned.
func anchored(a, b []int32, oa, ob int, out [][2]int) ([][2]int, bool) {
	s := 0
	for s < len(a) && s < len(b) && a[len(a)-1-s] == b[len(b)-1-s] {
		s++
	}
	anchors := uniqueAnchors(a[:len(a)-s], b[:len(b)-s])
	exact := len(anchors) > 0 || s == len(a) || s == len(b) // or one side is all common suffix
	i, j := 0, 0
	for _, an := range anchors {
		var ok bool
		out, ok = align(a[i:an[0]], b[j:an[1]], oa+i, ob+j, out)
		exact = exact && ok
		out = append(out, [2]int{oa + an[0], ob + an[1]})
		i, j = an[0]+1, an[1]+1
	}
	if len(anchors) > 0 {
		var ok bool
		out, ok = align(a[i:len(a)-s], b[j:len(b)-s], oa+i, ob+j, out)
		exact = exact && ok
	}
	for k := s; k > 0; k-- {
		out = append(out, [2]int{oa + len(a) - k, ob + len(b) - k})
	}
	return out, exact
}

// uniqueAnchors returns the pairs of elements found once in a and once in
// b, the longest run of them in the same order in both (patience diff).
func uniqueAnchors(a, b []int32) [][2]int {
	type seen struct{ na, nb, i, j int }
	count := map[int32]*seen{}
	for i, x := range a {
		s := count[x]
		if s == nil {
			s = &seen{}
			count[x] = s
		}
		s.na, s.i = s.na+1, i
	}
	for j, x := range b {
		if s := count[x]; s != nil {
			s.nb, s.j = s.nb+1, j
		}
	}
	var pairs [][2]int // in the order of a
	for i, x := range a {
		if s := count[x]; s.na == 1 && s.nb == 1 {
			pairs = append(pairs, [2]int{i, s.j})
		}
	}
	return longestIncreasing(pairs)
}

// longestIncreasing returns the longest run of pairs whose second
// indexes increase (patience sorting).
func longestIncreasing(pairs [][2]int) [][2]int {
	var tails []int // tails[k]: index in pairs of the smallest last j of a run of k+1
	prev := make([]int, len(pairs))
	for p, pr := range pairs {
		lo, hi := 0, len(tails)
		for lo < hi {
			mid := (lo + hi) / 2
			if pairs[tails[mid]][1] < pr[1] {
				lo = mid + 1
			} else {
				hi = mid
			}
		}
		prev[p] = -1
		if lo > 0 {
			prev[p] = tails[lo-1]
		}
		if lo == len(tails) {
			tails = append(tails, p)
		} else {
			tails[lo] = p
		}
	}
	if len(tails) == 0 {
		return nil
	}
	out := make([][2]int, len(tails))
	for k, p := len(tails)-1, tails[len(tails)-1]; k >= 0; k, p = k-1, prev[p] {
		out[k] = pairs[p]
	}
	return out
}
