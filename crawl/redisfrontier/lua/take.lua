-- ARGV: worker, lease (ms), page budget (0: none), most takes of one URL.
-- First every expired lease is taken over: its URL queued again, or given
-- up once it was taken the most times. Then a URL of the queue's first
-- depth is leased to worker unless a URL of a shallower depth is still
-- held: taken and not done (its capture not stored yet, by a live worker
-- or one whose lease has not run out). The URL is the first of that
-- depth among the queue's first AHEAD whose host turn.lua would grant a
-- request now, else the head: a worker waits on the host of the URL it
-- took, and a breadth-first queue has runs of one host's URLs (a page's
-- links), so the head alone made every worker wait on one slow host
-- while other hosts' URLs waited behind it. Returns {'got', url, depth, kind},
-- {'wait'}, {'drained'} or {'over'}.
local worker, lease, pages, most = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local now = now_ms()
local AHEAD = 256

-- ready_behind returns the first URL of depth among the queue's first
-- AHEAD, after its head, whose host is ready at now; nil when none is.
-- busy is the head's host; a run of one host's URLs costs one look.
local function ready_behind(busy, depth, now)
  local looked = {[busy] = true}
  local below = string.format('(%.0f', (depth + 1) * SPAN)
  for _, url in ipairs(redis.call('ZRANGEBYSCORE', Q, '-inf', below, 'LIMIT', 1, AHEAD - 1)) do
    local host = host_of(url)
    if not looked[host] then
      if host_ready(host, now) then return url end
      looked[host] = true
    end
  end
  return nil
end

for _, url in ipairs(redis.call('ZRANGEBYSCORE', LEASES, '-inf', now, 'LIMIT', 0, 64)) do
  local was, depth = owner(url)
  if tonumber(redis.call('HGET', TRIES, url) or '0') >= most then
    unlease(url)
    redis.call('SADD', GAVEUP, url)
    redis.call('HINCRBY', COUNTS, 'given_up', 1)
    trace('giveup', was, url, depth)
  else
    requeue(url, depth or 0)
    redis.call('HINCRBY', COUNTS, 'taken_over', 1)
    trace('expire', was, url, depth)
  end
end
local head = redis.call('ZRANGE', Q, 0, 0, 'WITHSCORES')
if #head == 0 then
  if redis.call('HLEN', PEND) == 0 then return {'drained'} end
  return {'wait'}
end
local url = head[1]
local depth = math.floor(tonumber(head[2]) / SPAN)
if #redis.call('ZRANGEBYSCORE', HELD, '-inf', '(' .. depth, 'LIMIT', 0, 1) > 0 then
  return {'wait'}
end
local first = host_of(url)
if not host_ready(first, now) then
  url = ready_behind(first, depth, now) or url
end
local kind = redis.call('HGET', KINDS, url) or ''
if pages > 0 and count('spent') >= pages then -- a sitemap or feed too: none of its pages could be fetched
  return {'over'}
end
redis.call('ZREM', Q, url)
redis.call('HINCRBY', COUNTS, 'queued', -1)
if kind == '' then
  redis.call('HINCRBY', COUNTS, 'spent', 1)
  redis.call('HSETNX', CLAIMS, url, url)
else
  redis.call('HINCRBY', COUNTS, 'queued_docs', -1)
end
redis.call('HSET', PEND, url, worker .. '\t' .. depth)
redis.call('ZADD', LEASES, now + lease, url)
redis.call('ZADD', HELD, depth, url)
redis.call('HINCRBY', TRIES, url, 1)
trace('take', worker, url, depth)
return {'got', url, depth, kind}
