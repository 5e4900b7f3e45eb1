//go:build !windows

package archive

import "strconv"

// writerMmapSize is how much of the file a writable opening maps at once
// (bbolt's InitialMmapSize): 1 GB on a 64-bit platform. bbolt maps a file
// in sizes that double, and when a write transaction outgrows the
// mapping it maps the file again, copying first every node the
// transaction holds (its batch's payloads and texts) off the old mapping
// and then faulting in again every page it reads: a crawl's writer, which
// opens the file every half second (Shared), paid for it each time the
// file passed a power of two. A mapping larger than the file only
// reserves address space (the file grows as before, and only the pages
// read are resident); on Windows mapping a file grows it to the mapping,
// so there it stays 0 (mmapsize_windows.go), as on 32-bit platforms,
// whose address space is small.
var writerMmapSize = func() int {
	if strconv.IntSize < 64 {
		return 0
	}
	return 1 << 30
}()
