-- accept-write.lua: store one CRM write durably and merge it into the contact's pending writes.
-- KEYS[1] pw:<member> pending hash: columns 'd:<col>', phone statuses 'p:<col>', 'callable', 'since',
--   'mode' = 'replace' once a replace write is pending, 'st' = state
-- KEYS[2] pwids:<member> pending ids: list of write ids, oldest first
-- KEYS[3] write:<writeId> status record
-- KEYS[4] idem:<key> idempotency record: string '<fingerprint>\n<writeId>\n<state>' (the batch endpoint stores
--   '<fingerprint>\nBATCH\n<results>' under the same name: fingerprints name the endpoint, so a key used on both is
--   a conflict); 'idem:-' when the request has no Idempotency-Key
-- ARGV[1] prefix: the tenant's key prefix (every script, see prelude.lua)
-- ARGV[2] tenant: the tenant's name (every script)
-- ARGV[3] member: '<list>:<contact>'
-- ARGV[4] writeId: the new write's id
-- ARGV[5] contactListId
-- ARGV[6] contactId
-- ARGV[7] retention: seconds the status record is kept
-- ARGV[8] callable: '' = not given, 'true', 'false'
-- ARGV[9] mode: 'merge' | 'replace'
-- ARGV[10] fingerprint: of the request; '' = no Idempotency-Key
-- ARGV[11] idempotencyTtl: seconds
-- ARGV[12] columns: number n of data columns
-- ARGV[13..] values: n pairs (column, value), then pairs (phone column, 'true'|'false')
-- Returns {state, writeId}: state 'HELD' (contact in an active dial or busy) or 'QUEUED' (ready, or waiting behind an
--   apply in flight); {'REPLAY', writeId, original state} for a repeated key with the same request (nothing stored);
--   {'CONFLICT'} for a repeated key with a different request (nothing stored).
local now = now_ms()
local m, id = ARGV[3], ARGV[4]
local retention = tonumber(ARGV[7])
local fingerprint = ARGV[10]
if fingerprint ~= '' then
  local seen = redis.call('GET', KEYS[4])
  if seen then
    local seen_fp, seen_id, seen_state = string.match(seen, '^([^\n]*)\n([^\n]*)\n(.*)$')
    if seen_fp == fingerprint then return {'REPLAY', seen_id, seen_state} end
    return {'CONFLICT'}
  end
end

redis.call('HSET', KEYS[3], 'state', 'QUEUED', 'contactListId', ARGV[5], 'contactId', ARGV[6],
  'acceptedAt', now, 'attempts', 0)
redis.call('EXPIRE', KEYS[3], retention)

if ARGV[9] == 'replace' then
  -- The CRM sent the complete data: columns of earlier pending writes are superseded, not merged.
  for _, field in ipairs(redis.call('HKEYS', KEYS[1])) do
    if string.sub(field, 1, 2) == 'd:' then redis.call('HDEL', KEYS[1], field) end
  end
  redis.call('HSET', KEYS[1], 'mode', 'replace')
end
local n = tonumber(ARGV[12])
local i = 13
for _ = 1, n do
  redis.call('HSET', KEYS[1], 'd:' .. ARGV[i], ARGV[i + 1])
  i = i + 2
end
while i <= #ARGV do
  redis.call('HSET', KEYS[1], 'p:' .. ARGV[i], ARGV[i + 1])
  i = i + 2
end
if ARGV[8] ~= '' then redis.call('HSET', KEYS[1], 'callable', ARGV[8]) end
redis.call('HSETNX', KEYS[1], 'since', now)
redis.call('HSETNX', KEYS[1], 'st', 'QUEUED')
redis.call('RPUSH', KEYS[2], id)
-- A safety net only: pending writes leave through an apply or a failure long before this.
redis.call('EXPIRE', KEYS[1], retention)
redis.call('EXPIRE', KEYS[2], retention)

local state = route_pending(m, now, now, false) or 'QUEUED'
if fingerprint ~= '' then
  redis.call('SET', KEYS[4], fingerprint .. '\n' .. id .. '\n' .. state, 'EX', ARGV[11])
end
flush_wake()
return {state, id}
