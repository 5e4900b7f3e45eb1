package main

import (
	"fmt"
	"io"
	"slices"

	"github.com/prov-archive/prov/evalscore"
)

// A shortfall is one tune page where prov scores below a peer.
type shortfall struct {
	file       string
	prov, peer float64 // prov's F1 and the best peer's
	peerName   string
}

// worstTune returns up to n tune pages, not set apart, where prov's F1 is
// furthest below the best peer's (run or cached), furthest first. Check
// pages are never returned: they are read only as scores, in the table.
func worstTune(pages []scored, n int, floor float64) []shortfall {
	var out []shortfall
	for _, s := range pages {
		if s.half != evalscore.Tune || s.apart(floor) {
			continue
		}
		if _, ok := s.res["prov"]; !ok {
			continue
		}
		best := shortfall{file: s.file, prov: s.f1("prov"), peer: -1}
		for _, ex := range extractors {
			if _, run := s.res[ex.name]; ex.name != "prov" && (run || hasKey(s.others, ex.name)) && s.f1(ex.name) > best.peer {
				best.peer, best.peerName = s.f1(ex.name), ex.name
			}
		}
		if best.peerName != "" && best.peer > best.prov {
			out = append(out, best)
		}
	}
	slices.SortStableFunc(out, func(a, b shortfall) int {
		switch da, db := a.prov-a.peer, b.prov-b.peer; {
		case da < db:
			return -1
		case da > db:
			return 1
		}
		return 0
	})
	return out[:min(n, len(out))]
}

func printWorst(out io.Writer, ws []shortfall) {
	fmt.Fprintf(out, "\nTune pages where prov is furthest below the best peer (%d):\n", len(ws))
	for _, w := range ws {
		fmt.Fprintf(out, "  %-22s prov %.3f  %s %.3f  %+.3f\n", w.file, w.prov, w.peerName, w.peer, w.prov-w.peer)
	}
}
