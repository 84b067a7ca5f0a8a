-- claim-callbacks.lua: one round of a tenant's callback worker: take back expired leases (an instance died while
-- sending), then lease the head event of up to ARGV[3] contacts whose next callback is due. Work is bounded: at most
-- 100 reclaims and ARGV[3] claims per call.
-- KEYS[1] cbready: zset, member '<list>:<contact>', score = when its head event may be sent (ms)
-- KEYS[2] cbinflight: zset, score = when the lease expires (ms)
-- KEYS[3] cbcount: string, events not yet delivered or dead-lettered
-- ARGV[1] prefix: the tenant's key prefix (every script, see prelude.lua)
-- ARGV[2] tenant: the tenant's name (every script)
-- ARGV[3] max: most events to lease
-- ARGV[4] lease: ms
-- ARGV[5] owner: the claiming instance's id
-- Returns {claims, next, reclaimed, queued, now}: claims = list of {member, event id, lease, {hash fields...}} (the
--   fields of 'cb:<id>', attempts already counting this one); next = the earliest time (ms) anything of this tenant
--   falls due, or -1; reclaimed = leases taken back; queued = the cbcount value; now = Redis time (ms).
local now = now_ms()
local max, lease_ms, owner = tonumber(ARGV[3]), tonumber(ARGV[4]), ARGV[5]

local reclaimed = 0
for _, m in ipairs(redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now, 'LIMIT', 0, 100)) do
  -- The delivery's outcome is unknown: the event is sent again, under the same id (the receiver deduplicates).
  redis.call('ZREM', KEYS[2], m)
  local head = redis.call('LINDEX', k_cbq(m), 0)
  if head then
    redis.call('HDEL', k_cb(head), 'lease')
    redis.call('ZADD', KEYS[1], now, m)
  end
  reclaimed = reclaimed + 1
end

local claims = {}
for _, m in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, max)) do
  redis.call('ZREM', KEYS[1], m)
  local q = k_cbq(m)
  local id = redis.call('LINDEX', q, 0)
  -- An event whose record expired (its safety TTL) is dropped; the contact's next event is due at once.
  while id and redis.call('EXISTS', k_cb(id)) == 0 do
    redis.call('LPOP', q)
    redis.call('DECR', KEYS[3])
    id = redis.call('LINDEX', q, 0)
  end
  if id then
    local key = k_cb(id)
    local lease = owner .. ':' .. now .. ':' .. id
    redis.call('HSET', key, 'lease', lease)
    redis.call('HINCRBY', key, 'att', 1)
    redis.call('ZADD', KEYS[2], now + lease_ms, m)
    table.insert(claims, {m, id, lease, redis.call('HGETALL', key)})
  end
end

local next = -1
for i = 1, 2 do
  local first = redis.call('ZRANGE', KEYS[i], 0, 0, 'WITHSCORES')
  if first[2] then
    local score = tonumber(first[2])
    if next < 0 or score < next then next = score end
  end
end
return {claims, next, reclaimed, tonumber(redis.call('GET', KEYS[3]) or '0'), now}
