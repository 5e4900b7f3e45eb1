-- ARGV: worker, url. Queues again a URL worker held when it stopped.
local w, depth = owner(ARGV[2])
if w ~= ARGV[1] then return 0 end
requeue(ARGV[2], depth)
trace('requeue', w, ARGV[2], depth)
return 1
