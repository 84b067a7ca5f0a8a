-- complete.lua: record how an apply ended, and route whatever was accepted for the contact meanwhile.
-- KEYS[1] fw:<member> in-flight snapshot hash
-- KEYS[2] fwids:<member> its write ids
-- KEYS[3] dial:<member> dial state
-- ARGV[1] prefix: the tenant's key prefix (every script, see prelude.lua)
-- ARGV[2] tenant: the tenant's name (every script)
-- ARGV[3] member: '<list>:<contact>'
-- ARGV[4] lease: from claim.lua
-- ARGV[5] outcome: 'APPLIED' | 'FAILED' (dead letter) | 'RETRY' (429/5xx/timeout: again at now+delay) |
--   'BUSY' (409: the contact is busy in Genesys; held until now+delay or the next dial end) |
--   'DEFER' (not tried: budget, breaker or pause; again at now+delay, not counted as an attempt)
-- ARGV[6] delay: ms (RETRY, BUSY, DEFER)
-- ARGV[7] lastError: JSON, or ''
-- ARGV[8] deadLetterRetention: ms; also how long failed:<lease> keeps a failed apply's fields for its dead letters
-- Returns 'lost' when the lease is no longer the caller's (it expired and was reclaimed: its outcome is dropped),
--   else the outcome.
local now = now_ms()
local fw, fids, dial = KEYS[1], KEYS[2], KEYS[3]
local m, lease, outcome = ARGV[3], ARGV[4], ARGV[5]
local delay, err = tonumber(ARGV[6]), ARGV[7]

if redis.call('HGET', fw, 'lease') ~= lease then
  return 'lost'
end

if outcome == 'APPLIED' or outcome == 'FAILED' then
  local ids = redis.call('LRANGE', fids, 0, -1)
  redis.call('HINCRBY', K_COUNTS, 'IN_FLIGHT', -#ids)
  if outcome == 'APPLIED' then
    set_write_fields(ids, 'state', 'APPLIED', 'appliedAt', now, 'lastError', '')
  else
    -- The merged columns are kept once (failed:<lease>) and each dead letter names them, so it can be retried as it
    -- was without copying the payload into every write.
    redis.call('SET', k_failed(lease), cjson.encode(redis.call('HGETALL', fw)), 'PX', ARGV[8])
    set_write_fields(ids, 'state', 'FAILED', 'failedAt', now, 'lastError', err, 'payload', lease)
    for _, id in ipairs(ids) do redis.call('ZADD', K_DEAD, now, id) end
    redis.call('ZREMRANGEBYSCORE', K_DEAD, '-inf', now - tonumber(ARGV[8]))
  end
  redis.call('DEL', fw, fids)
  redis.call('ZREM', K_INFLIGHT, m)
  uncount_pending(m)
  route_pending(m, now, now, true)
  count_pending(m)
else
  uncount_pending(m)
  local ids = return_flight(m, outcome ~= 'DEFER')
  if outcome == 'DEFER' then
    for _, id in ipairs(ids) do
      if redis.call('EXISTS', k_write(id)) == 1 then redis.call('HINCRBY', k_write(id), 'attempts', -1) end
    end
  end
  if err ~= '' then set_write_fields(ids, 'lastError', err) end
  if outcome == 'BUSY' then
    local until_ms = now + delay
    redis.call('HSET', dial, 'busyUntil', until_ms)
    if redis.call('PTTL', dial) < delay then redis.call('PEXPIRE', dial, delay) end
  end
  route_pending(m, now, now + delay, true)
  count_pending(m)
end
flush_wake()
return outcome
