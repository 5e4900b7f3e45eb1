-- ARGV: host, delay (ms), margin (ms). Grants host's next request when
-- its earliest start (after the last grant, and after any pause) has
-- come: the next earliest start is then now + delay + margin, and 0 is
-- returned. Otherwise returns how long (ms) to wait before asking again.
-- A grant is recorded when it is made, not reserved ahead: a worker that
-- is late to use its turn does not shorten the gap to the next one.
local host, delay, margin = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
local now = now_ms()
local earliest = tonumber(redis.call('HGET', TURNS, host) or '0')
if now < earliest then return earliest - now end
local gap = 0
if delay > 0 then gap = delay + margin end
redis.call('HSET', TURNS, host, now + gap)
return 0
