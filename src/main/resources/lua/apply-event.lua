-- apply-event.lua: apply one dialer event to a contact's dial state, and hold or release its pending writes.
-- KEYS[1] dial:<member> dial state hash: phase, rank, active ('1'|'0'), activeUntil (ms: an active dial with no
--   event by then is over), window ('active_dial_ttl'|'post_call_grace': which rule set activeUntil), evt (eventTime
--   of the newest applied event, ms), conv, camp, since (when the dial began, ms), seen, busyUntil (after a 409),
--   endedBy (how the last dial ended)
-- KEYS[2] conv:<conversationId> conversation index hash: member, ended ('1' = tombstone), and jt/jp/jr: the newest
--   conversation event that arrived before the conversation was linked to its contact (parked by park-event.lua);
--   'conv:' (unused) when the event names no conversation
-- ARGV[1] prefix: the tenant's key prefix (every script, see prelude.lua)
-- ARGV[2] tenant: the tenant's name (every script)
-- ARGV[3] member: '<list>:<contact>'
-- ARGV[4] eventTime: ms
-- ARGV[5] phase
-- ARGV[6] rank: orders events with the same eventTime
-- ARGV[7] conversationId: or ''
-- ARGV[8] campaignId: or ''
-- ARGV[9] active: '1' if the phase is an active dial, else '0'
-- ARGV[10] activeDialTtl: ms
-- ARGV[11] postCallGrace: ms, the window after a WRAPUP event
-- ARGV[12] finishedDialMemory: ms
-- ARGV[13] conversationTtl: ms
-- ARGV[14] wrapupCode: from a postContact, or ''
-- ARGV[15] callAnalysisDisposition: from a postContact, or ''
-- ARGV[16] isRightPartyContact: 'true' | 'false' from a postContact, or ''
-- ARGV[17] callbackTypes: the tenant's callback subscription (',dial.started,...,' or ''; callbacks.lua)
-- ARGV[18] callbackTtl: ms, the safety expiry of a queued callback event
-- Queues, in this same step, a dial.started callback when a dial begins, write.held for each pending write the start
--   holds, and dial.ended (with the postContact outcome) when a DONE phase is applied.
-- Returns {outcome, phase now, released, ended}: outcome 'applied' | 'duplicate' (same time and phase as applied) |
--   'stale' (older than what is applied; but the end of the active dial's own conversation is applied whatever its
--   eventTime) | 'late' (a start for a conversation that already ended); released 1 when pending writes became
--   ready; ended 1 when this call ended the dial (a DONE phase was applied).
local now = now_ms()
local dial, conv = KEYS[1], KEYS[2]
local m = ARGV[3]
local conv_id, camp = ARGV[7], ARGV[8]
local ttl_ms, grace_ms, memory_ms = tonumber(ARGV[10]), tonumber(ARGV[11]), tonumber(ARGV[12])
local cb_types, cb_ttl = ARGV[17], tonumber(ARGV[18])
local started = nil

local function apply(et, phase, rank, active)
  local cur = redis.call('HMGET', dial, 'evt', 'rank', 'phase', 'active', 'activeUntil', 'conv')
  local cur_phase = cur[3] or 'IDLE'
  if active == '1' and conv_id ~= '' and redis.call('HGET', conv, 'ended') == '1' then
    return 'late', cur_phase
  end
  local cur_et, cur_rank = tonumber(cur[1] or '-1'), tonumber(cur[2] or '0')
  if et == cur_et and rank == cur_rank then return 'duplicate', cur_phase end
  if et < cur_et or (et == cur_et and rank < cur_rank) then
    -- Genesys services stamp events with their own clocks: the end of the dial's own conversation may carry a time
    -- a little before that conversation's newest event. It still ends the dial (keeping the newest time seen).
    local ends_current = active == '0' and conv_id ~= '' and conv_id == cur[6] and cur[4] == '1'
    if not ends_current then return 'stale', cur_phase end
    et = cur_et
  end

  local was_active = cur[4] == '1' and tonumber(cur[5] or '0') > now
  redis.call('HSET', dial, 'evt', et, 'rank', rank, 'phase', phase, 'active', active, 'seen', now)
  if conv_id ~= '' then redis.call('HSET', dial, 'conv', conv_id) end
  if camp ~= '' then redis.call('HSET', dial, 'camp', camp) end
  if active == '1' then
    local window, name = ttl_ms, 'active_dial_ttl'
    if phase == 'WRAPUP' and grace_ms < ttl_ms then window, name = grace_ms, 'post_call_grace' end
    if not was_active then
      redis.call('HSET', dial, 'since', now)
      started = phase
    end
    redis.call('HSET', dial, 'activeUntil', now + window, 'window', name)
    redis.call('HDEL', dial, 'endedBy')
    redis.call('PEXPIRE', dial, window + memory_ms)
  else
    -- The dial is over: whatever Genesys said about the contact being busy no longer holds.
    redis.call('HDEL', dial, 'busyUntil', 'activeUntil', 'window')
    redis.call('HSET', dial, 'endedBy', 'post_contact')
    redis.call('PEXPIRE', dial, memory_ms)
    if conv_id ~= '' then redis.call('HSET', conv, 'ended', '1') end
  end
  return 'applied', phase
end

local outcome, phase = apply(tonumber(ARGV[4]), ARGV[5], tonumber(ARGV[6]), ARGV[9])
local ended = (outcome == 'applied' and ARGV[9] == '0') and 1 or 0

if conv_id ~= '' and outcome ~= 'late' then
  redis.call('HSET', conv, 'member', m)
  local parked = redis.call('HMGET', conv, 'jt', 'jp', 'jr')
  if parked[1] then
    redis.call('HDEL', conv, 'jt', 'jp', 'jr')
    local parked_outcome, parked_phase = apply(tonumber(parked[1]), parked[2], tonumber(parked[3]), '1')
    if parked_outcome == 'applied' then phase = parked_phase end
  end
  redis.call('PEXPIRE', conv, ARGV[13])
end

local function dial_data(extra)
  extra.contact = callback_contact(m)
  if conv_id ~= '' then extra.conversationId = conv_id end
  if camp ~= '' then extra.campaignId = camp end
  return extra
end
if started then
  enqueue_callback(cb_types, cb_ttl, m, 'dial.started', dial_data({startedAt = now, phase = started}), now)
end
if ended == 1 then
  local data = dial_data({endedAt = now, endedBy = 'post_contact'})
  if ARGV[14] ~= '' then data.wrapupCode = ARGV[14] end
  if ARGV[15] ~= '' then data.callAnalysisDisposition = ARGV[15] end
  if ARGV[16] ~= '' then data.isRightPartyContact = (ARGV[16] == 'true') end
  enqueue_callback(cb_types, cb_ttl, m, 'dial.ended', data, now)
end

local released = 0
uncount_pending(m)
if is_active(m, now) then
  local was_held = redis.call('ZSCORE', K_HELD, m)
  if route_pending(m, now, now, false) == 'HELD' and not was_held and cb_types ~= '' then
    enqueue_held(cb_types, cb_ttl, m, redis.call('LRANGE', k_pending_ids(m), 0, -1),
      (conv_id ~= '' and conv_id or nil), now)
  end
elseif ended == 1 and route_pending(m, now, now, true) == 'QUEUED' then
  released = 1
end
count_pending(m)
flush_wake()
return {outcome, phase, released, ended}
