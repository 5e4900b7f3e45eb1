package crawl

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/maphash"
	"slices"
	"sync"

	bolt "go.etcd.io/bbolt"
)

// budget bounds what add queues: pages (> 0) fetches in the run, perHost
// (> 0) pages queued per host over the crawl. Sitemaps, feeds and
// robots.txt count against neither, only against maxDocsPerHost.
type budget struct{ pages, perHost int }

// skip is a URL add did not queue, and why (a Skip* constant).
type skip struct{ key, reason string }

// add queues each of keys of kind at depth unless it was seen, in one
// transaction, and returns how many it queued and which it left out
// because a limit was reached.
func (f *Frontier) add(keys []string, depth int, kind byte, b budget) (added int, over []skip, err error) {
	if len(keys) == 0 { // enqueue adds each kind, most often none of some
		return 0, nil, nil
	}
	if keys = f.unseen(keys); len(keys) == 0 {
		return 0, nil, nil
	}
	var known []string // in the seen set once the transaction commits
	err = f.update(func(tx *bolt.Tx) error {
		known = known[:0]
		var counts counterChanges
		seen := f.seenIn(tx)
		room := int64(b.pages) - counter(tx, keySpent) - counter(tx, keyQueued) + counter(tx, keyQueuedDocs)
		for _, key := range keys {
			hit := seen.get([]byte(key))
			if hit.v != nil {
				known = append(known, key)
				continue
			}
			why, err := admit(tx, key, kind, b, room-int64(added))
			if err != nil {
				return err
			}
			if why != "" {
				over = append(over, skip{key, why})
				continue
			}
			added++
			if err := f.push(tx, seen, key, hit, depth, kind, &counts); err != nil {
				return err
			}
			known = append(known, key)
		}
		return counts.write(tx)
	})
	if err == nil {
		f.seenKeys.add(known)
	}
	if added > 0 {
		f.notify()
	}
	return added, over, err
}

// unseen returns the keys not in the seen set, read without a write
// transaction, and without reading the file for the keys seenKeys holds
// (most links of a page were seen already) or written does not (most of
// the others are new). add checks every key it returns again, in its
// transaction: a key unseen takes for new by mistake is not queued twice.
func (f *Frontier) unseen(keys []string) []string {
	if keys = f.seenKeys.drop(keys); len(keys) == 0 {
		return nil
	}
	if !slices.ContainsFunc(keys, f.written.mayHold) {
		return keys
	}
	var out, known []string
	f.view(func(tx *bolt.Tx) error {
		out, known = out[:0], known[:0]
		seen := f.seenIn(tx)
		for _, key := range keys {
			if !f.written.mayHold(key) || seen.get([]byte(key)).v == nil {
				out = append(out, key)
			} else {
				known = append(known, key)
			}
		}
		return nil
	})
	f.seenKeys.add(known)
	return out
}

// seenCache holds keys known to be in the seen set, which only grows: the
// links a site repeats on every page (its navigation), and on a large
// site most links of a page, are then not read from the file again. It
// keeps a fingerprint of each key in a table of seenSlots, in sets of
// seenWays slots: a key's hash picks its set, and it takes a free slot of
// it, or, when the set is full, the place of one of the keys there,
// picked by its fingerprint. So memory stays flat however far the crawl
// goes, and a key is forgotten only when its set is full. (With one slot
// a key, a key put where another was replaced it: of 20,000 keys, 746
// were forgotten, against 2 in sets; a page with one of them among its
// links reads the file again, and 7,269 pages of a crawl of 20,000 did.)
// A fingerprint is 64 bits hashed apart from the set's: a key never seen
// is taken for seen only when its fingerprint equals one in its set,
// about once in 2^62 lookups.
type seenCache struct {
	mu    sync.Mutex
	seeds [2]maphash.Seed // the set's hash, the fingerprint's
	slots []uint64        // 0: empty; allocated on the first add
}

// seenSlots is the size of the table: 2 MB, a slot each for 262,144 keys.
// seenWays is the size of a set, which fills half a cache line.
const (
	seenSlots = 1 << 18
	seenWays  = 4
)

// place returns the slots of key's set and its fingerprint (never 0, the
// empty slot's).
func (c *seenCache) place(key string) (set []uint64, fp uint64) {
	first := int(maphash.String(c.seeds[0], key)%(seenSlots/seenWays)) * seenWays
	return c.slots[first : first+seenWays : first+seenWays], maphash.String(c.seeds[1], key) | 1
}

// holds reports whether set holds fp.
func holds(set []uint64, fp uint64) bool {
	for _, s := range set {
		if s == fp {
			return true
		}
	}
	return false
}

// drop returns the keys the cache does not hold, in order; keys itself
// when it holds none of them.
func (c *seenCache) drop(keys []string) []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.slots == nil {
		return keys
	}
	var out []string
	for i, k := range keys {
		if !holds(c.place(k)) {
			if out != nil {
				out = append(out, k)
			}
			continue
		}
		if out == nil {
			out = append(make([]string, 0, len(keys)-1), keys[:i]...)
		}
	}
	if out == nil {
		return keys
	}
	return out
}

// add notes keys as seen. Only keys read from the seen set, or written to
// it by a committed transaction, may be added.
func (c *seenCache) add(keys []string) {
	if len(keys) == 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.slots == nil {
		c.seeds = [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()}
		c.slots = make([]uint64, seenSlots)
	}
	for _, k := range keys {
		set, fp := c.place(k)
		if holds(set, fp) {
			continue
		}
		if i := slices.Index(set, 0); i >= 0 {
			set[i] = fp
		} else {
			set[fp>>62%seenWays] = fp // the fingerprint's top bits: any key of the set
		}
	}
}

// admit returns the limit that keeps key out ("" for none) and, when
// there is none, counts key against its host's limit. room is what is
// left of the run's page budget.
func admit(tx *bolt.Tx, key string, kind byte, b budget, room int64) (string, error) {
	limit, class, why := b.perHost, "p ", SkipMaxPagesPerHost
	if kind != kindPage {
		limit, class, why = maxDocsPerHost, "d ", SkipMaxDocsPerHost
	} else if b.pages > 0 && room <= 0 {
		return SkipMaxPages, nil
	}
	if limit <= 0 {
		return "", nil
	}
	hk := []byte(class + hostOf(key))
	hosts := tx.Bucket(fbHosts)
	n := uint64(0)
	if v := hosts.Get(hk); len(v) == 8 {
		n = binary.BigEndian.Uint64(v)
	}
	if n >= uint64(limit) {
		return why, nil
	}
	return "", hosts.Put(hk, binary.BigEndian.AppendUint64(nil, n+1))
}

func hostOf(key string) string {
	if u, err := parseKey(key); err == nil {
		return u.Host
	}
	return ""
}

// markReached adds key to the seen set without queueing it (a redirect
// target or a rel=canonical) and reports whether it was new; a failed
// write reports false with the error.
func (f *Frontier) markReached(key string) (bool, error) {
	if f.state(key) != 0 {
		return false, nil
	}
	added := false
	err := f.update(func(tx *bolt.Tx) error {
		seen := f.seenIn(tx)
		hit := seen.get([]byte(key))
		if hit.v != nil {
			return nil
		}
		added = true
		f.written.note(key)
		return seen.put([]byte(key), []byte{stReached, 0}, hit)
	})
	return added && err == nil, err
}

// state returns key's state, 0 when unseen.
func (f *Frontier) state(key string) (st byte) {
	f.view(func(tx *bolt.Tx) error {
		st = stateIn(tx, key, f.seenIn(tx).get([]byte(key)).v)
		return nil
	})
	return st
}

// entry is one URL taken from the queue.
type entry struct {
	key   string
	depth int
	kind  byte // kindPage, or the kind of document read for URLs
}

// take returns the oldest queued URL, marked taken. ok is false when the
// queue is empty or maxPages (> 0) pages were taken already; then over
// says whether the budget was the reason. Documents read for URLs
// (sitemaps, feeds, robots.txt) do not count against the budget, but
// once it is spent none is taken: none of the pages it names could be
// fetched this run, and a run that ends at its budget clears its
// frontier.
//
// URLs are taken from the file takeBatch at a time, in one transaction,
// and handed out in order from memory: a taken URL that a killed run never
// fetched is queued again by the next run, like any other taken URL. A
// batch whose transaction failed is handed out to nobody: its URLs are
// still queued in the file.
func (f *Frontier) take(maxPages int) (e entry, ok, over bool, err error) {
	f.takeMu.Lock()
	defer f.takeMu.Unlock()
	if len(f.taken) == 0 {
		if f.taken, over, err = f.takeBatch(maxPages); err != nil {
			return entry{}, false, false, err
		}
	}
	if len(f.taken) == 0 {
		return entry{}, false, over, nil
	}
	e, f.taken = f.taken[0], f.taken[1:]
	f.held[e.depth]++
	return e, true, false, nil
}

// levelOpen reports whether a URL of depth may be fetched now: no URL
// shallower is held (taken and not released). Every page of one depth is
// fetched, and its links queued, before a page of the next depth is. So a
// URL is first found by its shallowest path, its depth is its link
// distance from a seed, and what MaxDepth admits does not depend on which
// fetch finished first.
func (f *Frontier) levelOpen(depth int) bool {
	f.takeMu.Lock()
	defer f.takeMu.Unlock()
	for d, n := range f.held {
		if d < depth && n > 0 {
			return false
		}
	}
	return true
}

// releaseLevel says the URL take handed out as e is fetched (or given
// up).
func (f *Frontier) releaseLevel(e entry) {
	f.takeMu.Lock()
	defer f.takeMu.Unlock()
	if f.held[e.depth]--; f.held[e.depth] <= 0 {
		delete(f.held, e.depth)
	}
}

// takeBatch is how many URLs one take transaction moves from the queue.
// A transaction costs about as much for 64 URLs as for 8 (its commit
// writes the same few pages of the queue and the seen set), and the
// crawl takes a URL per page: 8 made the take a tenth of the frontier's
// CPU. What a killed run took and did not fetch is queued again, however
// many it was.
const takeBatch = 64

// takeBatch moves up to takeBatch URLs of one depth from the queue to
// taken, stopping at a page the budget has no room for (over). A page taken claims its own
// URL (see claim), unless a redirect or rel=canonical claimed it first.
func (f *Frontier) takeBatch(maxPages int) (batch []entry, over bool, err error) {
	if f.Queued() == 0 {
		return nil, false, nil
	}
	var own []string
	err = f.update(func(tx *bolt.Tx) error {
		batch, over = batch[:0], false
		var counts counterChanges
		var err error
		if over, err = takeInto(tx, &batch, maxPages, &counts); err != nil {
			return err
		}
		own = ownClaimed(tx, batch, own[:0])
		return counts.write(tx)
	})
	if err != nil {
		return nil, false, err
	}
	f.own.add(own)
	return batch, over, nil
}

// ownClaimed appends to own the pages of batch, just taken, that no
// other fetch claimed: their claim is their own fetch's.
func ownClaimed(tx *bolt.Tx, batch []entry, own []string) []string {
	claims := newSeeker(tx.Bucket(fbClaims))
	for _, e := range batch {
		if e.kind == kindPage && claims.get([]byte(e.key)) == nil {
			own = append(own, e.key)
		}
	}
	return own
}

// ownClaims are the pages this frontier handed out (take) whose claim is
// their own fetch's: no other fetch claimed them when they were taken,
// and none can claim a taken URL after (claimantTx reads it as its own
// fetch's). A page leaves the set when it is done or settled or its claim
// is given up, and the set is emptied when taken URLs are queued again.
// So for a page whose canonical URL is the one it was taken as, the
// common case, claim has its answer without reading the file. The set
// holds only the pages in flight: at most the queue's batch, the parked
// URLs and the pages the archive has not committed yet.
type ownClaims struct {
	mu   sync.Mutex
	keys map[string]struct{}
}

func (o *ownClaims) add(keys []string) {
	if len(keys) == 0 {
		return
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.keys == nil {
		o.keys = make(map[string]struct{}, 2*takeBatch)
	}
	for _, k := range keys {
		o.keys[k] = struct{}{}
	}
}

func (o *ownClaims) has(key string) bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	_, ok := o.keys[key]
	return ok
}

func (o *ownClaims) drop(keys ...string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	for _, k := range keys {
		delete(o.keys, k)
	}
}

// reset empties the set: URLs taken were queued again.
func (o *ownClaims) reset() {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.keys = nil
}

// takeInto is takeBatch's transaction: it moves URLs from the queue to
// batch, their changes to the counters noted in counts.
func takeInto(tx *bolt.Tx, batch *[]entry, maxPages int, counts *counterChanges) (over bool, err error) {
	spent := counter(tx, keySpent)
	kinds := newSeeker(tx.Bucket(fbKinds))
	cur := tx.Bucket(fbPending).Cursor()
	for k, v := cur.First(); k != nil && len(*batch) < takeBatch; k, v = cur.First() {
		if len(*batch) > 0 && pendingDepth(k) != (*batch)[0].depth {
			return false, nil
		}
		d, n := binary.Uvarint(v)
		next := entry{key: string(v[n:]), depth: int(d)}
		next.kind = kindIn(kinds, next.key)
		if maxPages > 0 && spent+int64(counts.spent) >= int64(maxPages) {
			return true, nil // a sitemap or feed too: none of its pages could be fetched
		}
		if err := cur.Delete(); err != nil {
			return false, err
		}
		if err := markTaken(tx, next, counts); err != nil {
			return false, err
		}
		*batch = append(*batch, next)
	}
	return false, nil
}

// markTaken puts e in the taken bucket (its seen state stays queued),
// and notes in counts that it left the queue.
func markTaken(tx *bolt.Tx, e entry, counts *counterChanges) error {
	if err := tx.Bucket(fbTaken).Put([]byte(e.key), binary.AppendUvarint(nil, uint64(e.depth))); err != nil {
		return err
	}
	counts.queued--
	if e.kind != kindPage {
		counts.docs--
	} else {
		counts.spent++ // the take claims e.key (claimantTx): nothing to write
	}
	return nil
}

// kind returns the kind key was queued as.
func (f *Frontier) kind(key string) (k byte) {
	f.db.View(func(tx *bolt.Tx) error {
		k = kindOf(tx, key)
		return nil
	})
	return k
}

func kindOf(tx *bolt.Tx, key string) byte {
	return kindIn(newSeeker(tx.Bucket(fbKinds)), key)
}

// kindIn is kindOf, read through kinds, a seeker of the kinds bucket.
func kindIn(kinds seeker, key string) byte {
	if v := kinds.get([]byte(key)); len(v) > 0 {
		return v[0]
	}
	return kindPage
}

// seeker reads the keys of one bucket, in one transaction, through one
// cursor. Bucket.Get makes a cursor for each read and grows its stack,
// one entry per level of the tree, from empty: three or four allocations
// a read, where a seeker's cursor keeps its stack from read to read.
// Each read seeks from the bucket's root, as Get does, so the bucket's
// writes between two reads are seen (a cursor is repositioned by Seek).
type seeker struct{ c *bolt.Cursor }

func newSeeker(b *bolt.Bucket) seeker { return seeker{b.Cursor()} }

// get returns key's value as Bucket.Get does: nil when the bucket holds
// no key (or a nested bucket) there.
func (s seeker) get(key []byte) []byte {
	if k, v := s.c.Seek(key); bytes.Equal(k, key) {
		return v
	}
	return nil
}

// delete deletes key from the bucket, through the seeker's cursor (one
// seek, where Bucket.Delete makes a cursor of its own), and reports
// whether the bucket held it.
func (s seeker) delete(key []byte) (bool, error) {
	if k, _ := s.c.Seek(key); !bytes.Equal(k, key) {
		return false, nil
	}
	return true, s.c.Delete()
}

// settle marks key done without a capture (robots.txt said no, or its
// page was a duplicate that is not stored), and gives up the claim its
// take made, since its fetch produced no page. Whatever key's fetch
// found must be queued before: a settled URL is never fetched again.
func (f *Frontier) settle(key string) error {
	f.own.drop(key)
	return f.update(func(tx *bolt.Tx) error {
		if err := f.markDone(f.seenIn(tx), newSeeker(tx.Bucket(fbTaken)), key); err != nil {
			return err
		}
		return f.unclaim(tx, key)
	})
}

// Claims. The fetch that produced a page claims its canonical URL, so
// that a redirect or a rel=canonical landing on it later is known as a
// copy. A take claims its own URL without a write: a URL taken or done
// (seen) is claimed by its own fetch unless the claims bucket says
// otherwise, which it does only for the few URLs whose claim is not their
// own: canonical → the URL whose fetch produced it, or noClaim once the
// own fetch gave the claim up. (A frontier of an earlier prov also holds
// key → key for every take; it reads the same.) So a page, the common
// case, writes no claim, and the bucket stays small: at 100,000 pages a
// key → key for each was 12 MB of the file, read and written at random.
var noClaim = []byte{0}

// claimantTx returns the URL whose fetch claimed canonical, "" for none.
func (f *Frontier) claimantTx(tx *bolt.Tx, canonical string) string {
	switch v := tx.Bucket(fbClaims).Get([]byte(canonical)); {
	case bytes.Equal(v, noClaim):
		return ""
	case v != nil:
		return string(v)
	}
	switch stateIn(tx, canonical, f.seenIn(tx).get([]byte(canonical)).v) {
	case stTaken, stDone:
		return canonical
	case stQueued:
		if tx.Bucket(fbTaken).Get([]byte(canonical)) == nil {
			return ""
		}
		return canonical
	}
	return ""
}

// claim records that the fetch of requested produced the page whose
// canonical URL is canonical, and marks canonical seen. When another fetch
// claimed canonical first, it returns that fetch's URL and claims nothing.
//
// take claimed each page's own URL already, so the common case (the page
// is its own canonical URL) is settled by a read; only a redirect or a
// rel=canonical writes, and gives up requested's own claim, which its fetch
// did not produce. A failed write returns the error and claims nothing.
func (f *Frontier) claim(canonical, requested string) (earlier string, err error) {
	if canonical == requested && f.own.has(requested) {
		return "", nil
	}
	if by := f.claimant(canonical); by == requested {
		return "", nil
	} else if by != "" {
		return by, nil
	}
	f.own.drop(requested) // its claim may be given up below
	err = f.update(func(tx *bolt.Tx) error {
		if by := f.claimantTx(tx, canonical); by != "" && by != requested {
			earlier = by
			return nil
		}
		if err := tx.Bucket(fbClaims).Put([]byte(canonical), []byte(requested)); err != nil {
			return err
		}
		if err := f.unclaim(tx, requested); err != nil {
			return err
		}
		seen := f.seenIn(tx)
		if hit := seen.get([]byte(canonical)); hit.v == nil {
			f.written.note(canonical)
			return seen.put([]byte(canonical), []byte{stReached, 0}, hit)
		}
		return nil
	})
	return earlier, err
}

// unclaim gives up key's claim on itself when its own fetch holds it.
func (f *Frontier) unclaim(tx *bolt.Tx, key string) error {
	if f.claimantTx(tx, key) != key {
		return nil
	}
	return tx.Bucket(fbClaims).Put([]byte(key), noClaim)
}

// giveUpClaim gives up the claim key's take made when its fetch produced no
// page (it failed).
func (f *Frontier) giveUpClaim(key string) error {
	f.own.drop(key)
	if f.claimant(key) != key {
		return nil
	}
	return f.update(func(tx *bolt.Tx) error { return f.unclaim(tx, key) })
}

// claimant returns the URL whose fetch claimed canonical, "" for none.
func (f *Frontier) claimant(canonical string) (by string) {
	f.view(func(tx *bolt.Tx) error {
		by = f.claimantTx(tx, canonical)
		return nil
	})
	return by
}

// wait returns a channel closed the next time a URL is queued.
func (f *Frontier) wait() <-chan struct{} {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.changed
}

func (f *Frontier) notify() {
	f.mu.Lock()
	defer f.mu.Unlock()
	close(f.changed)
	f.changed = make(chan struct{})
}

// push queues key at depth as kind, and notes in counts that it did;
// seen is the seen set of tx, and hit what it holds for key.
func (f *Frontier) push(tx *bolt.Tx, seen seenSet, key string, hit seenHit, depth int, kind byte, counts *counterChanges) error {
	pending := tx.Bucket(fbPending)
	pending.FillPercent = 1 // keys are appended: a split leaves the left page full
	seq, err := pending.NextSequence()
	if err != nil {
		return err
	}
	w := newPushWrites(key, depth, seq)
	if err := pending.Put(w.pendingKey, w.pendingValue); err != nil {
		return err
	}
	f.written.note(key)
	if err := seen.put(w.seenKey, w.seenValue, hit); err != nil {
		return err
	}
	if kind != kindPage {
		if err := tx.Bucket(fbKinds).Put([]byte(key), []byte{kind}); err != nil {
			return err
		}
		counts.docs++
	}
	counts.queued++
	return nil
}

// pushWrites are the keys and values push puts, for key queued at depth
// as the seq'th URL: the pending queue's entry, and the seen set's.
type pushWrites struct {
	pendingKey, pendingValue, seenKey, seenValue []byte
}

// newPushWrites makes push's keys and values, all four in one buffer of
// their exact size: bbolt keeps each until the transaction commits, and
// built one by one they cost seven allocations a URL queued (a buffer
// started empty is moved each time it grows). The seen value is
// pushedValue(depth, seq).
func newPushWrites(key string, depth int, seq uint64) pushWrites {
	d := uint64(depth)
	dn := uvarintLen(d)
	buf := make([]byte, 0, 12+dn+len(key)+len(key)+1+dn+uvarintLen(seq))
	buf = appendPendingKey(buf, depth, seq)
	buf = binary.AppendUvarint(buf, d)
	buf = append(buf, key...)
	buf = append(buf, key...)
	buf = appendPushedValue(buf, depth, seq)
	k, v := 12, 12+dn+len(key)
	return pushWrites{
		pendingKey: buf[:k:k], pendingValue: buf[k:v:v],
		seenKey: buf[v : v+len(key) : v+len(key)], seenValue: buf[v+len(key):],
	}
}

// pushedValue is the seen value of a URL queued at depth as the seq'th
// (stPushed): the state, the depth, the sequence, the last two uvarints.
func pushedValue(depth int, seq uint64) []byte { return appendPushedValue(nil, depth, seq) }

func appendPushedValue(dst []byte, depth int, seq uint64) []byte {
	return binary.AppendUvarint(appendStateValue(dst, stPushed, depth), seq)
}

// uvarintLen is how many bytes binary.AppendUvarint writes x in.
func uvarintLen(x uint64) int {
	n := 1
	for ; x >= 0x80; x >>= 7 {
		n++
	}
	return n
}

// pendingKey orders the queue by depth, then by when a URL was queued: the
// crawl goes breadth first, each depth in the order its URLs were found.
func pendingKey(depth int, seq uint64) []byte { return appendPendingKey(nil, depth, seq) }

// appendPendingKey appends pendingKey(depth, seq) to dst: the depth in
// 4 bytes, then the sequence in 8, big-endian.
func appendPendingKey(dst []byte, depth int, seq uint64) []byte {
	return binary.BigEndian.AppendUint64(binary.BigEndian.AppendUint32(dst, uint32(depth)), seq)
}

// pendingDepth reads the depth from a pending key.
func pendingDepth(k []byte) int { return int(binary.BigEndian.Uint32(k)) }

func stateValue(st byte, depth int) []byte { return appendStateValue(nil, st, depth) }

// appendStateValue appends stateValue(st, depth) to dst: the state, then
// the depth as a uvarint.
func appendStateValue(dst []byte, st byte, depth int) []byte {
	return binary.AppendUvarint(append(dst, st), uint64(depth))
}

func counter(tx *bolt.Tx, name []byte) int64 {
	v := tx.Bucket(fbMeta).Get(name)
	if len(v) != 8 {
		return 0
	}
	return int64(binary.BigEndian.Uint64(v))
}

// counterChanges are what one transaction changes the queue's counters
// by, written once at its end (write) rather than at each URL: a write
// cost a read and a put into the meta bucket, per URL queued or taken.
// Within one transaction each counter only rises or only falls, so it
// ends as if written at each URL (addCounter stops at 0 either way).
type counterChanges struct{ queued, docs, spent int }

// write adds the changes to the counters; a counter that did not change
// is not written.
func (c counterChanges) write(tx *bolt.Tx) error {
	for _, ch := range [...]struct {
		name  []byte
		delta int
	}{{keyQueued, c.queued}, {keyQueuedDocs, c.docs}, {keySpent, c.spent}} {
		if ch.delta == 0 {
			continue
		}
		if err := addCounter(tx, ch.name, ch.delta); err != nil {
			return err
		}
	}
	return nil
}

func addCounter(tx *bolt.Tx, name []byte, delta int) error {
	n := max(counter(tx, name)+int64(delta), 0)
	return tx.Bucket(fbMeta).Put(name, binary.BigEndian.AppendUint64(nil, uint64(n)))
}

// queuedPages calls fn with every page URL still queued, in queue order
// (robots.txt and sitemaps left out). fn must not use the frontier.
func (f *Frontier) queuedPages(fn func(key string)) error {
	err := f.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(fbPending).ForEach(func(_, v []byte) error {
			_, n := binary.Uvarint(v)
			if n <= 0 {
				return nil
			}
			if key := string(v[n:]); kindOf(tx, key) == kindPage {
				fn(key)
			}
			return nil
		})
	})
	if err != nil {
		return fmt.Errorf("crawl: frontier %s: queued pages: %w", f.path, err)
	}
	return nil
}
