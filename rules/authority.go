package rules

import "strings"

// suffixAuthority is the embedded table of well-known publishers: a host
// equal to a key or ending in "."+key has that authority. Longer keys are
// tried first, so "news.cn" (agency) beats "cn". A name under a reserved
// top-level domain such as .test is no publisher's, whatever comes before
// it: the demo mini-web's rules (testweb.RulesYAML) say each site's
// authority.
var suffixAuthority = map[string]Authority{
	"gov.cn": Official, "gov": Official, "gouv.fr": Official, "gov.uk": Official,
	"int": Official, "europa.eu": Official, "gc.ca": Official, "gov.au": Official,
	"go.jp": Official, "go.kr": Official, "gov.hk": Official, "gov.tw": Official,
	"mil": Official, "un.org": Official, "who.int": Official,
	"news.cn": Agency, "xinhuanet.com": Agency, "chinanews.com.cn": Agency,
	"chinanews.com": Agency, "reuters.com": Agency, "apnews.com": Agency,
	"afp.com": Agency, "kyodonews.net": Agency, "tass.com": Agency, "dpa.com": Agency,
	"people.com.cn": News, "chinadaily.com.cn": News, "cctv.com": News,
	"bbc.co.uk": News, "bbc.com": News, "nytimes.com": News, "theguardian.com": News,
	"washingtonpost.com": News, "scmp.com": News, "globaltimes.cn": News,
}

// AuthorityOf returns the authority the embedded table gives host, and the
// suffix that matched ("" and Unknown when none does).
func AuthorityOf(host string) (Authority, string) {
	labels := strings.Split(normalHost(host), ".")
	for i := range labels {
		suffix := strings.Join(labels[i:], ".")
		if a, ok := suffixAuthority[suffix]; ok {
			return a, suffix
		}
	}
	return Unknown, ""
}

// Authority returns the authority of host: the site rule's when one names
// the host and sets it, else the embedded table's. why says which.
func (s *Set) Authority(host string) (a Authority, why string) {
	return AuthorityFor(s.ForHost(host), host)
}
