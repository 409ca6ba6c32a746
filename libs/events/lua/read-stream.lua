--[[
  Reads a page of one stream's events: the stream's index gives the log positions, the log
  gives the events. One round trip, and a consistent view (no commit can interleave).

  Input:
    KEYS[1]  meta hash      <prefix>:{<session>}:meta
    KEYS[2]  stream index   <prefix>:{<session>}:index:<local name>
    KEYS[3]  session log    <prefix>:{<session>}:log
    ARGV[1]  stream name
    ARGV[2]  first version wanted (inclusive, >= 1)
    ARGV[3]  how many at most

  Output:
    {'ok', currentVersion, entry, entry, ...}   each entry as XRANGE returns it
    {'gap', currentVersion}                     the index lacks entries the meta hash counts
                                                (it was trimmed); the client reads the log

  Writes nothing.
]]
local current = tonumber(redis.call('HGET', KEYS[1], 'v:' .. ARGV[1]) or '0')
local from = tonumber(ARGV[2])
local count = tonumber(ARGV[3])
local wanted = math.min(count, math.max(0, current - from + 1))
local result = {'ok', current}
if wanted == 0 then
  return result
end
local index = redis.call('XRANGE', KEYS[2], from .. '-0', '+', 'COUNT', wanted)
if #index < wanted then
  return {'gap', current}
end
for i, entry in ipairs(index) do
  local version = tonumber(string.match(entry[1], '^(%d+)-'))
  if version ~= from + i - 1 then
    return {'gap', current}
  end
  local position = entry[2][2]
  local logEntry = redis.call('XRANGE', KEYS[3], position .. '-0', position .. '-0')
  if #logEntry == 0 then
    return {'gap', current}
  end
  table.insert(result, logEntry[1])
end
return result
