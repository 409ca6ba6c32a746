--[[
  Writes one task report to the inbox stream of the session's partition, remembers the newest
  attempt/seq written for the task (and whether it ends the task), and answers whether the task
  was cancelled.

  The cancel answer is the backstop of cancellation (DESIGN.md §3): a runner that missed the
  cancel publish (it subscribed late, its connection dropped) still learns of it from the next
  report it writes, and aborts the attempt.

  Every key shares the partition's hash tag and is derived by the client (none is computed here).

  Input:
    KEYS[1]   inbox stream   <prefix>:inbox:{<partition>}
    KEYS[2]   cancel flag    <prefix>:cancel:{<partition>}:<taskId>
    KEYS[3]   last report    <prefix>:last-report:{<partition>}:<taskId>

    ARGV[1]   the TaskReportMessage as JSON (stored as field `m`)
    ARGV[2]   attempt (integer, 1-based)
    ARGV[3]   seq (integer)
    ARGV[4]   time to live of the last-report key, seconds
    ARGV[5]   1 when the report is terminal (succeeded/failed), else 0

  The last-report key holds "<attempt> <seq> <terminal>" of the newest report written. The
  gateway reads it when it writes a report no runner will: for a task cancelled while it waits
  for a retry, and for a job BullMQ failed without a terminal report (retries exhausted by
  crashes) — numbered after the reports already written, and skipped when a terminal one was.
  A zombie attempt's older write never lowers it.

  Output (array):
    [1]   the new entry id
    [2]   1 when the task's cancel flag is set, else 0

  Events: none (the stream entry is the event).
]]
local id = redis.call('XADD', KEYS[1], '*', 'm', ARGV[1])

local attempt = tonumber(ARGV[2])
local seq = tonumber(ARGV[3])
local newer = true
local last = redis.call('GET', KEYS[3])
if last then
  -- "<attempt> <seq> <terminal>": the terminal flag follows, so the pattern must not end at the seq.
  local lastAttempt, lastSeq = string.match(last, '^(%d+) (%d+)')
  lastAttempt = tonumber(lastAttempt)
  lastSeq = tonumber(lastSeq)
  if lastAttempt and (lastAttempt > attempt or (lastAttempt == attempt and lastSeq >= seq)) then
    newer = false
  end
end
if newer then
  redis.call('SET', KEYS[3], ARGV[2] .. ' ' .. ARGV[3] .. ' ' .. ARGV[5], 'EX', tonumber(ARGV[4]))
end

local cancelled = redis.call('EXISTS', KEYS[2])
return { id, cancelled }
