/** The small scripts of the shared rate limiter: a 429's pause, a process leaving, a probe. */
import type { Script } from "./script-runner.js";
import { PREAMBLE } from "./window-preamble.js";

/** A 429 asked for a pause of ARGV[6] ms: no slot is handed out before it ends, in any process. */
export const PENALIZE: Script = {
  name: "penalize",
  source: `${PREAMBLE}
local upto = now + tonumber(ARGV[6])
if upto > blocked then blocked = upto end
save(now)
return reply({})
`,
};

/**
 * A window closed (ARGV[6] its tag): its members still unanswered are settled, those whose slot
 * is still to come given back, the others counted as answered now; and it no longer counts among
 * the processes sharing the location (and its line and heartbeats). Returns the slots given back.
 */
export const LEAVE: Script = {
  name: "leave",
  source: `${PREAMBLE}
local mine = ARGV[6] .. '.'
local held = redis.call('ZRANGE', F, 0, -1, 'WITHSCORES')
local back = 0
for i = 1, #held, 2 do
  local m = held[i]
  if string.sub(m, 1, #mine) == mine then
    redis.call('ZREM', F, m)
    if tonumber(held[i + 1]) > now then
      back = back + 1
    else
      redis.call('ZADD', W, now, m)
    end
  end
end
dayLeft = dayLeft + back
srvLeft = srvLeft + back
redis.call('ZREM', KEYS[4], ARGV[6])
redis.call('ZREM', KEYS[5], ARGV[6])
redis.call('ZREM', KEYS[6], ARGV[6])
save(now)
return back
`,
};

/** Answers when Redis is there: the probe that ends a fallback. */
export const PROBE: Script = { name: "probe", source: "return 1" };
