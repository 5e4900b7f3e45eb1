-- Shared by every script. KEYS, in order: the queue (zset URL -> score),
-- the queue sequence, the seen set, kinds (hash URL -> kind, documents
-- only), claims (hash canonical -> requested), hosts (hash class+host ->
-- URLs queued), pending (hash URL -> worker TAB depth), leases (zset URL
-- -> expiry ms), held (zset URL -> depth, taken and not done), tries (hash URL
-- -> takes), counts (hash), turns (hash host -> next start ms), gaveup
-- (set of URLs given up after too many takes), robots (hash robots.txt
-- URL -> status LF body; its lock is the key robots-lock:URL beside it),
-- and, only when the store traces (Options.Trace), the trace stream.
local Q, SEQ, SEEN, KINDS, CLAIMS, HOSTS, PEND, LEASES, HELD, TRIES, COUNTS, TURNS, GAVEUP, ROBOTS, TRACE =
  KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6], KEYS[7], KEYS[8], KEYS[9], KEYS[10], KEYS[11], KEYS[12], KEYS[13],
  KEYS[14], KEYS[15]

-- A depth's URLs are scored depth * SPAN + sequence: the queue is breadth
-- first, each depth in the order its URLs were found.
local SPAN = 10000000000

-- clock_ms is Redis's clock in milliseconds, its microseconds rounded
-- by round (math.floor or math.ceil).
local function clock_ms(round)
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + round(tonumber(t[2]) / 1000)
end

local function now_ms() return clock_ms(math.floor) end

-- now_ms_up is now_ms rounded up. A host's earliest next start is set
-- from it (endturn.lua) and compared with now_ms, rounded down
-- (turn.lua), so a grant never comes before the whole delay has passed:
-- rounded down at both ends, it came up to a millisecond early.
local function now_ms_up() return clock_ms(math.ceil) end

-- hold_of returns when host's hold (turn.lua) ends, 0 when it is not
-- held, and the worker holding it ('' for a hold of an earlier prov,
-- its end alone).
local function hold_of(host)
  local v = redis.call('HGET', TURNS, host .. '\theld')
  if not v then return 0, '' end
  local ends, holder = string.match(v, '^(%d+)\t?(.*)$')
  return tonumber(ends or '0'), holder or ''
end

-- host_of returns url's host as the workers name it (Go's url.URL.Host:
-- the authority without its user information).
local function host_of(url)
  local authority = string.match(url, '^%a[%w+.-]*://([^/?#]*)') or ''
  return string.match(authority, '@(.*)$') or authority
end

-- host_ready reports whether turn.lua would grant a request to host at
-- now: it is not held by a request in flight and its earliest start has
-- come.
local function host_ready(host, now)
  if now < hold_of(host) then return false end
  return now >= tonumber(redis.call('HGET', TURNS, host) or '0')
end

local function count(name)
  return tonumber(redis.call('HGET', COUNTS, name) or '0')
end

-- push queues url (seen already) at depth.
-- With first, url goes before every URL of its depth (sequence 0).
local function push(url, depth, kind, first)
  local seq = 0
  if not first then seq = redis.call('INCR', SEQ) end
  redis.call('ZADD', Q, depth * SPAN + seq, url)
  redis.call('HINCRBY', COUNTS, 'queued', 1)
  if kind ~= '' then
    redis.call('HSET', KINDS, url, kind)
    redis.call('HINCRBY', COUNTS, 'queued_docs', 1)
  end
end

local function owner(url)
  local p = redis.call('HGET', PEND, url)
  if not p then return nil, nil end
  local w, d = string.match(p, '^(.*)\t(%d+)$')
  return w, tonumber(d)
end

-- unlease ends url's lease and hold.
local function unlease(url)
  redis.call('HDEL', PEND, url)
  redis.call('ZREM', LEASES, url)
  redis.call('ZREM', HELD, url)
end

-- requeue puts a taken url back in the queue, first of its depth (it was
-- handed out once, and a take-over must not wait behind the URLs of its
-- depth queued since: the dead worker's URL is fetched within about a
-- lease of its death), giving back the page budget its take spent.
local function requeue(url, depth)
  unlease(url)
  local kind = redis.call('HGET', KINDS, url) or ''
  push(url, depth, kind, true)
  if kind == '' then redis.call('HINCRBY', COUNTS, 'spent', -1) end
end

-- trace appends one transition (op, worker, url, depth or count, Redis
-- time in microseconds) to the trace stream when there is one; it keeps
-- the last 200,000 or so.
local function trace(op, worker, url, n)
  if not TRACE then return end
  local t = redis.call('TIME')
  redis.call('XADD', TRACE, 'MAXLEN', '~', 200000, '*', 'op', op, 'w', worker or '', 'url', url or '',
    'n', tostring(n or ''), 'us', t[1] .. string.format('%06d', tonumber(t[2])))
end
