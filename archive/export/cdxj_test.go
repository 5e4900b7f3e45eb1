package export_test

import (
	"testing"

	"github.com/prov-archive/prov/archive/export"
)

// The keys warcio.js 2.4.11 gives these URLs (its getSurt, run once by
// hand: node -e 'require("warcio").getSurt(u)').
func TestSURT(t *testing.T) {
	for url, want := range map[string]string{
		"http://www.Example.com/A/b?z=1&a=2":   "com,example)/a/b?a=2&z=1",
		"https://www2.example.com:443/":        "com,example)/",
		"http://example.com:8080/x#frag":       "com,example:8080)/x",
		"https://example.com":                  "com,example)/",
		"ftp://example.com/x":                  "ftp://example.com/x",
		"http://例子.测试/路径?q=值":                  "xn--0zwm56d,xn--fsqu00a)/%E8%B7%AF%E5%BE%84?q=%E5%80%BC",
		"http://example.com/a%20b?c=%41":       "com,example)/a%20b?c=%41",
		"http://english.test/../../etc/passwd": "test,english)/etc/passwd",
		"http://example.com/a/./b/../c/..":     "com,example)/a/",
	} {
		if got := export.SURT(url); got != want {
			t.Errorf("SURT(%q) = %q, want %q", url, got, want)
		}
	}
}
