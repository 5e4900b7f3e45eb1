package testweb

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"
)

func siteOf(t *testing.T, host string) Site {
	t.Helper()
	for _, s := range Sites() {
		if s.Host == host {
			return s
		}
	}
	t.Fatalf("no site %s", host)
	return Site{}
}

// decode decodes a page with its site's true encoding.
func decode(t *testing.T, host string, body []byte) string {
	t.Helper()
	enc := encodings[siteOf(t, host).Encoding]
	s, err := enc.NewDecoder().Bytes(body)
	if err != nil {
		t.Fatalf("%s: decode: %v", host, err)
	}
	return string(s)
}

func page(t *testing.T, host, path string) *response {
	t.Helper()
	r := New().sites[host][path]
	if r == nil {
		t.Fatalf("no page %s%s", host, path)
	}
	return r
}

func TestEveryPageDecodesCleanly(t *testing.T) {
	for host, rs := range New().sites {
		for path, r := range rs {
			if r.status != 200 {
				continue
			}
			if s := decode(t, host, r.body); strings.ContainsRune(s, utf8.RuneError) {
				t.Errorf("%s%s: U+FFFD after decoding as %s", host, path, siteOf(t, host).Encoding)
			}
		}
	}
}

func TestSCIOMetaAfter1024(t *testing.T) {
	for _, path := range []string{"/", pathSCIOWhitePaper, pathSCIOConcept} {
		r := page(t, HostSCIO, path)
		if strings.Contains(r.ctype, "charset") {
			t.Errorf("%s: header names a charset: %q", path, r.ctype)
		}
		i := bytes.Index(r.body, []byte(`<meta http-equiv="Content-Type" content="text/html; charset=gb2312">`))
		if i < 1024 {
			t.Errorf("%s: charset meta at byte %d, want after 1024", path, i)
		}
		if bytes.Contains(bytes.ToLower(r.body[:1024]), []byte("charset")) {
			t.Errorf("%s: a charset label within the first 1024 bytes", path)
		}
		if utf8.Valid(r.body) {
			t.Errorf("%s: GB18030 page is valid UTF-8; it should not be", path)
		}
	}
}

func TestXinhuaWrongHeader(t *testing.T) {
	r := page(t, HostXinhua, pathXinhua)
	if r.ctype != "text/html; charset=ISO-8859-1" {
		t.Errorf("Content-Type = %q", r.ctype)
	}
	if bytes.Contains(bytes.ToLower(r.body), []byte("charset")) {
		t.Error("GBK page carries a charset label in its bytes")
	}
	if utf8.Valid(r.body) {
		t.Error("GBK page is valid UTF-8; it should not be")
	}
}

func TestMirrorBig5MetaOnly(t *testing.T) {
	r := page(t, HostMirror, pathMirror)
	if strings.Contains(r.ctype, "charset") {
		t.Errorf("header names a charset: %q", r.ctype)
	}
	if !bytes.Contains(r.body[:512], []byte(`<meta charset="big5">`)) {
		t.Error(`no <meta charset="big5"> near the top`)
	}
	if n := bytes.Count(bytes.ToLower(r.body), []byte("charset")); n != 1 {
		t.Errorf("%d charset labels, want exactly the meta", n)
	}
	if !strings.Contains(decode(t, HostMirror, r.body), "發布時間:2022-11-11") {
		t.Error("the bureau's Traditional date line did not survive Big5")
	}
}

func TestSecPortalBOMNoLabel(t *testing.T) {
	r := page(t, HostSecPortal, pathSecPortal)
	if !bytes.HasPrefix(r.body, []byte(bom)) {
		t.Error("no BOM")
	}
	if strings.Contains(r.ctype, "charset") || bytes.Contains(bytes.ToLower(r.body), []byte("charset")) {
		t.Error("a charset label in the header or the page")
	}
	if !utf8.Valid(r.body) {
		t.Error("not valid UTF-8")
	}
}

func TestDailyEnWindows1252(t *testing.T) {
	r := page(t, HostDailyEn, pathDailyEn)
	if r.ctype != "text/html; charset=iso-8859-1" {
		t.Errorf("Content-Type = %q", r.ctype)
	}
	c1 := 0
	for _, b := range r.body {
		if b >= 0x80 && b <= 0x9F {
			c1++
		}
	}
	if c1 < 10 {
		t.Errorf("%d bytes in 0x80–0x9F, want many", c1)
	}
	s := decode(t, HostDailyEn, r.body)
	for _, want := range []string{"China’s", "‘Jointly", "€1.99", "Updated: 2022-11-08 11:05", "Source: Xinhua"} {
		if !strings.Contains(s, want) {
			t.Errorf("decoded page lacks %q", want)
		}
	}
}

func TestAggregatorUTF8(t *testing.T) {
	r := page(t, HostAggregator, pathAggregator)
	if r.ctype != "text/html; charset=utf-8" || !utf8.Valid(r.body) || bytes.HasPrefix(r.body, []byte(bom)) {
		t.Errorf("want plain labelled UTF-8, got %q", r.ctype)
	}
}
