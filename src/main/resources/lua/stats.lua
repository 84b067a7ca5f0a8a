-- stats.lua: how many writes of a tenant are in each state, and the age of the oldest held one. Reads the counts the
-- scripts keep as writes change state (see uncount_pending/count_pending in prelude.lua): O(1), whatever the number
-- of contacts. Reads only.
-- KEYS[1] counts: hash QUEUED / HELD / IN_FLIGHT -> writes in that state
-- KEYS[2] heldsince: zset of held contacts, score = when their oldest pending write was accepted (ms)
-- KEYS[3] dead: zset
-- ARGV[1] prefix: the tenant's key prefix (every script, see prelude.lua)
-- ARGV[2] tenant: the tenant's name (every script)
-- Returns {queued, held, in_flight, failed, oldest held since (ms, or -1), now (ms), paused until (ms, or 0)}.
local now = now_ms()
local c = redis.call('HMGET', KEYS[1], 'QUEUED', 'HELD', 'IN_FLIGHT')
local function count(v) return math.max(0, tonumber(v or '0')) end
local oldest = -1
local first = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
if first[2] then oldest = tonumber(first[2]) end
local paused = tonumber(redis.call('GET', K_PAUSE) or '0')
return {count(c[1]), count(c[2]), count(c[3]), redis.call('ZCARD', KEYS[3]), oldest, now, paused}
