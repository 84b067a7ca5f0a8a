-- hold-check.lua: an apply's last look before it writes (a bulk upsert, or one contact's PUT): which of its contacts
-- must not be sent now. A contact that went into an active dial since it was claimed (dialgate heard the dial start
-- while the apply read the contact or waited for its turn of the budget) stays out of the request, as does one whose
-- lease is no longer the caller's. Reads only.
-- KEYS[1] inflight: zset, member '<list>:<contact>', score = when the lease expires (ms)
-- ARGV[1] prefix: the tenant's key prefix (every script, see prelude.lua)
-- ARGV[2] tenant: the tenant's name (every script)
-- ARGV[3..] contacts: pairs of member and the lease claim.lua gave it
-- Returns {member, reason} for each contact not to send, in the order given, reason 'dial' (in an active dial) or
--   'lease' (leased to the caller no more); empty when every contact may be sent.
local now = now_ms()
local out = {}
for i = 3, #ARGV, 2 do
  local m, lease = ARGV[i], ARGV[i + 1]
  if redis.call('ZSCORE', KEYS[1], m) == false or redis.call('HGET', k_flight(m), 'lease') ~= lease then
    table.insert(out, {m, 'lease'})
  elseif is_active(m, now) then
    table.insert(out, {m, 'dial'})
  end
end
return out
