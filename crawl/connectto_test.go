package crawl

import (
	"net/netip"
	"testing"
)

func TestParseConnectTo(t *testing.T) {
	cases := []struct {
		in   string
		want ConnectTo
	}{
		{"www.example.test:80:127.0.0.1:8080", ConnectTo{"www.example.test", "80", "127.0.0.1", "8080"}},
		{"WWW.Example.TEST:443:backend.test:", ConnectTo{"www.example.test", "443", "backend.test", ""}},
		{"::127.0.0.1:8080", ConnectTo{"", "", "127.0.0.1", "8080"}},
		{"[::1]:443:[FD00::1]:8443", ConnectTo{"::1", "443", "fd00::1", "8443"}},
		{"example.test:80::8080", ConnectTo{"example.test", "80", "", "8080"}},
		{"中国.政务:80:Bücher.test:8080", ConnectTo{"xn--fiqs8s.xn--zfr164b", "80", "xn--bcher-kva.test", "8080"}},
	}
	for _, c := range cases {
		got, err := ParseConnectTo(c.in)
		if err != nil || got != c.want {
			t.Errorf("ParseConnectTo(%q) = %+v, %v; want %+v", c.in, got, err, c.want)
		}
		if again, err := ParseConnectTo(got.String()); err != nil || again != got {
			t.Errorf("round trip of %q: %+v, %v", got.String(), again, err)
		}
	}
	for _, bad := range []string{"", "a:80:b", "a:80:b:90:extra", "a:http:b:80", "a:80:b:70000", "[::1:80:b:80", "[::1]x:80:b:80", "a b.test:80:b:80"} {
		if got, err := ParseConnectTo(bad); err == nil {
			t.Errorf("ParseConnectTo(%q) = %+v, want an error", bad, got)
		}
	}
}

func TestRoute(t *testing.T) {
	entries := []ConnectTo{
		{"www.example.test", "80", "127.0.0.1", "8080"},
		{"", "443", "", "8443"},
		{"any.test", "", "10.0.0.1", ""},
	}
	cases := []struct {
		host, port, want string
		named            bool
	}{
		{"WWW.example.test", "80", "127.0.0.1:8080", true},
		{"www.example.test", "81", "www.example.test:81", false},
		{"other.test", "443", "other.test:8443", false},
		{"any.test", "9", "10.0.0.1:9", true},
		{"127.0.0.1", "8080", "127.0.0.1:8080", true},
		{"127.0.0.1", "8081", "127.0.0.1:8081", false},
	}
	for _, c := range cases {
		addr, named := route(entries, c.host, c.port)
		if addr != c.want || named != c.named {
			t.Errorf("route(%s, %s) = %s, %v; want %s, %v", c.host, c.port, addr, named, c.want, c.named)
		}
	}
}

func TestPrivateClass(t *testing.T) {
	cases := map[string]string{
		"127.0.0.1": "loopback", "::1": "loopback", "::ffff:127.0.0.1": "loopback",
		"10.1.2.3": "private", "172.16.0.1": "private", "192.168.1.1": "private", "fd00::1": "private",
		"::ffff:192.168.1.1": "private", "64:ff9b::10.0.0.1": "private",
		"169.254.169.254": "link-local", "fe80::1": "link-local",
		"0.0.0.0": "unspecified", "::": "unspecified", "0.1.2.3": "unspecified",
		"100.64.0.1": "shared", "239.1.2.3": "multicast", "224.0.0.1": "link-local", "255.255.255.255": "multicast",
		"93.184.216.34": "", "2606:4700::1": "", "64:ff9b::93.184.216.34": "",
	}
	for in, want := range cases {
		if got := privateClass(netip.MustParseAddr(in)); got != want {
			t.Errorf("privateClass(%s) = %q, want %q", in, got, want)
		}
	}
}
