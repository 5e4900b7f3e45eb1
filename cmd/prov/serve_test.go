package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// lockedBuffer is a bytes.Buffer safe to read while a command writes it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func TestServeFlags(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		args []string
		code int
		says string
	}{
		{[]string{"serve", "--addr", "8080", "--db", filepath.Join(dir, "x.db")}, exitUsage, `--addr "8080": want HOST:PORT`},
		{[]string{"serve", "--db", filepath.Join(dir, "none.db")}, exitFailed, "no archive at " + filepath.Join(dir, "none.db")},
		{[]string{"serve", "extra"}, exitUsage, `unexpected argument "extra"`},
	}
	for _, c := range cases {
		var out, errb bytes.Buffer
		code := run(context.Background(), c.args, strings.NewReader(""), &out, &errb)
		if code != c.code || !strings.Contains(errb.String(), c.says) {
			t.Errorf("prov %s: exit %d, %q; want %d saying %q", strings.Join(c.args, " "), code, errb.String(), c.code, c.says)
		}
	}
}

// TestServeRuns starts prov serve on a loopback port the kernel picks,
// reads a page, and stops it as an interrupt would.
func TestServeRuns(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "demo.db")
	if code := run(context.Background(), []string{"demo", "--db", db, "--out", filepath.Join(dir, "b")}, strings.NewReader(""), io.Discard, io.Discard); code != exitOK {
		t.Fatalf("prov demo: exit %d", code)
	}
	ctx, cancel := context.WithCancel(context.Background())
	var out, errb lockedBuffer
	done := make(chan int)
	go func() {
		done <- run(ctx, []string{"serve", "--db", db, "--addr", "127.0.0.1:0"}, strings.NewReader(""), &out, &errb)
	}()
	addr := regexp.MustCompile(`on http://(127\.0\.0\.1:\d+)/`)
	var m []string
	for deadline := time.Now().Add(10 * time.Second); m == nil && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		m = addr.FindStringSubmatch(out.String())
	}
	if m == nil {
		cancel()
		t.Fatalf("prov serve printed no address: %q %q", out.String(), errb.String())
	}
	resp, err := http.Get("http://" + m[1] + "/runs")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), `<tr id="run-1" class="run">`) {
		t.Errorf("/runs: %s %.300s", resp.Status, body)
	}
	cancel()
	select {
	case code := <-done:
		if code != exitOK {
			t.Errorf("prov serve stopped with exit %d: %s", code, errb.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("prov serve did not stop when interrupted")
	}
}
