-- ARGV: worker. Returns the URLs worker holds, each with its depth.
local out = {}
local all = redis.call('HGETALL', PEND)
for i = 1, #all, 2 do
  local w, d = string.match(all[i + 1], '^(.*)\t(%d+)$')
  if w == ARGV[1] then
    table.insert(out, all[i])
    table.insert(out, d)
  end
end
return out
