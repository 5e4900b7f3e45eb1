package child

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// rssSampler tracks a process's peak resident set (VmHWM) and the largest
// anonymous and file-backed resident sizes, read from /proc/<pid>/status
// every interval. The split says how much is the Go heap and stacks
// (anon) and how much mapped files such as bbolt's mmap (file). VmHWM is
// the high-water mark of the process's own memory since its exec, so the
// last sample holds the peak of all but the process's last interval.
type rssSampler struct {
	hwm, anon, file int64 // bytes, largest seen
	stop, done      chan struct{}
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
				st, ok := readRSS(path)
				if !ok {
					return
				}
				s.hwm, s.anon, s.file = max(s.hwm, st.hwm), max(s.anon, st.anon), max(s.file, st.file)
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

// rss is one reading of a status file, in bytes.
type rss struct{ hwm, anon, file int64 }

// readRSS reads VmHWM, RssAnon and RssFile (plus RssShmem) from a status
// file.
func readRSS(path string) (st rss, ok bool) {
	f, err := os.Open(path)
	if err != nil {
		return st, false
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
		case "VmHWM":
			st.hwm = kb << 10
		case "RssAnon":
			st.anon = kb << 10
		case "RssFile", "RssShmem":
			st.file += kb << 10
		}
	}
	return st, true
}
