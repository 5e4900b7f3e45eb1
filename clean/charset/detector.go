package charset

import (
	"sort"
	"sync/atomic"

	"github.com/saintfish/chardet"
)

// detectorCalls counts calls of the statistical detector, so tests can
// check that pages decided by a BOM, valid UTF-8 or a clean declaration
// never reach it.
var detectorCalls atomic.Int64

// guess is one candidate charset from the detector, validated by decoding.
type guess struct {
	name       string // WHATWG name
	confidence int    // chardet's 0-100
}

// detect runs chardet on text and returns its candidates that this package
// can decode, best first. chardet runs its recognisers concurrently and
// sorts unstably, so equal confidences come back in random order; the
// result here is sorted by confidence, then name, so it is deterministic.
func detect(text []byte) []guess {
	detectorCalls.Add(1)
	all, err := chardet.NewTextDetector().DetectAll(text)
	if err != nil {
		return nil
	}
	best := map[string]int{}
	for _, r := range all {
		n := Lookup(r.Charset)
		if n == "" {
			continue
		}
		if c, ok := best[n]; !ok || r.Confidence > c {
			best[n] = r.Confidence
		}
	}
	out := make([]guess, 0, len(best))
	for n, c := range best {
		out = append(out, guess{n, c})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].confidence != out[j].confidence {
			return out[i].confidence > out[j].confidence
		}
		return out[i].name < out[j].name
	})
	return out
}
