--[[
  Keeps a gateway in the membership set and answers how many gateways are alive, which sets
  each one's fair share of partitions. Expiry scores come from the Redis clock, so gateways'
  clocks need not agree.

  Input:
    KEYS[1]  membership sorted set   <prefix>:gateways   (member = gateway id, score = expiry ms)
    ARGV[1]  gateway id
    ARGV[2]  time to live, milliseconds

  Output: the number of live gateways, this one included.

  Writes: this member's score; removes expired members.
]]
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
return redis.call('ZCARD', KEYS[1])
