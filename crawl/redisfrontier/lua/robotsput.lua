-- ARGV: worker, robots.txt URL, answer. Stores the answer and frees the
-- URL's lock if worker still holds it.
local worker, url, answer = ARGV[1], ARGV[2], ARGV[3]
redis.call('HSET', ROBOTS, url, answer)
local lock = ROBOTS .. '-lock:' .. url
if redis.call('GET', lock) == worker then redis.call('DEL', lock) end
trace('robots-put', worker, url, '')
return 0
