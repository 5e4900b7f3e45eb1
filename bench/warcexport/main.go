// Command warcexport measures prov export --format warc at scale: it
// stores -n captures of about -size bytes each (distinct HTML pages, each
// with a document text) in a new archive, then exports them as a WARC in
// a child process and reports the child's wall time, CPU time and peak
// RSS (its own VmHWM), so that building the archive does not count.
//
//	go run ./warcexport -n 5000 -size 40000
package main

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"time"

	"golang.org/x/sys/unix"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/archive/export"
)

func main() {
	n := flag.Int("n", 5000, "captures to store")
	size := flag.Int("size", 40000, "bytes per payload, about")
	cold := flag.Bool("cold", false, "drop the archive file from the page cache before the export, as for an archive written long ago")
	child := flag.String("export", "", "internal: export the archive at `PATH` (the child's job)")
	flag.Parse()
	var err error
	if *child != "" {
		err = exportWARC(*child)
	} else {
		err = run(*n, *size, *cold)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "warcexport:", err)
		os.Exit(1)
	}
}

func run(n, size int, cold bool) error {
	dir, err := os.MkdirTemp("", "warcexport")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "prov.db")
	payload, err := fill(path, n, size)
	if err != nil {
		return err
	}
	if cold {
		if err := dropCache(path); err != nil {
			return err
		}
	}
	cmd := exec.Command(os.Args[0], "-export", path)
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		return err
	}
	wall := time.Since(start)
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	fmt.Printf("captures %d, payloads %.1f MB\nexport wall %.2f s, user+sys %.2f s\n",
		n, float64(payload)/1e6, wall.Seconds(), time.Duration(ru.Utime.Nano()+ru.Stime.Nano()).Seconds())
	return nil
}

// fill stores n captures, 250 per transaction, and returns the payload bytes.
func fill(path string, n, size int) (int64, error) {
	db, err := archive.Open(path, archive.Options{})
	if err != nil {
		return 0, err
	}
	defer db.Close()
	rng := rand.New(rand.NewPCG(1, 2))
	t0 := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	var total int64
	var batch []archive.Entry
	for i := range n {
		url := fmt.Sprintf("http://bench%d.test/news/%d.html", i%20, i)
		text := words(rng, size/3)
		body := "<html><head><title>page " + fmt.Sprint(i) + "</title></head><body><nav>" + words(rng, size/10) +
			"</nav><article><p>" + strings.ReplaceAll(text, "\n", "</p><p>") + "</p></article><footer>" + words(rng, size/4) + "</footer></body></html>"
		for len(body) < size {
			body += "<!-- " + words(rng, 200) + " -->"
		}
		c := archive.Capture{URL: url, FinalURL: url, RequestedURL: url, Method: "GET", Status: 200,
			FetchStart: t0.Add(time.Duration(i) * time.Second), Charset: "utf-8", Title: fmt.Sprint("page ", i),
			TextSHA256:     archive.Sum([]byte(text)).String(),
			ResponseHeader: map[string][]string{"Content-Type": {"text/html; charset=utf-8"}}}
		batch = append(batch, archive.Entry{Capture: c, Payload: []byte(body), Text: text})
		total += int64(len(body))
		if len(batch) == 250 || i == n-1 {
			if _, err := db.Write(batch); err != nil {
				return 0, err
			}
			batch = batch[:0]
		}
	}
	return total, nil
}

var vocabulary = strings.Fields("cyberspace community shared future development security cooperation governance " +
	"digital economy internet 网络 空间 命运 共同体 发展 安全 合作 治理 data privacy infrastructure the of and to in")

// words is about n bytes of words, with a paragraph break now and then.
func words(rng *rand.Rand, n int) string {
	var b strings.Builder
	for b.Len() < n {
		b.WriteString(vocabulary[rng.IntN(len(vocabulary))])
		if rng.IntN(40) == 0 {
			b.WriteString(".\n")
		} else {
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// peakRSS is this process's VmHWM. Not the parent's view of the child's
// ru_maxrss: the child is started by vfork, and Linux counts the
// parent's resident memory at exec in the child's ru_maxrss.
func peakRSS() string {
	b, _ := os.ReadFile("/proc/self/status")
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, "VmHWM:"); ok {
			return strings.TrimSpace(v)
		}
	}
	return "unknown"
}

// exportWARC is the child: the export being measured.
func exportWARC(path string) error {
	db, err := archive.Open(path, archive.Options{ReadOnly: true})
	if err != nil {
		return err
	}
	defer db.Close()
	out, err := os.Create(filepath.Join(filepath.Dir(path), "bench.warc.gz"))
	if err != nil {
		return err
	}
	defer out.Close()
	st, err := export.WARC(db, out, export.WARCOptions{Filename: "bench.warc.gz", Software: "prov/bench"})
	if err != nil {
		return err
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fi, _ := os.Stat(path)
	fmt.Printf("warc %d records, %.1f MB; archive file %.1f MB\npeak RSS %s (Go runtime %.1f MB)\n",
		st.Records, float64(st.Bytes)/1e6, float64(fi.Size())/1e6, peakRSS(), float64(ms.Sys)/1e6)
	return out.Close()
}

// dropCache asks the kernel to drop the file's clean pages from the page
// cache (bbolt has synced them).
func dropCache(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return unix.Fadvise(int(f.Fd()), 0, 0, unix.FADV_DONTNEED)
}
