--[[
  Gives a lease up (handover on shutdown or rebalancing), only for the holder of that epoch, so
  the next gateway can take it at once instead of waiting for the expiry.

  Input:
    KEYS[1]  lease hash   <prefix>:lease:{<partition>}
    ARGV[1]  gateway id
    ARGV[2]  epoch

  Output: 1 when released, 0 when it was not the caller's any more.

  Writes: deletes the lease hash on 1.
]]
if redis.call('HGET', KEYS[1], 'owner') == ARGV[1] and redis.call('HGET', KEYS[1], 'epoch') == ARGV[2] then
  redis.call('DEL', KEYS[1])
  return 1
end
return 0
