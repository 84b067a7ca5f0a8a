-- notifications-lease.lua: take, renew or give back a tenant's notifications lease, so one pod at a time runs the
-- tenant's Genesys notification channels and its reconciliation. Redis expires the key: a pod that dies loses it.
-- KEYS[1] notifications-lease: hash, holder (pod id), epoch (a new holder gets epoch + 1, for logs; it restarts at 1
--   after the key expired), until (ms, Redis TIME)
-- ARGV[1] prefix: the tenant's key prefix (every script, see prelude.lua)
-- ARGV[2] tenant: the tenant's name (every script)
-- ARGV[3] pod: this pod's id
-- ARGV[4] length: the lease, ms
-- ARGV[5] mode: 'hold' (take a free or expired lease, or renew this pod's own; another pod's live lease is left
--   alone) | 'release' (delete it, only if this pod holds it)
-- Returns {held (1|0), holder or '', epoch, ms left of the lease}.
local now = now_ms()
local lease, me, length = KEYS[1], ARGV[3], tonumber(ARGV[4])
local cur = redis.call('HMGET', lease, 'holder', 'epoch')
local holder, epoch = cur[1], tonumber(cur[2] or '0')

if ARGV[5] == 'release' then
  if holder == me then
    -- keep the epoch for the next holder, but let the key go soon
    redis.call('HDEL', lease, 'holder', 'until')
    redis.call('PEXPIRE', lease, length)
  end
  return {0, '', epoch, 0}
end

if holder and holder ~= me then
  return {0, holder, epoch, redis.call('PTTL', lease)}
end
if holder ~= me then epoch = epoch + 1 end
redis.call('HSET', lease, 'holder', me, 'epoch', epoch, 'until', now + length)
redis.call('PEXPIRE', lease, length)
return {1, me, epoch, length}
