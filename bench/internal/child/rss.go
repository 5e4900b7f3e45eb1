package child

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// rssSampler tracks the largest anonymous and file-backed resident sizes of
// a process, read from /proc/<pid>/status every interval. ru_maxrss gives
// the true peak of the sum; the split says how much of it is the Go heap
// and stacks (anon) and how much mapped files such as bbolt's mmap (file).
type rssSampler struct {
	anon, file int64 // bytes, largest seen
	stop, done chan struct{}
}

func sampleRSS(pid int, every time.Duration) *rssSampler {
	s := &rssSampler{stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(s.done)
		tick := time.NewTicker(every)
		defer tick.Stop()
		path := fmt.Sprintf("/proc/%d/status", pid)
		for {
			select {
			case <-s.stop:
				return
			case <-tick.C:
				anon, file, ok := readRSS(path)
				if !ok {
					return
				}
				s.anon, s.file = max(s.anon, anon), max(s.file, file)
			}
		}
	}()
	return s
}

// finish stops sampling; the fields are final once it returns.
func (s *rssSampler) finish() {
	close(s.stop)
	<-s.done
}

// readRSS reads RssAnon and RssFile (plus RssShmem) from a status file.
func readRSS(path string) (anon, file int64, ok bool) {
	f, err := os.Open(path)
	if err != nil {
		return 0, 0, false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		name, val, found := strings.Cut(sc.Text(), ":")
		if !found {
			continue
		}
		kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(val), " kB"), 10, 64)
		switch name {
		case "RssAnon":
			anon = kb << 10
		case "RssFile", "RssShmem":
			file += kb << 10
		}
	}
	return anon, file, true
}
