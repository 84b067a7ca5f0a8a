-- complete-callback.lua: record how one callback attempt ended, and make the contact's next event due.
-- KEYS[1] cb:<eventId>: the event hash (see callbacks.lua)
-- KEYS[2] cbq:<member>: the contact's queue of event ids
-- KEYS[3] cbready: zset
-- KEYS[4] cbinflight: zset
-- KEYS[5] cbdead: zset
-- KEYS[6] cbcount: string
-- ARGV[1] prefix: the tenant's key prefix (every script, see prelude.lua)
-- ARGV[2] tenant: the tenant's name (every script)
-- ARGV[3] member: '<list>:<contact>'
-- ARGV[4] eventId: the event's id (its webhook-id)
-- ARGV[5] lease: from claim-callbacks.lua
-- ARGV[6] outcome: 'DELIVERED' (the CRM answered 2xx) | 'FAILED' (an attempt failed: retried at now+delay, or
--   dead-lettered once that is past the retry window, which starts at the event's time or its replay) | 'DEFER' (not
--   sent: budget, breaker, shutdown; again at now+delay, the attempt not counted)
-- ARGV[7] delay: ms
-- ARGV[8] lastError: text, no secret
-- ARGV[9] retryFor: ms, the retry window
-- ARGV[10] deadLetterRetention: ms
-- Returns 'delivered' | 'retry' | 'dead' | 'deferred', or 'lost' when the lease is no longer the caller's (it expired
--   and the event was claimed again: this outcome is dropped).
local now = now_ms()
local cb, q = KEYS[1], KEYS[2]
local m, id, lease, outcome = ARGV[3], ARGV[4], ARGV[5], ARGV[6]
local delay = tonumber(ARGV[7])

if redis.call('HGET', cb, 'lease') ~= lease then
  return 'lost'
end
redis.call('HDEL', cb, 'lease')
redis.call('ZREM', KEYS[4], m)

local function next_of_contact()
  if redis.call('LINDEX', q, 0) == id then redis.call('LPOP', q) end
  redis.call('DECR', KEYS[6])
  if redis.call('LLEN', q) > 0 then redis.call('ZADD', KEYS[3], now, m) end
end

if outcome == 'DELIVERED' then
  redis.call('DEL', cb)
  next_of_contact()
  return 'delivered'
end
if outcome == 'DEFER' then
  redis.call('HINCRBY', cb, 'att', -1)
  redis.call('ZADD', KEYS[3], now + delay, m)
  return 'deferred'
end
redis.call('HSET', cb, 'lastError', ARGV[8])
local since = redis.call('HMGET', cb, 'since', 'at')
local window_start = tonumber(since[1] or since[2] or now)
if now + delay <= window_start + tonumber(ARGV[9]) then
  redis.call('ZADD', KEYS[3], now + delay, m)
  return 'retry'
end
-- Past the retry window: a dead letter, kept for listing and replay; the contact's next event goes ahead.
local retention = tonumber(ARGV[10])
redis.call('HSET', cb, 'dead', now)
redis.call('PEXPIRE', cb, retention)
redis.call('ZADD', KEYS[5], now, id)
redis.call('ZREMRANGEBYSCORE', KEYS[5], '-inf', now - retention)
next_of_contact()
return 'dead'
