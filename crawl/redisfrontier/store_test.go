package redisfrontier

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/redis/go-redis/v9"

	"github.com/prov-archive/prov/crawl"
)

// The Lua transitions, run in-process by miniredis, whose clock (the
// scripts read it with TIME) the tests move.

var t0 = time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)

func newServer(t *testing.T) *miniredis.Miniredis {
	t.Helper()
	m := miniredis.RunT(t)
	m.SetTime(t0)
	return m
}

func openStore(t *testing.T, m *miniredis.Miniredis, worker string) *Store {
	t.Helper()
	s, err := OpenClient(context.Background(), redis.NewClient(&redis.Options{Addr: m.Addr()}),
		Options{Worker: worker, Lease: 3 * time.Second, MaxTakes: 2})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func mustAdd(t *testing.T, s *Store, depth int, keys ...string) {
	t.Helper()
	if _, _, err := s.Add(keys, depth, crawl.KindPage, crawl.Budget{}); err != nil {
		t.Fatal(err)
	}
}

func take(t *testing.T, s *Store) (crawl.Taken, crawl.TakeState) {
	t.Helper()
	got, st, err := s.Take(0)
	if err != nil {
		t.Fatal(err)
	}
	return got, st
}

// takeAll takes from s until it hands out nothing, marking each URL
// done, and returns the URLs in the order taken.
func takeAll(t *testing.T, s *Store) []string {
	t.Helper()
	var order []string
	for {
		got, st := take(t, s)
		if st != crawl.TakeGot {
			return order
		}
		order = append(order, got.Key)
		s.Done(got.Key)
	}
}

func TestTakeBreadthFirstInOrder(t *testing.T) {
	m := newServer(t)
	s := openStore(t, m, "w1")
	mustAdd(t, s, 1, "http://a.test/1b", "http://a.test/1a")
	mustAdd(t, s, 0, "http://a.test/")
	mustAdd(t, s, 0, "http://a.test/") // seen: not queued again
	order := takeAll(t, s)
	want := []string{"http://a.test/", "http://a.test/1b", "http://a.test/1a"}
	if len(order) != len(want) {
		t.Fatalf("took %v, want %v", order, want)
	}
	for i := range want {
		if order[i] != want[i] {
			t.Fatalf("took %v, want %v", order, want)
		}
	}
	if done, err := s.Drained(); err != nil || !done {
		t.Errorf("drained %v, %v; want true", done, err)
	}
}

// Take hands out the first URL of the queue's first depth whose host
// would be granted a request now: a host held by a request in flight, or
// whose delay since the last request has not passed, is skipped while
// another host's URL waits behind it; when no host is ready the head
// goes, and a deeper URL never does while its depth is not open.
func TestTakeSkipsBusyHosts(t *testing.T) {
	m := newServer(t)
	w1, w2 := openStore(t, m, "w1"), openStore(t, m, "w2")
	d := 200 * time.Millisecond
	mustAdd(t, w1, 0, "http://a.test/1", "http://a.test/2", "http://a.test/3", "http://user@b.test:8080/1", "http://c.test/1")
	mustAdd(t, w1, 1, "http://d.test/deep")
	takeWant := func(s *Store, want string) {
		t.Helper()
		got, st := take(t, s)
		if st != crawl.TakeGot || got.Key != want {
			t.Fatalf("%s took %q (state %v), want %q", s.opts.Worker, got.Key, st, want)
		}
	}
	turn := func(s *Store, host string) {
		t.Helper()
		if w, err := s.Turn(host, "", d); err != nil || w != 0 {
			t.Fatalf("turn of %s: wait %s, %v", host, w, err)
		}
	}
	takeWant(w1, "http://a.test/1")
	turn(w1, "a.test")                        // a.test's request is in flight
	takeWant(w2, "http://user@b.test:8080/1") // not a.test/2: its host is held
	turn(w2, "b.test:8080")
	takeWant(w2, "http://c.test/1")
	m.SetTime(t0.Add(50 * time.Millisecond))
	if err := w1.EndTurn("a.test", d, 0); err != nil { // a.test's next start: 250ms
		t.Fatal(err)
	}
	takeWant(w1, "http://a.test/2") // no host ready (a.test waits its delay): the head
	m.SetTime(t0.Add(250 * time.Millisecond))
	takeWant(w2, "http://a.test/3") // a.test is ready; d.test's depth is not open
	if _, st := take(t, w2); st != crawl.TakeWait {
		t.Fatalf("took a depth-1 URL while depth 0 is held: state %v", st)
	}
}

// A URL of depth d+1 waits while a URL of depth d is held by any worker,
// and goes once it is done.
func TestDepthBarrier(t *testing.T) {
	m := newServer(t)
	w1, w2 := openStore(t, m, "w1"), openStore(t, m, "w2")
	mustAdd(t, w1, 0, "http://a.test/")
	shallow, _ := take(t, w1)
	mustAdd(t, w1, 1, "http://a.test/deep")
	if _, st := take(t, w2); st != crawl.TakeWait {
		t.Fatalf("w2 took a depth-1 URL while depth 0 is fetched: state %v", st)
	}
	if err := w1.Done(shallow.Key); err != nil {
		t.Fatal(err)
	}
	if got, st := take(t, w2); st != crawl.TakeGot || got.Key != "http://a.test/deep" || got.Depth != 1 {
		t.Fatalf("after the done: %v %v", got, st)
	}
	if done, _ := w2.Drained(); done {
		t.Error("drained while URLs are held")
	}
}

// A worker that fetched a URL of depth 0 and queued its links, then died
// before its capture was stored (Done), keeps the barrier closed: no URL
// of depth 1 is handed out until its lease runs out and the URL is
// fetched again, and stored. Were the barrier opened when the fetch was
// over, the URL would be fetched again, at depth 0, after URLs of depth
// 1 were: the integration test saw a page of depth 4 requested 2.6 s
// before the last of depth 3 was answered.
func TestBarrierHeldUntilDone(t *testing.T) {
	m := newServer(t)
	w1, w2 := openStore(t, m, "w1"), openStore(t, m, "w2")
	mustAdd(t, w1, 0, "http://a.test/")
	p, _ := take(t, w1)
	mustAdd(t, w1, 1, "http://a.test/deep") // its links; then w1 dies
	if got, st := take(t, w2); st != crawl.TakeWait {
		t.Fatalf("w2 took %v (state %v) while depth 0 is not stored", got, st)
	}
	m.SetTime(t0.Add(3*time.Second + time.Millisecond))
	again, st := take(t, w2)
	if st != crawl.TakeGot || again.Key != p.Key {
		t.Fatalf("after w1's lease: took %v (state %v), want %s again", again, st, p.Key)
	}
	if got, st := take(t, w2); st != crawl.TakeWait {
		t.Fatalf("w2 took %v (state %v) while its own depth-0 take is not stored", got, st)
	}
	if err := w2.Done(again.Key); err != nil {
		t.Fatal(err)
	}
	if got, st := take(t, w2); st != crawl.TakeGot || got.Key != "http://a.test/deep" {
		t.Fatalf("after the store: took %v (state %v), want the depth-1 URL", got, st)
	}
}

// A lease that runs out is taken over by the next take of any worker;
// the worker that held it cannot end it any more (its Done is ignored).
func TestLeaseExpiryTakeover(t *testing.T) {
	m := newServer(t)
	w1, w2 := openStore(t, m, "w1"), openStore(t, m, "w2")
	mustAdd(t, w1, 0, "http://a.test/")
	got, _ := take(t, w1)
	m.SetTime(t0.Add(2 * time.Second))
	if _, st := take(t, w2); st != crawl.TakeWait {
		t.Fatalf("taken over before the lease ran out: state %v", st)
	}
	m.SetTime(t0.Add(3*time.Second + time.Millisecond))
	again, st := take(t, w2)
	if st != crawl.TakeGot || again.Key != got.Key {
		t.Fatalf("after the lease: %v %v, want %s taken over", again, st, got.Key)
	}
	w1.Done(got.Key) // late, at least once: w2 holds it now
	if n, _ := w2.Taken(); n != 1 {
		t.Errorf("w2 holds %d URLs, want 1", n)
	}
	counts, _ := w2.Counts(context.Background())
	if counts["taken_over"] != 1 || counts["done"] != 0 {
		t.Errorf("counts %v, want taken_over 1, done 0", counts)
	}
}

// A URL taken over goes before the URLs of its depth still queued: the
// dead worker's page is fetched about a lease after its death, not once
// the workers have worked through the rest of its depth. The integration
// test at a 2 s lease saw a page of depth 4 taken over 4.2 s after its
// worker was killed, behind hundreds of pages of depth 4 queued after it.
func TestTakenOverFirstOfItsDepth(t *testing.T) {
	m := newServer(t)
	w1, w2 := openStore(t, m, "w1"), openStore(t, m, "w2")
	mustAdd(t, w1, 0, "http://a.test/1", "http://a.test/2", "http://a.test/3")
	lost, _ := take(t, w1)
	m.SetTime(t0.Add(3*time.Second + time.Millisecond))
	order := takeAll(t, w2)
	want := []string{lost.Key, "http://a.test/2", "http://a.test/3"}
	if !slices.Equal(order, want) {
		t.Errorf("w2 took %v, want %v", order, want)
	}
}

// A renewed lease does not run out.
func TestRenewKeepsLease(t *testing.T) {
	m := newServer(t)
	w1, w2 := openStore(t, m, "w1"), openStore(t, m, "w2")
	mustAdd(t, w1, 0, "http://a.test/")
	take(t, w1)
	m.SetTime(t0.Add(2 * time.Second))
	if _, err := w1.run("renew", "w1", int64(3000)); err != nil {
		t.Fatal(err)
	}
	m.SetTime(t0.Add(4 * time.Second))
	if _, st := take(t, w2); st != crawl.TakeWait {
		t.Fatalf("a renewed lease was taken over: state %v", st)
	}
}

// A URL whose lease ran out MaxTakes times is given up, not queued again.
func TestRetryCap(t *testing.T) {
	m := newServer(t)
	w1 := openStore(t, m, "w1")
	mustAdd(t, w1, 0, "http://a.test/poison")
	now := t0
	for i := 0; i < 2; i++ {
		if _, st := take(t, w1); st != crawl.TakeGot {
			t.Fatalf("take %d: state %v", i+1, st)
		}
		now = now.Add(4 * time.Second)
		m.SetTime(now)
	}
	if got, st := take(t, w1); st != crawl.TakeDrained {
		t.Fatalf("after two lapsed takes: %v %v, want drained", got, st)
	}
	counts, _ := w1.Counts(context.Background())
	if counts["given_up"] != 1 || counts["taken_over"] != 1 {
		t.Errorf("counts %v, want given_up 1 and taken_over 1", counts)
	}
	if ok, _ := m.SIsMember("prov:gaveup", "http://a.test/poison"); !ok {
		t.Error("the given-up URL is not in gaveup")
	}
}

// A restarted worker queues again at once what it held and did not
// store, and settles what it stored.
func TestRequeueTakenOnRestart(t *testing.T) {
	m := newServer(t)
	w1 := openStore(t, m, "w1")
	mustAdd(t, w1, 0, "http://a.test/stored", "http://a.test/lost")
	take(t, w1)
	take(t, w1)
	w1.Close()
	again := openStore(t, m, "w1")
	n, err := again.RequeueTaken(func(u string) bool { return u == "http://a.test/stored" })
	if err != nil || n != 1 {
		t.Fatalf("requeued %d, %v; want 1", n, err)
	}
	got, st := take(t, again)
	if st != crawl.TakeGot || got.Key != "http://a.test/lost" {
		t.Fatalf("took %v %v, want the lost URL", got, st)
	}
	if q, _ := again.Queued(); q != 0 {
		t.Errorf("queued %d, want 0", q)
	}
}

// The page budget and the per-host limit hold across workers.
func TestBudgets(t *testing.T) {
	m := newServer(t)
	w1, w2 := openStore(t, m, "w1"), openStore(t, m, "w2")
	b := crawl.Budget{Pages: 2, PerHost: 1}
	added, over, err := w1.Add([]string{"http://a.test/1", "http://a.test/2", "http://b.test/1", "http://c.test/1"}, 0, crawl.KindPage, b)
	if err != nil || added != 2 || len(over) != 2 {
		t.Fatalf("added %d, over %v, %v; want 2 added, 2 over", added, over, err)
	}
	if over[0].Reason != crawl.SkipMaxPagesPerHost || over[1].Reason != crawl.SkipMaxPages {
		t.Errorf("reasons %v", over)
	}
	take(t, w1)
	if _, st, _ := w2.Take(1); st != crawl.TakeOverPage {
		t.Errorf("w2 took past the budget: state %v", st)
	}
}

// A sitemap or feed is not taken once the page budget is spent: none of
// the pages it names could be fetched.
func TestBudgetSpentLeavesDocs(t *testing.T) {
	m := newServer(t)
	w := openStore(t, m, "w1")
	b := crawl.Budget{Pages: 1}
	if _, _, err := w.Add([]string{"http://a.test/1"}, 0, crawl.KindPage, b); err != nil {
		t.Fatal(err)
	}
	if _, _, err := w.Add([]string{"http://a.test/sitemap.xml"}, 0, crawl.KindSitemap, b); err != nil {
		t.Fatal(err)
	}
	if got, st, err := w.Take(1); err != nil || st != crawl.TakeGot || got.Key != "http://a.test/1" {
		t.Fatalf("first take: %v %v %v, want the page", got, st, err)
	}
	if got, st, err := w.Take(1); err != nil || st != crawl.TakeOverPage {
		t.Errorf("take after the budget: %v %v %v, want over", got, st, err)
	}
}

// Claims: the first fetch to produce a canonical URL keeps it.
func TestClaim(t *testing.T) {
	m := newServer(t)
	w1 := openStore(t, m, "w1")
	if by, err := w1.Claim("http://a.test/c", "http://a.test/x"); by != "" || err != nil {
		t.Fatalf("first claim: %q %v", by, err)
	}
	if by, _ := w1.Claim("http://a.test/c", "http://a.test/y"); by != "http://a.test/x" {
		t.Errorf("second claim answered %q, want the first", by)
	}
	if seen, _ := w1.Seen("http://a.test/c"); !seen {
		t.Error("a claimed canonical URL is not seen")
	}
}

// Turns: a host with a delay has one request at a time from all
// workers, the next granted delay after the last ended; a worker that
// dies holding the host is replaced after its lease; a pause pushes the
// next grant back; a host without a delay is granted at once.
func TestTurns(t *testing.T) {
	m := newServer(t)
	w1, w2 := openStore(t, m, "w1"), openStore(t, m, "w2")
	d := 200 * time.Millisecond
	turn := func(s *Store, at, want time.Duration) {
		t.Helper()
		m.SetTime(t0.Add(at))
		if w, err := s.Turn("a.test", "", d); err != nil || w != want {
			t.Fatalf("turn at %s: wait %s, %v; want %s", at, w, err, want)
		}
	}
	end := func(s *Store, at, pause time.Duration) {
		t.Helper()
		m.SetTime(t0.Add(at))
		if err := s.EndTurn("a.test", d, pause); err != nil {
			t.Fatal(err)
		}
	}
	turn(w1, 0, 0)                                                    // granted: w1 holds a.test
	turn(w2, time.Second, 20*time.Millisecond)                        // in flight: ask again soon
	end(w1, time.Second, 0)                                           // w1's request ended at 1s
	turn(w2, time.Second+100*time.Millisecond, 100*time.Millisecond)  // 200ms after the end
	turn(w2, time.Second+200*time.Millisecond, 0)                     // granted
	w2.Close()                                                        // w2 dies: nobody renews its hold
	turn(w1, 2*time.Second, 20*time.Millisecond)                      // w2's request in flight
	turn(w1, 2*time.Second+600*time.Millisecond, 20*time.Millisecond) // still held: a hold lasts half a lease (1.5s)
	turn(w1, 2*time.Second+700*time.Millisecond, 0)                   // w2 died holding it: its hold ran out
	end(w1, 3*time.Second, 5*time.Second)                             // a 503 asked for 5s
	turn(openStore(t, m, "w3"), 4*time.Second, 4*time.Second)
	m.SetTime(t0.Add(20 * time.Second))
	for range 3 {
		if w, err := w1.Turn("b.test", "", 0); err != nil || w != 0 {
			t.Fatalf("a host without a delay: wait %s, %v", w, err)
		}
	}
}

// A host stays held while its request is in flight, however slow the
// answer: the worker renews its hold with its leases. A hold that ran out
// (the worker stopped renewing) and went to another worker is that
// worker's: the first one's late end does not lift it.
func TestTurnHeldWhileInFlight(t *testing.T) {
	m := newServer(t)
	w1, w2 := openStore(t, m, "w1"), openStore(t, m, "w2")
	d := 200 * time.Millisecond
	turn := func(s *Store, at time.Duration, granted bool) {
		t.Helper()
		m.SetTime(t0.Add(at))
		if w, err := s.Turn("a.test", "", d); err != nil || (w == 0) != granted {
			t.Fatalf("%s's turn at %s: wait %s, %v; want granted %v", s.opts.Worker, at, w, err, granted)
		}
	}
	turn(w1, 0, true)
	m.SetTime(t0.Add(1400 * time.Millisecond))
	w1.renewTurns() // the answer is slow: held to 2.9s
	turn(w2, 2*time.Second, false)
	turn(w2, 2800*time.Millisecond, false)
	turn(w2, 3*time.Second, true) // w1 renewed no more: its hold ran out
	m.SetTime(t0.Add(3100 * time.Millisecond))
	if err := w1.EndTurn("a.test", d, 0); err != nil { // w1's answer came at last
		t.Fatal(err)
	}
	turn(w1, 3400*time.Millisecond, false) // w2's request is still in flight
}

// A request that ends partway through a millisecond holds the host for the
// whole delay after it: the next grant waits for the millisecond after,
// not the one the end fell in (the site saw a gap of 199.94ms for a delay
// of 200ms before).
func TestTurnAfterSubMillisecondEnd(t *testing.T) {
	m := newServer(t)
	w1, w2 := openStore(t, m, "w1"), openStore(t, m, "w2")
	d := 200 * time.Millisecond
	if w, err := w1.Turn("a.test", "", d); err != nil || w != 0 {
		t.Fatalf("first turn: wait %s, %v", w, err)
	}
	end := time.Second + 900*time.Microsecond
	m.SetTime(t0.Add(end))
	if err := w1.EndTurn("a.test", d, 0); err != nil {
		t.Fatal(err)
	}
	m.SetTime(t0.Add(end + d - 500*time.Microsecond)) // 1.2004s: the delay has not passed
	if w, err := w2.Turn("a.test", "", d); err != nil || w == 0 {
		t.Fatalf("turn 199.5ms after the end: wait %s, %v; want a wait", w, err)
	}
	m.SetTime(t0.Add(end + d + 100*time.Microsecond)) // 1.201s
	if w, err := w2.Turn("a.test", "", d); err != nil || w != 0 {
		t.Fatalf("turn 200.1ms after the end: wait %s, %v; want the turn", w, err)
	}
}

// A worker stopped past its lease (a frozen process) whose URL another
// worker took over gets no turn for it when it wakes: it does not send
// the request, which would come after the other stored the URL and
// opened the next depth. The new owner gets its turn.
func TestTurnRefusedAfterTakeover(t *testing.T) {
	m := newServer(t)
	w1, w2 := openStore(t, m, "w1"), openStore(t, m, "w2")
	mustAdd(t, w1, 0, "http://a.test/")
	p, _ := take(t, w1)
	if w, err := w1.Turn("a.test", p.Key, 0); err != nil || w != 0 {
		t.Fatalf("the owner's turn: wait %s, %v", w, err)
	}
	m.SetTime(t0.Add(3*time.Second + time.Millisecond))
	if again, st := take(t, w2); st != crawl.TakeGot || again.Key != p.Key {
		t.Fatalf("not taken over: %v %v", again, st)
	}
	if _, err := w1.Turn("a.test", p.Key, 0); !errors.Is(err, crawl.ErrTakenOver) {
		t.Errorf("w1's turn for a URL w2 took over: %v, want ErrTakenOver", err)
	}
	if w1.Err() != nil {
		t.Errorf("a lost URL failed the store: %v", w1.Err())
	}
	if w, err := w2.Turn("a.test", p.Key, 0); err != nil || w != 0 {
		t.Errorf("the new owner's turn: wait %s, %v", w, err)
	}
}

// robots.txt is fetched by one worker; the others read its answer.
func TestRobotsFetchedOnce(t *testing.T) {
	m := newServer(t)
	w1, w2 := openStore(t, m, "w1"), openStore(t, m, "w2")
	fetches := 0
	fetch := func() (int, []byte, error) { fetches++; return 200, []byte("User-agent: *\nDisallow: /x\n"), nil }
	for _, s := range []*Store{w1, w2} {
		status, body, err := s.Robots(context.Background(), "http://a.test/robots.txt", fetch)
		if err != nil || status != 200 || string(body) != "User-agent: *\nDisallow: /x\n" {
			t.Fatalf("robots: %d %q %v", status, body, err)
		}
	}
	if fetches != 1 {
		t.Errorf("robots.txt fetched %d times, want 1", fetches)
	}
}

// A robots.txt fetch slower than a lease keeps its lock: the worker renews
// it with its leases, so another worker waits for the answer instead of
// fetching robots.txt again.
func TestRobotsLockOutlivesLease(t *testing.T) {
	m := newServer(t)
	w1, w2 := openStore(t, m, "w1"), openStore(t, m, "w2")
	const url = "http://a.test/robots.txt"
	var fetches atomic.Int32
	release, started := make(chan struct{}), make(chan struct{})
	slow := func() (int, []byte, error) {
		if fetches.Add(1) == 1 {
			close(started)
			<-release
		}
		return 200, []byte("User-agent: *\n"), nil
	}
	first := make(chan error, 1)
	go func() { _, _, err := w1.Robots(context.Background(), url, slow); first <- err }()
	<-started
	for range 2 { // 5 s of Redis time in all, past the 3 s lease, each step after a renewal
		time.Sleep(1200 * time.Millisecond)
		m.FastForward(2500 * time.Millisecond)
	}
	if !m.Exists("prov:robots-lock:" + url) {
		t.Fatal("the lock of a fetch in progress ran out with its first lease")
	}
	second := make(chan error, 1)
	go func() { _, _, err := w2.Robots(context.Background(), url, slow); second <- err }()
	time.Sleep(100 * time.Millisecond)
	close(release)
	for _, c := range []chan error{first, second} {
		if err := <-c; err != nil {
			t.Fatal(err)
		}
	}
	if n := fetches.Load(); n != 1 {
		t.Errorf("robots.txt fetched %d times, want 1", n)
	}
	if m.Exists("prov:robots-lock:" + url) {
		t.Error("the lock is still held after the fetch")
	}
}

// lookHook runs then, once it is armed, right after the next command
// its client sends: it puts another worker's steps between two of a
// worker's round trips to Redis.
type lookHook struct {
	armed *atomic.Bool
	then  func()
}

func (h lookHook) DialHook(next redis.DialHook) redis.DialHook { return next }
func (h lookHook) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return next
}
func (h lookHook) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		err := next(ctx, cmd)
		if h.armed.CompareAndSwap(true, false) {
			h.then()
		}
		return err
	}
}

// w2 looks for robots.txt's answer and finds none; right then (before
// w2's next round trip) w1 takes the lock, fetches, stores the answer
// and frees the lock. w2 must read that answer, not take the freed lock
// and fetch robots.txt again: the integration test saw one robots.txt
// fetched by two workers 7 ms apart, when w2's look and lock were two
// steps (HGET, then SETNX).
func TestRobotsFetchedOnceWhenAnsweredBetweenLookAndLock(t *testing.T) {
	m := newServer(t)
	w1 := openStore(t, m, "w1")
	const url = "http://a.test/robots.txt"
	var fetches atomic.Int32
	fetch := func() (int, []byte, error) { fetches.Add(1); return 200, []byte("User-agent: *\n"), nil }
	var armed atomic.Bool
	first := make(chan error, 1)
	rdb := redis.NewClient(&redis.Options{Addr: m.Addr()})
	rdb.AddHook(lookHook{&armed, func() {
		go func() { _, _, err := w1.Robots(context.Background(), url, fetch); first <- err }()
		select { // w1 is done, or waits for a lock w2 took in its look
		case err := <-first:
			first <- err
		case <-time.After(300 * time.Millisecond):
		}
	}})
	w2, err := OpenClient(context.Background(), rdb, Options{Worker: "w2", Lease: 3 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w2.Close() })
	armed.Store(true)
	if _, _, err := w2.Robots(context.Background(), url, fetch); err != nil {
		t.Fatal(err)
	}
	if err := <-first; err != nil {
		t.Fatal(err)
	}
	if n := fetches.Load(); n != 1 {
		t.Errorf("robots.txt fetched %d times, want 1", n)
	}
}

// With Options.Trace, each transition of a URL is one entry of the
// trace stream, in order, naming its worker; without it there is no
// stream.
func TestTrace(t *testing.T) {
	m := newServer(t)
	quiet := openStore(t, m, "w0")
	mustAdd(t, quiet, 0, "http://a.test/")
	if got, _ := take(t, quiet); got.Key == "" || m.Exists(TraceKey("")) {
		t.Fatalf("took %q; a store without Trace made the stream: %v", got.Key, m.Exists(TraceKey("")))
	}
	s, err := OpenClient(context.Background(), redis.NewClient(&redis.Options{Addr: m.Addr()}),
		Options{Worker: "w1", Lease: 3 * time.Second, Trace: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	m.SetTime(t0.Add(4 * time.Second)) // w0's lease ran out
	got, _ := take(t, s)
	s.Done(got.Key)
	entries, err := s.rdb.XRange(context.Background(), TraceKey(""), "-", "+").Result()
	if err != nil {
		t.Fatal(err)
	}
	var seen []string
	for _, e := range entries {
		if e.Values["op"] == "renew" { // every third of a lease, on the wall clock
			continue
		}
		seen = append(seen, fmt.Sprintf("%s %s %s %s", e.Values["op"], e.Values["w"], e.Values["url"], e.Values["n"]))
	}
	want := []string{"expire w0 http://a.test/ 0", "take w1 http://a.test/ 0", "done w1 http://a.test/ "}
	if !slices.Equal(seen, want) {
		t.Errorf("trace %q, want %q", seen, want)
	}
}

// A Redis that goes away is the store's error from then on.
func TestLostRedis(t *testing.T) {
	m := newServer(t)
	w1 := openStore(t, m, "w1")
	m.Close()
	if _, _, err := w1.Take(0); err == nil {
		t.Fatal("take with Redis gone: no error")
	}
	select {
	case <-w1.Failed():
	default:
		t.Fatal("Failed not closed")
	}
	if err := w1.Done("http://a.test/"); err == nil || err.Error() != w1.Err().Error() {
		t.Errorf("after the loss: %v, want the first error %v", err, w1.Err())
	}
}

// A Redis that lost the crawl (restarted without its data) stops the
// worker as lost, not as a crawl drained: its empty queue would end the
// crawl "done" with pages missing.
func TestStateGoneIsLost(t *testing.T) {
	m := newServer(t)
	w := openStore(t, m, "w1")
	if _, _, err := w.Add([]string{"http://a.test/1"}, 0, crawl.KindPage, crawl.Budget{}); err != nil {
		t.Fatal(err)
	}
	m.FlushAll()
	if _, st, err := w.Take(0); !errors.Is(err, crawl.ErrSharedLost) || st == crawl.TakeDrained {
		t.Errorf("take from an emptied Redis: %v, %v; want ErrSharedLost", st, err)
	}
	w2 := openStore(t, m, "w2") // a worker run again begins a new crawl
	if _, err := w2.Drained(); err != nil {
		t.Errorf("a new crawl's worker: %v", err)
	}
	if drained, err := w.Drained(); drained || !errors.Is(err, crawl.ErrSharedLost) {
		t.Errorf("the old crawl's worker, after another began anew: drained %v, %v; want ErrSharedLost", drained, err)
	}
}

// Every worker of a crawl has its seeds and rules (Options.Config), and
// a name no other live worker has (Options.Instance): the same name
// from the same host and shard is that worker run again.
func TestWorkerRefusals(t *testing.T) {
	m := newServer(t)
	open := func(o Options) (*Store, error) {
		o.Lease = 3 * time.Second
		return OpenClient(context.Background(), redis.NewClient(&redis.Options{Addr: m.Addr()}), o)
	}
	w1, err := open(Options{Worker: "w1", Config: "seeds+rules A", Instance: "h1:/a.db"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := open(Options{Worker: "w2", Config: "seeds+rules B", Instance: "h2:/b.db"}); !errors.Is(err, ErrConfigDiffers) {
		t.Errorf("a worker with other rules: %v, want ErrConfigDiffers", err)
	}
	if _, err := open(Options{Worker: "w1", Config: "seeds+rules A", Instance: "h2:/b.db"}); !errors.Is(err, ErrWorkerInUse) {
		t.Errorf("a second live worker named w1: %v, want ErrWorkerInUse", err)
	}
	again, err := open(Options{Worker: "w1", Config: "seeds+rules A", Instance: "h1:/a.db"})
	if err != nil {
		t.Fatalf("w1 run again from its host and shard: %v", err)
	}
	again.Close()
	w1.Close()
	m.FastForward(3 * time.Second) // w1's claim runs out a lease after it stopped
	other, err := open(Options{Worker: "w1", Config: "seeds+rules A", Instance: "h2:/b.db"})
	if err != nil {
		t.Fatalf("w1's name a lease after w1 stopped: %v", err)
	}
	other.Close()
}
