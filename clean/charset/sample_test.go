package charset

import (
	"strings"
	"testing"
)

// TestLateText: a page whose visible text opens with more than
// sampleLimit of ASCII is decided by the text that follows, which the
// sample starts just before.
func TestLateText(t *testing.T) {
	preamble := strings.Repeat("<p>The committee met on Tuesday to discuss the proposed changes to the municipal budget.</p>\n", 800)
	if len(preamble) <= sampleLimit {
		t.Fatalf("fixture: the preamble has %d bytes, not more than sampleLimit", len(preamble))
	}
	for _, tt := range []struct{ text, charset string }{
		{"吾輩は猫である。名前はまだ無い。どこで生れたかとんと見当がつかぬ。何でも薄暗いじめじめした所でニャーニャー泣いていた事だけは記憶している。", "shift_jis"},
		{"Правительство утвердило план развития транспортной инфраструктуры на ближайшие пять лет, сообщили в пресс-службе.", "windows-1251"},
	} {
		page := "<html><body>" + preamble + "<p>" + tt.text + "</p></body></html>"
		body := encode(t, page, tt.charset)
		if d := Decide(body, "text/html", ""); d.Name != tt.charset {
			t.Errorf("%s after %d bytes of ASCII: %+v", tt.charset, len(preamble), d)
		}
	}
}

// TestSampleOf: a sample of a long text is at most sampleLimit bytes and
// starts sampleLead bytes before the first non-ASCII byte.
func TestSampleOf(t *testing.T) {
	long := strings.Repeat("a", 2*sampleLimit)
	for _, tt := range []struct {
		v          string
		start, end int
	}{
		{"short \xe9", 0, 7},
		{long, 0, sampleLimit},
		{long[:sampleLimit] + "\xe9" + long, sampleLimit - sampleLead, 2*sampleLimit - sampleLead},
		{long + "\xe9", 2*sampleLimit - sampleLead, 2*sampleLimit + 1},
	} {
		got := string(sampleOf([]byte(tt.v)))
		if got != tt.v[tt.start:tt.end] {
			t.Errorf("sample of %d bytes (first non-ASCII at %d): %d bytes, want [%d:%d]", len(tt.v), strings.IndexByte(tt.v, 0xe9), len(got), tt.start, tt.end)
		}
	}
}
