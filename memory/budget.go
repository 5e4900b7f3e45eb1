package memory

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"

	"golang.org/x/sync/semaphore"
)

// Budget is a number of bytes that holders take and give back. Its zero
// value is not usable; a nil *Budget is no budget at all: Acquire returns
// a nil Hold at once, and a nil Hold does nothing.
type Budget struct {
	size int64
	sem  *semaphore.Weighted

	inUse atomic.Int64 // bytes held now
	peak  atomic.Int64 // most bytes held at once
}

// NewBudget returns a budget of size bytes (at least 1).
func NewBudget(size int64) *Budget {
	size = max(size, 1)
	return &Budget{size: size, sem: semaphore.NewWeighted(size)}
}

// Size is the budget's size in bytes.
func (b *Budget) Size() int64 { return b.size }

// InUse is the number of bytes held now.
func (b *Budget) InUse() int64 { return b.inUse.Load() }

// Peak is the most bytes held at once since the budget was made.
func (b *Budget) Peak() int64 { return b.peak.Load() }

// Acquire waits until n bytes are free and returns a Hold of them, or
// returns ctx's error (and no hold) if ctx ends first. A request larger
// than the whole budget is a request for all of it: it waits until
// nothing else is held and then proceeds alone (later requests wait
// behind it: the semaphore serves waiters in order, so a large request
// is not starved by small ones). n ≤ 0 returns an empty hold at once.
func (b *Budget) Acquire(ctx context.Context, n int64) (*Hold, error) {
	if b == nil {
		return nil, nil
	}
	h := &Hold{b: b}
	if err := h.take(ctx, n); err != nil {
		return nil, err
	}
	return h, nil
}

// Hold is the bytes one holder has taken from a Budget. Its methods are
// safe for concurrent use and do nothing on a nil Hold.
type Hold struct {
	b  *Budget
	mu sync.Mutex
	n  int64
}

// Bytes is the number of bytes the hold has.
func (h *Hold) Bytes() int64 {
	if h == nil {
		return 0
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.n
}

// Shrink gives back what the hold has beyond n bytes; it never waits.
func (h *Hold) Shrink(n int64) {
	if h == nil {
		return
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	h.giveBack(h.n - max(n, 0))
}

// Release gives back every byte of the hold. It may be called more than
// once; the hold is then empty, and may take bytes again with Set.
func (h *Hold) Release() { h.Shrink(0) }

// Set makes the hold n bytes: a smaller n gives the difference back at
// once; a larger one first gives back everything the hold has and then
// waits for n, so that a holder never waits while it holds budget (see
// the package comment). When ctx ends first the hold is left empty and
// ctx's error returned.
func (h *Hold) Set(ctx context.Context, n int64) error {
	if h == nil {
		return nil
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if n <= h.n || h.n >= h.b.size {
		h.giveBack(h.n - max(n, 0))
		return nil
	}
	h.giveBack(h.n)
	return h.take(ctx, n)
}

// take waits for n bytes (at most the budget's size) for an empty hold;
// h.mu is held, or h is not shared yet.
func (h *Hold) take(ctx context.Context, n int64) error {
	n = min(n, h.b.size)
	if n <= 0 {
		return nil
	}
	if err := h.b.sem.Acquire(ctx, n); err != nil {
		return fmt.Errorf("memory: wait for %d bytes: %w", n, err)
	}
	h.n = n
	h.b.note(n)
	return nil
}

// giveBack returns k of the hold's bytes to the budget; h.mu is held.
func (h *Hold) giveBack(k int64) {
	if k <= 0 {
		return
	}
	h.n -= k
	h.b.inUse.Add(-k)
	h.b.sem.Release(k)
}

// TryAcquire takes n bytes (at most the budget's size) only if they are
// free now and nobody is waiting before it; it never waits.
func (b *Budget) TryAcquire(n int64) (*Hold, bool) {
	if b == nil {
		return nil, true
	}
	n = min(max(n, 0), b.size)
	if !b.sem.TryAcquire(n) {
		return nil, false
	}
	h := &Hold{b: b, n: n}
	b.note(n)
	return h, true
}

// note counts n bytes just taken.
func (b *Budget) note(n int64) {
	used := b.inUse.Add(n)
	for p := b.peak.Load(); used > p && !b.peak.CompareAndSwap(p, used); p = b.peak.Load() {
	}
}
