package crawl

import (
	"context"
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

// dialer applies --connect-to routing and refuses private addresses.
type dialer struct {
	connectTo    []ConnectTo
	allowPrivate bool
	net          net.Dialer
}

func newDialer(cfg Config) *dialer {
	d := &dialer{connectTo: cfg.ConnectTo, allowPrivate: cfg.AllowPrivate}
	d.net = net.Dialer{Timeout: cfg.Timeout, KeepAlive: 30 * time.Second, ControlContext: d.control}
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
		return fmt.Errorf("crawl: dial %s (%s): %w", address, class, ErrPrivateAddress)
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
