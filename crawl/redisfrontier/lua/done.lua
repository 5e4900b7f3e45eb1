-- ARGV: worker, settle (1: give up the claim too), then URLs. Each URL
-- worker holds is done: its lease ends. A URL taken over by another
-- worker is left to it (its capture is kept twice: at least once).
local worker, settle = ARGV[1], ARGV[2] == '1'
local n = 0
for i = 3, #ARGV do
  local url = ARGV[i]
  if owner(url) == worker then
    unlease(url)
    redis.call('HDEL', TRIES, url) -- only lapsed takes count against the cap
    redis.call('HINCRBY', COUNTS, 'done', 1)
    n = n + 1
    trace('done', worker, url, settle and 'settle' or '')
  else
    trace('done', worker, url, 'stale')
  end
  if settle and redis.call('HGET', CLAIMS, url) == url then
    redis.call('HDEL', CLAIMS, url)
  end
end
return n
