package testweb

import (
	"fmt"
	"strings"
)

// capture lists, per site, the path patterns of its article pages; home
// and channel pages are crawled for links but are not documents.
var capture = map[string][]string{
	HostSCIO:       {`^/zfbps/\d+/Document/\d+/\d+\.htm$`, `^/zhzc/\d{4}-\d{2}/\d{2}/content_\d+\.htm$`},
	HostXinhua:     {`^/politics/\d{4}-\d{2}/\d{2}/c_\d+\.htm$`},
	HostSecPortal:  {`^/news/\d+\.html$`},
	HostMirror:     {`^/\d{4}/\d{2}/[a-z0-9-]+\.html$`},
	HostDailyEn:    {`^/a/\d{6}/\d{2}/WS[0-9a-f]+\.html$`},
	HostAggregator: {`^/(news|private)/\d{8}/[a-z0-9-]+\.html$`},
}

// RulesYAML returns the rules file for the demo: one entry per site with
// its authority, publisher, seed, capture patterns and polite limits. Only
// scio names a content selector (td#zoom); every other site is left to the
// generic extractor. No site forces an encoding: the charset decision has
// to find each one from the bytes. The aggregator's /private/ copy is kept
// out by its robots.txt alone, not by a deny rule.
func RulesYAML() []byte {
	var b strings.Builder
	b.WriteString("# Rules for `prov demo`: the testweb mini-web (see testweb/doc.go).\n")
	b.WriteString("sites:\n")
	for _, s := range sites {
		fmt.Fprintf(&b, "  - name: %s\n", s.Name)
		fmt.Fprintf(&b, "    hosts: [%s]\n", s.Host)
		fmt.Fprintf(&b, "    authority: %s\n", s.Authority)
		fmt.Fprintf(&b, "    publisher: %s\n", quote(s.Publisher))
		fmt.Fprintf(&b, "    seeds: [http://%s/]\n", s.Host)
		b.WriteString("    capture:\n")
		for _, c := range capture[s.Host] {
			fmt.Fprintf(&b, "      - %s\n", quote(c))
		}
		b.WriteString("    max_depth: 3\n    delay: 50ms\n    parallel: 2\n")
		if s.Host == HostSCIO {
			b.WriteString("    content: 'td#zoom'\n")
		}
	}
	return []byte(b.String())
}

// quote makes s a single-quoted YAML scalar.
func quote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }
