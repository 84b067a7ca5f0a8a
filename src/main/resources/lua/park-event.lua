-- park-event.lua: keep a conversation event (customer.end, acw, ...) that arrived before the conversation's
-- .outbound event linked it to a contact; apply-event.lua applies it when the link arrives.
-- KEYS[1] conv:<conversationId> conversation index hash (see apply-event.lua)
-- ARGV[1] prefix: the tenant's key prefix (every script, see prelude.lua)
-- ARGV[2] tenant: the tenant's name (every script)
-- ARGV[3] eventTime: ms
-- ARGV[4] phase
-- ARGV[5] rank
-- ARGV[6] conversationTtl: ms
-- Returns {'joined', member} when the link exists after all (the caller applies the event to that contact), else
--   {'parked'} (kept if newer than an event already parked for the conversation).
local member = redis.call('HGET', KEYS[1], 'member')
if member then return {'joined', member} end
local et, rank = tonumber(ARGV[3]), tonumber(ARGV[5])
local parked = redis.call('HMGET', KEYS[1], 'jt', 'jr')
local cur_et, cur_rank = tonumber(parked[1] or '-1'), tonumber(parked[2] or '0')
if et > cur_et or (et == cur_et and rank > cur_rank) then
  redis.call('HSET', KEYS[1], 'jt', et, 'jp', ARGV[4], 'jr', rank)
end
redis.call('PEXPIRE', KEYS[1], ARGV[6])
return {'parked'}
