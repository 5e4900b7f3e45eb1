-- ARGV: host, delay (ms), margin (ms). Reserves host's next request, at
-- least delay plus margin after the one before and not before a pause,
-- and returns how long (ms) to wait for it.
local host, delay, margin = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
local now = now_ms()
local start = math.max(now, tonumber(redis.call('HGET', TURNS, host) or '0'))
local gap = 0
if delay > 0 then gap = delay + margin end
redis.call('HSET', TURNS, host, start + gap)
return start - now
