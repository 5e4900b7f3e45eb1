-- ARGV: host, delay (ms), pause (ms). The request turn.lua granted is
-- over: the host is no longer held, and the next request starts no
-- sooner than the larger of delay and pause from now. A host without a
-- delay is held by nobody; a pause it asked for (Retry-After, a backoff)
-- only pushes its earliest start back.
local host, delay, pause = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
local now = now_ms_up()
redis.call('HDEL', TURNS, host .. '\theld')
local next = now + math.max(delay, pause)
if next > tonumber(redis.call('HGET', TURNS, host) or '0') then
  redis.call('HSET', TURNS, host, next)
end
return 0
