-- accept-batch.lua: store the accepted items of one batch request, all in one script, and record each item's result
-- under the batch's Idempotency-Key as it is stored. A retry with the same key answers the recorded results and
-- stores only items that have none (after a script that stopped part-way, which only a Redis bug or a corrupted key
-- can cause: a script runs whole or, refused up front by OOM/READONLY/BUSY..., not at all), so no item is ever stored
-- twice and no key is left half-taken.
-- KEYS[1] idem:<key> batch idempotency record: hash 'fp' = the request's fingerprint, '<item index>' =
--   '<writeId>\n<state>' for each stored item; 'idem:-' when the request has no Idempotency-Key (nothing recorded)
-- ARGV[1] prefix: the tenant's key prefix (every script, see prelude.lua)
-- ARGV[2] tenant: the tenant's name (every script)
-- ARGV[3] fingerprint: of the request; '' = no Idempotency-Key
-- ARGV[4] idempotencyTtl: seconds
-- ARGV[5] retention: seconds each status record is kept
-- ARGV[6] maxPendingPerContact: most writes of one contact pending or in flight
-- ARGV[7] maxPendingWrites: most writes of the tenant pending or in flight
-- ARGV[8..] items: per item 9 values, then its columns and phone statuses: index (its place in the request), member
--   '<list>:<contact>', writeId (used if the item is stored now), contactListId, contactId, callable ('' | 'true' |
--   'false'), mode ('merge' | 'replace'), n data columns, p phone statuses; then n pairs (column, value), then p pairs
--   (phone column, 'true'|'false')
-- Returns {'STORED', replayed, results}: results = flat list index, writeId, state for every item (recorded earlier or
--   stored now); replayed = 1 when the key had a record and every item was in it (nothing stored now); {'CONFLICT'} when the key
--   was used for another request (nothing stored); {'ANSWERED', results JSON} for a batch recorded whole by an
--   earlier version (nothing stored); {'FULL', 'contact' | 'tenant'} when the items not yet stored would
--   pass a cap on pending writes (nothing stored: the CRM retries later).
local now = now_ms()
local record, fingerprint, ttl = KEYS[1], ARGV[3], ARGV[4]
local recording = fingerprint ~= ''
local recorded = false
if recording then
  local kind = redis.call('TYPE', record)['ok']
  if kind == 'string' then
    -- Written before batches were recorded per item: '<fingerprint>\nBATCH\n<results JSON>'.
    local seen = redis.call('GET', record)
    local head = fingerprint .. '\nBATCH\n'
    if string.sub(seen, 1, #head) == head then return {'ANSWERED', string.sub(seen, #head + 1)} end
    return {'CONFLICT'}
  end
  if (kind == 'hash' and redis.call('HGET', record, 'fp') ~= fingerprint) then
    return {'CONFLICT'}
  end
  recorded = kind == 'hash'
end

local items = {}
local i = 8
while i <= #ARGV do
  local ncols, nphones = tonumber(ARGV[i + 7]), tonumber(ARGV[i + 8])
  local w = {index = ARGV[i], m = ARGV[i + 1], id = ARGV[i + 2], list = ARGV[i + 3], contact = ARGV[i + 4],
    retention = tonumber(ARGV[5]), callable = ARGV[i + 5], mode = ARGV[i + 6], columns = {}, phones = {}}
  i = i + 9
  for j = i, i + 2 * ncols - 1 do table.insert(w.columns, ARGV[j]) end
  i = i + 2 * ncols
  for j = i, i + 2 * nphones - 1 do table.insert(w.phones, ARGV[j]) end
  i = i + 2 * nphones
  table.insert(items, w)
end

-- Which items are recorded already; the caps apply to the others, all of them, before anything is stored.
local todo, per_contact = {}, {}
for _, w in ipairs(items) do
  local seen = recording and redis.call('HGET', record, w.index)
  if seen then
    w.id, w.state = string.match(seen, '^([^\n]*)\n(.*)$')
  else
    table.insert(todo, w)
    per_contact[w.m] = (per_contact[w.m] or 0) + 1
  end
end
for m, n in pairs(per_contact) do
  if contact_open_writes(m) + n > tonumber(ARGV[6]) then return {'FULL', 'contact'} end
end
if #todo > 0 and open_writes() + #todo > tonumber(ARGV[7]) then return {'FULL', 'tenant'} end

for _, w in ipairs(todo) do
  w.state = store_write(now, w)
  if recording then redis.call('HSET', record, 'fp', fingerprint, w.index, w.id .. '\n' .. w.state) end
end
if recording then redis.call('EXPIRE', record, ttl) end

local results = {}
for _, w in ipairs(items) do
  table.insert(results, w.index)
  table.insert(results, w.id)
  table.insert(results, w.state)
end
flush_wake()
return {'STORED', (recorded and #todo == 0) and 1 or 0, results}
