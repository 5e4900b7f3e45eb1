package crawl

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/prov-archive/prov/memory"
)

// testOverhead is the Overhead the package's crawls reserve: twice the
// content, as a parse tree might take.
func testOverhead(_ http.Header, n int64) int64 { return 2 * n }

// watchMemory gives cfg a budget of its own (unless it has one) and the
// test Overhead, and returns the budget.
func watchMemory(t testing.TB, cfg *Config) *memory.Budget {
	t.Helper()
	if cfg.Memory == nil {
		cfg.Memory = memory.NewBudget(DefaultMemory)
	}
	if cfg.Overhead == nil {
		cfg.Overhead = testOverhead
	}
	return cfg.Memory
}

// checkHold checks that a page sent by Run holds exactly its bodies and,
// for a 2xx, the Overhead of its content: all of budget b at most.
func checkHold(t testing.TB, b *memory.Budget, p Page) {
	t.Helper()
	want := weight(p.Payload, p.Content)
	if p.Status >= 200 && p.Status <= 299 {
		want += testOverhead(nil, int64(len(p.Content)))
	}
	want = min(want, b.Size())
	if got := p.Memory.Bytes(); got != want {
		t.Errorf("%s: holds %d bytes of memory, want %d (payload %d, content %d, status %d)",
			p.RequestedURL, got, want, len(p.Payload), len(p.Content), p.Status)
	}
}

// checkAllReleased checks that once every page was released, nothing of
// the budget is held: every page Run did not send gave its hold back.
func checkAllReleased(t testing.TB, b *memory.Budget) {
	t.Helper()
	if n := b.InUse(); n != 0 {
		t.Errorf("%d bytes of the memory budget still held after the crawl (a page not sent kept its hold)", n)
	}
	if b.Peak() > b.Size() {
		t.Errorf("peak %d bytes held, budget %d", b.Peak(), b.Size())
	}
}

// TestSink: whatever size a server announces (right, short, long, huge or
// none), a sink keeps the body up to its limit and tells a cut; it takes
// the budget once, exactly when the body or its announced size passes its
// free bytes, and its buffer never passes limit+1 bytes.
func TestSink(t *testing.T) {
	body := strings.Repeat("x", 3000)
	for _, limit := range []int64{10, 2999, 3000, 3001, 1 << 20} {
		for _, announced := range []int64{-1, 0, 100, 3000, 5000, 1 << 40} {
			for _, free := range []int64{0, 1000, 4000} {
				name := fmt.Sprintf("limit %d, announced %d, free %d", limit, announced, free)
				reserved := 0
				s := &sink{limit: limit, free: free, reserve: func() (int64, error) {
					reserved++
					return min(max(announced, 0), limit) + 1, nil
				}}
				err := s.presize(announced)
				cut := false
				if err == nil {
					// one byte a read: every growth step is taken
					cut, err = s.readFrom(iotest.OneByteReader(strings.NewReader(body)))
				}
				want := body[:min(int64(len(body)), limit)]
				if err != nil || string(s.buf) != want || cut != (int64(len(body)) > limit) {
					t.Errorf("%s: %d bytes, cut %v, %v; want %d bytes", name, len(s.buf), cut, err, len(want))
				}
				read := min(int64(len(body)), limit+1)
				wantReserve := 0
				if read > free || (announced >= 0 && min(announced, limit) >= free) {
					wantReserve = 1
				}
				if reserved != wantReserve {
					t.Errorf("%s: reserved %d times, want %d", name, reserved, wantReserve)
				}
				if int64(cap(s.buf)) > limit+1 {
					t.Errorf("%s: buffer of %d bytes, limit %d", name, cap(s.buf), limit)
				}
			}
		}
	}
}

// TestGzipSize reads the trailer of a one-gzip payload and nothing else.
func TestGzipSize(t *testing.T) {
	gz := gzipped(bytes.Repeat([]byte("a"), 12345))
	cases := []struct {
		name, coding string
		payload      []byte
		cut, ok      bool
	}{
		{"gzip", "gzip", gz, false, true},
		{"x-gzip", "x-gzip", gz, false, true},
		{"cut on the wire", "gzip", gz, true, false},
		{"two codings", "gzip, gzip", gz, false, false},
		{"deflate", "deflate", gz, false, false},
		{"too short", "gzip", gz[:10], false, false},
	}
	for _, c := range cases {
		n, ok := gzipSize(c.payload, c.coding, c.cut)
		if ok != c.ok || (ok && n != 12345) {
			t.Errorf("%s: %d, %v; want 12345, %v", c.name, n, ok, c.ok)
		}
	}
}

// TestRunPagesOverBudget: with a budget smaller than several of the pages
// (a 300 KB page, a gzip bomb decoding to 4 MiB), fetched four at a time,
// every page still arrives whole, each larger one holding all of the
// budget (so alone), and nothing is held once they are released.
func TestRunPagesOverBudget(t *testing.T) {
	ts := newTestServer(t)
	cfg := ts.config("/huge", "/bomb", "/a", "/gz", "/big")
	cfg.MaxDepth = -1
	cfg.Memory = memory.NewBudget(64 << 10)
	got := crawlAll(t, cfg) // checks every hold, and that all were given back
	for _, path := range []string{"/huge", "/bomb", "/a", "/gz", "/big"} {
		p, ok := got[path]
		if !ok || p.Err != nil || p.Status != 200 {
			t.Errorf("%s: sent %v, status %d, err %v", path, ok, p.Status, p.Err)
		}
	}
	if n := len(got["/bomb"].Content); n != 4<<20 {
		t.Errorf("bomb decoded to %d bytes, want %d", n, 4<<20)
	}
	if n := len(got["/huge"].Content); n < 300<<10 {
		t.Errorf("huge page of %d bytes", n)
	}
}

// TestSinkScratch: a body of no announced length, read first into a
// scratch buffer, comes out as the sink without one reads it (same bytes,
// same cut, the budget taken as often), in a buffer of its own: reading
// the next body into the same scratch buffer leaves it unchanged.
func TestSinkScratch(t *testing.T) {
	read := func(body string, limit, free int64, scratch bool) ([]byte, bool, int, error) {
		reserved := 0
		s := &sink{limit: limit, free: free, reserve: func() (int64, error) {
			reserved++
			return limit + 1, nil
		}}
		if scratch {
			s.borrowScratch()
		}
		cut, err := s.readFrom(iotest.HalfReader(strings.NewReader(body)))
		return s.detach(), cut, reserved, err
	}
	sizes := []int{0, 1, 4095, 5000, scratchSize - 1, scratchSize, scratchSize + 1, 3 * scratchSize}
	for _, size := range sizes {
		for _, limit := range []int64{10, 5000, scratchSize, 1 << 20} {
			for _, free := range []int64{1000, 8 << 10, freeBytes} {
				name := fmt.Sprintf("body %d, limit %d, free %d", size, limit, free)
				body := strings.Repeat("abcdefg", size/7+1)[:size]
				want, wantCut, wantReserved, wantErr := read(body, limit, free, false)
				got, cut, reserved, err := read(body, limit, free, true)
				if !bytes.Equal(got, want) || cut != wantCut || reserved != wantReserved || err != wantErr {
					t.Errorf("%s: %d bytes, cut %v, reserved %d, %v; want %d bytes, cut %v, reserved %d, %v",
						name, len(got), cut, reserved, err, len(want), wantCut, wantReserved, wantErr)
				}
				kept := string(got)
				read(strings.Repeat("z", size), limit, free, true)
				if string(got) != kept {
					t.Errorf("%s: the body changed when the next was read: its buffer is the scratch buffer", name)
				}
			}
		}
	}
}
