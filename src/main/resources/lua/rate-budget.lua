-- rate-budget.lua: take one call from a tenant's Genesys API budget, shared by every instance (GCRA: the generic cell
-- rate algorithm). Calls are spaced one emission interval T apart on average, with a burst of B calls: in any window
-- of W ms at most B + ceil(W/T) - 1 calls pass. The caller picks T = 60 s / (requests-per-minute - B), so that no 60 s
-- holds more than the per-minute budget, the burst included (RateBudget.Pace).
-- A paused tenant (pause-tenant.lua, set by any instance) gets no Genesys call at all until the pause ends: an apply
-- claimed before its instance learnt of the pause makes no further call. Callbacks to the CRM take their own budget
-- and do not heed the pause (a Genesys limit is no reason to hold them).
-- KEYS[1] budget: string, the theoretical arrival time (TAT, ms) of the next call
-- KEYS[2] pause: string, when the tenant's pause ends (ms); absent when it is not paused
-- ARGV[1] prefix: the tenant's key prefix (every script, see prelude.lua)
-- ARGV[2] tenant: the tenant's name (every script)
-- ARGV[3] interval: emission interval T (ms, may be fractional)
-- ARGV[4] burst: B (calls)
-- ARGV[5] maxWait: longest wait (ms) the caller accepts
-- ARGV[6] heedPause: 1 to give no call while KEYS[2] stands (Genesys calls), 0 to ignore it (callbacks)
-- Returns the wait in ms before the call may be made (0 = now); the call is then reserved: the caller waits and
--   calls. A negative number -w means the wait w exceeds the longest accepted, or the tenant is paused for w more
--   ms: nothing is reserved.
local now = now_ms()
if ARGV[6] == '1' then
  local paused_until = tonumber(redis.call('GET', KEYS[2]) or '0')
  if paused_until > now then return -math.max(1, paused_until - now) end
end
local interval, burst, max_wait = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
local tolerance = (burst - 1) * interval
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
if tat < now then tat = now end
local wait = math.ceil(tat - tolerance - now)
if wait < 0 then wait = 0 end
if wait > max_wait then return -wait end
local next_tat = tat + interval
redis.call('SET', KEYS[1], string.format('%.3f', next_tat), 'PX', math.ceil(next_tat - now + tolerance) + 1000)
return wait
