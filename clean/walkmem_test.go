package clean

import (
	"bytes"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/prov-archive/prov/internal/cputime"
	"golang.org/x/net/html"
)

// A released walk's memory holds nothing of its page: no element, no
// stats (their class names), no order, no text.
func TestWalkReleaseClears(t *testing.T) {
	// more elements than a chunk of stats holds: the walk fills one and
	// uses part of the next
	root := parseTestPage(t, `<html><body><div class="story" id="main">`+prose("story", 40)+strings.Repeat("<span>w</span>", statsChunk+statsChunk/2)+
		`</div><aside class="related"><ul><li><a href="/x">x</a></li></ul></aside><div class="sidebar"><a href="/y">y</a></div></body></html>`)
	bw := walkBlocks(root)
	m := bw.mem
	if len(m.stats) == 0 || m.used < 2 || len(bw.order) == 0 {
		t.Fatalf("walk used no memory: %d stats, %d chunks, %d elements", len(m.stats), m.used, len(bw.order))
	}
	if len(m.chromeUp) == 0 || len(m.byClass) == 0 {
		t.Fatalf("walk found no chrome: %d chrome-looking elements, %d by class", len(m.chromeUp), len(m.byClass))
	}
	order := bw.order
	bw.release()
	if len(m.stats) != 0 || m.used != 0 || len(m.order) != 0 {
		t.Errorf("released: %d stats, %d chunks, %d elements in order", len(m.stats), m.used, len(m.order))
	}
	if len(m.chromeUp) != 0 || len(m.byClass) != 0 {
		t.Errorf("released: %d chrome-looking elements, %d by class", len(m.chromeUp), len(m.byClass))
	}
	for i, c := range m.chunks {
		for j, st := range c[:cap(c)] {
			if st != (elemStats{}) {
				t.Fatalf("chunk %d stats %d kept %+v", i, j, st)
			}
		}
	}
	for i, n := range order[:cap(order)] {
		if n != nil {
			t.Fatalf("order %d kept an element", i)
		}
	}
	for i, c := range m.text[:cap(m.text)] {
		if c != 0 {
			t.Fatalf("text buffer byte %d kept %q", i, c)
		}
	}
	if cap(m.text) == 0 {
		t.Error("the walk's text buffer was not kept")
	}
	if bw.stats != nil || bw.mem != nil || bw.chromeUp != nil || bw.byClass != nil {
		t.Error("the released walk still points at its memory")
	}
	bw.release() // twice is harmless
}

// Pages cleaned one after another and at once, so that walks reuse the
// memory of others' walks, make the Documents they make alone.
func TestWalkMemoryLeaksNothingAcrossPages(t *testing.T) {
	inputs := benchPages(t) // testdata and the mini-web, with and without site rules
	want := make([]*Document, len(inputs))
	for i, in := range inputs {
		walkMemories = sync.Pool{New: walkMemories.New} // nothing to reuse: as the first page of a run
		var err error
		if want[i], err = Clean(in); err != nil {
			t.Fatal(err)
		}
	}
	var wg sync.WaitGroup
	for w := range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for round := range 3 {
				for k := range inputs {
					i := (k + w + round) % len(inputs)
					got, err := Clean(inputs[i])
					if err != nil {
						t.Error(err)
						return
					}
					if !reflect.DeepEqual(got, want[i]) {
						t.Errorf("%s (rule %v) cleaned after other pages differs from cleaned first", inputs[i].URL, inputs[i].Site != nil)
						return
					}
				}
			}
		}()
	}
	wg.Wait()
}

// BenchmarkWalkBlocks walks the trees of BenchmarkClean's pages, decoded
// and parsed beforehand, one op per page: the block walk alone, its
// memory given back after each as Clean gives it back.
func BenchmarkWalkBlocks(b *testing.B) {
	var roots []*html.Node
	for _, in := range utf8Pages(benchPages(b)) {
		root, err := html.Parse(bytes.NewReader(in.Body))
		if err != nil {
			b.Fatal(err)
		}
		roots = append(roots, root)
	}
	b.ReportAllocs()
	i := 0
	began := cputime.Process()
	for b.Loop() {
		bw := walkBlocks(roots[i%len(roots)])
		bw.release()
		bw.recycleRuns()
		i++
	}
	cputime.Report(b, began)
}
