// The measuring half of `npm run bench:package` (scripts/bench-package.ts starts it). Plain
// JavaScript run by bare `node`, so that no TypeScript loader hooks sit in the measured process.
//
//   node scripts/bench-worker.mjs bench <port> <rounds> <perRound>     -> prints JSON results
//   node scripts/bench-worker.mjs profile <port> <rounds> <perRound> <variant>
//
// The package is imported by self-reference ("highlevel-voice-ai" -> package.json exports ->
// dist/index.mjs), as a consumer would.
import { createVoiceAIClient } from "highlevel-voice-ai";
import createClient from "openapi-fetch";

const [mode, port, rounds, perRound, profiled] = process.argv.slice(2);
const ROUNDS = Number(rounds);
const PER_ROUND = Number(perRound);
const CONCURRENCY = 16;
const TOKEN = "tok_bench";
const VARIANTS = ["fetch", "openapi-fetch", "openapi-fetch-timeout", "client", "client-limiter"];

/** One function per variant, each doing the same GET /voice-ai/agents/bench?locationId=L1 and parsing the JSON. */
function makeVariants(baseUrl) {
  const url = `${baseUrl}/voice-ai/agents/bench?locationId=L1`;
  const headers = { Authorization: `Bearer ${TOKEN}`, Version: "2021-04-15", Accept: "application/json" };
  const bare = createClient({
    baseUrl,
    headers: { Authorization: headers.Authorization, Accept: headers.Accept },
  });
  const client = createVoiceAIClient({ token: TOKEN, baseUrl, rateLimit: false });
  const limited = createVoiceAIClient({
    token: TOKEN,
    baseUrl,
    rateLimit: { maxPerInterval: 1e9, maxPerDay: 1e12 },
  });
  const params = { agentId: "bench", locationId: "L1" };
  const bareGet = async (signal) => {
    const { data, error } = await bare.GET("/voice-ai/agents/{agentId}", {
      params: {
        path: { agentId: "bench" },
        query: { locationId: "L1" },
        header: { Version: "2021-04-15" },
      },
      signal,
    });
    if (error !== undefined) throw new Error("error response");
    return data;
  };
  return {
    fetch: async () => {
      const response = await fetch(url, { headers });
      if (!response.ok) throw new Error(`status ${response.status}`);
      return response.json();
    },
    "openapi-fetch": () => bareGet(undefined),
    "openapi-fetch-timeout": () => bareGet(AbortSignal.timeout(60_000)),
    client: () => client.agents.get(params),
    "client-limiter": () => limited.agents.get(params),
  };
}

/** µs per request for `count` requests, `concurrency` in flight. */
async function timeBatch(call, count, concurrency) {
  const started = performance.now();
  if (concurrency === 1) {
    for (let i = 0; i < count; i++) await call();
  } else {
    let left = count;
    const worker = async () => {
      while (left-- > 0) await call();
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  }
  return ((performance.now() - started) * 1000) / count;
}

const variants = makeVariants(`http://127.0.0.1:${port}`);

if (mode === "bench") {
  const results = {};
  for (const concurrency of [1, CONCURRENCY]) {
    // Warm-up: JIT, connection pool.
    for (const name of VARIANTS) await timeBatch(variants[name], 1000, concurrency);
    const perVariant = Object.fromEntries(VARIANTS.map((name) => [name, []]));
    for (let round = 0; round < ROUNDS; round++) {
      // Rotate the order so that no variant always runs first (or right after the same neighbour).
      const order = VARIANTS.map((_, i) => VARIANTS[(i + round) % VARIANTS.length]);
      for (const name of order)
        perVariant[name].push(await timeBatch(variants[name], PER_ROUND, concurrency));
    }
    results[concurrency === 1 ? "sequential" : `${CONCURRENCY} concurrent`] = perVariant;
  }
  console.log(JSON.stringify(results));
} else if (mode === "profile") {
  const call = variants[profiled];
  if (!call) throw new Error(`unknown variant ${profiled}`);
  await timeBatch(call, 2000, 1);
  await timeBatch(call, ROUNDS * PER_ROUND, 1);
  await timeBatch(call, ROUNDS * PER_ROUND, CONCURRENCY);
} else {
  throw new Error(`unknown mode ${mode}`);
}
