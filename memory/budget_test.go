package memory

import (
	"context"
	"errors"
	"math/rand/v2"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
)

// TestBudgetNeverExceeded: goroutines taking large weights, some larger
// than the whole budget, some growing with Set and shrinking, never hold
// more than the budget between them, counted by the test itself.
func TestBudgetNeverExceeded(t *testing.T) {
	const size = 100 << 20
	b := NewBudget(size)
	var held, most atomic.Int64
	count := func(d int64) {
		now := held.Add(d)
		for m := most.Load(); now > m && !most.CompareAndSwap(m, now); m = most.Load() {
		}
	}
	var wg sync.WaitGroup
	for g := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(g), 16))
			for range 200 {
				n := rng.Int64N(size * 5 / 4) // one in five asks for more than the whole budget
				h, err := b.Acquire(context.Background(), n)
				if err != nil {
					t.Error(err)
					return
				}
				count(h.Bytes())
				grown := n + rng.Int64N(size/2)
				count(-h.Bytes()) // Set gives everything back before it waits
				if err := h.Set(context.Background(), grown); err != nil {
					t.Error(err)
					return
				}
				count(h.Bytes())
				runtime.Gosched()
				count(-h.Bytes())
				h.Shrink(n / 2)
				count(h.Bytes())
				count(-h.Bytes())
				h.Release()
			}
		}()
	}
	wg.Wait()
	if m := most.Load(); m > size || m == 0 {
		t.Errorf("held at most %d bytes at once, budget %d", m, size)
	}
	if p := b.Peak(); p > size {
		t.Errorf("Peak = %d, over the budget %d", p, size)
	}
	if n := b.InUse(); n != 0 {
		t.Errorf("InUse = %d after every hold was released", n)
	}
}

// TestBudgetOverSizeProceedsAlone: a request for more than the budget
// waits until nothing else is held, then holds all of it; later requests
// wait behind it, even small ones that would fit.
func TestBudgetOverSizeProceedsAlone(t *testing.T) {
	const size = 1000
	b := NewBudget(size)
	small, err := b.Acquire(context.Background(), size/4)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan *Hold)
	go func() {
		h, err := b.Acquire(context.Background(), 3*size)
		if err != nil {
			t.Error(err)
		}
		done <- h
	}()
	waitQueued(b) // the large request is queued: nothing is served before it
	select {
	case <-done:
		t.Fatal("the over-size request proceeded while another hold was held")
	default:
	}
	small.Release()
	big := <-done
	if got := big.Bytes(); got != size {
		t.Errorf("over-size hold has %d bytes, want the whole budget %d", got, size)
	}
	if _, ok := b.TryAcquire(1); ok {
		t.Error("a byte was taken while the over-size request held the budget")
	}
	big.Release()
	if h, ok := b.TryAcquire(size); !ok {
		t.Error("the budget is not whole again after the over-size hold was released")
	} else {
		h.Release()
	}
}

// waitQueued returns once a request is waiting in b: TryAcquire of one
// byte fails although most of the budget is free.
func waitQueued(b *Budget) {
	for {
		h, ok := b.TryAcquire(1)
		if !ok {
			return
		}
		h.Release()
		runtime.Gosched()
	}
}

func TestHoldSetShrinkRelease(t *testing.T) {
	b := NewBudget(100)
	h, err := b.Acquire(context.Background(), 40)
	if err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		name string
		do   func() error
		want int64 // hold and budget in use after the step
	}{
		{"Set larger", func() error { return h.Set(context.Background(), 70) }, 70},
		{"Set smaller", func() error { return h.Set(context.Background(), 10) }, 10},
		{"Shrink above size keeps", func() error { h.Shrink(50); return nil }, 10},
		{"Shrink", func() error { h.Shrink(4); return nil }, 4},
		{"Set past the budget takes all", func() error { return h.Set(context.Background(), 500) }, 100},
		{"Release", func() error { h.Release(); return nil }, 0},
		{"Release twice", func() error { h.Release(); return nil }, 0},
	}
	for _, s := range steps {
		if err := s.do(); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if h.Bytes() != s.want || b.InUse() != s.want {
			t.Errorf("%s: hold %d, in use %d, want %d", s.name, h.Bytes(), b.InUse(), s.want)
		}
	}
}

func TestAcquireGivesUpWithContext(t *testing.T) {
	b := NewBudget(10)
	all, _ := b.Acquire(context.Background(), 10)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := b.Acquire(ctx, 1); !errors.Is(err, context.Canceled) {
		t.Errorf("Acquire on a full budget with a cancelled context: %v, want context.Canceled", err)
	}
	all.Release()
	if b.InUse() != 0 {
		t.Errorf("InUse = %d, want 0", b.InUse())
	}
}

func TestNilBudgetAndHold(t *testing.T) {
	var b *Budget
	h, err := b.Acquire(context.Background(), 1<<40)
	if err != nil || h != nil {
		t.Fatalf("nil budget: Acquire = %v, %v; want nil, nil", h, err)
	}
	h.Shrink(1)
	h.Release()
	if err := h.Set(context.Background(), 5); err != nil || h.Bytes() != 0 {
		t.Errorf("nil hold: Set = %v, Bytes = %d", err, h.Bytes())
	}
}
