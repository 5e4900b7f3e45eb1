package serve

import (
	"fmt"
	"net"
	"net/http"
	"strings"
)

// hostGuard decides which Host headers the server answers. A server on
// loopback answers only to a loopback address, localhost, or the host it
// was told to listen on: a page of another site can make its own name
// resolve to 127.0.0.1 (DNS rebinding), and the browser would then let
// it read the answers, but it still names its own host in Host. A server
// told to listen on every address, or on an address beyond loopback, was
// opened to the network on purpose (prov serve warns of it), and answers
// to any name it is reached by.
type hostGuard struct {
	anyHost bool
	own     string // the host of Config.Addr, lower case
}

// guardFor is the guard of a server listening on addr (Config.Addr, ""
// for loopback): any Host when addr's host is empty (every address) or an
// IP address beyond loopback; else the loopback names and addr's host,
// which may be a name.
func guardFor(addr string) hostGuard {
	if addr == "" {
		return hostGuard{}
	}
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		host = addr
	}
	if ip := net.ParseIP(host); host == "" || ip != nil && !ip.IsLoopback() {
		return hostGuard{anyHost: true}
	}
	return hostGuard{own: strings.ToLower(host)}
}

// allows reports whether a request's Host (with or without a port) names
// this server.
func (g hostGuard) allows(hostport string) bool {
	if g.anyHost {
		return true
	}
	host, _, err := net.SplitHostPort(hostport)
	if err != nil {
		host = strings.TrimSuffix(strings.TrimPrefix(hostport, "["), "]")
	}
	host = strings.ToLower(host)
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return true
	}
	return host != "" && (host == "localhost" || host == g.own)
}

// checkHost answers 421 to a request whose Host does not name this
// server (hostGuard), before any page is read, in plain text: the UI's
// error page would show the archive's path to the page that asked.
func (s *Server) checkHost(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.hosts.allows(r.Host) {
			h.ServeHTTP(w, r)
			return
		}
		if s.cfg.Log != nil {
			s.cfg.Log.Printf("%s %s: 421 Host %q refused", r.Method, r.URL, r.Host)
		}
		http.Error(w, fmt.Sprintf("Host %q is not a name of this server: on loopback it answers only to localhost, 127.0.0.1, [::1] "+
			"and the host it listens on, so that a page of another site cannot read the archive through a name of its own (DNS rebinding)", r.Host),
			http.StatusMisdirectedRequest)
	})
}

// ownPagesOnly refuses (403) heavy work, a verify or an export, that a
// page of another site asked for: browsers say in Sec-Fetch-Site who
// made a request, and only prov's own pages (same-origin) and the user
// (none: a typed address, a bookmark) may start it. A request without the
// header (curl, an older browser) is the user's own.
func ownPagesOnly(h handler) handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		switch site := r.Header.Get("Sec-Fetch-Site"); site {
		case "", "none", "same-origin":
			return h(w, r)
		default:
			return httpError{http.StatusForbidden, fmt.Sprintf("%s asked for by a page of another site (Sec-Fetch-Site: %s): follow the link on prov's own page, or type the address", r.URL.Path, site)}
		}
	}
}
