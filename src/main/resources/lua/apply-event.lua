-- apply-event.lua: apply one dialer event to a contact's dial state, and hold or release its pending writes.
-- KEYS[1] dial state 'dial:<list>:<contact>' hash: phase, rank, active ('1'|'0'), evt (eventTime of the newest applied
--         event, ms), conv, camp, since (when the active dial began, ms), seen (when last changed), busyUntil
-- KEYS[2] conversation index 'conv:<conversationId>' hash: member, ended (only used when ARGV[7] is not empty)
-- ARGV[1] key prefix, ARGV[2] tenant, ARGV[3] member '<list>:<contact>', ARGV[4] eventTime ms, ARGV[5] phase,
-- ARGV[6] phase rank (orders events with the same eventTime), ARGV[7] conversation id or '', ARGV[8] campaign id or '',
-- ARGV[9] '1' if the phase is an active dial else '0', ARGV[10] active TTL ms, ARGV[11] finished-dial memory ms,
-- ARGV[12] conversation index TTL ms.
-- Returns {outcome, phase now, released}: outcome 'applied' | 'stale' (older than, or the same as, what is applied) |
-- 'late' (a start for a conversation that already ended); released 1 when this event freed pending writes.
local now = now_ms()
local dial, conv = KEYS[1], KEYS[2]
local m = ARGV[3]
local et, phase, rank = tonumber(ARGV[4]), ARGV[5], tonumber(ARGV[6])
local conv_id, camp, active = ARGV[7], ARGV[8], ARGV[9]

local cur = redis.call('HMGET', dial, 'evt', 'rank', 'phase', 'active')
local cur_phase = cur[3] or 'IDLE'
if conv_id ~= '' then
  if active == '1' and redis.call('HGET', conv, 'ended') == '1' then
    return {'late', cur_phase, 0}
  end
  redis.call('HSET', conv, 'member', m)
  redis.call('PEXPIRE', conv, ARGV[12])
end
local cur_et, cur_rank = tonumber(cur[1] or '-1'), tonumber(cur[2] or '0')
if et < cur_et or (et == cur_et and rank <= cur_rank) then
  return {'stale', cur_phase, 0}
end

redis.call('HSET', dial, 'evt', et, 'rank', rank, 'phase', phase, 'active', active, 'seen', now)
if conv_id ~= '' then redis.call('HSET', dial, 'conv', conv_id) end
if camp ~= '' then redis.call('HSET', dial, 'camp', camp) end
local released = 0
if active == '1' then
  if cur[4] ~= '1' then redis.call('HSET', dial, 'since', now) end
  redis.call('PEXPIRE', dial, ARGV[10])
  route_pending(m, now, now, false)
else
  -- The dial is over: whatever Genesys said about the contact being busy no longer holds.
  redis.call('HDEL', dial, 'busyUntil')
  redis.call('PEXPIRE', dial, ARGV[11])
  if conv_id ~= '' then redis.call('HSET', conv, 'ended', '1') end
  if route_pending(m, now, now, true) == 'QUEUED' then released = 1 end
end
flush_wake()
return {'applied', phase, released}
