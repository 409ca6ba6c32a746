--[[
  Deletes a session whole (retention, after archiving) and leaves a tombstone in its meta hash
  so that a late append cannot recreate it.

  Input:
    KEYS[1]    meta hash     <prefix>:{<session>}:meta
    KEYS[2]    session log   <prefix>:{<session>}:log
    KEYS[3]    idempotency   <prefix>:{<session>}:idem
    KEYS[4]    snapshots     <prefix>:{<session>}:snap
    KEYS[5..]  the index of every stream the client found in the meta hash
    ARGV[1]    how many streams the client found

  Output:
    {'ok'}
    {'retry'}    a commit created a stream after the client listed them: list again

  Writes: deletes every key above, then sets meta.tomb.
]]
local streams = 0
for _, field in ipairs(redis.call('HKEYS', KEYS[1])) do
  if string.sub(field, 1, 2) == 'v:' then
    streams = streams + 1
  end
end
if streams ~= tonumber(ARGV[1]) then
  return {'retry'}
end
redis.call('DEL', unpack(KEYS))
redis.call('HSET', KEYS[1], 'tomb', '1')
return {'ok'}
