--[[
  Saves a snapshot of one stream, unless the session was deleted meanwhile (a snapshot written
  after the retention sweep would be a key nobody ever deletes) or the snapshot claims a
  version the stream has not reached.

  Input:
    KEYS[1]  meta hash   <prefix>:{<session>}:meta
    KEYS[2]  snapshots   <prefix>:{<session>}:snap
    ARGV[1]  stream name
    ARGV[2]  the snapshot's version
    ARGV[3]  the snapshot, JSON

  Output:
    {'ok'}
    {'tombstoned'}
    {'ahead', currentVersion}

  Writes: snapshots[stream] when 'ok'.
]]
if redis.call('HGET', KEYS[1], 'tomb') then
  return {'tombstoned'}
end
local current = tonumber(redis.call('HGET', KEYS[1], 'v:' .. ARGV[1]) or '0')
if tonumber(ARGV[2]) > current then
  return {'ahead', current}
end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
return {'ok'}
