// Package redisfrontier keeps a crawl's state in Redis so that any number
// of prov crawl processes (workers), on any machines, crawl one set of
// sites together: it implements crawl.Shared.
//
// Vocabulary:
//
//   - queue: the URLs waiting, a sorted set scored by depth (then by the
//     order they were found), so the crawl is breadth first across all
//     workers. Within a depth, a take skips a URL whose host is busy (a
//     request in flight, or its delay not over) for one close behind
//     whose host is ready: a worker waits on the host of the URL it took.
//   - lease: a taken URL belongs to its worker until a deadline the worker
//     keeps extending while it lives (Options.Lease). A URL whose lease
//     ran out (its worker died or hangs) is queued again by the next take
//     of any worker, or given up after Options.MaxTakes takes.
//   - held: a taken URL that is not done. No URL deeper than a held one
//     is handed out: no page of depth d+1 is fetched before every page of
//     depth d is stored. A URL whose worker fetched it and died before
//     storing it keeps the next depth waiting until it is taken over and
//     stored, so its second fetch, too, comes before the next depth's.
//   - done: a URL whose capture the worker committed to its own shard.
//     Delivery is at least once: a worker that stored a capture and died
//     before saying so leaves the URL to be fetched again by another.
//
// Every change of state is one Lua script (lua/*.lua, embedded), run
// atomically by Redis; the scripts read the time from Redis, so the
// workers' clocks do not matter. Payloads never pass through Redis.
//
// Keys (Prefix, "prov:" by default, then): queue, seq, seen, kinds,
// claims, hosts, pending, leases, held, tries, counts, turns, gaveup,
// robots, robots-lock:URL and meta, and trace when a worker traces
// (Options.Trace). lua/prelude.lua says what each holds.
package redisfrontier
