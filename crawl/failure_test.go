package crawl

import (
	"context"
	"fmt"
	"net"
	"os"
	"syscall"
	"testing"
)

func TestPageFailure(t *testing.T) {
	wrap := func(err error) error { return fmt.Errorf("crawl: fetch http://x.example/: %w", err) }
	cases := []struct {
		p    Page
		want Reason
		gone bool
	}{
		{Page{Status: 200}, NoFailure, false},
		{Page{Status: 304}, NoFailure, false},
		{Page{Status: 404}, "http 404", true},
		{Page{Status: 410}, "http 410", true},
		{Page{Status: 503}, "http 503", false},
		{Page{Err: wrap(ErrRobotsDisallowed)}, FailRobots, false},
		{Page{Err: wrap(ErrPrivateAddress)}, FailPrivate, false},
		{Page{Err: wrap(ErrOutOfScope)}, FailOutOfScope, false},
		{Page{Err: wrap(ErrDuplicate)}, FailDuplicate, false},
		{Page{Err: wrap(&net.DNSError{Err: "no such host", Name: "x.example", IsNotFound: true})}, FailDNS, true},
		{Page{Err: wrap(&net.OpError{Op: "dial", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)})}, FailRefused, true},
		{Page{Err: wrap(&net.OpError{Op: "read", Err: os.NewSyscallError("read", syscall.ECONNRESET)})}, FailReset, false},
		{Page{Err: wrap(context.DeadlineExceeded)}, FailTimeout, false},
		{Page{Err: wrap(fmt.Errorf("read body: unexpected EOF"))}, FailOther, false},
	}
	for _, c := range cases {
		if got := c.p.Failure(); got != c.want {
			t.Errorf("Failure of status %d, err %v = %q, want %q", c.p.Status, c.p.Err, got, c.want)
		}
		if got := c.p.Gone(); got != c.gone {
			t.Errorf("Gone of status %d, err %v = %v, want %v", c.p.Status, c.p.Err, got, c.gone)
		}
	}
}

// A real refused connection is classed as refused: the class depends on
// how the dialer wraps the error, which the table above only imitates.
func TestFetchRefusedIsFailRefused(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	cfg := Config{AllowPrivate: true, Retries: -1}
	p, _ := Fetch(context.Background(), cfg, "http://"+addr+"/gone")
	if got := p.Failure(); got != FailRefused || !p.Gone() {
		t.Fatalf("fetch of a closed port: failure %q (gone %v), err %v; want %q", got, p.Gone(), p.Err, FailRefused)
	}
}
