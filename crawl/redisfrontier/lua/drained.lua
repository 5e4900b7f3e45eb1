-- Returns 1 when the queue is empty and no URL is held by any worker.
if redis.call('ZCARD', Q) == 0 and redis.call('HLEN', PEND) == 0 then return 1 end
return 0
