-- stats.lua: how many writes of a tenant are in each state, and the age of the oldest held one. Walks the tenant's
-- sorted sets (O(contacts waiting)); meant for the stats endpoint and a periodic gauge refresh, not the hot path.
-- Reads only.
-- KEYS[1] ready: zset
-- KEYS[2] held: zset
-- KEYS[3] inflight: zset
-- KEYS[4] dead: zset
-- ARGV[1] prefix: the tenant's key prefix (every script, see prelude.lua)
-- ARGV[2] tenant: the tenant's name (every script)
-- Returns {queued, held, in_flight, failed, oldest held since (ms, or -1), now (ms), paused until (ms, or 0)}.
local now = now_ms()
local counts = {QUEUED = 0, HELD = 0}
local oldest = -1
local function count_pending(m)
  local n = redis.call('LLEN', k_pending_ids(m))
  if n == 0 then return end
  local p = redis.call('HMGET', k_pending(m), 'st', 'since')
  local state = p[1] or 'QUEUED'
  counts[state] = (counts[state] or 0) + n
  if state == 'HELD' and p[2] and (oldest < 0 or tonumber(p[2]) < oldest) then oldest = tonumber(p[2]) end
end
for _, m in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do count_pending(m) end
for _, m in ipairs(redis.call('ZRANGE', KEYS[2], 0, -1)) do count_pending(m) end
local in_flight = 0
for _, m in ipairs(redis.call('ZRANGE', KEYS[3], 0, -1)) do
  in_flight = in_flight + redis.call('LLEN', k_flight_ids(m))
  count_pending(m)
end
local paused = tonumber(redis.call('GET', K_PAUSE) or '0')
return {counts.QUEUED, counts.HELD, in_flight, redis.call('ZCARD', KEYS[4]), oldest, now, paused}
