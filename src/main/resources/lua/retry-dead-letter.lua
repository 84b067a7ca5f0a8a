-- retry-dead-letter.lua: put a failed write back into the pipeline with its own columns (kept in its record since it
-- was accepted), less those a newer write has applied since (the contact's column versions, cv:<member>): a retry
-- never sends a value older than one Genesys holds from a later write. Anything accepted for the contact since is
-- newer and keeps its values (merge_under in prelude.lua).
-- KEYS[1] write:<writeId> status record: 'own' and 'seq' (its own fields and place, see store_write in prelude.lua);
--   records written before kept no 'own': their 'payload' names the failed apply's fields, kept once for all its
--   writes (failed:<lease>), or holds them itself as JSON [f1, v1, f2, v2...]
-- KEYS[2] dead: zset of failed write ids
-- ARGV[1] prefix: the tenant's key prefix (every script, see prelude.lua)
-- ARGV[2] tenant: the tenant's name (every script)
-- ARGV[3] writeId
-- ARGV[4] retention: ms the status record is kept at least (it lives as long as the write, which starts again)
-- Returns the write's new state ('QUEUED' | 'HELD'), 'NOT_FOUND' (no record, or its failed fields: unknown or past
--   retention), or 'NOT_FAILED' (only failed writes can be retried).
local now = now_ms()
local id = ARGV[3]
local record = redis.call('HMGET', KEYS[1], 'state', 'contactListId', 'contactId', 'payload', 'own')
if not record[1] then return 'NOT_FOUND' end
if record[1] ~= 'FAILED' or not (record[4] or record[5]) then return 'NOT_FAILED' end
local m = record[2] .. ':' .. record[3]
local pw, pids = k_pending(m), k_pending_ids(m)
local fields = own_fields_still_newest(m, KEYS[1])
if not fields then fields = failed_payload(record[4]) end
if not fields then return 'NOT_FOUND' end
uncount_pending(m)
merge_under(m, fields)
redis.call('HSETNX', pw, 'since', now)
redis.call('HSETNX', pw, 'st', 'QUEUED')
redis.call('RPUSH', pids, id)
redis.call('ZREM', KEYS[2], id)
redis.call('HSET', KEYS[1], 'state', 'QUEUED', 'retriedAt', now)
redis.call('HDEL', KEYS[1], 'payload', 'failedAt')
if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[4]) then redis.call('PEXPIRE', KEYS[1], ARGV[4]) end
local state = route_pending(m, now, now, true) or 'QUEUED'
count_pending(m)
redis.call('HSET', KEYS[1], 'state', state)
flush_wake()
return state
