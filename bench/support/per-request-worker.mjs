// The measuring half of the per-request benchmarks (bench/support/per-request.ts starts it): plain
// JavaScript, so that `npm run bench:package` can run it with bare `node` (no TypeScript loader in
// the measured process) against the built package, and `npm run bench:burst` with tsx against src/.
//
//   node per-request-worker.mjs '<json>'   json: { mode: "bench" | "profile", module, port,
//       variants, rounds, perRound, concurrency: [1, 16], profile?: variant }
//
// "bench" prints one JSON line per batch: { mode: "sequential" | "16 concurrent", variant, us }.
// "profile" runs one variant long enough for `node --cpu-prof` and prints nothing.
const config = JSON.parse(process.argv[2]);
const TOKEN = "bench";
const LOCATION = "L1";

/** One function per variant, each doing the same GET /voice-ai/agents/bench?locationId=L1 and parsing the JSON. */
async function makeVariants(baseUrl) {
  const url = `${baseUrl}/voice-ai/agents/bench?locationId=${LOCATION}`;
  const headers = { Authorization: `Bearer ${TOKEN}`, Version: "2021-04-15", Accept: "application/json" };
  const { createVoiceAIClient } = await import(config.module);
  const client = createVoiceAIClient({ token: TOKEN, baseUrl, rateLimit: false });
  const limited = createVoiceAIClient({
    token: TOKEN,
    baseUrl,
    rateLimit: { maxPerInterval: 1e9, maxPerDay: 1e12 },
  });
  const params = { agentId: "bench", locationId: LOCATION };
  const variants = {
    fetch: async () => {
      const response = await fetch(url, { headers });
      if (!response.ok) throw new Error(`status ${response.status}`);
      return response.json();
    },
    client: () => client.agents.get(params),
    "client-limiter": () => limited.agents.get(params),
  };
  if (config.variants.some((name) => name.startsWith("openapi-fetch"))) {
    const { default: createClient } = await import("openapi-fetch");
    const bare = createClient({
      baseUrl,
      headers: { Authorization: headers.Authorization, Accept: headers.Accept },
    });
    const bareGet = async (signal) => {
      const { data, error } = await bare.GET("/voice-ai/agents/{agentId}", {
        params: {
          path: { agentId: "bench" },
          query: { locationId: LOCATION },
          header: { Version: "2021-04-15" },
        },
        signal,
      });
      if (error !== undefined) throw new Error("error response");
      return data;
    };
    variants["openapi-fetch"] = () => bareGet(undefined);
    // What a per-attempt timeout costs by itself (the client has one, bare openapi-fetch has none).
    variants["openapi-fetch-timeout"] = () => bareGet(AbortSignal.timeout(60_000));
  }
  return variants;
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

const variants = await makeVariants(`http://127.0.0.1:${config.port}`);
const names = config.variants;

if (config.mode === "bench") {
  for (const concurrency of config.concurrency) {
    const mode = concurrency === 1 ? "sequential" : `${concurrency} concurrent`;
    // Warm-up: JIT, connection pool.
    for (const name of names) await timeBatch(variants[name], 1000, concurrency);
    for (let round = 0; round < config.rounds; round++) {
      // Rotate the order so that no variant always runs first (or right after the same neighbour).
      for (let i = 0; i < names.length; i++) {
        const variant = names[(i + round) % names.length];
        const us = await timeBatch(variants[variant], config.perRound, concurrency);
        console.log(JSON.stringify({ mode, variant, us }));
      }
    }
  }
} else if (config.mode === "profile") {
  const call = variants[config.profile];
  if (!call) throw new Error(`unknown variant ${config.profile}`);
  await timeBatch(call, 2000, 1);
  await timeBatch(call, config.rounds * config.perRound, 1);
  await timeBatch(call, config.rounds * config.perRound, Math.max(...config.concurrency));
} else {
  throw new Error(`unknown mode ${config.mode}`);
}
