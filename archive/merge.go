package archive

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// MergeOptions tune Merge.
type MergeOptions struct {
	Stitch StitchOptions    // for the stitch sweep of each merged run (ingest.StitchOptions)
	Now    func() time.Time // default time.Now
}

// MergeStats is what one Merge did.
type MergeStats struct {
	Shards   int `json:"shards"`
	Captures int `json:"captures"` // read from the shards (stitched ones are made again, not copied)
	Added    int `json:"added"`    // new to the archive
	Present  int `json:"present"`  // already there: merged before
	Runs     int `json:"runs"`     // runs of the archive the shards' runs were folded into
}

// Merge folds the shards (the archives the workers of a shared crawl
// wrote, prov crawl --frontier) into the archive at into, created when
// missing:
//
//   - every shard's run lock is taken and its file opened read-only, and
//     every capture and run record of it decoded, before anything is
//     written: a shard that is locked or does not read fails the merge
//     with an error naming it, and into is not touched;
//   - captures are copied in the order they were fetched, with new IDs;
//     payloads and texts are stored once per sha256 (and re-hashed);
//     the indexes are the archive's own (URL, text, sketch);
//   - the runs of one shared crawl (Run.Crawl) are folded into one run:
//     its span covers them all, Workers names the workers, and its counts
//     are their sums less the captures of a URL the run holds already
//     (a worker that died after storing a page and before saying so left
//     it to another: both captures are kept, the URL counts once);
//   - split articles are stitched again over the merged captures (a
//     shard's own stitched captures are not copied);
//   - a capture already in into (same URL, worker and fetch start) is
//     not copied again: merging twice adds nothing.
//
// Give Merge every shard of a crawl at once: a run's counts are made
// from the shards of the call.
func Merge(shards []string, into string, opts MergeOptions) (MergeStats, error) {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	st := MergeStats{Shards: len(shards)}
	var open []*mergeShard
	defer func() {
		for _, s := range open {
			s.close()
		}
	}()
	for _, path := range shards {
		s, err := openShard(path, opts.Now())
		if err != nil {
			return st, fmt.Errorf("archive: merge: shard %s: %w", path, err)
		}
		open = append(open, s)
		st.Captures += len(s.caps)
	}
	db, err := Open(into, Options{Holder: "prov merge", Now: opts.Now})
	if err != nil {
		return st, fmt.Errorf("archive: merge into %s: %w", into, err)
	}
	m := &merger{db: db, shards: open, opts: opts, st: &st, ids: map[*mergeShard]map[uint64]uint64{}}
	err = m.merge()
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return st, fmt.Errorf("archive: merge into %s: %w", into, err)
	}
	return st, nil
}

// mergeShard is one shard, locked and open read-only, with its records.
type mergeShard struct {
	path string
	lock *RunLock
	bolt *bolt.DB
	runs []Run
	caps []Capture // in ID order, stitched captures left out
}

func openShard(path string, now time.Time) (*mergeShard, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, err
	}
	lock, err := LockRun(path, "prov merge", now)
	if err != nil {
		return nil, err
	}
	s := &mergeShard{path: path, lock: lock}
	if s.bolt, err = openBolt(path, true, DefaultTimeout); err == nil {
		err = s.view(s.read)
	}
	if err != nil {
		s.close()
		return nil, err
	}
	return s, nil
}

// read decodes every run and capture of the shard.
func (s *mergeShard) read(tx *bolt.Tx) error {
	empty, err := checkSchema(tx, s.path)
	if err != nil {
		return err
	}
	if empty {
		return fmt.Errorf("%w: %s is empty", ErrNotArchive, s.path)
	}
	err = tx.Bucket(bucketRuns).ForEach(func(k, v []byte) error {
		var r Run
		if err := json.Unmarshal(v, &r); err != nil {
			return fmt.Errorf("run %d: %w", keyID(k), err)
		}
		s.runs = append(s.runs, r)
		return nil
	})
	if err != nil {
		return err
	}
	caps := captureReader{tx: tx, keep: true}
	return tx.Bucket(bucketCaptures).ForEach(func(k, v []byte) error {
		c, err := caps.at(k, v)
		if err != nil {
			return fmt.Errorf("capture %d: %w", keyID(k), err)
		}
		if c.Kind != KindStitched {
			s.caps = append(s.caps, c)
		}
		return nil
	})
}

// view runs fn in a read transaction of the shard, its damage an error.
func (s *mergeShard) view(fn func(*bolt.Tx) error) error {
	return guardDamage(s.path, func() error { return s.bolt.View(fn) })
}

func (s *mergeShard) close() {
	if s.bolt != nil {
		s.bolt.Close()
	}
	s.lock.Release()
}

// merger is one Merge writing into db.
type merger struct {
	db     *DB
	shards []*mergeShard
	opts   MergeOptions
	st     *MergeStats
	runIDs map[string]uint64                 // run group → the run of db
	ids    map[*mergeShard]map[uint64]uint64 // a shard's capture ID → its ID in db, once copied or found
}

// sourced is a capture with the shard it comes from.
type sourced struct {
	c     Capture
	shard *mergeShard
}

func (m *merger) merge() error {
	groups := m.groups()
	if err := m.runs(groups); err != nil {
		return err
	}
	var all []sourced
	for _, s := range m.shards {
		for _, c := range s.caps {
			all = append(all, sourced{c, s})
		}
	}
	slices.SortStableFunc(all, func(a, b sourced) int { return a.c.FetchStart.Compare(b.c.FetchStart) })
	const batch = 256
	for i := 0; i < len(all); i += batch {
		if err := m.copy(all[i:min(i+batch, len(all))]); err != nil {
			return err
		}
	}
	if err := m.db.FlushIndex(); err != nil {
		return err
	}
	return m.finish(groups)
}

// groupOf names the group a shard's run is folded into: its shared crawl,
// or the run alone (a run of a crawl of one process).
func groupOf(r Run) string {
	if r.Crawl != "" {
		return "crawl " + r.Crawl
	}
	return "run " + r.Start.UTC().Format(time.RFC3339Nano) + " " + strconv.Itoa(r.PID)
}

// groups returns the shards' runs by group (groupOf).
func (m *merger) groups() map[string][]Run {
	out := map[string][]Run{}
	for _, s := range m.shards {
		for _, r := range s.runs {
			g := groupOf(r)
			out[g] = append(out[g], r)
		}
	}
	return out
}

// runs finds or makes the run of db for each group.
func (m *merger) runs(groups map[string][]Run) error {
	m.runIDs = map[string]uint64{}
	existing, err := m.db.Runs()
	if err != nil {
		return err
	}
	for _, r := range existing {
		m.runIDs[groupOf(r)] = r.ID
	}
	for _, g := range slices.Sorted(maps.Keys(groups)) {
		if _, ok := m.runIDs[g]; ok {
			continue
		}
		id, err := m.newRun(foldRuns(groups[g]))
		if err != nil {
			return err
		}
		m.runIDs[g] = id
	}
	m.st.Runs = len(groups)
	return nil
}

func (m *merger) newRun(r Run) (id uint64, err error) {
	err = m.db.update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketRuns)
		if id, err = b.NextSequence(); err != nil {
			return err
		}
		r.ID = id
		return putRun(b, r)
	})
	return id, err
}

// foldRuns makes one run of a group's runs (of one kind): the earliest start, the
// latest end, every seed and worker once, summed counts; done when the
// last run of every worker is (a worker stopped and run again finished
// its part), else interrupted.
func foldRuns(rs []Run) Run {
	slices.SortFunc(rs, func(a, b Run) int { return a.Start.Compare(b.Start) })
	out := Run{Start: rs[0].Start, PID: rs[0].PID, Crawl: rs[0].Crawl, Kind: rs[0].Kind, Status: RunDone, Failed: map[string]int{}}
	last := map[string]string{} // worker → status of its latest run
	for _, r := range rs {
		last[strings.Join(r.Workers, ",")] = r.Status
	}
	for _, st := range last {
		if st != RunDone {
			out.Status = RunInterrupted
		}
	}
	for _, r := range rs {
		if r.End.After(out.End) {
			out.End = r.End
		}
		out.Seeds = appendNew(out.Seeds, r.Seeds...)
		out.Workers = appendNew(out.Workers, r.Workers...)
		out.Fetched += r.Fetched
		out.New += r.New
		out.Changed += r.Changed
		out.Unchanged += r.Unchanged
		out.Bytes += r.Bytes
		for k, n := range r.Failed {
			out.Failed[k] += n
		}
		for k, n := range r.Skipped {
			if out.Skipped == nil {
				out.Skipped = map[string]int{}
			}
			out.Skipped[k] += n
		}
	}
	return out
}

func appendNew(list []string, vs ...string) []string {
	for _, v := range vs {
		if !slices.Contains(list, v) {
			list = append(list, v)
		}
	}
	return list
}

// runOf returns the run of db a shard capture goes to.
func (m *merger) runOf(s *mergeShard, c Capture) uint64 {
	for _, r := range s.runs {
		if r.ID == c.RunID {
			return m.runIDs[groupOf(r)]
		}
	}
	return 0 // its run record is lost: the capture keeps no run
}
