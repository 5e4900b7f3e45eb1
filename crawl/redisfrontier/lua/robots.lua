-- ARGV: worker, robots.txt URL, lease (ms). Returns {'got', answer} when
-- an answer is stored, else {'fetch'} when worker now holds the URL's
-- lock (for a lease, renewed by its owner: it fetches robots.txt, then
-- robotsput.lua stores the answer), else {'wait'}: another worker
-- fetches it. Looking for the answer and taking the lock are one step,
-- so a worker that found no answer cannot take the lock the fetcher
-- freed after storing its answer: robots.txt is fetched once per run.
local worker, url, lease = ARGV[1], ARGV[2], tonumber(ARGV[3])
local answer = redis.call('HGET', ROBOTS, url)
if answer then return {'got', answer} end
if redis.call('SET', ROBOTS .. '-lock:' .. url, worker, 'NX', 'PX', lease) then
  trace('robots-lock', worker, url, '')
  return {'fetch'}
end
return {'wait'}
