package main

// One headless chromium for the whole test binary, shared by the browser
// tests (serve_browser_test.go) one tab each. It may never resolve a name
// on the network: every name but localhost and 127.0.0.1 maps to nothing.

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

func TestMain(m *testing.M) {
	code := m.Run()
	chrome.close()
	os.Exit(code)
}

// hostRules keeps the browser off the network's name service.
const hostRules = "MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1"

// browser is the test binary's one chromium, started by the first test
// that asks for a tab.
type browser struct {
	once   sync.Once
	ctx    context.Context // the browser's: a tab is a chromedp context under it
	cancel func()
	err    error
}

var chrome browser

// chromiumPath finds Debian's chromium (or another Chrome) on PATH.
func chromiumPath() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "headless_shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

func (b *browser) start(path string) {
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.Flag("host-resolver-rules", hostRules),
		chromedp.Flag("lang", "en-US"),
		chromedp.WindowSize(1280, 900),
	)
	if os.Geteuid() == 0 {
		opts = append(opts, chromedp.NoSandbox) // chromium's own process sandbox refuses to run as root
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(alloc)
	b.ctx, b.cancel = ctx, func() { cancelCtx(); cancelAlloc() }
	// The first action on the browser's own context starts it (the
	// allocator gives up on a browser that does not answer in 20 s); a
	// derived context would stop it again when cancelled.
	if err := chromedp.Do(ctx); err != nil {
		b.err = fmt.Errorf("start %s: %w", path, err)
	}
}

func (b *browser) close() {
	if b.cancel != nil {
		b.cancel()
	}
}

// newTab opens a tab of the shared browser for t, closed when t ends. With
// no chromium on the machine the test skips, unless CI=true: there the
// browser tests are part of the bar and fail.
func newTab(t *testing.T, timeout time.Duration) context.Context {
	t.Helper()
	path := chromiumPath()
	if path == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("no chromium on PATH, and CI=true: the browser tests must run (make tools installs Debian's chromium)")
		}
		t.Skip("no chromium on PATH (make tools installs Debian's chromium); the browser tests skip")
	}
	chrome.once.Do(func() { chrome.start(path) })
	if chrome.err != nil {
		t.Fatal(chrome.err)
	}
	tab, cancelTab := chromedp.NewContext(chrome.ctx)
	ctx, cancel := context.WithTimeout(tab, timeout)
	t.Cleanup(func() { cancel(); cancelTab() })
	return ctx
}

// screenshotDir is where a test's screenshots go: a folder under its temp
// dir, and $PROV_SCREENSHOTS too when set (make screenshots).
func screenshotDir(t *testing.T) []string {
	dirs := []string{filepath.Join(t.TempDir(), "screenshots")}
	if d := os.Getenv("PROV_SCREENSHOTS"); d != "" {
		dirs = append(dirs, d)
	}
	for _, d := range dirs {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return dirs
}
