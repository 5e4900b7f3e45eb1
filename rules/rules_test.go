package rules

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const good = `sites:
  - name: scio
    hosts: [www.scio.gov.cn, English.SCIO.gov.cn.]
    authority: official
    publisher: State Council Information Office
    seeds: [http://www.scio.gov.cn/zfbps/]
    follow: ['^/zfbps/']
    capture: ['/\d{4}/\d{4}/c\d+\.html?$']
    max_depth: 3
    delay: 2s
    parallel: 1
    encoding: gb18030
    tls: unverified
    content: 'td#zoom'
    drop: ['.share', '.editor']
    title: 'td.title'
    date: 'td.time'
    date_format: '2006-01-02'
  - name: agency
    hosts: www.news.cn
  - name: gov
    hosts: [中国.政务]
`

func TestParseGood(t *testing.T) {
	set, err := Parse("good.yaml", []byte(good))
	if err != nil {
		t.Fatal(err)
	}
	s := set.ForHost("english.scio.gov.cn:8080")
	if s == nil || s.Name != "scio" {
		t.Fatalf("ForHost = %+v, want scio", s)
	}
	if s.Delay != 2*time.Second || s.Parallel != 1 || s.MaxDepth == nil || *s.MaxDepth != 3 || s.Authority != Official || !s.UnverifiedTLS {
		t.Errorf("scalars wrong: %+v", s)
	}
	if !s.Capture[0].MatchString("/2022/1107/c123.htm") || len(s.Drop) != 2 || s.Line != 2 {
		t.Errorf("lists or line wrong: capture %v drop %v line %d", s.Capture, s.Drop, s.Line)
	}
	if set.ForHost("www.news.cn").UnverifiedTLS {
		t.Error("a site without tls: unverified has its certificates unverified")
	}
	if set.ForHost("www.news.cn").Name != "agency" || set.ForHost("news.cn") != nil {
		t.Error("host matching must be exact")
	}
	if s := set.ForHost("xn--fiqs8s.xn--zfr164b"); s == nil || s.Name != "gov" { // the host of http://中国.政务/
		t.Errorf("a host written in Unicode does not match its URL's punycode host: %+v", s)
	}
}

func TestParseErrors(t *testing.T) {
	cases := []struct{ name, yaml, want string }{
		{"bad yaml", "sites:\n  - name: x\n    hosts: [a]\n  bad\n", "f.yaml:4: bad YAML: could not find expected ':'"},
		{"repeated field", "sites:\n  - name: x\n    hosts: [a.b]\n    name: y\n", `f.yaml:4: field "name" given twice`},
		{"unknown top", "site:\n  - name: x\n", `f.yaml:1: unknown field "site"`},
		{"unknown field", "sites:\n  - name: x\n    hosts: [a.b]\n    colour: red\n", `f.yaml:4: unknown field "colour" in site`},
		{"bad selector", "sites:\n  - name: x\n    hosts: [a.b]\n    content: 'div[[['\n", `f.yaml:4: bad selector "div[[["`},
		{"bad regexp", "sites:\n  - name: x\n    hosts: [a.b]\n    follow: ['(']\n", `f.yaml:4: bad pattern "("`},
		{"bad duration", "sites:\n  - name: x\n    hosts: [a.b]\n    delay: soon\n", `f.yaml:4: bad duration "soon"`},
		{"bad count", "sites:\n  - name: x\n    hosts: [a.b]\n    parallel: -1\n", `f.yaml:4: want a whole number`},
		{"bad authority", "sites:\n  - name: x\n    hosts: [a.b]\n    authority: royal\n", `f.yaml:4: bad authority "royal"`},
		{"bad tls", "sites:\n  - name: x\n    hosts: [a.b]\n    tls: off\n", `f.yaml:4: bad tls "off" (want verify or unverified)`},
		{"bad encoding", "sites:\n  - name: x\n    hosts: [a.b]\n    encoding: klingon\n", `f.yaml:4: unknown encoding "klingon"`},
		{"bad seed", "sites:\n  - name: x\n    hosts: [a.b]\n    seeds: [ftp://a.b/]\n", `f.yaml:4: bad seed`},
		{"no hosts", "sites:\n  - name: x\n", `f.yaml:2: site "x" has no hosts`},
		{"bad IDN host", "sites:\n  - name: x\n    hosts: [\"a\u00a0b.test\"]\n", `f.yaml:3: bad host "a\u00a0b.test": host`},
		{"dup host", "sites:\n  - name: x\n    hosts: [a.b]\n  - name: y\n    hosts: [A.b]\n", `f.yaml:4: host a.b is already claimed by site "x" (f.yaml:2)`},
		{"empty", "", "f.yaml:1: empty rules file"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse("f.yaml", []byte(c.yaml))
			if err == nil || !strings.HasPrefix(err.Error(), c.want) {
				t.Fatalf("err = %v, want prefix %q", err, c.want)
			}
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("errors.Is(err, ErrInvalid) = false for %v", err)
			}
		})
	}
}

func TestLoadNamesFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "r.yaml")
	if err := os.WriteFile(path, []byte("sites:\n  - name: x\n    hosts: [a.b]\n    delay: 1 parsec\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Load(path)
	if err == nil || !strings.HasPrefix(err.Error(), path+":4: ") {
		t.Fatalf("err = %v, want %s:4: …", err, path)
	}
	if _, err := Load(filepath.Join(t.TempDir(), "missing.yaml")); err == nil {
		t.Fatal("missing file: want error")
	}
}

func TestAuthority(t *testing.T) {
	cases := []struct {
		host string
		want Authority
	}{
		{"www.scio.gov.cn", Official},
		{"WWW.SCIO.GOV.CN.", Official},
		{"www.scio.gov.cn.test", Unknown}, // a .test name imitates, it is not the publisher
		{"english.news.cn", Agency},
		{"www.news.cn.test", Unknown},
		{"www.reuters.com", Agency},
		{"www.whitehouse.gov", Official},
		{"www.gov.uk", Official},
		{"www.aggregator.test", Unknown},
		{"notgov.cn", Unknown},
	}
	for _, c := range cases {
		if got, _ := AuthorityOf(c.host); got != c.want {
			t.Errorf("AuthorityOf(%s) = %s, want %s", c.host, got, c.want)
		}
	}
	set, err := Parse("f.yaml", []byte("sites:\n  - name: agg\n    hosts: [www.aggregator.test]\n    authority: aggregator\n"))
	if err != nil {
		t.Fatal(err)
	}
	if a, why := set.Authority("www.aggregator.test"); a != Aggregator || why != "rule agg" {
		t.Errorf("rule authority = %s (%s)", a, why)
	}
	if a, why := set.Authority("english.news.cn"); a != Agency || why != "suffix .news.cn" {
		t.Errorf("suffix authority = %s (%s)", a, why)
	}
	if a, why := set.Authority("www.news.cn.test"); a != Unknown || why != "no rule or known suffix" {
		t.Errorf("authority of a .test host without a rule = %s (%s), want unknown", a, why)
	}
	if Official.Rank() <= Agency.Rank() || Aggregator.Rank() <= Unknown.Rank() {
		t.Error("rank order broken")
	}
}
