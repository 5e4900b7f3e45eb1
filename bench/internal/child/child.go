// Package child runs a program of the benchmarks in a subprocess of its own
// and measures it from outside: wall time, CPU time, and peak resident set
// (its VmHWM, sampled), with the anonymous and file-backed parts
// sampled from /proc while it runs. It also builds the prov binary the
// benchmarks run.
package child

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// Usage is what one run of a program cost, measured from outside it.
type Usage struct {
	Wall     time.Duration
	CPU      time.Duration // user + system
	PeakRSS  int64         // bytes, largest VmHWM sampled (not ru_maxrss: see Run)
	AnonRSS  int64         // bytes, largest RssAnon sampled
	FileRSS  int64         // bytes, largest RssFile+RssShmem sampled
	Stdout   string
	ExitCode int
}

// SampleEvery is how often Run reads the child's RSS split from /proc.
const SampleEvery = 50 * time.Millisecond

// Run runs cmd to its end with its stdout captured (its stderr goes to
// ours, so its log lines show as it runs). err is the error of starting
// it; a child that ran and failed is reported by ExitCode, its Stdout
// kept for the caller to read.
//
// The peak resident set is the child's VmHWM, sampled, not the kernel's
// ru_maxrss: Go starts a child with vfork, and at exec Linux records the
// memory it leaves, which is ours, in the child's ru_maxrss. /bin/true
// started from a process holding 400 MB reports a ru_maxrss of 403 MB,
// so every figure under the benchmark's own size (a generated site of
// 100,000 pages is 496 MB) was the benchmark's.
func Run(cmd *exec.Cmd) (Usage, error) {
	var stdout bytes.Buffer
	cmd.Stdout = &stdout
	if cmd.Stderr == nil {
		cmd.Stderr = os.Stderr
	}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return Usage{}, fmt.Errorf("start %s: %w", filepath.Base(cmd.Path), err)
	}
	rss := sampleRSS(cmd.Process.Pid, SampleEvery)
	waitErr := cmd.Wait()
	rss.finish()
	u := Usage{Wall: time.Since(start), PeakRSS: rss.hwm, AnonRSS: rss.anon, FileRSS: rss.file, Stdout: stdout.String()}
	u.ExitCode = cmd.ProcessState.ExitCode()
	u.CPU = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	if waitErr != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", filepath.Base(cmd.Path), waitErr)
	}
	return u, nil
}

// ProvBinary returns the prov binary to run: given, when it is not "",
// else one built into dir from the prov module bench replaces to.
func ProvBinary(given, dir string) (string, error) {
	if given != "" {
		return given, nil
	}
	src, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/prov-archive/prov").Output()
	if err != nil {
		return "", fmt.Errorf("find prov's module: %w", err)
	}
	out := filepath.Join(dir, "prov")
	// Built in prov's own module (the replace target), with its go.mod and
	// go.sum, as a user builds it; bench's go.sum need not list prov's
	// cmd-only dependencies.
	cmd := exec.Command("go", "build", "-o", out, "./cmd/prov")
	cmd.Dir = strings.TrimSpace(string(src))
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("build prov: %w", err)
	}
	return out, nil
}

// MB is n bytes in MiB, for printing.
func MB(n int64) float64 { return float64(n) / (1 << 20) }

// Workdir makes a temporary folder named for the bench (kept, and its
// path printed, when keep) and the prov binary to run in it (given, or
// built there). done removes the folder unless it is kept.
func Workdir(bench, given string, keep bool) (dir, prov string, done func(), err error) {
	dir, err = os.MkdirTemp("", "prov-bench-"+bench+"-")
	if err != nil {
		return "", "", nil, err
	}
	done = func() { os.RemoveAll(dir) }
	if keep {
		fmt.Println("temporary folder:", dir)
		done = func() {}
	}
	if prov, err = ProvBinary(given, dir); err != nil {
		done()
		return "", "", nil, err
	}
	return dir, prov, done, nil
}
