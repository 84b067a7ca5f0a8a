-- renew-lease.lua: extend the leases of a tenant's applies still running, each only if the caller still holds it
-- (issue 10, hole 1: an apply never outlives its lease). One call renews all of one tenant's leases on this instance,
-- at most dispatch.concurrency-per-tenant of them, so a renewal round costs one call per tenant with applies running,
-- not one per lease. A lease that was reclaimed (it expired first) is not brought back: its apply stops.
-- KEYS[1] inflight: zset, score = when the lease expires (ms)
-- ARGV[1] prefix: the tenant's key prefix (every script, see prelude.lua)
-- ARGV[2] tenant: the tenant's name (every script)
-- ARGV[3] lease_ms: the new lease length from now (ms)
-- ARGV[4..] leases: pairs (member '<list>:<contact>', lease from claim.lua); each member's in-flight snapshot hash
--   fw:<member> (its 'lease' field names the holder) is read under the prefix
-- Returns a list of 1 (renewed) or 0 (no longer the caller's), one per pair, in the order given.
local now = now_ms()
local until_ms = now + tonumber(ARGV[3])
local renewed = {}
for i = 4, #ARGV - 1, 2 do
  local m = ARGV[i]
  if redis.call('HGET', k_flight(m), 'lease') == ARGV[i + 1] then
    redis.call('ZADD', KEYS[1], 'XX', until_ms, m)
    renewed[#renewed + 1] = 1
  else
    renewed[#renewed + 1] = 0
  end
end
return renewed
