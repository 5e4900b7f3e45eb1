package rules

import (
	"errors"
	"regexp"
	"strings"
	"testing"
)

// lineError matches the "file:line: " prefix every rules error starts with.
var lineError = regexp.MustCompile(`^f\.yaml:[1-9][0-9]*: `)

// FuzzParse feeds Parse arbitrary bytes: it must not panic, and it returns
// either a file:line error wrapping ErrInvalid or a Set whose sites are
// usable. Seeded from the cases of rules_test.go.
func FuzzParse(f *testing.F) {
	f.Add([]byte(good))
	for _, s := range []string{
		"sites:\n  - name: x\n    hosts: [a]\n  bad\n",
		"sites:\n  - name: x\n    hosts: [a.b]\n    name: y\n",
		"site:\n  - name: x\n",
		"sites:\n  - name: x\n    hosts: [a.b]\n    content: 'div[[['\n",
		"sites:\n  - name: x\n    hosts: [a.b]\n    follow: ['(']\n",
		"sites:\n  - name: x\n    hosts: [a.b]\n    delay: soon\n",
		"sites:\n  - name: x\n    hosts: [a.b]\n    parallel: -1\n",
		"sites:\n  - name: x\n    hosts: [a.b]\n    encoding: klingon\n",
		"sites:\n  - name: x\n    hosts: [a.b]\n    seeds: [ftp://a.b/]\n",
		"sites:\n  - name: x\n    hosts: [a.b]\n  - name: y\n    hosts: [A.b]\n",
		"sites: &a [*a]\n",
		"",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		set, err := Parse("f.yaml", data)
		if err != nil {
			checkError(t, err)
			return
		}
		checkSet(t, set)
	})
}

func checkError(t *testing.T, err error) {
	t.Helper()
	if !errors.Is(err, ErrInvalid) {
		t.Fatalf("error does not wrap ErrInvalid: %v", err)
	}
	if !lineError.MatchString(err.Error()) {
		t.Fatalf("error lacks file:line: %q", err)
	}
}

func checkSet(t *testing.T, set *Set) {
	t.Helper()
	if set == nil {
		t.Fatal("nil Set without an error")
	}
	seen := map[string]bool{}
	for _, s := range set.Sites {
		if s == nil || len(s.Hosts) == 0 || s.Line < 1 {
			t.Fatalf("unusable site: %+v", s)
		}
		for _, h := range s.Hosts {
			if h == "" || h != strings.ToLower(h) || seen[h] {
				t.Fatalf("site %q: bad or repeated host %q", s.Name, h)
			}
			seen[h] = true
		}
		for _, re := range append(append(s.Follow, s.Capture...), s.Deny...) {
			if re == nil {
				t.Fatalf("site %q: nil pattern", s.Name)
			}
		}
	}
}
