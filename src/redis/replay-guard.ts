/**
 * The webhook replay guard over Redis (`store.replayGuard`): every process of the app behind one
 * webhook URL de-duplicates webhook IDs and VoiceAiCallEnd call IDs together. One atomic
 * `SET key 1 PX ttl NX` per ID; each ID expires by itself.
 */
import type { ReplayGuard } from "../webhooks/replay-guard.js";
import type { Script, ScriptRunner } from "./script-runner.js";

/** KEYS[1] the ID's key; ARGV[1] ttl ms. 1 the first time within the ttl, else 0. */
const SEEN: Script = {
  name: "webhook-seen",
  source: "if redis.call('SET', KEYS[1], '1', 'PX', ARGV[1], 'NX') then return 1 end return 0",
};
const FORGET: Script = { name: "webhook-forget", source: "return redis.call('DEL', KEYS[1])" };

export function createRedisReplayGuard(runner: ScriptRunner, prefix: string): ReplayGuard {
  const key = (id: string) => `${prefix}webhook-seen:${id}`;
  return Object.freeze({
    async firstSeen(id: string, ttlMs: number) {
      const ttl = Math.max(1, Math.ceil(ttlMs));
      return (await runner.run(SEEN, [key(id)], [ttl])) === 1;
    },
    async forget(id: string) {
      await runner.run(FORGET, [key(id)], []);
    },
  });
}
