-- ARGV: worker, lease (ms). Extends the lease of every URL worker holds;
-- returns how many.
local worker, lease = ARGV[1], tonumber(ARGV[2])
local until_ms = now_ms() + lease
local n = 0
local all = redis.call('HGETALL', PEND)
for i = 1, #all, 2 do
  if string.match(all[i + 1], '^(.*)\t') == worker then
    redis.call('ZADD', LEASES, 'XX', until_ms, all[i])
    n = n + 1
  end
end
trace('renew', worker, '', n)
return n
