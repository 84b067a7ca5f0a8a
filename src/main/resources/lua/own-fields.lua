-- own-fields.lua: the writes of an apply in flight, each with its own fields, oldest first — read when Genesys
-- refuses the merged PUT for good, to split it write by write (issue 10, hole 3). Reads only.
-- KEYS[1] fw:<member> in-flight snapshot hash (its 'lease' names the holder)
-- KEYS[2] fwids:<member> its write ids, oldest first
-- ARGV[1] prefix: the tenant's key prefix (every script, see prelude.lua)
-- ARGV[2] tenant: the tenant's name (every script)
-- ARGV[3] lease: from claim.lua
-- Returns a flat list writeId, own fields (JSON [f1, v1, ...], see store_write in prelude.lua; '' for a record that
--   kept none, or expired) per write; {} when the lease is no longer the caller's.
if redis.call('HGET', KEYS[1], 'lease') ~= ARGV[3] then
  return {}
end
local out = {}
for _, id in ipairs(redis.call('LRANGE', KEYS[2], 0, -1)) do
  table.insert(out, id)
  table.insert(out, redis.call('HGET', k_write(id), 'own') or '')
end
return out
