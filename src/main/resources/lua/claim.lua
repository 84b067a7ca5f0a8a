-- claim.lua: one dispatcher round for a tenant: take back expired leases, release holds whose dial expired without
-- an event, and lease up to ARGV[3] ready contacts to the caller. While the tenant is paused ('pause' holds the end,
-- ms) nothing is claimed.
-- KEYS[1] ready: zset, member '<list>:<contact>', score = when it may be applied (ms)
-- KEYS[2] held: zset, score = when the contact's active state expires (ms)
-- KEYS[3] inflight: zset, score = when the lease expires (ms)
-- ARGV[1] prefix: the tenant's key prefix (every script, see prelude.lua)
-- ARGV[2] tenant: the tenant's name (every script)
-- ARGV[3] max: most contacts to claim
-- ARGV[4] lease: ms
-- ARGV[5] owner: the claiming instance's id
-- ARGV[6] callbackTypes: the tenant's callback subscription (',dial.ended,...,' or ''; callbacks.lua): a dial ended
--   here by its window queues its dial.ended callback in this same step
-- ARGV[7] callbackTtl: ms, the safety expiry of a queued callback event
-- Returns {claims, next, reclaimed, ttl_ends, grace_ends, now, paused_until, ready}: claims = list of {member, lease,
--   {hash fields...}, {write ids...}}; next = earliest time (ms) anything of this tenant becomes due, or -1;
--   reclaimed = leases taken back; ttl_ends / grace_ends = held contacts whose dial ended because no event came within
--   its window (no postContact: by active-dial-ttl, or by the post-call grace after the conversation ended); now =
--   Redis time (ms); paused_until = when the tenant's pause ends (ms), 0 when it is not paused: how a pause any
--   instance started reaches every instance; ready = contacts left ready now and unclaimed (the tenant's backlog).
local now = now_ms()
local max, lease_ms, owner = tonumber(ARGV[3]), tonumber(ARGV[4]), ARGV[5]

local reclaimed = 0
for _, m in ipairs(redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', now, 'LIMIT', 0, 100)) do
  uncount_pending(m)
  local ids = return_flight(m, true)
  set_write_fields(ids, 'lastError', '{"reason":"lease expired; reclaimed"}')
  route_pending(m, now, now, true)
  count_pending(m)
  reclaimed = reclaimed + 1
end

local ends = {active_dial_ttl = 0, post_call_grace = 0}
for _, m in ipairs(redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now, 'LIMIT', 0, 100)) do
  local dial = redis.call('HMGET', k_dial(m), 'active', 'activeUntil', 'window')
  if dial[1] == '1' and tonumber(dial[2] or '0') <= now then
    -- The window ran out without a postContact: the dial is over (its record says how).
    local window = dial[3] or 'active_dial_ttl'
    redis.call('HSET', k_dial(m), 'active', '0', 'endedBy', window)
    redis.call('HDEL', k_dial(m), 'activeUntil', 'window')
    ends[window] = (ends[window] or 0) + 1
    local d = redis.call('HMGET', k_dial(m), 'conv', 'camp')
    enqueue_callback(ARGV[6], tonumber(ARGV[7]), m, 'dial.ended', {contact = callback_contact(m), endedAt = now,
      endedBy = window, conversationId = d[1] or nil, campaignId = d[2] or nil}, now)
  end
  uncount_pending(m)
  if route_pending(m, now, now, true) == nil then
    redis.call('ZREM', KEYS[2], m)
  end
  count_pending(m)
end

local claims = {}
-- A tenant paused (Genesys's daily limit, or its rate-limit headers said so) claims nothing until the pause ends.
local paused_until = tonumber(redis.call('GET', K_PAUSE) or '0')
if paused_until > now then max = 0 end
for _, m in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, max)) do
  redis.call('ZREM', KEYS[1], m)
  local pw, pids = k_pending(m), k_pending_ids(m)
  if redis.call('EXISTS', k_flight(m)) == 0 and redis.call('EXISTS', pids) == 1 then
    uncount_pending(m)
    if is_active(m, now) then
      route_pending(m, now, now, true)
      count_pending(m)
    else
      local fw, fids = k_flight(m), k_flight_ids(m)
      redis.call('RENAME', pw, fw)
      redis.call('RENAME', pids, fids)
      local lease = owner .. ':' .. now .. ':' .. m
      redis.call('HSET', fw, 'lease', lease)
      redis.call('ZADD', KEYS[3], now + lease_ms, m)
      local ids = redis.call('LRANGE', fids, 0, -1)
      redis.call('HINCRBY', K_COUNTS, 'IN_FLIGHT', #ids)
      for _, id in ipairs(ids) do
        local key = k_write(id)
        if redis.call('EXISTS', key) == 1 then
          redis.call('HSET', key, 'state', 'IN_FLIGHT')
          redis.call('HINCRBY', key, 'attempts', 1)
        end
      end
      table.insert(claims, {m, lease, redis.call('HGETALL', fw), ids})
    end
  end
end

local next = -1
if paused_until > now then next = paused_until end
for _, key in ipairs(KEYS) do
  local first = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
  if first[2] then
    local score = tonumber(first[2])
    if paused_until > now and key == KEYS[1] and score < paused_until then score = paused_until end
    if next < 0 or score < next then next = score end
  end
end
flush_wake()
return {claims, next, reclaimed, ends.active_dial_ttl, ends.post_call_grace, now, paused_until,
  redis.call('ZCOUNT', KEYS[1], '-inf', now)}
