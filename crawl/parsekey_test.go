package crawl

import (
	"net/url"
	"reflect"
	"testing"
)

var parseKeySeeds = []string{
	"http://bench.test/news/2001/00001.html", "https://www.news.cn.test/", "http://a.test:8080/x/y-z_~.htm",
	"http://a.test", "http://a.test/", "http://A.test/x", "HTTP://a.test/x", "http://a.test:/x", "http://:80/x",
	"http://user@a.test/x", "http://[::1]/x", "http://a.test/x?q=1", "http://a.test/x#f", "http://a.test/%41",
	"http://a.test//x", "http://a.test/./x", "http://a.test/x/../y", "http://a.test/x;jsessionid=1", "ftp://a.test/x",
	"http://a.test/x y", "http://a.test/\x7f", "http://a_b.test/x", "http://a.test:8x/x", "http:/a.test/x", "//a.test/x",
}

// TestParseKeyAsParse holds parseKey to url.Parse, for URLs it splits
// itself and URLs it leaves to url.Parse.
func TestParseKeyAsParse(t *testing.T) {
	split := 0
	for _, key := range parseKeySeeds {
		if _, _, _, ok := plainKey(key); ok {
			split++
		}
		checkParseKey(t, key)
	}
	if split < 4 {
		t.Errorf("plainKey split %d of the seeds, want the 4 plain ones at least", split)
	}
}

func FuzzParseKey(f *testing.F) {
	for _, key := range parseKeySeeds {
		f.Add(key)
	}
	f.Fuzz(checkParseKey)
}

func checkParseKey(t *testing.T, key string) {
	got, gotErr := parseKey(key)
	want, wantErr := url.Parse(key)
	if (gotErr == nil) != (wantErr == nil) || (wantErr == nil && !reflect.DeepEqual(&got, want)) {
		t.Errorf("parseKey(%q) = %#v, %v; url.Parse gives %#v, %v", key, got, gotErr, want, wantErr)
	}
}
