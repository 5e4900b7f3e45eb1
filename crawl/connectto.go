package crawl

import (
	"fmt"
	"net"
	"strconv"
	"strings"

	"github.com/prov-archive/prov/rules"
)

// ConnectTo routes connections, with curl's --connect-to meaning: a request
// for Host:Port is sent to ToHost:ToPort instead, with the URL and the Host
// header unchanged. An empty Host or Port matches any; an empty ToHost or
// ToPort keeps the request's own. Hosts are stored without IPv6 brackets.
type ConnectTo struct {
	Host   string
	Port   string
	ToHost string
	ToPort string
}

// String gives the curl form, HOST:PORT:HOST2:PORT2.
func (c ConnectTo) String() string {
	return bracket(c.Host) + ":" + c.Port + ":" + bracket(c.ToHost) + ":" + c.ToPort
}

// ParseConnectTo parses curl's HOST:PORT:HOST2:PORT2. IPv6 addresses are
// written in brackets: "[::1]:443:[fd00::1]:8443".
func ParseConnectTo(s string) (ConnectTo, error) {
	fields, err := splitConnectTo(s)
	if err != nil {
		return ConnectTo{}, fmt.Errorf("crawl: connect-to %q: %w", s, err)
	}
	c := ConnectTo{Port: fields[1], ToPort: fields[3]}
	for i, h := range []*string{&c.Host, &c.ToHost} {
		if *h, err = rules.ASCIIHost(fields[2*i]); err != nil {
			return ConnectTo{}, fmt.Errorf("crawl: connect-to %q: %w", s, err)
		}
	}
	for _, p := range []string{c.Port, c.ToPort} {
		if err := checkPort(p); err != nil {
			return ConnectTo{}, fmt.Errorf("crawl: connect-to %q: %w", s, err)
		}
	}
	return c, nil
}

// splitConnectTo cuts s into its four fields, honouring IPv6 brackets.
func splitConnectTo(s string) ([]string, error) {
	var fields []string
	for len(fields) < 4 {
		field, rest, err := cutField(s)
		if err != nil {
			return nil, err
		}
		fields = append(fields, field)
		if len(fields) < 4 {
			if !strings.HasPrefix(rest, ":") {
				return nil, fmt.Errorf("want HOST:PORT:HOST2:PORT2")
			}
			rest = rest[1:]
		}
		s = rest
	}
	if s != "" {
		return nil, fmt.Errorf("trailing %q after HOST:PORT:HOST2:PORT2", s)
	}
	return fields, nil
}

// cutField returns the field at the start of s (brackets removed) and the rest.
func cutField(s string) (field, rest string, err error) {
	if strings.HasPrefix(s, "[") {
		end := strings.IndexByte(s, ']')
		if end < 0 {
			return "", "", fmt.Errorf("unclosed [")
		}
		return s[1:end], s[end+1:], nil
	}
	if i := strings.IndexByte(s, ':'); i >= 0 {
		return s[:i], s[i:], nil
	}
	return s, "", nil
}

func checkPort(p string) error {
	if p == "" {
		return nil
	}
	n, err := strconv.Atoi(p)
	if err != nil || n < 1 || n > 65535 {
		return fmt.Errorf("bad port %q", p)
	}
	return nil
}

func bracket(host string) string {
	if strings.Contains(host, ":") {
		return "[" + host + "]"
	}
	return host
}

// route returns where a connection for host:port goes, and whether a
// --connect-to entry named the destination host (which allows it even when
// private). The first matching entry wins, as in curl.
func route(entries []ConnectTo, host, port string) (addr string, named bool) {
	host = strings.ToLower(host)
	for _, c := range entries {
		if (c.Host != "" && c.Host != host) || (c.Port != "" && c.Port != port) {
			continue
		}
		toHost, toPort := host, port
		if c.ToHost != "" {
			toHost = c.ToHost
		}
		if c.ToPort != "" {
			toPort = c.ToPort
		}
		return net.JoinHostPort(toHost, toPort), c.ToHost != "" || isTarget(entries, toHost, toPort)
	}
	return net.JoinHostPort(host, port), isTarget(entries, host, port)
}

// isTarget reports whether host:port is named as the destination of an entry,
// so that a URL pointing straight at a --connect-to target is allowed too.
func isTarget(entries []ConnectTo, host, port string) bool {
	for _, c := range entries {
		if c.ToHost != "" && c.ToHost == host && (c.ToPort == "" || c.ToPort == port) {
			return true
		}
	}
	return false
}
