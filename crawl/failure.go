package crawl

import (
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/textproto"
	"strings"
	"syscall"
)

// Reason is why a fetch failed, in the few classes run records count
// failures by and that say whether a page is gone or only unreachable now.
// An HTTP error status is its own class, "http NNN".
type Reason string

// The failure classes of a Page. NoFailure is a page fetched well.
const (
	NoFailure         Reason = ""
	FailRobots        Reason = "robots"
	FailRobotsDown    Reason = "robots.txt unreachable"
	FailPrivate       Reason = "private address"
	FailOutOfScope    Reason = "out of scope"
	FailDuplicate     Reason = "duplicate"
	FailDNS           Reason = "dns"
	FailRefused       Reason = "connection refused"
	FailReset         Reason = "connection reset"
	FailTimeout       Reason = "timeout"
	FailTLS           Reason = "tls"
	FailRedirects     Reason = "redirects"
	FailCutShort      Reason = "cut short"
	FailCoding        Reason = "content coding"
	FailMalformed     Reason = "malformed response"
	FailOther         Reason = "other"
	httpReasonPattern        = "http %d"
)

// HTTPFailure is the class of an answer with error status code.
func HTTPFailure(code int) Reason { return Reason(fmt.Sprintf(httpReasonPattern, code)) }

// Failure classifies p: NoFailure for a fetch that brought an answer
// below 400, HTTPFailure for one at or above, and else the class of its
// error.
func (p Page) Failure() Reason {
	var dnsErr *net.DNSError
	switch {
	case p.Err == nil && p.Status >= 400:
		return HTTPFailure(p.Status)
	case p.Err == nil:
		return NoFailure
	case errors.Is(p.Err, ErrRobotsDisallowed):
		return FailRobots
	case errors.Is(p.Err, ErrRobotsUnreachable):
		return FailRobotsDown
	case errors.Is(p.Err, ErrPrivateAddress):
		return FailPrivate
	case errors.Is(p.Err, ErrOutOfScope):
		return FailOutOfScope
	case errors.Is(p.Err, ErrDuplicate):
		return FailDuplicate
	case errors.As(p.Err, &dnsErr):
		return FailDNS
	case errors.Is(p.Err, syscall.ECONNREFUSED):
		return FailRefused
	case errors.Is(p.Err, syscall.ECONNRESET):
		return FailReset
	case errors.Is(p.Err, ErrCutShort):
		return FailCutShort
	case errors.As(p.Err, new(*codingError)):
		return FailCoding
	case timedOut(p.Err):
		return FailTimeout
	case tlsFailure(p.Err):
		return FailTLS
	case errors.Is(p.Err, ErrRedirects):
		return FailRedirects
	case malformed(p.Err), errors.Is(p.Err, ErrUnaskedNotModified):
		return FailMalformed
	}
	return FailOther
}

// malformedSigns are how net/http words its refusal of a response that
// is not HTTP as browsers read it either, once the transport has mended
// what they read past (headmend.go): a status line it cannot read, two
// Content-Lengths that disagree, a head past maxHead, a transfer coding
// besides chunked. net/http returns them as plain errors, so their words
// are the only sign; TestMalformedResponses holds them to net/http's.
var malformedSigns = []string{
	"malformed HTTP status code", "malformed HTTP version", "malformed HTTP response",
	"malformed MIME header", "cannot contain multiple Content-Length headers", "bad Content-Length",
	"server response headers exceeded", "unsupported transfer encoding",
}

func malformed(err error) bool {
	if errors.As(err, new(textproto.ProtocolError)) {
		return true
	}
	msg := err.Error()
	for _, sign := range malformedSigns {
		if strings.Contains(msg, sign) {
			return true
		}
	}
	return false
}

// tlsFailure says whether err is a TLS handshake's failure: a chain or
// name that does not verify (the dialer's verify, like crypto/tls, wraps
// every such error in a CertificateVerificationError), an alert from the
// server, or a peer that does not speak TLS.
func tlsFailure(err error) bool {
	var verify *tls.CertificateVerificationError
	var alert tls.AlertError
	var record tls.RecordHeaderError
	return errors.As(err, &verify) || errors.As(err, &alert) || errors.As(err, &record)
}

// Gone says whether p shows its URL gone rather than failing for now: a
// 404 or 410 answer, or a name the DNS answers does not exist. A refused
// connection, a lookup that failed (no resolver reached, a timeout) or any
// other failure says only that the site could not be reached now: a
// server down for the night, or a machine off the network, is not a
// removal.
func (p Page) Gone() bool {
	var dnsErr *net.DNSError
	switch p.Failure() {
	case HTTPFailure(404), HTTPFailure(410):
		return true
	case FailDNS:
		return errors.As(p.Err, &dnsErr) && dnsErr.IsNotFound && !dnsErr.IsTemporary && !dnsErr.IsTimeout
	}
	return false
}
