package archive

import "slices"

// Elect orders core and rest (the full texts' copies and the excerpts'
// of one work) and gives the reasons, as buildWork does.
func Elect(core, rest []Capture) ([]Capture, []string) {
	pc, pr := pointers(core), pointers(rest)
	e := newElection(append(slices.Clone(pc), pr...))
	e.sort(pc)
	pc, pr = e.admit(pc, pr)
	e.sort(pc)
	e.sort(pr)
	var out []Capture
	for _, c := range append(pc, pr...) {
		out = append(out, *c)
	}
	return out, e.reasons(pc)
}

func pointers(caps []Capture) []*Capture {
	out := make([]*Capture, len(caps))
	for i := range caps {
		out[i] = &caps[i]
	}
	return out
}

// Derivations says, by capture ID, why each copy of all is a copy of
// another ("" when it is not), as the election finds it.
func Derivations(all []Capture) map[uint64]string {
	out := map[uint64]string{}
	for id, b := range newElection(pointers(all)).ballots {
		out[id] = b.derived
	}
	return out
}
