-- renew-lease.lua: extend a lease while its apply still runs, if the caller still holds it (issue 10, hole 1: an apply
-- never outlives its lease). A lease that was reclaimed (it expired first) is not brought back: the caller stops.
-- KEYS[1] fw:<member> in-flight snapshot hash (its 'lease' field names the holder)
-- KEYS[2] inflight: zset, score = when the lease expires (ms)
-- ARGV[1] prefix: the tenant's key prefix (every script, see prelude.lua)
-- ARGV[2] tenant: the tenant's name (every script)
-- ARGV[3] member: '<list>:<contact>'
-- ARGV[4] lease: from claim.lua
-- ARGV[5] lease_ms: the new lease length from now (ms)
-- Returns 1 when the lease was renewed, 0 when it is no longer the caller's.
local now = now_ms()
if redis.call('HGET', KEYS[1], 'lease') ~= ARGV[4] then
  return 0
end
redis.call('ZADD', KEYS[2], 'XX', now + tonumber(ARGV[5]), ARGV[3])
return 1
