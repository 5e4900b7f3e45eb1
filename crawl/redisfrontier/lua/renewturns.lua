-- ARGV: worker, hold (ms), then hosts. Extends worker's hold of each
-- host (turn.lua) to hold ms from now: its request is still in flight.
-- A host held by another worker, or no longer held, is left as it is.
-- Returns how many holds it extended.
local worker, hold = ARGV[1], tonumber(ARGV[2])
local now, n = now_ms(), 0
for i = 3, #ARGV do
  local ends, holder = hold_of(ARGV[i])
  if holder == worker and ends > 0 then
    redis.call('HSET', TURNS, ARGV[i] .. '\theld', (now + hold) .. '\t' .. worker)
    n = n + 1
  end
end
return n
