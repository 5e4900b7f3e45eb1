package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/crawl"
	"github.com/prov-archive/prov/serve"
)

type serveOptions struct {
	db   string
	addr string
}

// defaultServeAddr is loopback: the archive is shown to this machine
// only, unless --addr says otherwise.
const defaultServeAddr = "127.0.0.1:8080"

func (o *serveOptions) validate() error {
	if _, port, err := net.SplitHostPort(o.addr); err != nil || port == "" {
		return usagef("e.g. --addr 127.0.0.1:8080", "--addr %q: want HOST:PORT", o.addr)
	}
	return nil
}

// runServe serves the read-only web view of an archive until interrupted.
func runServe(ctx context.Context, e *env, args []string) error {
	var o serveOptions
	fs := newFlags("serve", "", e.stderr)
	fs.StringVar(&o.db, "db", "", dbUsage)
	fs.StringVar(&o.addr, "addr", defaultServeAddr, "listen on `HOST:PORT` (loopback unless given)")
	if err := parseNone(fs, args); err != nil {
		return err
	}
	if err := o.validate(); err != nil {
		return err
	}
	path := dbPath(o.db, e.getenv)
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("no archive at %s (crawl first, or give --db)", path)
	}
	if err := checkArchive(path); err != nil {
		return err
	}
	srv, err := serve.New(serve.Config{DB: path, Addr: o.addr, Version: crawl.Version, Log: log.New(e.stderr, "prov serve: ", 0)})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "prov serve: %s on http://%s/ (read-only) until interrupted\n", path, ln.Addr())
	if ip := ln.Addr().(*net.TCPAddr).IP; !ip.IsLoopback() {
		fmt.Fprintf(e.stderr, "prov serve: warning: listening beyond loopback (%s): whoever reaches it reads the archive\n", ln.Addr())
	}
	return serveUntil(ctx, ln, srv.Handler())
}

// checkArchive refuses, before anything is served, a file that is not a
// prov archive prov can read (random bytes, an empty file, a folder, a
// newer schema), as every other command does: a server that started on
// one would answer every page with an error. The file is opened read-only
// and closed at once, waiting for a crawl's commit as a read does.
func checkArchive(path string) error {
	db, err := archive.Open(path, archive.Options{ReadOnly: true, Timeout: readTimeout})
	if err != nil {
		return err
	}
	return db.Close()
}

// serveUntil serves h on ln until ctx ends, then lets requests in flight
// finish for a few seconds.
func serveUntil(ctx context.Context, ln net.Listener, h http.Handler) error {
	hs := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	done := make(chan error, 1)
	go func() { done <- hs.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := hs.Shutdown(shut); err != nil {
		return err
	}
	if err := <-done; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
