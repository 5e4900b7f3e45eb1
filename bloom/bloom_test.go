package bloom

import (
	"fmt"
	"testing"
)

// TestFilter: every key added is held, through encoding; few of the keys
// never added are (about 0.2% at this load).
func TestFilter(t *testing.T) {
	f := New(0)
	const n = 50000
	for i := 0; i < n; i++ {
		f.Add([]byte(fmt.Sprintf("http://a.test/%d\x00", i)))
	}
	back, stamp, err := Decode(f.Encode(42))
	if err != nil || stamp != 42 || back.Capacity != MinKeys {
		t.Fatalf("decoded stamp %d, capacity %d, %v", stamp, back.Capacity, err)
	}
	falseYes := 0
	for i := 0; i < n; i++ {
		if !back.MayHold([]byte(fmt.Sprintf("http://a.test/%d\x00", i))) {
			t.Fatalf("key %d added but not held", i)
		}
		if back.MayHold([]byte(fmt.Sprintf("http://b.test/%d\x00", i))) {
			falseYes++
		}
	}
	if falseYes > n/100 {
		t.Errorf("%d of %d keys never added are held, want under 1%%", falseYes, n)
	}
	if c := back.Clone(); &c.Bits[0] == &back.Bits[0] || !c.MayHold([]byte("http://a.test/7\x00")) {
		t.Error("a clone shares its bits or lost a key")
	}
	for _, bad := range [][]byte{nil, []byte("short"), append([]byte{9, Probes}, make([]byte, 20)...)} {
		if _, _, err := Decode(bad); err != ErrNotFilter {
			t.Errorf("Decode(%q) = %v, want ErrNotFilter", bad, err)
		}
	}
}
