-- retry-callback.lua: replay a callback dead letter: queue it again behind the contact's current events, with a
-- fresh retry window and the same event id (the CRM may have seen an earlier attempt).
-- KEYS[1] cb:<eventId>: the event hash (see callbacks.lua)
-- KEYS[2] cbdead: zset
-- KEYS[3] cbready: zset
-- KEYS[4] cbinflight: zset
-- KEYS[5] cbcount: string
-- ARGV[1] prefix: the tenant's key prefix (every script, see prelude.lua)
-- ARGV[2] tenant: the tenant's name (every script)
-- ARGV[3] eventId: the dead letter's id
-- ARGV[4] ttl: ms, the safety expiry of the queued event
-- Returns 'QUEUED', 'NOT_FOUND' (unknown, or past its retention) or 'NOT_DEAD' (only dead letters can be replayed).
local now = now_ms()
local id = ARGV[3]
local m = redis.call('HGET', KEYS[1], 'm')
if not m then return 'NOT_FOUND' end
if not redis.call('ZSCORE', KEYS[2], id) then return 'NOT_DEAD' end
redis.call('ZREM', KEYS[2], id)
redis.call('HDEL', KEYS[1], 'dead', 'lease')
redis.call('HSET', KEYS[1], 'since', now, 'att', 0)
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[4]))
local q = k_cbq(m)
if redis.call('RPUSH', q, id) == 1 and not redis.call('ZSCORE', KEYS[4], m) then
  redis.call('ZADD', KEYS[3], 'NX', now, m)
end
redis.call('PEXPIRE', q, tonumber(ARGV[4]))
redis.call('INCR', KEYS[5])
return 'QUEUED'
