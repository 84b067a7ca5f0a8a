-- accept-write.lua: store one CRM write durably and merge it into the contact's pending writes.
-- KEYS[1] pending hash   'pw:<list>:<contact>'    (columns 'd:<col>', phone statuses 'p:<col>', 'callable', 'since')
-- KEYS[2] pending ids    'pwids:<list>:<contact>' (list of write ids, oldest first)
-- KEYS[3] status record  'write:<writeId>'
-- ARGV[1] key prefix, ARGV[2] tenant, ARGV[3] member '<list>:<contact>', ARGV[4] write id, ARGV[5] contact list id,
-- ARGV[6] contact id, ARGV[7] retention seconds, ARGV[8] callable ('' = not given, 'true', 'false'),
-- ARGV[9] number of data columns n, then n pairs (column, value), then pairs (phone column, 'true'|'false').
-- Returns the write's state: 'HELD' (contact in an active dial or busy), or 'QUEUED' (ready, or waiting behind an
-- apply in flight for the same contact).
local now = now_ms()
local m, id = ARGV[3], ARGV[4]
local retention = tonumber(ARGV[7])
redis.call('HSET', KEYS[3], 'state', 'QUEUED', 'contactListId', ARGV[5], 'contactId', ARGV[6],
  'acceptedAt', now, 'attempts', 0)
redis.call('EXPIRE', KEYS[3], retention)

local n = tonumber(ARGV[9])
local i = 10
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
redis.call('RPUSH', KEYS[2], id)
-- A safety net only: pending writes leave through an apply or a failure long before this.
redis.call('EXPIRE', KEYS[1], retention)
redis.call('EXPIRE', KEYS[2], retention)

local state = route_pending(m, now, now, false) or 'QUEUED'
flush_wake()
return state
