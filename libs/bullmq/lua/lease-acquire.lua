--[[
  Takes a partition's lease when nobody holds it (or its holder let it expire), with a new
  fencing epoch (DESIGN.md §4). Epochs only grow: the counter never expires, so a former
  owner's epoch is always lower than its successor's, also when the same gateway id returns.

  Input:
    KEYS[1]  lease hash      <prefix>:lease:{<partition>}   fields owner, epoch, url
    KEYS[2]  epoch counter   <prefix>:lease-epoch:{<partition>}
    ARGV[1]  gateway id
    ARGV[2]  time to live, milliseconds
    ARGV[3]  the gateway's advertised URL ('' for none)

  Output:
    {'ok', epoch}       the lease is the caller's now, with this epoch
    {'held', owner}     another gateway holds it

  Writes: the lease hash (with a PX expiry) and the counter, only on 'ok'.
]]
local owner = redis.call('HGET', KEYS[1], 'owner')
if owner and owner ~= ARGV[1] then
  return {'held', owner}
end
local epoch = redis.call('INCR', KEYS[2])
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'owner', ARGV[1], 'epoch', epoch, 'url', ARGV[3])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]))
return {'ok', epoch}
