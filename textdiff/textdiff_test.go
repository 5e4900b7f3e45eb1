package textdiff

import (
	"reflect"
	"testing"
)

func TestDiff(t *testing.T) {
	a := "一段。\n\n高速发展的网络。\n\n第三段。\n\n删除的段落。\n\nThe end of the text."
	b := "一段。\n\n飞速发展的网络。\n\n第三段。\n\n新加的段落内容不同\n\nThe very end of the text."
	var got []string
	for _, op := range Changes(Diff(a, b)) {
		got = append(got, op.Kind+":"+op.Marked)
	}
	want := []string{"changed:[-高-]{+飞+}速发展的网络。", "removed:", "added:", "changed:The {+very +}end of the text."}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
	if ops := Changes(Diff(a, a)); len(ops) != 0 {
		t.Errorf("equal texts: %+v", ops)
	}
}

func TestParagraphs(t *testing.T) {
	if got := Paragraphs("a\nb"); !reflect.DeepEqual(got, []string{"a", "b"}) {
		t.Errorf("single newlines: %q", got)
	}
	if got := Paragraphs(" a \n\n\n\nb\nc "); !reflect.DeepEqual(got, []string{"a", "b\nc"}) {
		t.Errorf("blank lines: %q", got)
	}
}

func TestSpans(t *testing.T) {
	cases := []struct {
		a, b string
		want []Span
	}{
		{"高速发展", "飞速发展", []Span{{Removed, "高"}, {Added, "飞"}, {Equal, "速发展"}}},
		{"The end.", "The very end.", []Span{{Equal, "The "}, {Added, "very "}, {Equal, "end."}}},
		{"同", "同", []Span{{Equal, "同"}}},
		{"删除", "", []Span{{Removed, "删除"}}},
	}
	for _, c := range cases {
		got := Spans(c.a, c.b)
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("Spans(%q, %q) = %q, want %q", c.a, c.b, got, c.want)
		}
		var a, b string
		for _, s := range got {
			if s.Kind != Added {
				a += s.Text
			}
			if s.Kind != Removed {
				b += s.Text
			}
		}
		if a != c.a || b != c.b {
			t.Errorf("Spans(%q, %q) spells %q and %q", c.a, c.b, a, b)
		}
	}
}
