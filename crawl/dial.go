package crawl

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"syscall"
	"time"
)

// ErrPrivateAddress is wrapped by the error of a dial that was refused
// because the resolved address is private (see the package doc).
var ErrPrivateAddress = errors.New("private address refused")

// allowKey marks a dial's context as allowed to reach private addresses.
type allowKey struct{}

// tlsHandshakeTimeout bounds a TLS handshake (net/http's own default).
const tlsHandshakeTimeout = 10 * time.Second

// dialer applies --connect-to routing and refuses private addresses.
type dialer struct {
	connectTo    []ConnectTo
	allowPrivate bool
	net          net.Dialer
	// roots verifies servers' certificates; nil means the system's
	// (Config.roots).
	roots *x509.CertPool
	// issuers completes chains that lack an intermediate (issuers.go).
	issuers *issuers
	// unverifiedOK says whether a host's rule lets its pages be fetched
	// though its certificate does not verify (rules: tls: unverified).
	unverifiedOK func(host string) bool
}

func newDialer(cfg Config) *dialer {
	d := &dialer{connectTo: cfg.ConnectTo, allowPrivate: cfg.AllowPrivate, roots: cfg.roots,
		unverifiedOK: func(host string) bool { s := cfg.Rules.ForHost(host); return s != nil && s.UnverifiedTLS }}
	d.net = net.Dialer{Timeout: cfg.Timeout, KeepAlive: 30 * time.Second, ControlContext: d.control}
	d.issuers = newIssuers(d)
	return d
}

// DialContext dials addr, or the --connect-to destination that replaces it.
func (d *dialer) DialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("crawl: dial %s: %w", addr, err)
	}
	to, named := route(d.connectTo, host, port)
	if named || d.allowPrivate {
		ctx = context.WithValue(ctx, allowKey{}, true)
	}
	return d.net.DialContext(ctx, network, to)
}

// DialTLSContext dials addr as DialContext does and makes the TLS
// handshake itself, so that the connection can be tapped above TLS, where
// its bytes are the plain text of the exchanges (heads.go); net/http's own
// handshake would leave only the encrypted bytes below it to a dialer.
//
// It offers HTTP/1.1 alone, as archival crawlers do: over HTTP/2 a head
// is binary frames, compressed against the connection's earlier ones, and
// could not be kept as it crossed the wire, so every https capture would
// lack its heads and its WARC records carry reconstructed ones. A polite
// crawl, a request at a time to a host, gains nothing from HTTP/2's
// streams. A tapped connection is no *tls.Conn to net/http, so its
// responses carry no TLS state (Response.TLS is nil); prov does not read
// it.
func (d *dialer) DialTLSContext(ctx context.Context, network, addr string) (net.Conn, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("crawl: dial %s: %w", addr, err)
	}
	raw, err := d.DialContext(ctx, network, addr)
	if err != nil {
		return nil, err
	}
	var unverified string
	conn := tls.Client(raw, &tls.Config{ServerName: host, NextProtos: []string{"http/1.1"},
		InsecureSkipVerify: true, // verify checks the chain and the name as crypto/tls would
		VerifyConnection: func(cs tls.ConnectionState) error {
			err := d.verify(host, cs)
			if err != nil && d.unverifiedOK(host) {
				unverified = host + ": " + err.Error()
				return nil
			}
			return err
		}})
	hctx, cancel := context.WithTimeout(ctx, tlsHandshakeTimeout)
	defer cancel()
	if err := conn.HandshakeContext(hctx); err != nil {
		raw.Close()
		return nil, err
	}
	tc := newTapConn(conn)
	tc.unverified = unverified
	return tc, nil
}

// control runs after name resolution, once per address tried, so it sees the
// address actually connected to: a name that resolves (or re-resolves) to a
// private address is caught here.
func (d *dialer) control(ctx context.Context, network, address string, _ syscall.RawConn) error {
	if allowed, _ := ctx.Value(allowKey{}).(bool); allowed {
		return nil
	}
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("crawl: dial %s: %w", address, err)
	}
	if class := privateClass(ap.Addr()); class != "" {
		return fmt.Errorf("%w (%s)", ErrPrivateAddress, class) // the dial's error names the address
	}
	return nil
}

var (
	sharedNet  = netip.MustParsePrefix("100.64.0.0/10")
	thisNet    = netip.MustParsePrefix("0.0.0.0/8")
	nat64      = netip.MustParsePrefix("64:ff9b::/96")
	broadcast4 = netip.MustParseAddr("255.255.255.255")
)

// privateClass names the kind of private address a is, or "" for a public one.
// IPv4-mapped (::ffff:a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) forms are judged
// by the IPv4 address they carry.
func privateClass(a netip.Addr) string {
	a = a.Unmap()
	if nat64.Contains(a) {
		b := a.As16()
		a = netip.AddrFrom4([4]byte(b[12:]))
	}
	switch {
	case a.IsLoopback():
		return "loopback"
	case a.IsPrivate():
		return "private"
	case a.IsLinkLocalUnicast(), a.IsLinkLocalMulticast():
		return "link-local"
	case a.IsUnspecified(), thisNet.Contains(a):
		return "unspecified"
	case sharedNet.Contains(a):
		return "shared"
	case a.IsMulticast(), a == broadcast4:
		return "multicast"
	}
	return ""
}
