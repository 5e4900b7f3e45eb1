-- ARGV: host, delay (ms), pause (ms), worker. The request turn.lua
-- granted worker is over: the host is no longer held, unless by another
-- worker (worker's hold ran out meanwhile and the host was granted
-- again), and the next request starts no sooner than the larger of delay
-- and pause from now. A host without a delay is held by nobody; a pause
-- it asked for (Retry-After, a backoff) only pushes its earliest start
-- back.
local host, delay, pause, worker = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), ARGV[4]
local now = now_ms_up()
local _, holder = hold_of(host)
if holder == worker or holder == '' then
  redis.call('HDEL', TURNS, host .. '\theld')
end
local next = now + math.max(delay, pause)
if next > tonumber(redis.call('HGET', TURNS, host) or '0') then
  redis.call('HSET', TURNS, host, next)
end
return 0
