package redisfrontier

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/prov-archive/prov/crawl"
)

// Add queues each key not seen yet at depth, within b (crawl.Shared).
func (s *Store) Add(keys []string, depth int, kind byte, b crawl.Budget) (int, []crawl.Skipped, error) {
	args := []any{depth, kindArg(kind), b.Pages, b.PerHost, b.DocsPerHost,
		crawl.SkipMaxPages, crawl.SkipMaxPagesPerHost, crawl.SkipMaxDocsPerHost}
	for _, k := range keys {
		args = append(args, k, hostOf(k))
	}
	v, err := s.run("add", args...)
	if err != nil {
		return 0, nil, err
	}
	res, _ := v.([]any)
	if len(res) == 0 {
		return 0, nil, s.fail(errors.New("add: empty reply"))
	}
	added, _ := res[0].(int64)
	var over []crawl.Skipped
	for i := 1; i+1 < len(res); i += 2 {
		k, _ := res[i].(string)
		why, _ := res[i+1].(string)
		over = append(over, crawl.Skipped{Key: k, Reason: why})
	}
	return int(added), over, nil
}

func kindArg(kind byte) string {
	if kind == crawl.KindPage {
		return ""
	}
	return string([]byte{kind})
}

func hostOf(key string) string {
	if u, err := url.Parse(key); err == nil {
		return u.Host
	}
	return ""
}

// Take hands out a URL of the queue's first depth, leased to this worker
// (crawl.Shared): the first of its first few whose host is ready for a
// request, else the head. It takes over every expired lease first.
func (s *Store) Take(maxPages int) (crawl.Taken, crawl.TakeState, error) {
	v, err := s.run("take", s.opts.Worker, s.opts.Lease.Milliseconds(), maxPages, s.opts.MaxTakes)
	if err != nil {
		return crawl.Taken{}, crawl.TakeWait, err
	}
	res, _ := v.([]any)
	state := ""
	if len(res) > 0 {
		state, _ = res[0].(string)
	}
	switch state {
	case "wait":
		return crawl.Taken{}, crawl.TakeWait, nil
	case "drained":
		if err := s.checkCrawl(context.Background()); err != nil {
			return crawl.Taken{}, crawl.TakeWait, err
		}
		return crawl.Taken{}, crawl.TakeDrained, nil
	case "over":
		return crawl.Taken{}, crawl.TakeOverPage, nil
	case "got":
		if len(res) == 4 {
			return s.got(res)
		}
	}
	return crawl.Taken{}, crawl.TakeWait, s.fail(fmt.Errorf("take: unexpected reply %v", res))
}

func (s *Store) got(res []any) (crawl.Taken, crawl.TakeState, error) {
	key, _ := res[1].(string)
	depth, _ := res[2].(int64)
	kind, _ := res[3].(string)
	t := crawl.Taken{Key: key, Depth: int(depth), Kind: crawl.KindPage}
	if kind != "" {
		t.Kind = kind[0]
	}
	if s.opts.AfterTake != nil {
		s.opts.AfterTake(key)
	}
	return t, crawl.TakeGot, nil
}

// Done ends the leases of urls this worker holds: their captures are
// stored (crawl.Shared).
func (s *Store) Done(urls ...string) error { return s.done(false, urls) }

// Settle marks key done without a capture and gives up its claim.
func (s *Store) Settle(key string) error { return s.done(true, []string{key}) }

func (s *Store) done(settle bool, urls []string) error {
	if len(urls) == 0 {
		return nil
	}
	flag := "0"
	if settle {
		flag = "1"
	}
	args := []any{s.opts.Worker, flag}
	for _, u := range urls {
		if key, err := crawl.Canonicalize(u); err == nil {
			u = key
		}
		args = append(args, u)
	}
	_, err := s.run("done", args...)
	return err
}

// MarkReached adds key to the seen set; true when it was not there.
func (s *Store) MarkReached(key string) (bool, error) {
	if err := s.Err(); err != nil {
		return false, err
	}
	n, err := s.rdb.SAdd(context.Background(), s.keys[2], key).Result()
	return n == 1, s.fail(err)
}

// Seen reports whether key is in the seen set.
func (s *Store) Seen(key string) (bool, error) {
	if err := s.Err(); err != nil {
		return false, err
	}
	ok, err := s.rdb.SIsMember(context.Background(), s.keys[2], key).Result()
	return ok, s.fail(err)
}

// Kind returns the kind key was queued as.
func (s *Store) Kind(key string) (byte, error) {
	if err := s.Err(); err != nil {
		return crawl.KindPage, err
	}
	v, err := s.rdb.HGet(context.Background(), s.keys[3], key).Result()
	if errors.Is(err, redis.Nil) || (err == nil && v == "") {
		return crawl.KindPage, nil
	}
	if err != nil {
		return crawl.KindPage, s.fail(err)
	}
	return v[0], nil
}

// Claim records that requested's fetch produced canonical.
func (s *Store) Claim(canonical, requested string) (string, error) {
	v, err := s.run("claim", canonical, requested)
	by, _ := v.(string)
	return by, err
}

// GiveUpClaim gives up the claim key's take made on itself.
func (s *Store) GiveUpClaim(key string) error {
	_, err := s.run("unclaim", key)
	return err
}

// Queued returns how many URLs wait in the queue.
func (s *Store) Queued() (int, error) {
	n, err := s.count("queued")
	return int(n), err
}

func (s *Store) count(name string) (int64, error) {
	if err := s.Err(); err != nil {
		return 0, err
	}
	n, err := s.rdb.HGet(context.Background(), s.keys[10], name).Int64()
	if errors.Is(err, redis.Nil) {
		return 0, nil
	}
	return n, s.fail(err)
}

// Counts returns the crawl's counters: queued, queued_docs, spent, done,
// taken_over, given_up.
func (s *Store) Counts(ctx context.Context) (map[string]int64, error) {
	m, err := s.rdb.HGetAll(ctx, s.keys[10]).Result()
	if err != nil {
		return nil, err
	}
	out := map[string]int64{}
	for k, v := range m {
		out[k], _ = strconv.ParseInt(v, 10, 64)
	}
	return out, nil
}

// Drained reports whether the crawl is over: nothing queued, nothing held.
func (s *Store) Drained() (bool, error) {
	v, err := s.run("drained")
	n, _ := v.(int64)
	if err == nil && n == 1 {
		err = s.checkCrawl(context.Background())
	}
	return err == nil && n == 1, err
}

// Taken returns how many URLs this worker holds.
func (s *Store) Taken() (int, error) {
	mine, err := s.mine()
	return len(mine), err
}

// mine returns the URLs this worker holds.
func (s *Store) mine() ([]string, error) {
	v, err := s.run("mine", s.opts.Worker)
	if err != nil {
		return nil, err
	}
	res, _ := v.([]any)
	var out []string
	for i := 0; i+1 < len(res); i += 2 {
		u, _ := res[i].(string)
		out = append(out, u)
	}
	return out, nil
}

// RequeueTaken settles what this worker held when it stopped: done when
// stored says so, else queued again at once (not when its lease runs out).
func (s *Store) RequeueTaken(stored func(url string) bool) (int, error) {
	mine, err := s.mine()
	if err != nil {
		return 0, err
	}
	n := 0
	for _, u := range mine {
		if stored != nil && stored(u) {
			err = s.Done(u)
		} else {
			_, err = s.run("requeue", s.opts.Worker, u)
			n++
		}
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// Turn grants the request for key to host now (0) or says how long to
// wait before asking again (see crawl.Shared). For a host with a delay, a
// grant holds the host until EndTurn: for half a lease, renewed with
// this worker's leases while the request lasts, so a slow answer keeps
// the host, and a dead worker's host is free again before its pages are
// taken over. A URL this worker no longer holds gets ErrTakenOver.
func (s *Store) Turn(host, key string, delay time.Duration) (time.Duration, error) {
	v, err := s.run("turn", host, delay.Milliseconds(), s.hold().Milliseconds(), s.opts.Worker, key)
	ms, _ := v.(int64)
	if err == nil && ms < 0 {
		return 0, fmt.Errorf("redisfrontier: %s: %w", key, crawl.ErrTakenOver)
	}
	if err == nil && ms == 0 && delay > 0 {
		s.mu.Lock()
		s.holding[host]++
		s.mu.Unlock()
	}
	return time.Duration(ms) * time.Millisecond, err
}

// hold is how long a grant holds its host without a renewal.
func (s *Store) hold() time.Duration { return s.opts.Lease / 2 }

// EndTurn ends the request Turn granted: the host's hold, if still this
// worker's, is lifted, and the next request to host is granted no sooner
// than the larger of delay and pause from now.
func (s *Store) EndTurn(host string, delay, pause time.Duration) error {
	s.mu.Lock()
	if s.holding[host]--; s.holding[host] <= 0 {
		delete(s.holding, host)
	}
	s.mu.Unlock()
	_, err := s.run("endturn", host, delay.Milliseconds(), pause.Milliseconds(), s.opts.Worker)
	return err
}

// renewTurns extends the holds of the hosts this worker's requests are
// in flight to.
func (s *Store) renewTurns() {
	s.mu.Lock()
	args := []any{s.opts.Worker, s.hold().Milliseconds()}
	for h := range s.holding {
		args = append(args, h)
	}
	s.mu.Unlock()
	if len(args) > 2 {
		s.run("renewturns", args...)
	}
}

// Robots returns the stored answer for robotsURL; without one, one worker
// calls fetch and stores its answer while the others wait for it. The
// worker fetching it holds a lock, renewed with its leases while it lives
// (Options.Lease); one that died meanwhile is replaced by another once the
// lease runs out. Looking for the answer and taking the lock are one
// script (robots.lua): were they two steps, a worker that found no answer
// could take the lock just after the fetcher stored its answer and freed
// it, and fetch robots.txt again.
func (s *Store) Robots(ctx context.Context, robotsURL string, fetch func() (int, []byte, error)) (int, []byte, error) {
	lock := s.opts.Prefix + "robots-lock:" + robotsURL
	for {
		v, err := s.run("robots", s.opts.Worker, robotsURL, s.opts.Lease.Milliseconds())
		if err != nil {
			return 0, nil, err
		}
		res, _ := v.([]any)
		state := ""
		if len(res) > 0 {
			state, _ = res[0].(string)
		}
		switch {
		case state == "got" && len(res) == 2:
			answer, _ := res[1].(string)
			return decodeRobots(answer)
		case state == "fetch":
			return s.fetchRobots(lock, robotsURL, fetch)
		case state != "wait":
			return 0, nil, s.fail(fmt.Errorf("robots: unexpected reply %v", res))
		}
		select {
		case <-time.After(25 * time.Millisecond):
		case <-ctx.Done():
			return 0, nil, ctx.Err()
		}
	}
}

// fetchRobots fetches robotsURL while this worker holds lock, and stores
// the answer. A failed fetch stores nothing: the next worker to ask
// tries again.
func (s *Store) fetchRobots(lock, robotsURL string, fetch func() (int, []byte, error)) (int, []byte, error) {
	s.holdLock(lock)
	defer s.releaseLock(lock)
	status, body, err := fetch()
	if err != nil {
		return 0, nil, err
	}
	if _, err := s.run("robotsput", s.opts.Worker, robotsURL, strconv.Itoa(status)+"\n"+string(body)); err != nil {
		return 0, nil, err
	}
	return status, body, nil
}

// lockScripts act on one lock key (KEYS[1]) only while ARGV[1], this
// worker, holds it: a fetch slower than a lease keeps its lock, and a
// worker never frees a lock that has passed to another.
var (
	renewLockScript = redis.NewScript(`if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`)
	freeLockScript  = redis.NewScript(`if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`)
)

// holdLock notes that this worker holds lock, so renewLoop extends it
// with the worker's leases until releaseLock.
func (s *Store) holdLock(lock string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.locks == nil {
		s.locks = map[string]bool{}
	}
	s.locks[lock] = true
}

// releaseLock frees lock if it is still this worker's.
func (s *Store) releaseLock(lock string) {
	s.mu.Lock()
	delete(s.locks, lock)
	s.mu.Unlock()
	freeLockScript.Run(context.Background(), s.rdb, []string{lock}, s.opts.Worker)
}

// renewLocks extends every lock this worker holds by a lease.
func (s *Store) renewLocks() {
	s.mu.Lock()
	held := make([]string, 0, len(s.locks))
	for k := range s.locks {
		held = append(held, k)
	}
	s.mu.Unlock()
	for _, k := range held {
		renewLockScript.Run(context.Background(), s.rdb, []string{k}, s.opts.Worker, s.opts.Lease.Milliseconds())
	}
}

func decodeRobots(v string) (int, []byte, error) {
	head, body, ok := strings.Cut(v, "\n")
	status, err := strconv.Atoi(head)
	if !ok || err != nil {
		return 0, nil, fmt.Errorf("redisfrontier: stored robots.txt answer %.20q does not read", v)
	}
	return status, []byte(body), nil
}
