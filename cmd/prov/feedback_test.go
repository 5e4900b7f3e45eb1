package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// TestCrawlFeedback: what prov crawl tells an operator. Off a terminal it
// writes log lines (text or JSON) ending with one summary line and prints
// the run's summary on stdout; --progress always draws the live line
// instead; --quiet says nothing when all went well, and names the failed
// page when one failed.
func TestCrawlFeedback(t *testing.T) {
	s := newSite(t, 12, 0)
	crawl := func(flags ...string) (int, string, string) {
		args := append([]string{"crawl", "--db", filepath.Join(t.TempDir(), "a.db"), "--allow-private", "--delay", "1ms"}, flags...)
		return prov(t, append(args, s.seed())...)
	}

	t.Run("json", func(t *testing.T) {
		code, stdout, stderr := crawl("--log-format", "json", "--progress", "never")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		var msgs []string
		for _, line := range strings.Split(strings.TrimSpace(stderr), "\n") {
			var rec map[string]any
			if err := json.Unmarshal([]byte(line), &rec); err != nil {
				t.Fatalf("not a JSON log line: %q", line)
			}
			msgs = append(msgs, rec["msg"].(string))
			if rec["msg"] == "crawl finished" && (rec["fetched"] != float64(12) || rec["failed"] != float64(0) || rec["status"] != "done") {
				t.Errorf("summary line %v", rec)
			}
		}
		if strings.Join(msgs, ",") != "crawl started,crawl finished" {
			t.Errorf("log messages %q", msgs)
		}
		if !strings.Contains(stdout, "12 fetched, 12 new") {
			t.Errorf("stdout %q", stdout)
		}
	})

	t.Run("text", func(t *testing.T) {
		_, _, stderr := crawl("--progress", "never")
		if !strings.HasPrefix(stderr, "time=") || !strings.Contains(stderr, `msg="crawl finished"`) || !strings.Contains(stderr, "fetched=12") {
			t.Errorf("text log %q", stderr)
		}
	})

	t.Run("progress", func(t *testing.T) {
		_, stdout, stderr := crawl("--progress", "always")
		if !strings.Contains(stderr, "\r\033[Kcrawl run 1: 12 done, 0 queued") || strings.Contains(stderr, "msg=") {
			t.Errorf("progress output %q: want the live line and no log lines (stdout %q)", stderr, stdout)
		}
	})

	t.Run("quiet", func(t *testing.T) {
		code, stdout, stderr := crawl("--quiet")
		if code != 0 || stdout != "" || stderr != "" {
			t.Errorf("quiet crawl: exit %d, stdout %q, stderr %q; want 0 and nothing", code, stdout, stderr)
		}
	})

	t.Run("quiet with a failure", func(t *testing.T) {
		args := []string{"crawl", "--db", filepath.Join(t.TempDir(), "a.db"), "--allow-private", "--delay", "1ms", "--quiet", s.seed(), s.srv.URL + "/missing"}
		code, stdout, _ := prov(t, args...)
		if code != exitPartial || !strings.Contains(stdout, "/missing") || !strings.Contains(stdout, "1 failed") {
			t.Errorf("exit %d, stdout %q; want 3 and the failed page named", code, stdout)
		}
	})
}
