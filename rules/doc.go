// Package rules holds site rules: which hosts a site has, how authoritative
// its publisher is, what to crawl, and how to read its pages. Rules files are
// YAML, validated whole before anything runs; errors name file:line.
//
// A rules file is a list of sites:
//
//	sites:
//	  - name: scio                 # required
//	    hosts: [www.scio.gov.cn]   # required; each host belongs to one site
//	    authority: official        # official | agency | news | portal | aggregator | unknown
//	    publisher: 国务院新闻办公室
//	    seeds: [http://www.scio.gov.cn/zfbps/]  # on the site's own hosts
//	    follow: ['^/zfbps/']       # path regexps whose links are followed (none: all)
//	    capture: ['/\d{4}/c\d+\.htm$']  # path regexps of document pages (none: every page)
//	    deny: ['/print/']          # URL regexps never fetched
//	    max_depth: 3               # link depth from the seeds (0: the seeds only)
//	    delay: 2s                  # between requests to the site
//	    parallel: 1                # requests at once to the site
//	    encoding: gb18030          # forces the charset (WHATWG label)
//	    tls: unverified            # fetch though the certificate does not verify (default: verify)
//	    content: 'td#zoom'         # main-text selector; generic extraction when absent
//	    drop: ['.share']           # selectors removed from the content
//	    title: 'td.title'          # title selector
//	    date: 'td.time'            # publication-date selector
//	    date_format: '2006-01-02'  # Go layout for the date selector's text
//
// tls: unverified is for a site whose certificate is broken (expired,
// self-signed, for another name): its pages are fetched all the same and
// each capture records why the certificate did not verify. Every other
// site's certificate must verify, or the fetch fails.
//
// A seed must be on one of its site's hosts: elsewhere it would be crawled
// as a host with no rule. Validation goes on past a problem, so that the
// error (Errors) names every one of the file's, each at file:line.
//
// Without a rule, a host's authority comes from an embedded table of
// well-known suffixes (AuthorityOf).
//
// rules is a leaf: crawl, clean and archive may read it, it imports none of them.
package rules
