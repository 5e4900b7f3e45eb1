package archive_test

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/prov-archive/prov/archive"
	bolt "go.etcd.io/bbolt"
)

// TestHelperHoldLock is not a test: run as a child process by
// TestSecondProcessLocked, it holds the archive until its stdin closes.
func TestHelperHoldLock(t *testing.T) {
	path := os.Getenv("PROV_TEST_HOLD")
	if path == "" {
		t.Skip("helper process")
	}
	db, err := archive.Open(path, archive.Options{Holder: "prov crawl run 3"})
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	fmt.Println("ready")
	bufio.NewReader(os.Stdin).ReadString('\n')
	db.Close()
	os.Exit(0)
}

func TestSecondProcessLocked(t *testing.T) {
	path := filepath.Join(t.TempDir(), "prov.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperHoldLock$")
	cmd.Env = append(os.Environ(), "PROV_TEST_HOLD="+path)
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { stdin.Close(); cmd.Wait() }()
	if line, _ := bufio.NewReader(stdout).ReadString('\n'); line != "ready\n" {
		t.Fatalf("helper said %q", line)
	}

	start := time.Now()
	_, err := archive.Open(path, archive.Options{Timeout: 500 * time.Millisecond})
	elapsed := time.Since(start)
	if !errors.Is(err, archive.ErrLocked) {
		t.Fatalf("err = %v, want ErrLocked", err)
	}
	want := fmt.Sprintf("locked by pid %d (prov crawl run 3, started ", cmd.Process.Pid)
	if !strings.Contains(err.Error(), want) {
		t.Errorf("err = %q, want it to contain %q", err, want)
	}
	if elapsed > 5*time.Second { // the timeout is 500 ms; the rest is margin for a loaded machine
		t.Errorf("took %v to fail", elapsed)
	}
	var le *archive.LockedError
	if !errors.As(err, &le) || le.Holder == nil || le.Holder.PID != cmd.Process.Pid {
		t.Errorf("LockedError = %+v", le)
	}
}

func TestSecondOpenSameProcessLocked(t *testing.T) {
	path := filepath.Join(t.TempDir(), "prov.db")
	MustOpenPath(t, path, archive.Options{Holder: "first"})
	start := time.Now()
	_, err := archive.Open(path, archive.Options{})
	if !errors.Is(err, archive.ErrLocked) || !strings.Contains(err.Error(), fmt.Sprintf("pid %d (first, started 2026-11-23T10:00:00Z)", os.Getpid())) {
		t.Fatalf("err = %v", err)
	}
	if d := time.Since(start); d < 900*time.Millisecond || d > 5*time.Second { // above 1 s: margin for a loaded machine
		t.Errorf("default timeout took %v, want about 1s", d)
	}
}

func TestLockNoteRemovedOnClose(t *testing.T) {
	path := filepath.Join(t.TempDir(), "prov.db")
	db, err := archive.Open(path, archive.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path + ".lock"); err != nil {
		t.Fatalf("no lock note while open: %v", err)
	}
	db.Close()
	if _, err := os.Stat(path + ".lock"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("lock note left after Close: %v", err)
	}
}

func TestNotAnArchiveRefusedUntouched(t *testing.T) {
	dir := t.TempDir()
	foreign := filepath.Join(dir, "other.db")
	bdb, err := bolt.Open(foreign, 0o644, nil)
	if err != nil {
		t.Fatal(err)
	}
	bdb.Update(func(tx *bolt.Tx) error {
		b, _ := tx.CreateBucket([]byte("widgets"))
		return b.Put([]byte("k"), []byte("v"))
	})
	bdb.Close()
	text := filepath.Join(dir, "notes.txt")
	os.WriteFile(text, bytes.Repeat([]byte("not a database at all\n"), 1000), 0o644)
	small := filepath.Join(dir, "small.txt")
	os.WriteFile(small, []byte("hello"), 0o644)

	for _, path := range []string{foreign, text, small} {
		before, _ := os.ReadFile(path)
		_, err := archive.Open(path, archive.Options{})
		if !errors.Is(err, archive.ErrNotArchive) {
			t.Errorf("%s: err = %v, want ErrNotArchive", filepath.Base(path), err)
		}
		if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
			t.Errorf("%s: bytes changed", filepath.Base(path))
		}
		if _, err := os.Stat(path + ".lock"); err == nil {
			t.Errorf("%s: lock note written", filepath.Base(path))
		}
	}
}

func TestNewerSchemaRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "prov.db")
	db, _ := archive.Open(path, archive.Options{})
	db.Close()
	bdb, _ := bolt.Open(path, 0o644, nil)
	bdb.Update(func(tx *bolt.Tx) error {
		return tx.Bucket([]byte("meta")).Put([]byte("schema"), []byte(strconv.Itoa(archive.SchemaVersion+1)))
	})
	bdb.Close()
	before, _ := os.ReadFile(path)
	_, err := archive.Open(path, archive.Options{})
	if !errors.Is(err, archive.ErrNewerSchema) {
		t.Fatalf("err = %v, want ErrNewerSchema", err)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("bytes changed")
	}
}

func TestReadOnly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "prov.db")
	if _, err := archive.Open(path, archive.Options{ReadOnly: true}); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("read-only open of a missing file: %v", err)
	}
	db, _ := archive.Open(path, archive.Options{})
	MustWrite(t, db, page("http://a.test/", "x", ""))
	db.Close()
	ro := MustOpenPath(t, path, archive.Options{ReadOnly: true})
	if _, err := ro.Write([]archive.Entry{page("http://a.test/", "y", "")}); !errors.Is(err, archive.ErrReadOnly) {
		t.Errorf("write read-only: %v", err)
	}
	if st, _ := ro.Stats(); st.Captures != 1 {
		t.Errorf("captures = %d", st.Captures)
	}
}

func TestPayloadCorruptionDetected(t *testing.T) {
	path := filepath.Join(t.TempDir(), "prov.db")
	db, _ := archive.Open(path, archive.Options{})
	small, big := "body", htmlOf(strings.Repeat("compressible ", 200))
	MustWrite(t, db, page("http://a.test/s", small, ""), page("http://a.test/b", big, ""))
	db.Close()

	for _, p := range []string{small, big} {
		h := archive.Sum([]byte(p))
		bdb, _ := bolt.Open(path, 0o644, nil)
		bdb.Update(func(tx *bolt.Tx) error {
			b := indexBucket(tx, "payloads", h[:])
			v := bytes.Clone(b.Get(h[:]))
			v[len(v)-1] ^= 0x01
			return b.Put(h[:], v)
		})
		bdb.Close()
	}
	db = MustOpenPath(t, path, archive.Options{ReadOnly: true})
	for _, p := range []string{small, big} {
		_, err := db.Payload(archive.Sum([]byte(p)).String())
		var ce *archive.CorruptError
		if !errors.Is(err, archive.ErrCorrupt) || !errors.As(err, &ce) || ce.Key != archive.Sum([]byte(p)).String() {
			t.Errorf("payload of %d bytes: err = %v, want a CorruptError naming it", len(p), err)
		}
	}
	if _, err := db.Payload(archive.Sum([]byte("never")).String()); !errors.Is(err, archive.ErrNotFound) {
		t.Errorf("missing payload: %v", err)
	}
}

func TestRunsInterruptedAfterCrash(t *testing.T) {
	path := filepath.Join(t.TempDir(), "prov.db")
	db, _ := archive.Open(path, archive.Options{Now: func() time.Time { return t0 }})
	r1, _ := db.BeginRun([]string{"http://a.test/"}, "")
	r1.Fetched, r1.New = 3, 2
	if err := db.FinishRun(r1); err != nil {
		t.Fatal(err)
	}
	r2, _ := db.BeginRun(nil, "")
	runs, _ := db.Runs()
	if runs[1].Status != archive.RunRunning {
		t.Errorf("own run shows %q", runs[1].Status)
	}
	db.Close() // no FinishRun: as if killed

	db = MustOpenPath(t, path, archive.Options{})
	runs, err := db.Runs()
	if err != nil || len(runs) != 2 {
		t.Fatalf("runs = %+v, %v", runs, err)
	}
	if runs[0].Status != archive.RunDone || runs[0].Fetched != 3 || !runs[0].End.Equal(t0) {
		t.Errorf("finished run = %+v", runs[0])
	}
	if runs[1].ID != r2.ID || runs[1].Status != archive.RunInterrupted {
		t.Errorf("crashed run = %+v, want interrupted", runs[1])
	}
}

// TestRunLockThroughSymlink: the run lock is the archive file's, not the
// path's: a crawl that names the archive through a symbolic link is
// refused while another holds it by its real name, and the other way.
func TestRunLockThroughSymlink(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real.db")
	MustOpenPath(t, real, archive.Options{}).Close()
	link := filepath.Join(dir, "link.db")
	if err := os.Symlink(real, link); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	for _, pair := range [][2]string{{real, link}, {link, real}} {
		held, err := archive.LockRun(pair[0], "first", time.Now())
		if err != nil {
			t.Fatalf("LockRun %s: %v", pair[0], err)
		}
		_, err = archive.LockRun(pair[1], "second", time.Now())
		if !errors.Is(err, archive.ErrLocked) {
			t.Errorf("LockRun %s while %s is held: err %v, want ErrLocked", pair[1], pair[0], err)
		}
		held.Release()
	}
	if got, want := archive.RealPath(link), archive.RealPath(real); got != want {
		t.Errorf("RealPath(link) = %q, want %q", got, want)
	}
	fresh := filepath.Join(dir, "new.db")
	if got := archive.RealPath(fresh); got != filepath.Join(archive.RealPath(dir), "new.db") {
		t.Errorf("RealPath of a new file = %q", got)
	}
	dangling := filepath.Join(dir, "to-new.db")
	os.Symlink("new.db", dangling) // relative, to a file not yet made
	if got, want := archive.RealPath(dangling), archive.RealPath(fresh); got != want {
		t.Errorf("RealPath of a link to a new file = %q, want %q", got, want)
	}
}
