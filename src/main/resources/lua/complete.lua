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
-- ARGV[8] deadLetterRetention: ms; how long a finished write's status record (with its own fields, for a retry) and
--   the contact's column versions (cv:<member>) are kept from now
-- ARGV[9] maxWriteAge: ms; a write not applied by then ends FAILED with reason 'expired' (a retryable dead letter)
-- ARGV[10] callbackTypes: the tenant's callback subscription (',write.applied,...,' or ''; callbacks.lua)
-- ARGV[11] callbackTtl: ms, the safety expiry of a queued callback event
-- ARGV[12] split: '' for an apply of the merged writes as one; else JSON {"applied": [writeId...], "failed":
--   [[writeId, lastError JSON]...]}: the writes Genesys took or refused one group at a time after it refused the merged
--   PUT (issue 10, hole 3). Those end so; the outcome (ARGV[5]) is then that of the writes not decided, whose in-flight
--   snapshot is rebuilt from their own fields (the decided writes' columns are not sent again).
-- APPLIED and FAILED (and EXPIRED) queue a write.applied / write.failed callback per write, in this same step; BUSY a
--   write.held (once per write).
-- Returns 'lost' when the lease is no longer the caller's (it expired and was reclaimed: its outcome is dropped),
--   'SPLIT' when the split decided every write, 'EXPIRED' when the writes were not applied and the oldest is past
--   maxWriteAge (recorded as FAILED), else the outcome.
local now = now_ms()
local fw, fids, dial = KEYS[1], KEYS[2], KEYS[3]
local m, lease, outcome = ARGV[3], ARGV[4], ARGV[5]
local delay, err = tonumber(ARGV[6]), ARGV[7]

if redis.call('HGET', fw, 'lease') ~= lease then
  return 'lost'
end
local retention = tonumber(ARGV[8])

-- The fields of a write's own columns as a table {columns, phones, callable} for its callback.
local function callback_columns(fields)
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
  return columns, phones, callable
end

-- Ends the given writes APPLIED, each with the fields it was applied with (nil: the merged snapshot's).
local function end_applied(ids, own_columns)
  redis.call('HINCRBY', K_COUNTS, 'IN_FLIGHT', -#ids)
  set_write_fields(ids, 'state', 'APPLIED', 'appliedAt', now, 'lastError', '')
  record_applied(m, ids, retention)
  if ARGV[10] ~= '' then
    local columns, phones, callable
    if not own_columns then columns, phones, callable = callback_columns(redis.call('HGETALL', fw)) end
    for _, id in ipairs(ids) do
      if own_columns then
        columns, phones, callable = callback_columns(cjson.decode(redis.call('HGET', k_write(id), 'own') or '[]'))
      end
      enqueue_callback(ARGV[10], tonumber(ARGV[11]), m, 'write.applied', {writeId = id,
        contact = callback_contact(m), appliedAt = now, columns = columns, callable = callable,
        phoneNumberStatus = phones}, now)
    end
  end
end

-- Ends one write FAILED: a dead letter that keeps its own fields in its record for a retry (a record written before
-- records kept them names the snapshot instead, kept once under failed:<lease>).
local function end_failed(id, why, expired)
  local key = k_write(id)
  redis.call('HINCRBY', K_COUNTS, 'IN_FLIGHT', -1)
  if redis.call('EXISTS', key) == 1 then
    redis.call('HSET', key, 'state', 'FAILED', 'failedAt', now, 'lastError', why)
    if redis.call('HEXISTS', key, 'own') == 0 then
      if redis.call('EXISTS', k_failed(lease)) == 0 then
        redis.call('SET', k_failed(lease), cjson.encode(redis.call('HGETALL', fw)), 'PX', retention)
      end
      redis.call('HSET', key, 'payload', lease)
    end
  end
  redis.call('ZADD', K_DEAD, now, id)
  local ok, genesys_error = pcall(cjson.decode, why)
  if not ok then genesys_error = {message = why} end
  enqueue_callback(ARGV[10], tonumber(ARGV[11]), m, 'write.failed', {writeId = id,
    contact = callback_contact(m), failedAt = now, reason = expired and 'expired' or 'rejected_by_genesys',
    error = genesys_error}, now)
end

-- The status record lives as long as the write does, then the retention from its end (not from its acceptance).
local function keep_records(ids)
  for _, id in ipairs(ids) do
    if redis.call('EXISTS', k_write(id)) == 1 then redis.call('PEXPIRE', k_write(id), retention) end
  end
end

-- Nothing of the snapshot is left to apply: it is forgotten and what was accepted meanwhile is routed.
local function forget_snapshot()
  redis.call('DEL', fw, fids)
  redis.call('ZREM', K_INFLIGHT, m)
  uncount_pending(m)
  route_pending(m, now, now, true)
  count_pending(m)
end

if ARGV[12] ~= '' then
  local split = cjson.decode(ARGV[12])
  local decided = {}
  local applied = split['applied'] or {}
  if #applied > 0 then
    end_applied(applied, true)
    keep_records(applied)
    for _, id in ipairs(applied) do decided[id] = true end
  end
  for _, refused in ipairs(split['failed'] or {}) do
    end_failed(refused[1], refused[2], false)
    keep_records({refused[1]})
    decided[refused[1]] = true
  end
  redis.call('ZREMRANGEBYSCORE', K_DEAD, '-inf', now - retention)
  local rest = {}
  for _, id in ipairs(redis.call('LRANGE', fids, 0, -1)) do
    if not decided[id] then table.insert(rest, id) end
  end
  if #rest == 0 then
    forget_snapshot()
    flush_wake()
    return 'SPLIT'
  end
  -- The writes not decided keep their own columns only: a decided write's value is not sent again with them.
  redis.call('DEL', fids)
  for _, id in ipairs(rest) do redis.call('RPUSH', fids, id) end
  local own = {}
  for _, id in ipairs(rest) do
    local fields = redis.call('HGET', k_write(id), 'own')
    if not fields then own = nil; break end
    table.insert(own, cjson.decode(fields))
  end
  if own then
    for _, f in ipairs(redis.call('HKEYS', fw)) do
      local kind = string.sub(f, 1, 2)
      if kind == 'd:' or kind == 'p:' or f == 'callable' or f == 'mode' then redis.call('HDEL', fw, f) end
    end
    for _, fields in ipairs(own) do
      for i = 1, #fields, 2 do
        if fields[i] == 'mode' then
          for _, f in ipairs(redis.call('HKEYS', fw)) do
            if string.sub(f, 1, 2) == 'd:' then redis.call('HDEL', fw, f) end
          end
        end
        redis.call('HSET', fw, fields[i], fields[i + 1])
      end
    end
  end
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
  if outcome == 'APPLIED' then
    end_applied(ids, false)
  else
    for _, id in ipairs(ids) do end_failed(id, err, expired) end
    redis.call('ZREMRANGEBYSCORE', K_DEAD, '-inf', now - retention)
  end
  keep_records(ids)
  forget_snapshot()
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
