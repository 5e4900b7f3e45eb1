-- ARGV: url. Gives up the claim url's take made on itself.
if redis.call('HGET', CLAIMS, ARGV[1]) == ARGV[1] then
  redis.call('HDEL', CLAIMS, ARGV[1])
end
return 0
