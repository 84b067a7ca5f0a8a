-- reconcile-dial.lua: correct one contact's dial state from what Genesys's campaign interactions list says, when the
-- events that should have said it were lost (a relay that dropped them, a socket that was down).
-- KEYS[1] dial:<member>: dial state hash (see apply-event.lua); fields used here: active, activeUntil, seen (when the
--   last event or correction was applied, ms), camp, conv, miss (reads in a row the contact was absent from)
-- KEYS[2] camp:<campaignId>: zset, members in an active dial of that campaign, score = last change ms
-- ARGV[1] prefix: the tenant's key prefix (every script, see prelude.lua)
-- ARGV[2] tenant: the tenant's name (every script)
-- ARGV[3] member: '<list>:<contact>'
-- ARGV[4] read: what the read said: 'present' (the contact is in an interaction) | 'absent' (in none) |
--   'campaign_over' (the campaign is off, complete or forced_off and its lists are empty)
-- ARGV[5] campaignId
-- ARGV[6] quiet: ms without an event before a dial is ended or started
-- ARGV[7] activeDialTtl: ms
-- ARGV[8] finishedDialMemory: ms
-- Returns {action, released}: action 'started' (an idle contact is in a dial: its writes are held now) | 'ended'
--   (endedBy 'reconcile') | 'kept' (nothing to change, or not yet: one absent read, or an event within the quiet
--   period) | 'dropped' (the index named a dial that is no longer active); released 1 when ending it made writes
--   ready.
local now = now_ms()
local dial, index = KEYS[1], KEYS[2]
local m, what, camp = ARGV[3], ARGV[4], ARGV[5]
local quiet, ttl_ms, memory_ms = tonumber(ARGV[6]), tonumber(ARGV[7]), tonumber(ARGV[8])
local seen = tonumber(redis.call('HGET', dial, 'seen') or '0')
local recent = seen > now - quiet

local function end_dial()
  -- 'seen' marks this change too: a list that still shows the contact moments later must not restart the dial
  redis.call('HSET', dial, 'active', '0', 'phase', 'DONE', 'endedBy', 'reconcile', 'seen', now)
  redis.call('HDEL', dial, 'busyUntil', 'activeUntil', 'window', 'miss')
  redis.call('PEXPIRE', dial, memory_ms)
  redis.call('ZREM', index, m)
  local conv = redis.call('HGET', dial, 'conv')
  if conv and redis.call('EXISTS', P .. 'conv:' .. conv) == 1 then
    -- a late start event of this conversation must not reopen the dial
    redis.call('HSET', P .. 'conv:' .. conv, 'ended', '1')
  end
  local released = 0
  uncount_pending(m)
  if route_pending(m, now, now, true) == 'QUEUED' then released = 1 end
  count_pending(m)
  flush_wake()
  return {'ended', released}
end

if what == 'present' then
  if is_active(m, now) then
    redis.call('HDEL', dial, 'miss')
    redis.call('ZADD', index, now, m)
    return {'kept', 0}
  end
  -- a dial that ended moments ago may still be listed: Genesys's list lags its events
  if recent then return {'kept', 0} end
  redis.call('HSET', dial, 'active', '1', 'phase', 'DIALING', 'activeUntil', now + ttl_ms, 'window', 'active_dial_ttl',
    'since', now, 'seen', now, 'camp', camp)
  redis.call('HDEL', dial, 'endedBy', 'miss')
  redis.call('PEXPIRE', dial, ttl_ms + memory_ms)
  redis.call('ZADD', index, now, m)
  uncount_pending(m)
  route_pending(m, now, now, false)
  count_pending(m)
  flush_wake()
  return {'started', 0}
end

if not is_active(m, now) then
  redis.call('ZREM', index, m)
  return {'dropped', 0}
end
if what == 'campaign_over' then return end_dial() end
local miss = redis.call('HINCRBY', dial, 'miss', 1)
if miss >= 2 and not recent then return end_dial() end
return {'kept', 0}
