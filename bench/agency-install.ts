/**
 * `npm run bench:agency`: how long `exchangeCode` takes for an agency install approving N
 * Locations (default 2,000) with the file token store, against the fake OAuth server on
 * 127.0.0.1. Not a test: it prints the figures (median of RUNS) and the store calls per exchange.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createFileTokenStore, createOAuth, type TokenStore } from "../src/oauth/index.js";
import { createFakeOAuth } from "../src/testing/oauth/index.js";

const LOCATIONS = Number(process.env.LOCATIONS ?? 2_000);
const RUNS = Number(process.env.RUNS ?? 5);

const fake = await createFakeOAuth();
const dir = await mkdtemp(path.join(os.tmpdir(), "bench-agency-"));
try {
  const times: number[] = [];
  let calls = { get: 0, set: 0, setMany: 0, lock: 0 };
  for (let run = 0; run < RUNS; run++) {
    const file = createFileTokenStore(path.join(dir, `tokens-${run}.json`));
    calls = { get: 0, set: 0, setMany: 0, lock: 0 };
    const count = calls;
    const store: TokenStore = {
      get: (key) => (count.get++, file.get(key)),
      set: (key, value, options) => (count.set++, file.set(key, value, options)),
      setMany: (entries) => (count.setMany++, file.setMany!(entries)),
      delete: (key) => file.delete(key),
      lock: (key, options) => (count.lock++, file.lock!(key, options)),
    };
    const oauth = createOAuth({
      clientId: fake.clientId,
      clientSecret: fake.clientSecret,
      redirectUri: "https://app.example.com/oauth/callback",
      baseUrl: fake.url,
      store,
    });
    const approvedLocations = Array.from({ length: LOCATIONS }, (_, i) => `loc${run}_${i}`);
    const code = fake.issueCode({ userType: "Company", companyId: `C${run}`, approvedLocations });
    const started = performance.now();
    await oauth.exchangeCode(code);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  console.log(
    `agency install of ${LOCATIONS} Locations, file store: median ${median.toFixed(0)} ms ` +
      `(${times.map((t) => t.toFixed(0)).join(", ")} ms over ${RUNS} runs); per exchange: ` +
      `${calls.lock} locks, ${calls.set} set, ${calls.setMany} setMany, ${calls.get} reads`,
  );
} finally {
  await fake.close();
  await rm(dir, { recursive: true, force: true });
}
