-- pause-tenant.lua: stop a tenant's dispatch (every instance) until a time, e.g. when Genesys answers 429 with a
-- Retry-After over 180 s (its daily-limit signal) or its rate-limit headers say the budget is spent. A later end wins.
-- Every instance learns of the pause from its next claim round (claim.lua returns it).
-- KEYS[1] pause: string, when the pause ends (ms)
-- ARGV[1] prefix: the tenant's key prefix (every script, see prelude.lua)
-- ARGV[2] tenant: the tenant's name (every script)
-- ARGV[3] length: ms
-- Returns when the pause ends (ms).
local now = now_ms()
local until_ms = now + tonumber(ARGV[3])
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if current >= until_ms then return current end
redis.call('SET', KEYS[1], until_ms, 'PX', tonumber(ARGV[3]))
return until_ms
