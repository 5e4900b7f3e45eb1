package search

import (
	"fmt"
	"time"

	"github.com/prov-archive/prov/archive"
)

// DefaultFeedBytes is how many bytes of text a Feed gathers before it
// writes them: about 200 pages of 5 KB. Small writes keep what the feed
// holds (the texts, a write's tokens and postings, the pages its
// transaction writes) small beside the crawl's heap; the merges keep
// their segments few.
const DefaultFeedBytes = 1 << 20

// maxFeedNotes bounds the captures a Feed gathers before a write when
// they bring little text (failures, revisits).
const maxFeedNotes = 1024

// FeedOptions configure NewFeed; zero fields take the defaults.
type FeedOptions struct {
	Bytes   int           // text bytes gathered before a write; default DefaultFeedBytes
	Timeout time.Duration // wait for the index's file lock at a write; default DefaultTimeout
}

// FeedStats says what a Feed did.
type FeedStats struct {
	Captures  int    // captures it read, from the crawl or the archive
	Documents int    // documents new to the index
	Writes    int    // writes of the index
	Last      uint64 // the last capture ID the index has read
	Rebuilt   string // the earlier layout of an index it rebuilt from the archive, "" if none
}

// Feed indexes a crawl's captures as they are committed, from the texts
// the crawl holds, instead of reading them back from the archive once it
// ends. Add hands it each committed batch; a goroutine of its own
// gathers them, in capture order, and writes them every FeedOptions.Bytes
// of text, each write in one short opening of the index file (so that
// prov serve reads it, and updates it, in between).
//
// The index never reads ahead of the archive: a write records as read
// only captures it was handed (committed ones) or read from the archive.
// Captures the index has not read from before the first it is handed (an
// index left behind, a stitch sweep's, those a failed write lost) are
// read from the archive through read first; captures the index has read
// already (prov serve's update came in between) are skipped. After a
// failed write it gathers nothing more, and the index is left behind, for
// Update to bring up to date.
type Feed struct {
	path string
	read Reader
	o    FeedOptions
	in   chan []pending
	done chan struct{}

	// owned by the goroutine until done is closed
	notes []pending
	bytes int
	log   postingLog // a write's postings, its memory kept for the next
	dict  *dict      // the writes' tokens, kept for the next (dict.again)
	stats FeedStats
	err   error
}

// pending is a committed capture waiting for its write: what the index
// reads of it (capture), and its text ("" when it brought none). Not
// the whole capture: a feed copies each pending capture twice (Add,
// gather), hundreds of bytes of fields it never reads.
type pending struct {
	id              uint64
	sha, title, url string
	text            string
}

// capture is what the index reads of p, as a capture.
func (p *pending) capture() archive.Capture {
	return archive.Capture{ID: p.id, TextSHA256: p.sha, Title: p.title, URL: p.url}
}

// NewFeed starts a feed of the index at indexPath (made when missing,
// rebuilt when of an earlier layout) for the archive that read reads;
// Close ends it.
func NewFeed(indexPath string, read Reader, o FeedOptions) *Feed {
	if o.Bytes <= 0 {
		o.Bytes = DefaultFeedBytes
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	f := &Feed{path: indexPath, read: read, o: o, in: make(chan []pending, 1), done: make(chan struct{})}
	go f.loop()
	return f
}

// Add hands the feed a committed batch: its captures as stored, in
// capture order, and the text each brought ("" when none), in the same
// order. It keeps only what the index reads of a capture and the texts;
// it waits when the feed is a batch behind. It must not be called
// after Close.
func (f *Feed) Add(caps []archive.Capture, texts []string) {
	ps := make([]pending, len(caps))
	for i, c := range caps {
		ps[i] = pending{id: c.ID, sha: c.TextSHA256, title: c.Title, url: c.URL, text: texts[i]}
	}
	f.in <- ps
}

// Close writes what the feed gathered and stops it. It returns what the
// feed did and its first error, after which it wrote nothing more.
func (f *Feed) Close() (FeedStats, error) {
	close(f.in)
	<-f.done
	return f.stats, f.err
}

func (f *Feed) loop() {
	defer close(f.done)
	for ps := range f.in {
		f.gather(ps)
	}
	f.flush()
}

// gather adds a committed batch to the captures gathered, and writes them
// each time they reach FeedOptions.Bytes of text or maxFeedNotes
// captures, within the batch as between batches: a write holds at most
// one capture's text beyond the bound, however large the crawl's batches
// (the archive's writer commits up to 1,024 pages at once, 2.5 MB of text
// on the bench site), and the postings a write gathers, whose memory the
// feed keeps for the next (postingLog), stay as few.
func (f *Feed) gather(ps []pending) {
	for _, p := range ps {
		if f.err != nil {
			return // the index stays behind: Update brings it up to date
		}
		f.notes = append(f.notes, p)
		f.bytes += len(p.text)
		if f.bytes >= f.o.Bytes || len(f.notes) >= maxFeedNotes {
			f.flush()
		}
	}
}

// flush writes the gathered captures, and forgets them whatever happened.
func (f *Feed) flush() {
	notes := f.notes
	f.notes, f.bytes = f.notes[:0], 0
	defer clear(notes) // their texts can go
	if len(notes) == 0 || f.err != nil {
		return
	}
	if err := f.writeGuarded(notes); err != nil {
		f.err = fmt.Errorf("search: feed %s: %w", f.path, err)
	}
}

// writeGuarded runs write. Damage of the archive met while it reads is
// its error already (archive.DamagedError); any other panic in it is too,
// here, so that the feed's goroutine never dies with the crawl's process.
func (f *Feed) writeGuarded(notes []pending) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("internal error: %v (the archive or the index may be damaged)", r)
		}
	}()
	return f.write(notes)
}

// write opens the index, brings it up to the capture before notes' first
// from the archive when it is behind, and writes notes (those it has not
// read) in one transaction, with the captures between two of them that
// it was not handed (a stitch sweep's), read from the archive.
func (f *Feed) write(notes []pending) error {
	ix, rebuilt, err := openForUpdate(f.path, f.o.Timeout)
	if err != nil {
		return err
	}
	defer ix.Close()
	if rebuilt != "" {
		f.stats.Rebuilt = rebuilt
	}
	last, err := ix.Last()
	if err != nil {
		return err
	}
	if first := notes[0].id; last+1 < first {
		st, err := ix.catchUp(f.read, first-1, UpdateOptions{}.withDefaults())
		f.count(st.Captures, st.Documents, st.Last)
		if err != nil {
			return fmt.Errorf("read captures %d-%d from the archive: %w", last+1, first-1, err)
		}
		last = st.Last
	}
	f.dict = f.dict.again()
	b, err := ix.newBatch(last, f.dict, &f.log)
	if err != nil {
		return err
	}
	if err := ix.viewSHAs(b, func() error { return f.noteAll(ix, b, notes) }); err != nil {
		return err
	}
	if b.last == last {
		return nil
	}
	if err := ix.write(b); err != nil {
		return err
	}
	f.stats.Writes++
	f.count(b.captures, len(b.fresh), b.last)
	return nil
}

// noteAll notes into b the captures of notes it has not read, and those
// between two of them it was not handed, read from the archive.
func (f *Feed) noteAll(ix *Index, b *batch, notes []pending) error {
	for _, p := range notes {
		if p.id <= b.last {
			continue // read already
		}
		if err := ix.fill(f.read, b, p.id-1); err != nil {
			return fmt.Errorf("read captures %d-%d from the archive: %w", b.last+1, p.id-1, err)
		}
		b.captures++
		b.last = p.id
		if p.sha != "" {
			if err := ix.note(b, p.capture(), f.textOf(p)); err != nil {
				return err
			}
		}
	}
	return nil
}

// fill reads into b the archive's captures after b.last up to upTo: the
// few a crawl's own writer did not commit, between two it did.
func (ix *Index) fill(read Reader, b *batch, upTo uint64) error {
	o := UpdateOptions{}.withDefaults()
	for b.last < upTo {
		before := b.last
		if err := ix.readBatch(read, b, upTo, o); err != nil {
			return err
		}
		if b.last == before {
			return nil // no capture numbered up to upTo: a hole in the numbers
		}
	}
	return nil
}

func (f *Feed) count(captures, documents int, last uint64) {
	f.stats.Captures += captures
	f.stats.Documents += documents
	f.stats.Last = max(f.stats.Last, last)
}

// textOf gives p's text, to be read only: the one it brought, or, for a
// capture that brought none (a revisit) of a text the index does not
// hold, the archive's.
func (f *Feed) textOf(p pending) func() ([]byte, error) {
	return func() ([]byte, error) {
		if p.text != "" {
			return readOnly(p.text), nil
		}
		var t []byte
		err := f.read(func(db *archive.DB) (err error) {
			t, err = documentText(db, p.sha)
			return err
		})
		return t, err
	}
}
