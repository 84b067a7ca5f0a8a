-- prelude.lua: shared functions, prepended to every dialgate script when it is loaded (Redis scripts cannot include).
-- RedisScripts.source composes what Redis runs: a line defining WAKE_CHANNEL (the pub/sub channel's name, which only
-- Java spells: RedisScripts.WAKE_CHANNEL), this prelude, then the script.
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
local K_READY = P .. 'ready'
local K_HELD = P .. 'held'
local K_INFLIGHT = P .. 'inflight'
local K_DEAD = P .. 'dead'
local K_PAUSE = P .. 'pause'

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
-- `force` replaces an existing ready time (a release, a retry); without it an earlier ready time is kept.
-- Returns the new state, or nil when nothing is pending.
local function route_pending(m, now, due, force)
  local ids_key = k_pending_ids(m)
  if redis.call('EXISTS', ids_key) == 0 or redis.call('EXISTS', k_flight(m)) == 1 then
    return nil
  end
  local ids = redis.call('LRANGE', ids_key, 0, -1)
  local dial = redis.call('HMGET', k_dial(m), 'active', 'busyUntil', 'activeUntil')
  local active_until = tonumber(dial[3] or '0')
  if dial[1] == '1' and active_until > now then
    redis.call('ZREM', K_READY, m)
    redis.call('ZADD', K_HELD, active_until, m)
    redis.call('HSET', k_pending(m), 'st', 'HELD')
    set_write_fields(ids, 'state', 'HELD')
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
  local score = tonumber(redis.call('ZSCORE', K_READY, m))
  if score <= now then wake = true end
  redis.call('HSET', k_pending(m), 'st', state)
  set_write_fields(ids, 'state', state)
  return state
end

-- Tells every dispatcher (in every pod) that this tenant has a contact ready now.
local function flush_wake()
  if wake then redis.call('PUBLISH', WAKE_CHANNEL, TENANT) end
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
  redis.call('DEL', fw, fids)
  redis.call('ZREM', K_INFLIGHT, m)
  return ids
end
