package crawl

import (
	"bytes"
	"context"
	"errors"
	"net"
	"reflect"
	"strings"
	"testing"
)

func fetch(t *testing.T, cfg Config, path string) Page {
	t.Helper()
	p, err := Fetch(context.Background(), cfg, "http://"+testHost+path)
	if err != nil {
		t.Fatalf("Fetch %s: %v", path, err)
	}
	return p
}

func TestConnectToKeepsHost(t *testing.T) {
	ts := newTestServer(t)
	p := fetch(t, ts.config(), "/host")
	if string(p.Content) != testHost || p.RequestHeader.Get("Host") != testHost {
		t.Errorf("server saw Host %q, request header %q", p.Content, p.RequestHeader.Get("Host"))
	}
	if p.FinalURL != "http://"+testHost+"/host" {
		t.Errorf("FinalURL %q", p.FinalURL)
	}
	if host, port, _ := net.SplitHostPort(p.RemoteAddr); host != "127.0.0.1" || port != ts.port() {
		t.Errorf("RemoteAddr %q", p.RemoteAddr)
	}
}

func TestPrivateAddressRefused(t *testing.T) {
	ts := newTestServer(t)
	cases := map[string]struct {
		cfg  Config
		url  string
		addr string
	}{
		"direct":         {Config{}, ts.URL + "/a", ts.Listener.Addr().String()},
		"resolved name":  {Config{}, "http://localhost:" + ts.port() + "/a", "127.0.0.1:" + ts.port()},
		"via redirect":   {ts.config(), "http://" + testHost + "/to-loopback", "127.0.0.1:1"},
		"port not named": {ts.config(), "http://127.0.0.1:1/", "127.0.0.1:1"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			p, err := Fetch(context.Background(), c.cfg, c.url)
			if !errors.Is(err, ErrPrivateAddress) || !errors.Is(p.Err, ErrPrivateAddress) {
				t.Fatalf("err = %v, want ErrPrivateAddress", err)
			}
			if !strings.Contains(err.Error(), c.addr) {
				t.Errorf("error %q does not name %s", err, c.addr)
			}
		})
	}
	if n := ts.hit("/a"); n != 0 {
		t.Errorf("/a requested %d times", n)
	}
	t.Run("redirect hop recorded", func(t *testing.T) {
		p, _ := Fetch(context.Background(), ts.config(), "http://"+testHost+"/to-loopback")
		if len(p.Redirects) != 1 || p.Redirects[0].Status != 302 {
			t.Errorf("Redirects %v", p.Redirects)
		}
	})
	t.Run("AllowPrivate", func(t *testing.T) {
		p, err := Fetch(context.Background(), Config{AllowPrivate: true}, ts.URL+"/a")
		if err != nil || p.Status != 200 {
			t.Fatalf("status %d, %v", p.Status, err)
		}
	})
	t.Run("connect-to target named directly", func(t *testing.T) {
		if _, err := Fetch(context.Background(), ts.config(), ts.URL+"/a"); err != nil {
			t.Fatal(err)
		}
	})
}

func TestFetchRobots(t *testing.T) {
	ts := newTestServer(t)
	for _, path := range []string{"/private/x", "/to-private"} {
		if _, err := Fetch(context.Background(), ts.config(), "http://"+testHost+path); !errors.Is(err, ErrRobotsDisallowed) {
			t.Errorf("%s: err = %v, want ErrRobotsDisallowed", path, err)
		}
	}
	if n := ts.hit("/private/x") + ts.hit("/private/target"); n != 0 {
		t.Errorf("disallowed paths requested %d times", n)
	}
}

func TestRedirectChain(t *testing.T) {
	ts := newTestServer(t)
	p := fetch(t, ts.config(), "/r1")
	want := []Hop{{URL: "http://" + testHost + "/r1", Status: 301}, {URL: "http://" + testHost + "/r2", Status: 301}, {URL: "http://" + testHost + "/r3", Status: 200}}
	if len(p.Redirects) != len(want) {
		t.Fatalf("Redirects %v", p.Redirects)
	}
	for i := range want {
		if got := (Hop{URL: p.Redirects[i].URL, Status: p.Redirects[i].Status}); !reflect.DeepEqual(got, want[i]) { // heads: TestRedirectHeads
			t.Errorf("hop %d = %v, want %v", i, p.Redirects[i], want[i])
		}
	}
	if p.Status != 200 || p.FinalURL != want[2].URL || p.RequestedURL != want[0].URL || string(p.Content) != article {
		t.Errorf("page %d %s %s", p.Status, p.RequestedURL, p.FinalURL)
	}
	t.Run("a Location's fragment is not part of the URL fetched", func(t *testing.T) {
		p := fetch(t, ts.config(), "/rfrag")
		if want := "http://" + testHost + "/r3"; p.FinalURL != want || len(p.Redirects) != 2 || p.Redirects[1].URL != want {
			t.Errorf("final URL %s, hops %v; want %s", p.FinalURL, p.Redirects, want)
		}
	})
	t.Run("in a run", func(t *testing.T) {
		got := crawlAll(t, ts.config("/r1"))
		if r := got["/r1"].Redirects; len(r) != 3 || r[1].Status != 301 {
			t.Errorf("Redirects %v", r)
		}
	})
}

func TestContentCoding(t *testing.T) {
	ts := newTestServer(t)
	for _, c := range []struct{ path, coding string }{{"/gz", "gzip"}, {"/deflate", "deflate"}} {
		p := fetch(t, ts.config(), c.path)
		if p.Header.Get("Content-Encoding") != c.coding || bytes.Equal(p.Payload, p.Content) {
			t.Errorf("%s: payload not kept raw (Content-Encoding %q)", c.path, p.Header.Get("Content-Encoding"))
		}
		if string(p.Content) != article || p.Truncated {
			t.Errorf("%s: content %q, truncated %v", c.path, p.Content, p.Truncated)
		}
	}
	p := fetch(t, ts.config(), "/gz")
	if !bytes.HasPrefix(p.Payload, []byte{0x1f, 0x8b}) {
		t.Errorf("gzip payload starts % x", p.Payload[:2])
	}
}

func TestBodyLimit(t *testing.T) {
	ts := newTestServer(t)
	cfg := ts.config()
	cfg.MaxBodySize = 1000
	t.Run("wire body", func(t *testing.T) {
		p := fetch(t, cfg, "/big")
		if !p.Truncated || len(p.Payload) != 1000 || len(p.Content) != 1000 || p.Limit != 1000 {
			t.Errorf("truncated %v, payload %d, content %d, limit %d", p.Truncated, len(p.Payload), len(p.Content), p.Limit)
		}
	})
	t.Run("gzip bomb", func(t *testing.T) {
		cfg := cfg
		cfg.MaxBodySize = 10000 // the 4 MiB of zeros compress to about 4 KiB
		p := fetch(t, cfg, "/bomb")
		if !p.Truncated || len(p.Content) != 10000 || len(p.Payload) >= 10000 {
			t.Errorf("truncated %v, payload %d, content %d", p.Truncated, len(p.Payload), len(p.Content))
		}
	})
	t.Run("under the limit", func(t *testing.T) {
		if p := fetch(t, cfg, "/a"); p.Truncated {
			t.Error("small page flagged truncated")
		}
	})
}
