/**
 * The part of SYNC (sync-script.ts) that hands out slots to the members asking, in order, with
 * the fair share: each process holds at most its share of the unanswered requests, and the
 * processes that asked and got nothing wait in a line (KEYS[5], by when they began to wait).
 * Room is kept for each one ahead in the line (for all of them, for a process not in it), so a
 * slot freed by a response goes to the process waiting longest when it next asks (within a
 * twentieth of an interval: the first in the line asks more often than the others, every fifth),
 * not to the process that reported the response: with more processes than the
 * limit, each waiting process gets a slot within about ceil(processes / limit) intervals. One
 * that stops asking for an interval leaves the line.
 */
export const ASK = `
local waits = {}
local retryIn = -1
local sharing = 0
local rank = 0
local last = now
if a <= #ARGV then
  redis.call('ZREMRANGEBYSCORE', A, '-inf', now - 2 * I)
  redis.call('ZADD', A, now, tag)
  redis.call('PEXPIRE', A, math.ceil(2 * I + 1000))
  local processes = redis.call('ZCOUNT', A, '(' .. (now - I), '+inf')
  local askers = redis.call('ZRANGE', A, 0, -1)
  sharing = #askers
  for i = 1, sharing do
    if askers[i] < tag then rank = rank + 1 end
  end
  local pending = redis.call('ZRANGE', F, 0, -1)
  local held = 0
  local mine = tag .. '.'
  for i = 1, #pending do
    if string.sub(pending[i], 1, #mine) == mine then held = held + 1 end
  end
  local Z = KEYS[5]
  local line = redis.call('ZRANGE', Z, 0, -1, 'WITHSCORES')
  local since = tonumber(redis.call('ZSCORE', Z, tag))
  local ahead = 0
  for i = 1, #line, 2 do
    local asked = tonumber(redis.call('ZSCORE', A, line[i]))
    if not asked or asked <= now - I then
      redis.call('ZREM', Z, line[i])
    elseif line[i] ~= tag and (not since or tonumber(line[i + 1]) < since) then
      ahead = ahead + 1
    end
  end
  local share = math.max(1, math.ceil(max / processes)) - held
  local unknown = tonumber(ARGV[1]) == 0 and not tonumber(st[7]) and hintMax == 0
  local free = max - #pending
  local latest = redis.call('ZRANGE', W, -max, -1, 'WITHSCORES')
  local R = {}
  for i = 2, #latest, 2 do R[#R + 1] = tonumber(latest[i]) end
  for i = a, #ARGV do
    if #waits >= share then
      -- Its share is out: its own responses will bring it more; at the latest in one interval.
      retryIn = math.ceil(I)
      break
    end
    if unknown and probed == 0 and #pending + #waits > 0 then
      -- Limits unknown (none configured, none learned here or by this process): the location's
      -- first request goes alone and its headers teach them; the others ask again shortly.
      retryIn = 50
      break
    end
    if free - ahead <= 0 then
      -- Room comes with responses: a process that holds requests hears of them anyway; one that
      -- holds none looks again in a fifth of an interval (the room kept for it is its own then),
      -- the first in the line sooner (the room kept for it waits for it).
      if held + #waits > 0 then
        retryIn = math.ceil(I)
      elseif ahead == 0 and since then
        retryIn = math.max(25, math.ceil(I / 20))
      else
        retryIn = math.ceil(I / 5)
      end
      break
    end
    local s = math.max(now, blocked, last)
    if srvLeft <= 0 and srvUntil > s then s = srvUntil end
    if dayLeft <= 0 and dayEnd > s then
      if maxDailyWait >= 0 and dayEnd - now > maxDailyWait and #waits == 0 then
        save(now)
        return reply({sharing, rank, -1, math.ceil(dayEnd - now)})
      end
      s = dayEnd
    end
    -- Answered requests that must have left the window first.
    local need = #R - (free - 1)
    if need > 0 then s = math.max(s, R[need] + I) end
    if s > now + horizon then
      retryIn = math.max(1, math.ceil(s - horizon - now))
      break
    end
    redis.call('ZADD', F, s, ARGV[i])
    free = free - 1
    last = s
    srvLeft = srvLeft - 1
    dayLeft = dayLeft - 1
    waits[#waits + 1] = math.ceil(s - now)
  end
  -- Into the line (keeping its place) when it got nothing short of its share; out once served.
  if #waits == 0 and share > 0 then
    redis.call('ZADD', Z, 'NX', now, tag)
    redis.call('PEXPIRE', Z, math.ceil(2 * I + 1000))
  else
    redis.call('ZREM', Z, tag)
  end
end
save(last)
local out = {sharing, rank, #waits, retryIn}
for i = 1, #waits do out[#out + 1] = waits[i] end
return reply(out)
`;
