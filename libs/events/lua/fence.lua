--[[
  Raises a session's fence to a new owner's epoch without writing an event, so that a former
  owner is refused from now on even before the new owner's first commit.

  Input:
    KEYS[1]  meta hash   <prefix>:{<session>}:meta
    ARGV[1]  epoch

  Output:
    {'ok', epoch}          the fence is now at least ARGV[1]
    {'fenced', current}    a higher epoch was already seen: the caller is not the owner
    {'tombstoned'}

  Writes: meta.fence when raised.
]]
if redis.call('HGET', KEYS[1], 'tomb') then
  return {'tombstoned'}
end
local current = tonumber(redis.call('HGET', KEYS[1], 'fence') or '0')
local epoch = tonumber(ARGV[1])
if epoch < current then
  return {'fenced', current}
end
if epoch > current then
  redis.call('HSET', KEYS[1], 'fence', ARGV[1])
end
return {'ok', epoch}
