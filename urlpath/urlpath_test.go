package urlpath

import "testing"

func TestPlain(t *testing.T) {
	for _, tt := range []struct {
		href string
		want bool
	}{
		{"/news/2001/00001.html", true}, {"/a/b/", true}, {"/a//b", true}, {"/a/b.", true}, {"/A-Z_a~z.0-9", true},
		{"/", false}, {"//host/a", false}, {"a/b", false}, {"/a/./b", false}, {"/a/../b", false},
		{"/.well-known", false}, {"/a?b", false}, {"/a#b", false}, {"/a%41", false}, {"/路径", false},
		{"/a;jsessionid=1", false}, {"/a b", false}, {"", false},
	} {
		if got := Plain(tt.href); got != tt.want {
			t.Errorf("Plain(%q) = %v, want %v", tt.href, got, tt.want)
		}
	}
}
