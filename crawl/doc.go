// Package crawl fetches pages and keeps them as they came.
//
// Vocabulary:
//
//   - A fetch is one request for one URL, following its redirects; it yields
//     exactly one Page, successful or not (Err set).
//   - A hop is one HTTP exchange inside a fetch; a fetch that was redirected
//     twice has three hops, recorded in order in Page.Redirects.
//   - The payload is the entity body as it came over the wire: transfer coding
//     (chunked) removed, content coding (gzip, deflate) kept. It is what the
//     archive hashes and stores. The content is the payload with its content
//     coding removed. Both are bounded by the body limit; a body that passed
//     the limit is cut there and flagged Truncated, never cut silently.
//   - A head is a request's or response's start line and header lines as
//     they crossed the wire over HTTP/1.x, in order and casing, CRLF-ended,
//     without the blank line; each hop keeps its two (heads.go). Header
//     maps hold the same headers as net/http parsed them.
//   - The canonical URL (Canonicalize) is a URL with its fragment, tracking
//     parameters, session ids, default port and case differences removed. It is the dedup
//     key: a run fetches each canonical URL at most once.
//   - The seen set holds the canonical URLs a run has queued or reached by a
//     redirect or a same-host rel=canonical link.
//   - The scope of a run is the set of hosts it may fetch: the hosts of its
//     seeds and the hosts named by its site rules, and a host of the same
//     registrable domain that one of them redirects to (a.test to
//     www.a.test). A redirect to any other host fails the fetch with
//     ErrOutOfScope, "out of scope: redirect to HOST" (the URL quoted for
//     one without a host, javascript: or data:).
//   - A document read for URLs is a robots.txt (its Sitemap: lines), a
//     sitemap or sitemap index (XML, gzip'd XML up to 50 MiB, or plain
//     text), or an RSS/Atom feed, found by discovery: the seed hosts'
//     robots.txt and /sitemap.xml, and the feeds a page names with <link
//     rel=alternate>. It goes through the frontier, robots.txt and the
//     host's pacing like a page, but it is not a page: it is never sent,
//     a failed one is only logged, and it counts against neither MaxPages
//     nor MaxPagesPerHost (at most maxDocsPerHost per host), but none is
//     fetched once MaxPages pages were taken. It must be in
//     scope (a host of the run, not denied); Follow patterns do not apply
//     to it. A sitemap or feed given as a seed, or linked as a page, is a
//     page whose entries are its links.
//   - Depth: a seed is 0; a page linked from a page at depth d is d+1; a
//     page listed by a sitemap or feed read at depth d is d+1; a sitemap
//     or feed is read at the depth of what found it (the seed hosts'
//     sitemaps at 0), so it is no step of its own.
//   - A skip is a link not queued, counted in Stats.SkipReasons with its
//     reason and logged at debug: out of scope, denied or not followed by
//     its site rule, too deep, over MaxPages or MaxPagesPerHost, a trap
//     (URL too long, runaway query, a path segment repeated more than
//     twice, an endless calendar: a calendar hint with a date over a year
//     ahead), or listed by a sitemap with a <lastmod> older than its last
//     capture (LastCaptured) — that page is marked seen and the links of
//     its stored copy are followed, as for a 304.
//   - A page's memory hold (Page.Memory) is what it has taken of the run's
//     byte budget (Config.Memory) for its payload, its content and the
//     work downstream will do on it (Config.Overhead); memory.go says when
//     a fetch takes it, and the receiver of a page releases it.
//   - A private address is one the crawler refuses to dial unless told
//     otherwise: loopback, RFC 1918 and fc00::/7, link-local, unspecified,
//     shared (100.64.0.0/10), multicast, and the IPv4-mapped and NAT64 forms
//     of those. The check runs on the resolved address at dial time, so it
//     covers every redirect hop and DNS rebinding. Addresses named as a
//     --connect-to target are allowed.
//
// Run's workers (worker.go) take URLs from the frontier and drive a colly
// collector synchronously, each in its host's turn (polite.go). colly's own defaults are not an
// archiver's: prov turns robots.txt on, sets the collector's fields after
// construction (so COLLY_* environment variables cannot turn robots.txt off),
// captures the body in its own http.RoundTripper before colly un-gzips or
// transcodes it, and checks robots.txt again on every redirect target.
//
// The transport joins its record of a fetch to colly's response through a
// private request header (fetchIDHeader) set in OnRequest: net/http copies
// request headers onto every redirect, so all hops of one fetch land in one
// record, whatever runs concurrently. The header is removed before the request
// goes on the wire.
package crawl
