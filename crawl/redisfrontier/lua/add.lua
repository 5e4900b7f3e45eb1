-- ARGV: depth, kind ('' for a page), page budget, per-host page limit,
-- per-host document limit, the three skip reasons (max pages, per host
-- pages, per host documents), then URL, host pairs. Returns the number
-- queued, then URL, reason pairs of those over a limit.
local depth, kind = tonumber(ARGV[1]), ARGV[2]
local pages, perHost, perDocs = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
local overPages, overHost, overDocs = ARGV[6], ARGV[7], ARGV[8]
local room = pages - count('spent') - count('queued') + count('queued_docs')
local added, out = 0, {}
for i = 9, #ARGV, 2 do
  local url, host = ARGV[i], ARGV[i + 1]
  if redis.call('SISMEMBER', SEEN, url) == 0 then
    local why = nil
    local limit, class, reason = perHost, 'p ', overHost
    if kind ~= '' then
      limit, class, reason = perDocs, 'd ', overDocs
    elseif pages > 0 and room - added <= 0 then
      why = overPages
    end
    if not why and limit > 0 then
      local n = tonumber(redis.call('HGET', HOSTS, class .. host) or '0')
      if n >= limit then why = reason else redis.call('HINCRBY', HOSTS, class .. host, 1) end
    end
    if why then
      table.insert(out, url)
      table.insert(out, why)
    else
      redis.call('SADD', SEEN, url)
      push(url, depth, kind)
      added = added + 1
    end
  end
end
table.insert(out, 1, added)
return out
