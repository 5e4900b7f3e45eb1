-- ARGV: host, delay (ms), hold (ms), worker, url. Returns -1, granting
-- nothing, when url (unless '') is no longer worker's: its lease ran out
-- and another worker took it over. Else grants the request to host when no
-- request to it is in flight and its earliest start has come, and
-- returns 0; else returns how long (ms) to wait before asking again: a
-- short poll while a request is in flight, else until the earliest start.
-- For a host with a delay the grant holds the host (field "HOST\theld",
-- for hold ms: a lease, renewed by its worker, renewturns.lua, while
-- the request lasts) until endturn.lua: one request to it at a time
-- across all workers, each granted no sooner than delay after the one
-- before it ended. So the site sees two requests at least delay apart
-- however late a worker sends its granted request. The hold's value is
-- its end (ms), a TAB and the worker holding it.
local host, delay, hold, worker, url = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), ARGV[4], ARGV[5]
if url ~= '' and owner(url) ~= worker then
  trace('lost', worker, url, '')
  return -1
end
local now = now_ms()
local held = hold_of(host)
if now < held then return math.min(held - now, 20) end
local earliest = tonumber(redis.call('HGET', TURNS, host) or '0')
if now < earliest then return earliest - now end
if delay > 0 then
  redis.call('HSET', TURNS, host .. '\theld', (now + hold) .. '\t' .. worker)
  trace('turn', worker, url, delay)
end
return 0
