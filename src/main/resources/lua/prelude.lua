-- prelude.lua: shared functions, prepended to every dialgate script when it is loaded (Redis scripts cannot include).
-- RedisScripts.source composes what Redis runs: a line defining WAKE_CHANNEL (the tenant's wake channel, built from
-- the prefix with the suffix only Java spells: RedisScripts.WAKE_CHANNEL_SUFFIX), this prelude, then the script.
-- ARGV[1] prefix: the tenant key prefix 'dg:{t:<tenant>}:' (every script)
-- ARGV[2] tenant: the tenant name (every script)
--
-- Keys that a script can only name once it has read data (a write's status record, a contact found in a sorted set)
-- are built here from that prefix. They carry the same {t:<tenant>} hash tag as the declared KEYS, so in Redis Cluster
-- they live in the same slot the script runs on (the technique BullMQ and Sidekiq use). The names here equal those of
-- TenantKeys.java (ScriptContractTest checks it).
--
-- Time is Redis's own clock (TIME), so every pod and script agrees on "now" whatever the pods' clocks say.
local P = ARGV[1]
local TENANT = ARGV[2]
local wake = false

local function now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end

local function k_dial(m) return P .. 'dial:' .. m end
local function k_pending(m) return P .. 'pw:' .. m end
local function k_pending_ids(m) return P .. 'pwids:' .. m end
local function k_flight(m) return P .. 'fw:' .. m end
local function k_flight_ids(m) return P .. 'fwids:' .. m end
local function k_write(id) return P .. 'write:' .. id end
local function k_failed(lease) return P .. 'failed:' .. lease end
local function k_versions(m) return P .. 'cv:' .. m end
local K_READY = P .. 'ready'
local K_HELD = P .. 'held'
local K_INFLIGHT = P .. 'inflight'
local K_DEAD = P .. 'dead'
local K_PAUSE = P .. 'pause'
local K_COUNTS = P .. 'counts'
local K_HELD_SINCE = P .. 'heldsince'

-- Write counts, kept as they change so that stats and quotas never walk the contacts. 'counts' holds, per state
-- (QUEUED, HELD, IN_FLIGHT), how many writes are in it; a contact's pending writes are all counted under the state its
-- pending hash says ('st'). 'heldsince' ranks held contacts by when their oldest pending write was accepted. Whatever
-- changes a contact's pending writes or their state calls uncount_pending(m) before and count_pending(m) after: O(1).
local function uncount_pending(m)
  local n = redis.call('LLEN', k_pending_ids(m))
  if n > 0 then
    redis.call('HINCRBY', K_COUNTS, redis.call('HGET', k_pending(m), 'st') or 'QUEUED', -n)
  end
  redis.call('ZREM', K_HELD_SINCE, m)
end

local function count_pending(m)
  local n = redis.call('LLEN', k_pending_ids(m))
  if n == 0 then return end
  local p = redis.call('HMGET', k_pending(m), 'st', 'since')
  local state = p[1] or 'QUEUED'
  redis.call('HINCRBY', K_COUNTS, state, n)
  if state == 'HELD' and p[2] then redis.call('ZADD', K_HELD_SINCE, p[2], m) end
end

-- Writes of the tenant accepted and not yet ended (APPLIED or FAILED).
local function open_writes()
  local c = redis.call('HMGET', K_COUNTS, 'QUEUED', 'HELD', 'IN_FLIGHT')
  return tonumber(c[1] or '0') + tonumber(c[2] or '0') + tonumber(c[3] or '0')
end

-- Is the contact in an active dial now? Its dial hash says active and its active window has not run out.
local function is_active(m, now)
  local d = redis.call('HMGET', k_dial(m), 'active', 'activeUntil')
  return d[1] == '1' and tonumber(d[2] or '0') > now
end

-- Sets fields of the status records of the given writes. A record that expired is not brought back.
local function set_write_fields(ids, ...)
  for _, id in ipairs(ids) do
    local key = k_write(id)
    if redis.call('EXISTS', key) == 1 then
      redis.call('HSET', key, ...)
    end
  end
end

-- Places a contact's pending writes (if any, and none in flight) where they belong now:
--   the dial is active            -> 'held' zset, score = when its active window runs out; writes HELD
--   Genesys said busy (409) until -> 'ready' zset at that time; writes HELD
--   otherwise                     -> 'ready' zset at `due`; writes QUEUED
-- The state is kept once, in the pending hash ('st'), not in each write's status record: a pending write's record says
-- QUEUED or HELD as of when it was last written, and readers take the contact's 'st' instead (WriteStore.status), so
-- this costs the same whatever the number of pending writes. The caller keeps the counts (uncount/count_pending).
-- `force` replaces an existing ready time (a release, a retry); without it an earlier ready time is kept. Either way
-- the tenant's dispatchers are woken (flush_wake), to claim it now or to learn its new due time.
-- Returns the new state, or nil when nothing is pending.
local function route_pending(m, now, due, force)
  local ids_key = k_pending_ids(m)
  if redis.call('EXISTS', ids_key) == 0 or redis.call('EXISTS', k_flight(m)) == 1 then
    return nil
  end
  local dial = redis.call('HMGET', k_dial(m), 'active', 'busyUntil', 'activeUntil')
  local active_until = tonumber(dial[3] or '0')
  if dial[1] == '1' and active_until > now then
    redis.call('ZREM', K_READY, m)
    redis.call('ZADD', K_HELD, active_until, m)
    redis.call('HSET', k_pending(m), 'st', 'HELD')
    wake = true
    return 'HELD'
  end
  redis.call('ZREM', K_HELD, m)
  local busy_until = tonumber(dial[2] or '0')
  local state = 'QUEUED'
  if busy_until > now then state = 'HELD' end
  if busy_until > due then due = busy_until end
  if force or not redis.call('ZSCORE', K_READY, m) then
    redis.call('ZADD', K_READY, due, m)
  end
  wake = true
  redis.call('HSET', k_pending(m), 'st', state)
  return state
end

-- Tells every dispatcher (in every pod) that this tenant has a contact ready now. Redis 7 and later: on the tenant's
-- sharded channel (it carries the tenant's hash tag, so in Redis Cluster only the tenant's shard carries it, instead
-- of every node of the cluster); an older Redis has no SPUBLISH, and the plain channel of the same name is used.
-- WakeUpChannel subscribes the same way, by the server's version. A wake-up also says a contact became due at a new
-- time (held until its dial's window ends, or ready later): each pod then claims once, and learns from that claim when
-- to claim next. Dispatchers claim only when woken or due (no polling per tenant), so a due time no pod heard of would
-- wait for the idle sweep.
local function flush_wake()
  if not wake then return end
  local sent = redis.pcall('SPUBLISH', WAKE_CHANNEL, TENANT)
  if type(sent) == 'table' and sent.err then redis.call('PUBLISH', WAKE_CHANNEL, TENANT) end
end

-- Merges an older copy of a contact's pending fields (a flat {field, value, ...} list: an in-flight snapshot, or a
-- dead letter's payload) under the contact's pending writes: anything accepted meanwhile is newer and wins column by
-- column. A newer 'replace' write already holds the complete data, so the older columns are dropped; an older
-- 'replace' makes the merged writes a replace. Bookkeeping fields (lease, att, st, since) are not data: the caller
-- decides what becomes of them.
local function merge_under(m, fields)
  local pw = k_pending(m)
  local newer_replace = redis.call('HGET', pw, 'mode') == 'replace'
  for i = 1, #fields, 2 do
    local f, v = fields[i], fields[i + 1]
    if f == 'mode' then
      if v == 'replace' then redis.call('HSET', pw, 'mode', 'replace') end
    elseif f == 'lease' or f == 'att' or f == 'st' or f == 'since' then
      -- bookkeeping of the older copy, not data
    elseif not (newer_replace and string.sub(f, 1, 2) == 'd:') then
      redis.call('HSETNX', pw, f, v)
    end
  end
end

-- Puts an in-flight snapshot back under the contact's pending writes (merge_under); the returned writes keep their
-- place before the newer ones, and the snapshot's 'since' (older than anything accepted meanwhile) stays the oldest.
-- `counted`: whether this apply counts as a failed attempt (for the backoff); a deferred one does not.
-- The caller has uncounted the pending writes (uncount_pending) and counts them again once they are routed.
local function return_flight(m, counted)
  local fw, fids, pw, pids = k_flight(m), k_flight_ids(m), k_pending(m), k_pending_ids(m)
  local snapshot = redis.call('HMGET', fw, 'since', 'att')
  merge_under(m, redis.call('HGETALL', fw))
  if snapshot[1] then redis.call('HSET', pw, 'since', snapshot[1]) end
  local att = tonumber(snapshot[2] or '0')
  if counted then att = att + 1 end
  redis.call('HSET', pw, 'att', att)
  local ids = redis.call('LRANGE', fids, 0, -1)
  for i = #ids, 1, -1 do
    redis.call('LPUSH', pids, ids[i])
  end
  -- Pending again: the record's state is the contact's from now on (see route_pending).
  set_write_fields(ids, 'state', 'QUEUED')
  redis.call('HINCRBY', K_COUNTS, 'IN_FLIGHT', -#ids)
  redis.call('DEL', fw, fids)
  redis.call('ZREM', K_INFLIGHT, m)
  return ids
end

-- Writes of a contact accepted and not yet ended: pending plus in flight.
local function contact_open_writes(m)
  return redis.call('LLEN', k_pending_ids(m)) + redis.call('LLEN', k_flight_ids(m))
end

-- Stores one accepted write: its status record, and its columns merged into the contact's pending writes (a replace
-- write drops the columns of earlier pending ones). w = {m, id, list, contact, retention (s), callable ('' | 'true' |
-- 'false'), mode ('merge' | 'replace'), traceparent ('' or the request's W3C traceparent: kept beside the columns as
-- 'tp:<id>', so the claim hands it to the apply, whose spans then join the request's trace), columns = {c1, v1, ...},
-- phones = {c1, 'true'|'false', ...}}. O(columns of
-- the write), whatever is pending. Returns the state the write is in: 'HELD' or 'QUEUED'.
local function store_write(now, w)
  local pw, pids, record = k_pending(w.m), k_pending_ids(w.m), k_write(w.id)
  -- The script's first write must be one Redis refuses when out of memory (HSET): Redis checks memory only before a
  -- script's first write (later ones must not stop it half-way), and ZREM, in uncount_pending, is not such a command.
  -- The record is completed last, so a script stopped part-way (a corrupted key) leaves no record naming the contact.
  redis.call('HSET', record, 'state', 'QUEUED')
  redis.call('EXPIRE', record, w.retention)
  uncount_pending(w.m)
  if w.mode == 'replace' then
    -- The CRM sent the complete data: columns of earlier pending writes are superseded, not merged.
    for _, field in ipairs(redis.call('HKEYS', pw)) do
      if string.sub(field, 1, 2) == 'd:' then redis.call('HDEL', pw, field) end
    end
    redis.call('HSET', pw, 'mode', 'replace')
  end
  for i = 1, #w.columns, 2 do redis.call('HSET', pw, 'd:' .. w.columns[i], w.columns[i + 1]) end
  for i = 1, #w.phones, 2 do redis.call('HSET', pw, 'p:' .. w.phones[i], w.phones[i + 1]) end
  if w.callable ~= '' then redis.call('HSET', pw, 'callable', w.callable) end
  if w.traceparent ~= '' then redis.call('HSET', pw, 'tp:' .. w.id, w.traceparent) end
  redis.call('HSETNX', pw, 'since', now)
  redis.call('HSETNX', pw, 'st', 'QUEUED')
  redis.call('RPUSH', pids, w.id)
  -- A safety net only: pending writes leave through an apply or a failure long before this.
  redis.call('EXPIRE', pw, w.retention)
  redis.call('EXPIRE', pids, w.retention)
  local state = route_pending(w.m, now, now, false) or 'QUEUED'
  count_pending(w.m)
  -- The write's own fields and its place in the tenant's order of acceptance, kept in its record (O(its own columns))
  -- so a merged apply Genesys refuses can be split write by write, and a dead letter retried with its own columns.
  local own = {}
  if w.mode == 'replace' then own = {'mode', 'replace'} end
  for i = 1, #w.columns, 2 do table.insert(own, 'd:' .. w.columns[i]); table.insert(own, w.columns[i + 1]) end
  for i = 1, #w.phones, 2 do table.insert(own, 'p:' .. w.phones[i]); table.insert(own, w.phones[i + 1]) end
  if w.callable ~= '' then table.insert(own, 'callable'); table.insert(own, w.callable) end
  redis.call('HSET', record, 'state', state, 'contactListId', w.list, 'contactId', w.contact, 'acceptedAt', now,
    'attempts', 0, 'own', cjson.encode(own), 'seq', redis.call('HINCRBY', K_COUNTS, 'seq', 1))
  return state
end

-- Column versions (issue 10, hole 3): 'cv:<member>' maps each field a write applied to Genesys ('d:<col>', 'p:<col>',
-- 'callable'; 'd:*' for a replace, which set every data column) to the acceptance order ('seq') of the newest write
-- that applied it. A dead letter retried later drops the columns a newer write has applied since, so a retry never
-- sends a value older than one Genesys already holds from a later write. Kept as long as a dead letter can be retried.
local function record_applied(m, ids, retention)
  local cv = k_versions(m)
  for _, id in ipairs(ids) do
    local r = redis.call('HMGET', k_write(id), 'own', 'seq')
    if r[1] and r[2] then
      local seq, own = tonumber(r[2]), cjson.decode(r[1])
      for i = 1, #own, 2 do
        local f = own[i]
        if f == 'mode' then f = 'd:*' end
        if tonumber(redis.call('HGET', cv, f) or '0') < seq then redis.call('HSET', cv, f, seq) end
      end
    end
  end
  if redis.call('EXISTS', cv) == 1 then redis.call('PEXPIRE', cv, retention) end
end

-- A write's own fields (its record's 'own') without those a newer write has applied since (record_applied), or nil
-- when the record has none (written before records kept them).
local function own_fields_still_newest(m, record)
  local r = redis.call('HMGET', record, 'own', 'seq')
  if not r[1] then return nil end
  local seq, own, kept = tonumber(r[2] or '0'), cjson.decode(r[1]), {}
  local cv = k_versions(m)
  local replaced = tonumber(redis.call('HGET', cv, 'd:*') or '0') > seq
  for i = 1, #own, 2 do
    local f, v = own[i], own[i + 1]
    local newer = tonumber(redis.call('HGET', cv, f) or '0') > seq
    if f == 'mode' then newer = replaced end
    if string.sub(f, 1, 2) == 'd:' and replaced then newer = true end
    if not newer then table.insert(kept, f); table.insert(kept, v) end
  end
  return kept
end

-- The fields a dead letter failed with, from its record's 'payload': the name of the key that keeps them once for all
-- the writes of that apply (complete.lua), or, in records written before, the JSON itself. nil once they expired.
local function failed_payload(payload)
  if string.sub(payload, 1, 1) == '[' then return cjson.decode(payload) end
  local kept = redis.call('GET', k_failed(payload))
  if kept then return cjson.decode(kept) end
  return nil
end
