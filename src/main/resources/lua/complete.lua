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
-- ARGV[8] deadLetterRetention: ms; how long failed:<lease> keeps a failed apply's fields for its dead letters, and
--   how long a finished write's status record is kept from now
-- ARGV[9] maxWriteAge: ms; a write not applied by then ends FAILED with reason 'expired' (a retryable dead letter)
-- ARGV[10] callbackTypes: the tenant's callback subscription (',write.applied,...,' or ''; callbacks.lua)
-- ARGV[11] callbackTtl: ms, the safety expiry of a queued callback event
-- APPLIED and FAILED (and EXPIRED) queue a write.applied / write.failed callback per write, in this same step; BUSY a
--   write.held (once per write).
-- Returns 'lost' when the lease is no longer the caller's (it expired and was reclaimed: its outcome is dropped),
--   'EXPIRED' when the writes were not applied and the oldest is past maxWriteAge (recorded as FAILED), else the
--   outcome.
local now = now_ms()
local fw, fids, dial = KEYS[1], KEYS[2], KEYS[3]
local m, lease, outcome = ARGV[3], ARGV[4], ARGV[5]
local delay, err = tonumber(ARGV[6]), ARGV[7]

if redis.call('HGET', fw, 'lease') ~= lease then
  return 'lost'
end

-- Issue 10, hole 7: a write that could not be applied within maxWriteAge ends as a dead letter. 'since' is when the
-- oldest of the merged writes was accepted (or retried); the writes merged with it end with it, each retryable.
local expired = false
if outcome ~= 'APPLIED' and outcome ~= 'FAILED' then
  local since = tonumber(redis.call('HGET', fw, 'since') or now)
  if now - since >= tonumber(ARGV[9]) then
    expired = true
    outcome = 'FAILED'
    local why = {}
    if err ~= '' then why = cjson.decode(err) end
    why['reason'] = 'expired'
    err = cjson.encode(why)
  end
end

if outcome == 'APPLIED' or outcome == 'FAILED' then
  local ids = redis.call('LRANGE', fids, 0, -1)
  redis.call('HINCRBY', K_COUNTS, 'IN_FLIGHT', -#ids)
  if outcome == 'APPLIED' then
    set_write_fields(ids, 'state', 'APPLIED', 'appliedAt', now, 'lastError', '')
    if ARGV[10] ~= '' then
      local fields = redis.call('HGETALL', fw)
      local columns, phones, callable = {}, nil, nil
      for i = 1, #fields, 2 do
        local f, v = fields[i], fields[i + 1]
        local kind = string.sub(f, 1, 2)
        if kind == 'd:' then columns[string.sub(f, 3)] = v
        elseif kind == 'p:' then
          phones = phones or {}
          phones[string.sub(f, 3)] = {callable = (v == 'true')}
        elseif f == 'callable' then callable = (v == 'true') end
      end
      for _, id in ipairs(ids) do
        enqueue_callback(ARGV[10], tonumber(ARGV[11]), m, 'write.applied', {writeId = id,
          contact = callback_contact(m), appliedAt = now, columns = columns, callable = callable,
          phoneNumberStatus = phones}, now)
      end
    end
  else
    -- The merged columns are kept once (failed:<lease>) and each dead letter names them, so it can be retried as it
    -- was without copying the payload into every write.
    redis.call('SET', k_failed(lease), cjson.encode(redis.call('HGETALL', fw)), 'PX', ARGV[8])
    set_write_fields(ids, 'state', 'FAILED', 'failedAt', now, 'lastError', err, 'payload', lease)
    local ok, genesys_error = pcall(cjson.decode, err)
    if not ok then genesys_error = {message = err} end
    for _, id in ipairs(ids) do
      redis.call('ZADD', K_DEAD, now, id)
      enqueue_callback(ARGV[10], tonumber(ARGV[11]), m, 'write.failed', {writeId = id,
        contact = callback_contact(m), failedAt = now, reason = expired and 'expired' or 'rejected_by_genesys', error = genesys_error}, now)
    end
    redis.call('ZREMRANGEBYSCORE', K_DEAD, '-inf', now - tonumber(ARGV[8]))
  end
  -- The status record lives as long as the write does, then the retention from its end (not from its acceptance).
  for _, id in ipairs(ids) do
    if redis.call('EXISTS', k_write(id)) == 1 then redis.call('PEXPIRE', k_write(id), tonumber(ARGV[8])) end
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
  if route_pending(m, now, now + delay, true) == 'HELD' and outcome == 'BUSY' then
    enqueue_held(ARGV[10], tonumber(ARGV[11]), m, ids, nil, now)
  end
  count_pending(m)
end
flush_wake()
if expired then return 'EXPIRED' end
return outcome
