package rules

import (
	"reflect"
	"regexp"
	"testing"
	"time"
)

// TestExtractionKeyCoversEveryField changes each field of a site in turn:
// a field that decides extraction must change the key, the others must
// not. A field added to Site fails here until it is put on one list.
func TestExtractionKeyCoversEveryField(t *testing.T) {
	in := map[string]bool{
		"Name": true, "Hosts": true, "Authority": true, "Publisher": true, "Capture": true,
		"Encoding": true, "Content": true, "Drop": true, "Title": true, "Date": true, "DateFormat": true,
	}
	out := map[string]bool{
		"Seeds": true, "Follow": true, "Deny": true, "MaxDepth": true, "Delay": true, "Parallel": true,
		"UnverifiedTLS": true, "File": true, "Line": true,
	}
	base := func() *Site {
		depth := 2
		return &Site{Name: "a", Hosts: []string{"a.test"}, Authority: News, Publisher: "P",
			Seeds: []string{"http://a.test/"}, Follow: []*regexp.Regexp{regexp.MustCompile("^/f")},
			Capture: []*regexp.Regexp{regexp.MustCompile("^/c")}, Deny: []*regexp.Regexp{regexp.MustCompile("x")},
			MaxDepth: &depth, Delay: time.Second, Parallel: 2, Encoding: "gbk",
			Content: "#c", Drop: []string{".d"}, Title: "h1", Date: ".t", DateFormat: "2006",
			File: "r.yaml", Line: 3}
	}
	want := base().ExtractionKey()
	typ := reflect.TypeOf(Site{})
	for i := range typ.NumField() {
		name := typ.Field(i).Name
		if !in[name] && !out[name] {
			t.Errorf("Site.%s is neither in ExtractionKey nor left out of it on purpose", name)
			continue
		}
		s := base()
		change(t, reflect.ValueOf(s).Elem().Field(i))
		if changed := s.ExtractionKey() != want; changed != in[name] {
			t.Errorf("a change to Site.%s changes the key: %v, want %v", name, changed, in[name])
		}
	}
	if (*Site)(nil).ExtractionKey() != "" {
		t.Error("no rule has a key")
	}
	// The parts are delimited: moving text between fields is a change.
	a, b := base(), base()
	a.Title, a.Date = "h1 .t", ""
	b.Title, b.Date = "h1", " .t"
	if a.ExtractionKey() == b.ExtractionKey() {
		t.Error("two sites with other selectors share a key")
	}
}

// change sets v, a field of a Site, to another value of its type.
func change(t *testing.T, v reflect.Value) {
	t.Helper()
	switch x := v.Addr().Interface().(type) {
	case *string:
		*x += "x"
	case *[]string:
		*x = append(*x, "x")
	case *Authority:
		*x = Official
	case *[]*regexp.Regexp:
		*x = append(*x, regexp.MustCompile("y"))
	case **int:
		n := **x + 1
		*x = &n
	case *time.Duration:
		*x++
	case *int:
		*x++
	case *bool:
		*x = !*x
	default:
		t.Fatalf("no change for a field of type %s", v.Type())
	}
}
