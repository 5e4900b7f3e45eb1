-- ARGV: canonical, requested. Records that requested's fetch produced
-- canonical; returns the URL of a fetch that claimed it first, or ''.
local canonical, requested = ARGV[1], ARGV[2]
local by = redis.call('HGET', CLAIMS, canonical)
if by == requested then return '' end
if by then return by end
redis.call('HSET', CLAIMS, canonical, requested)
if redis.call('HGET', CLAIMS, requested) == requested then
  redis.call('HDEL', CLAIMS, requested)
end
redis.call('SADD', SEEN, canonical)
return ''
