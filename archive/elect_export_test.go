package archive

import "slices"

// Elect orders core and rest (the full texts' copies and the excerpts'
// of one work) and gives the reasons, as buildWork does.
func Elect(core, rest []Capture) ([]Capture, []string) {
	e := newElection(append(slices.Clone(core), rest...))
	core, rest = slices.Clone(core), slices.Clone(rest)
	e.sort(core)
	e.sort(rest)
	return append(core, rest...), e.reasons(core)
}

// Derivations says, by capture ID, why each copy of all is a copy of
// another ("" when it is not), as the election finds it.
func Derivations(all []Capture) map[uint64]string {
	out := map[uint64]string{}
	for id, b := range newElection(all).ballots {
		out[id] = b.derived
	}
	return out
}

// OracleDerivations is Derivations as the pairwise election found it.
func OracleDerivations(all []Capture) map[uint64]string {
	e := newOracle(all)
	out := map[uint64]string{}
	for _, c := range all {
		out[c.ID] = e.derived[c.ID]
	}
	return out
}
