-- callbacks.lua: queueing outcome callbacks for the tenant's CRM; prepended (after prelude.lua) to every script, so the
-- script that makes an outcome true (complete.lua, apply-event.lua, claim.lua) also stores its event, in the same
-- atomic step: a crash between the outcome and the event is impossible.
--
-- Keys (tenant prefix P, built here like prelude.lua's; TenantKeys.java names the same):
--   cb:<eventId>  hash: type, m (member: the ordering key), at (ms, when the event happened), data (JSON), att
--                 (attempts made), lease (while being sent), lastError, dead (ms, once dead-lettered), since (ms,
--                 when a replay restarted its retry window)
--   cbq:<member>  list: the contact's event ids, oldest first; the head is the one being sent or next to send
--   cbready       zset: members whose head event may be sent, score = not before (ms)
--   cbinflight    zset: members whose head event is being sent, score = lease expiry (ms)
--   cbdead        zset: dead-lettered event ids, score = when (ms)
--   cbseq         string: counter that makes event ids unique
--   cbcount       string: events stored and not yet delivered or dead-lettered (the queue-depth gauge)
-- Invariant: a member is in cbready or cbinflight exactly when its cbq list is not empty, so per contact one event is
-- out at a time and the next is sent only after the previous was delivered or dead-lettered.
local function k_cb(id) return P .. 'cb:' .. id end
local function k_cbq(m) return P .. 'cbq:' .. m end
local K_CB_READY = P .. 'cbready'
local K_CB_INFLIGHT = P .. 'cbinflight'
local K_CB_DEAD = P .. 'cbdead'
local K_CB_SEQ = P .. 'cbseq'
local K_CB_COUNT = P .. 'cbcount'

-- The contact of a member '<list>:<contact>' (split at the first ':'; contact ids may contain ':').
local function callback_contact(m)
  local split = string.find(m, ':', 1, true)
  return {contactListId = string.sub(m, 1, split - 1), contactId = string.sub(m, split + 1)}
end

-- Stores one event for the contact `m` and queues it behind the contact's earlier events, if the tenant subscribed
-- to its type. `types` is the subscription (',type,type,' or '' when the tenant has no callbacks), `ttl_ms` a safety
-- expiry far beyond the retry window (an event of a tenant whose callbacks were switched off must not stay forever).
-- Returns the event id, or nil when the tenant does not want this type.
local function enqueue_callback(types, ttl_ms, m, type, data, now)
  if types == '' or not string.find(types, ',' .. type .. ',', 1, true) then return nil end
  local id = 'msg_' .. string.format('%x', now) .. '_' .. redis.call('INCR', K_CB_SEQ)
  local key = k_cb(id)
  redis.call('HSET', key, 'type', type, 'm', m, 'at', now, 'data', cjson.encode(data), 'att', 0)
  redis.call('PEXPIRE', key, ttl_ms)
  local q = k_cbq(m)
  if redis.call('RPUSH', q, id) == 1 then
    redis.call('ZADD', K_CB_READY, 'NX', now, m)
  end
  redis.call('PEXPIRE', q, ttl_ms)
  redis.call('INCR', K_CB_COUNT)
  return id
end

-- Queues write.held for each given write the first time it is held by a dial (a dial start, or Genesys's 409); the
-- write's status record remembers it ('heldSent'), so repeated 409s of one dial send one event per write.
local function enqueue_held(types, ttl_ms, m, ids, conversation, now)
  if types == '' or not string.find(types, ',write.held,', 1, true) then return end
  for _, id in ipairs(ids) do
    local record = k_write(id)
    if redis.call('EXISTS', record) == 1 and redis.call('HSETNX', record, 'heldSent', '1') == 1 then
      enqueue_callback(types, ttl_ms, m, 'write.held', {writeId = id, contact = callback_contact(m), heldAt = now,
        conversationId = conversation}, now)
    end
  end
end
