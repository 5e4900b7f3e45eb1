package archive

import (
	"hash/maphash"
	"strings"
	"sync"

	bolt "go.etcd.io/bbolt"

	"github.com/prov-archive/prov/bloom"
)

// prevCache lets a Shared handle answer Previous for a URL without
// opening the file, when the answer is "nothing": the URL's origin
// (scheme://host) had no URL in the archive when first asked, and no
// capture of the URL has been written through the handle since. A crawl
// of a new site asks that of every page.
type prevCache struct {
	mu      sync.Mutex
	seed    maphash.Seed
	origins map[string]bool // origin → the archive held URLs under it when first asked
	written *bloom.Filter   // the URLs written through the handle; nil until the first
	count   int             // URLs written; past maxCachedURLs the cache is off (off)
}

// maxCachedURLs is the most URLs the written set takes; past it every
// lookup reads the file. The set is a Bloom filter sized for them (1.3
// MB, however many are in it): a URL never written that it takes for
// written (under 1% of them when full) only reads the file, whose
// answer is right. A map of their hashes grew with the crawl, 3.6 MB at
// 100,000 pages and 40 MB at the bound, all of it live heap.
const maxCachedURLs = 1 << 20

func newPrevCache() *prevCache {
	return &prevCache{seed: maphash.MakeSeed(), origins: map[string]bool{}}
}

// knownEmpty says whether url has no capture, without reading the file;
// seen reports whether its origin was looked at already.
func (pc *prevCache) knownEmpty(url, origin string) (empty, seen bool) {
	pc.mu.Lock()
	defer pc.mu.Unlock()
	held, seen := pc.origins[origin]
	wrote := pc.written != nil && pc.written.MayHoldHash(maphash.String(pc.seed, url))
	return seen && !held && !wrote && !pc.off(), seen
}

func (pc *prevCache) noteOrigin(origin string, held bool) {
	pc.mu.Lock()
	defer pc.mu.Unlock()
	if _, ok := pc.origins[origin]; !ok {
		pc.origins[origin] = held
	}
}

// off reports a cache past maxCachedURLs: every lookup asks the file.
func (pc *prevCache) off() bool { return pc.count > maxCachedURLs }

// noteWritten records the URLs of committed captures.
func (pc *prevCache) noteWritten(caps []Capture) {
	pc.mu.Lock()
	defer pc.mu.Unlock()
	if pc.count += len(caps); pc.off() {
		pc.written = nil
		return
	}
	if pc.written == nil {
		pc.written = bloom.New(maxCachedURLs)
	}
	for _, c := range caps {
		pc.written.AddHash(maphash.String(pc.seed, c.URL))
	}
}

// Previous is DB.Previous, answered without opening the file when the
// archive cannot hold anything for url (see prevCache).
func (s *Shared) Previous(url string) (Previous, error) {
	origin := originOf(url)
	empty, seen := s.prev.knownEmpty(url, origin)
	if empty {
		return Previous{}, nil
	}
	var p Previous
	err := s.Do(func(db *DB) (err error) {
		if !seen && origin != "" {
			s.prev.noteOrigin(origin, db.holdsOrigin(origin))
		}
		p, err = db.previous(url, s.blocks)
		return err
	})
	return p, err
}

// originOf returns scheme://host of url, "" when it has none.
func originOf(url string) string {
	i := strings.Index(url, "://")
	if i <= 0 {
		return ""
	}
	end := strings.IndexAny(url[i+3:], "/?#")
	if end < 0 {
		return url
	}
	return url[:i+3+end]
}

// holdsOrigin says whether the urls index has a URL under origin.
func (db *DB) holdsOrigin(origin string) bool {
	held := false
	db.view(func(tx *bolt.Tx) error {
		cur := idxURLs.in(tx).cursor()
		for _, sep := range []string{"/", "?", "#", "\x00"} {
			p := []byte(origin + sep)
			if k, _ := cur.Seek(p); hasPrefix(k, p) {
				held = true
			}
		}
		return nil
	})
	return held
}
