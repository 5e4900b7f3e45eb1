-- ARGV: worker, url. The fetch of url is over and its links are queued:
-- it no longer holds back deeper URLs.
local w, depth = owner(ARGV[2])
if w == ARGV[1] then
  redis.call('ZREM', HELD, ARGV[2])
  trace('release', w, ARGV[2], depth)
else
  trace('release', ARGV[1], ARGV[2], 'stale')
end
return 0
