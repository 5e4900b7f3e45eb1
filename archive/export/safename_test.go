package export

import (
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

var safeNameTests = []struct{ in, want string }{
	{"../../etc/passwd", "_.._etc_passwd"},
	{"..", "_"},
	{".", "_"},
	{".hidden", "hidden"},
	{"/abs/path", "_abs_path"},
	{`C:\Windows\system32`, "C__Windows_system32"},
	{"CON", "_CON"},
	{"con.txt", "_con.txt"},
	{"nul", "_nul"},
	{"COM1", "_COM1"},
	{"lpt9.log", "_lpt9.log"},
	{"COM¹", "_COM¹"},
	{"CONSOLE", "CONSOLE"},
	{"a\x00b\nc\x7f", "a_b_c_"},
	{"trailing. .", "trailing._"},
	{"", "_"},
	{"携手构建网络空间命运共同体", "携手构建网络空间命运共同体"},
	{"rtl\u202Eexe.txt", "rtl_exe.txt"},
	{"bad\xffutf8", "bad_utf8"},
	{"what?<x>|\"y\"*", "what__x___y__"},
	{"100%_sure", "100__sure"},
	{strings.Repeat("a", 300), strings.Repeat("a", 91) + "-" + shortSum(strings.Repeat("a", 300))},
	{strings.Repeat("网", 100), strings.Repeat("网", 30) + "-" + shortSum(strings.Repeat("网", 100))},
}

func TestSafeName(t *testing.T) {
	for _, tt := range safeNameTests {
		if got := SafeName(tt.in); got != tt.want {
			t.Errorf("SafeName(%q) = %q, want %q", tt.in, got, tt.want)
		}
		checkSafe(t, tt.in)
	}
}

func TestTextPathCollisions(t *testing.T) {
	n := newNamer()
	a := n.textPath("http://h.test/a/b")
	b := n.textPath("http://h.test/a_b")
	c := n.textPath("http://H.test/A/B")
	if a != "texts/h.test/a_b.txt" || b == a || c == a || c == b {
		t.Errorf("paths %q %q %q", a, b, c)
	}
	for url, want := range map[string]string{"http://h.test/news/1.html": "texts/h.test/news_1.txt", "http://h.test/paper.txt": "texts/h.test/paper.txt"} {
		if got := n.textPath(url); got != want {
			t.Errorf("%s: %q, want %q (the page's extension dropped)", url, got, want)
		}
	}
	// a query is read as the path is, and no name holds '%' (a bag's
	// manifest would write it as %25, which sha256sum -c cannot read)
	for url, want := range map[string]string{
		"http://h.test/p?q=%E6%97%A5&x=a%20b+c": "texts/h.test/p_q=日&x=a_b+c.txt",
		"http://h.test/100%25?bad=%zz":          "texts/h.test/100__bad=_zz.txt",
	} {
		if got := n.textPath(url); got != want {
			t.Errorf("%s: %q, want %q", url, got, want)
		}
	}
	for _, p := range []string{a, b, c, n.textPath("http://x.test:8080/../../etc/passwd"), n.textPath("http://x.test/")} {
		if !filepath.IsLocal(filepath.FromSlash(p)) || !strings.HasPrefix(p, "texts/") {
			t.Errorf("unsafe path %q", p)
		}
	}
}

func checkSafe(t *testing.T, in string) {
	t.Helper()
	got := SafeName(in)
	switch {
	case got == "" || got == "." || got == "..":
		t.Errorf("SafeName(%q) = %q", in, got)
	case len(got) > MaxNameLen:
		t.Errorf("SafeName(%q) is %d bytes", in, len(got))
	case !utf8.ValidString(got):
		t.Errorf("SafeName(%q) = %q is not UTF-8", in, got)
	case strings.ContainsAny(got, `/\:*?"<>|`) || strings.HasPrefix(got, "."):
		t.Errorf("SafeName(%q) = %q has a reserved character", in, got)
	case strings.HasSuffix(got, ".") || strings.HasSuffix(got, " "):
		t.Errorf("SafeName(%q) = %q ends in dot or space", in, got)
	case isDeviceName(got):
		t.Errorf("SafeName(%q) = %q is a device name", in, got)
	case !filepath.IsLocal(got) || filepath.Base(got) != got:
		t.Errorf("SafeName(%q) = %q is not one local element", in, got)
	case SafeName(got) != got:
		t.Errorf("SafeName not idempotent on %q: %q", got, SafeName(got))
	}
	for _, r := range got {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			t.Errorf("SafeName(%q) = %q has control %U", in, got, r)
		}
	}
}

func FuzzSafeName(f *testing.F) {
	for _, tt := range safeNameTests {
		f.Add(tt.in)
	}
	f.Fuzz(func(t *testing.T, in string) { checkSafe(t, in) })
}
