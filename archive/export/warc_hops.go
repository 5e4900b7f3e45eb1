package export

import (
	"fmt"

	"github.com/prov-archive/prov/archive"
)

// redirects are the hops of c's fetch before its final exchange:
// Capture.Redirects lists every hop in order, ending with the final one.
func redirects(c *archive.Capture) []archive.Hop {
	if len(c.Redirects) < 2 {
		return nil
	}
	return c.Redirects[:len(c.Redirects)-1]
}

// hops writes a request and a response record for each redirect of c's
// fetch, in order. A hop's response has no payload (redirect bodies are
// not kept); a head that was not kept is a status line and a Location
// line naming the next hop.
func (ww *warcWriter) hops(c *archive.Capture) error {
	hops := redirects(c)
	for i, h := range hops {
		next := targetURI(c)
		if i+1 < len(c.Redirects) {
			next = c.Redirects[i+1].URL
		}
		reqHead, _ := requestHead(h.RequestHead, c.Method, h.URL, c.RequestHeader)
		respHead, _ := responseHead(h.ResponseHead, h.Status, map[string][]string{"Location": {next}})
		x := exchange{role: fmt.Sprintf("hop %d/", i+1), target: h.URL, reqHead: reqHead, respHead: respHead,
			payloadSHA: archive.Sum(nil).String(), status: h.Status, truncated: "unspecified",
			repaired: h.ResponseHead != "" && h.HeadRepairs != nil}
		if headField(respHead, "Content-Length") == "0" {
			x.truncated = ""
		}
		if _, err := ww.exchange(c, x); err != nil {
			return fmt.Errorf("redirect %d (%s): %w", i+1, h.URL, err)
		}
	}
	return nil
}
