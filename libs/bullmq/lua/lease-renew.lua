--[[
  Extends a lease, only for the holder of that very epoch: a gateway that was paused past its
  lease learns here that it lost the partition (and must stop serving it at once).

  Input:
    KEYS[1]  lease hash   <prefix>:lease:{<partition>}
    ARGV[1]  gateway id
    ARGV[2]  epoch
    ARGV[3]  time to live, milliseconds

  Output:
    {'ok'}            extended
    {'lost', owner}   someone else holds it ('' when nobody does: it expired)

  Writes: the lease's expiry, only on 'ok'.
]]
local owner = redis.call('HGET', KEYS[1], 'owner')
if owner == ARGV[1] and redis.call('HGET', KEYS[1], 'epoch') == ARGV[2] then
  redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[3]))
  return {'ok'}
end
return {'lost', owner or ''}
