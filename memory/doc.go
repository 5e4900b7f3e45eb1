// Package memory is the byte budget of a crawl: one weighted semaphore,
// counted in bytes, that every page's bodies and the work done on them
// count against from the moment they are read until the archive has
// committed them, so that a crawl's memory stays bounded whatever the
// pages are (issue #16).
//
// Vocabulary:
//
//   - A Budget is the bytes a run may hold in flight at once.
//   - A Hold is what one page has taken of it. It travels with the page
//     (crawl.Page.Memory, archive.Entry.Memory) and is shrunk as the page
//     is made smaller — its parse tree dropped, its payload encoded — and
//     released by whoever drops the page last: the archive's writer once
//     the page's batch is committed or failed, the crawler for a page it
//     does not send.
//
// The one rule that keeps the budget free of deadlock: a goroutine waits
// for the budget only while it holds none of it (Hold.Set releases before
// it waits). Everything that holds budget either finishes without waiting
// on the budget or is drained by a goroutine that never waits on it.
//
// The budget is a promise about live bytes, not about the Go heap: bytes
// the garbage collector has not yet reclaimed are not counted, and the
// weights downstream work is given (a parse tree's) are estimates.
package memory
