-- ARGV: host, pause (ms). No request to host starts before now + pause.
local until_ms = now_ms() + tonumber(ARGV[2])
if until_ms > tonumber(redis.call('HGET', TURNS, ARGV[1]) or '0') then
  redis.call('HSET', TURNS, ARGV[1], until_ms)
end
return 0
