-- accept-write.lua: store one CRM write durably and merge it into the contact's pending writes.
-- KEYS[1] pw:<member> pending hash: columns 'd:<col>', phone statuses 'p:<col>', 'callable', 'since',
--   'mode' = 'replace' once a replace write is pending, 'st' = state
-- KEYS[2] pwids:<member> pending ids: list of write ids, oldest first
-- KEYS[3] write:<writeId> status record
-- KEYS[4] idem:<key> idempotency record: string '<fingerprint>\n<writeId>\n<state>' (the batch endpoint keeps a
--   hash under the same name, see accept-batch.lua: a key used on both is a conflict); 'idem:-' when the request has
--   no Idempotency-Key
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
-- ARGV[12] maxPendingPerContact: most writes of one contact pending or in flight
-- ARGV[13] maxPendingWrites: most writes of the tenant pending or in flight
-- ARGV[14] columns: number n of data columns
-- ARGV[15..] values: n pairs (column, value), then pairs (phone column, 'true'|'false')
-- Returns {state, writeId}: state 'HELD' (contact in an active dial or busy) or 'QUEUED' (ready, or waiting behind an
--   apply in flight); {'REPLAY', writeId, original state} for a repeated key with the same request (nothing stored);
--   {'CONFLICT'} for a repeated key with a different request (nothing stored); {'FULL', 'contact' | 'tenant'} when
--   the write would pass a cap on pending writes (nothing stored: the CRM retries later).
local now = now_ms()
local m, id = ARGV[3], ARGV[4]
local fingerprint = ARGV[10]
if fingerprint ~= '' then
  local kind = redis.call('TYPE', KEYS[4])['ok']
  if kind == 'hash' then return {'CONFLICT'} end
  if kind == 'string' then
    local seen_fp, seen_id, seen_state = string.match(redis.call('GET', KEYS[4]), '^([^\n]*)\n([^\n]*)\n(.*)$')
    if seen_fp == fingerprint then return {'REPLAY', seen_id, seen_state} end
    return {'CONFLICT'}
  end
end
if contact_open_writes(m) >= tonumber(ARGV[12]) then return {'FULL', 'contact'} end
if open_writes() >= tonumber(ARGV[13]) then return {'FULL', 'tenant'} end

local w = {m = m, id = id, list = ARGV[5], contact = ARGV[6], retention = tonumber(ARGV[7]), callable = ARGV[8],
  mode = ARGV[9], columns = {}, phones = {}}
local n = tonumber(ARGV[14])
for i = 15, #ARGV, 2 do
  local target = (i < 15 + 2 * n) and w.columns or w.phones
  table.insert(target, ARGV[i])
  table.insert(target, ARGV[i + 1])
end
local state = store_write(now, w)
if fingerprint ~= '' then
  redis.call('SET', KEYS[4], fingerprint .. '\n' .. id .. '\n' .. state, 'EX', ARGV[11])
end
flush_wake()
return {state, id}
