-- ARGV: worker, url. The fetch of url is over and its links are queued:
-- it no longer holds back deeper URLs.
local w = owner(ARGV[2])
if w == ARGV[1] then redis.call('ZREM', HELD, ARGV[2]) end
return 0
