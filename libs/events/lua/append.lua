--[[
  Commits the events of one decision to one or more streams of a session, atomically, and
  appends them in the same order to the session log.

  Every key shares the session's hash tag, so the script stays valid on Redis Cluster; the
  client derives every key (none is computed here).

  Input:
    KEYS[1]        meta hash      <prefix>:{<session>}:meta
    KEYS[2]        session log    <prefix>:{<session>}:log      (entry id <position>-0)
    KEYS[3]        idempotency    <prefix>:{<session>}:idem
    KEYS[3+i]      index of stream i, i = 1..S                   (entry id <version>-0)

    ARGV[1]        idempotency key, '' for none
    ARGV[2]        fencing epoch, '' for none
    ARGV[3]        expected log position: 'any' | 'no_stream' | <integer>
    ARGV[4]        S, the number of streams
    ARGV[5..]      per stream, 4 values: name, expected ('any' | 'no_stream' | <integer>),
                   written ('1' | '0': only checked), close ('1' | '0')
    then           E, the number of events
    then           per event, 4 values: stream number (1..S), type, schema version, body JSON
    then           the session's commit-notice channel (not a key: PUBLISH is not keyed)

  Meta hash fields:
    log            position of the log's last event (authoritative, never XLEN)
    v:<stream>     version of the stream's last event (authoritative, never XLEN)
    closed:<name>  '1' once a commit closed the stream
    fence          highest fencing epoch a commit or a fence call presented
    tomb           '1' once the session was deleted

  Output (array):
    {'ok', firstPosition, lastPosition, recordedAtMs, name1, version1, ...}  written streams only
    {'duplicate', <same as the original commit's ok>}
    {'tombstoned'}
    {'fenced', currentEpoch}
    {'closed', streamName}
    {'conflict', name, expected, actual, ...}                               '$log' is the log

  Writes happen only after every check passed: a refused commit writes nothing at all. A
  committed one is announced on the notice channel (payload: the last position), which is
  how subscriptions learn that the log grew without one blocking read per session.
]]
local meta, log, idem = KEYS[1], KEYS[2], KEYS[3]
local idempotencyKey, fencingEpoch, expectedPosition = ARGV[1], ARGV[2], ARGV[3]
local streamCount = tonumber(ARGV[4])

if redis.call('HGET', meta, 'tomb') then
  return {'tombstoned'}
end

if idempotencyKey ~= '' then
  local original = redis.call('HGET', idem, idempotencyKey)
  if original then
    local result = cjson.decode(original)
    result[1] = 'duplicate'
    return result
  end
end

local currentFence = tonumber(redis.call('HGET', meta, 'fence') or '0')
if fencingEpoch ~= '' and tonumber(fencingEpoch) < currentFence then
  return {'fenced', currentFence}
end

local function matches(expected, actual)
  if expected == 'any' then return true end
  if expected == 'no_stream' then return actual == 0 end
  return tonumber(expected) == actual
end

local streams = {}
for i = 1, streamCount do
  local base = 4 + (i - 1) * 4
  local name = ARGV[base + 1]
  streams[i] = {
    name = name,
    expected = ARGV[base + 2],
    written = ARGV[base + 3] == '1',
    close = ARGV[base + 4] == '1',
    key = KEYS[3 + i],
    version = tonumber(redis.call('HGET', meta, 'v:' .. name) or '0'),
  }
  if redis.call('HGET', meta, 'closed:' .. name) then
    return {'closed', name}
  end
end

local position = tonumber(redis.call('HGET', meta, 'log') or '0')
local conflicts = {'conflict'}
if not matches(expectedPosition, position) then
  table.insert(conflicts, '$log'); table.insert(conflicts, expectedPosition); table.insert(conflicts, position)
end
for _, stream in ipairs(streams) do
  if not matches(stream.expected, stream.version) then
    table.insert(conflicts, stream.name); table.insert(conflicts, stream.expected); table.insert(conflicts, stream.version)
  end
end
if #conflicts > 1 then
  return conflicts
end

local time = redis.call('TIME')
local recordedAtMs = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local firstPosition = position + 1
local eventsAt = 5 + streamCount * 4
local eventCount = tonumber(ARGV[eventsAt])
for e = 0, eventCount - 1 do
  local base = eventsAt + e * 4
  local stream = streams[tonumber(ARGV[base + 1])]
  stream.version = stream.version + 1
  position = position + 1
  redis.call('XADD', log, position .. '-0',
    'stream', stream.name, 'version', stream.version, 'type', ARGV[base + 2],
    'sv', ARGV[base + 3], 't', recordedAtMs, 'e', ARGV[base + 4])
  redis.call('XADD', stream.key, stream.version .. '-0', 'p', position)
end

local result = {'ok', firstPosition, position, recordedAtMs}
redis.call('HSET', meta, 'log', position)
for _, stream in ipairs(streams) do
  if stream.written then
    redis.call('HSET', meta, 'v:' .. stream.name, stream.version)
    table.insert(result, stream.name); table.insert(result, stream.version)
  end
  if stream.close then
    redis.call('HSET', meta, 'closed:' .. stream.name, '1')
  end
end
if fencingEpoch ~= '' and tonumber(fencingEpoch) > currentFence then
  redis.call('HSET', meta, 'fence', fencingEpoch)
end
if idempotencyKey ~= '' then
  redis.call('HSET', idem, idempotencyKey, cjson.encode(result))
end
redis.call('PUBLISH', ARGV[eventsAt + eventCount * 4 + 1], position)
return result
