/**
 * `npm run bench:size`: where the bundle's bytes go. Not a test: it prints one table.
 *
 * The client's ESM entry (bundled from src/, as the size step of check:package measures dist/)
 * is measured whole, then with one concern at a time replaced by an empty stand-in of the same
 * exports, so that each row's difference is what that concern costs a bundling application.
 * Then our code alone (openapi-fetch replaced), and two floors: openapi-fetch alone, and
 * openapi-fetch with the least a wrapper must add (a middleware setting Authorization and
 * Version). A stand-in that no longer matches its module's exports makes esbuild fail: the
 * report stops rather than print a wrong figure.
 */
import { SIZE_GOAL_BYTES, measureBundle, type MeasureOptions } from "./bundle-size.js";

const ENTRY = "src/index.ts";

/** Stand-ins of the same exports that do nothing (a stage passes its request on), by the file they replace. */
const passStage = (name: string) => `export const ${name} = (..._: any[]) => (next: any) => next;`;
const STAND_INS = {
  "rate limiter (src/rate-limit.ts, its window, the limit stage)": {
    "src/rate-limit.ts":
      "export const createRateLimiter = (): any => undefined, parseRateLimitHeaders = (): any => undefined;" +
      "export class DailyQuotaSpent { waitMs = 0 }",
    "src/rate-limit-window.ts": "export {};",
    "src/pipeline/limit.ts": `export const MAX_RETRY_WAIT_MS = 60000; ${passStage("limit")}`,
  },
  "retries (src/pipeline/retry.ts, src/retry-policy.ts)": {
    "src/pipeline/retry.ts": "export const retry = () => (next: any) => next;",
    "src/retry-policy.ts":
      "export const backoffDelay = () => 0, isRetryable = () => false, retryDelay = () => 0, parseRetryAfter = (): any => undefined, classifyNetworkError = (): any => 'network';",
  },
  "body reader (src/pipeline/read-body.ts)": {
    "src/pipeline/read-body.ts":
      "export const ERROR_BODY_BYTES = 0; export const readBody = (next: any) => async (r: any, c: any) => { const x = await next(r, c); return { status: x.status, headers: x.headers, text: '', data: await x.json() }; };",
  },
  "redirects (src/pipeline/redirects.ts)": { "src/pipeline/redirects.ts": passStage("followRedirects") },
  "pagination (src/pagination.ts)": {
    "src/pagination.ts": "export const paginateItems = (): any => 0, paginatePages = (): any => 0;",
  },
  "argument checks (request builder, JSON body check)": {
    "src/request-builder.ts":
      "export const queryParam = ([name]: [string]) => ({ name, required: false, commaSeparated: false }), checkPathId = (_: any, v: any) => v, " +
      "requestBuilder = () => (p: any) => ({ path: p, query: p, body: p.body, locationId: '' }), " +
      "serializeQuery = () => '';",
    "src/json-check.ts":
      "export const checkJsonBody = () => {}, invalid = (p: string) => (m: string) => { throw new Error(p + m); };",
  },
  "logger (src/logger.ts)": {
    "src/logger.ts":
      "export const createLog = (): any => ({}), safeHook = (_: any, h: any) => h, describeError = String;",
  },
} satisfies Record<string, Record<string, string>>;

const FLOOR_SOURCE = `
import createClient from "openapi-fetch";
export function create(token: string) {
  const client = createClient({ baseUrl: "https://services.leadconnectorhq.com" });
  client.use({
    onRequest({ request }) {
      request.headers.set("Authorization", "Bearer " + token);
      request.headers.set("Version", "2021-04-15");
      return request;
    },
  });
  return client;
}`;

interface Row {
  label: string;
  options?: MeasureOptions;
}

const rows: Row[] = [
  { label: "the client, everything in" },
  ...Object.entries(STAND_INS).map(([what, replace]) => ({
    label: `without the ${what}`,
    options: { replace },
  })),
  {
    label: "without all of the above",
    options: { replace: Object.assign({}, ...Object.values(STAND_INS)) as Record<string, string> },
  },
  {
    label: "without openapi-fetch (our code alone)",
    options: { replace: { "openapi-fetch/dist/index.mjs": "export default (): any => ({});" } },
  },
  { label: "floor: openapi-fetch + auth/Version middleware", options: { contents: FLOOR_SOURCE } },
  { label: "floor: openapi-fetch alone", options: { contents: 'export { default } from "openapi-fetch";' } },
];

const results = [];
for (const row of rows) {
  const size = await measureBundle(
    row.options?.contents === undefined ? ENTRY : "size-floor.ts",
    row.options,
  );
  results.push({ ...row, ...size });
}
const whole = results[0]!.gzipped;
const width = Math.max(...rows.map((r) => r.label.length));
const cell = (text: string | number, w: number) => String(text).padStart(w);
console.log(
  `${"bundle (esbuild, minified, gzip -9)".padEnd(width)}  ${cell("minified", 9)}  ${cell("gzip", 6)}  ${cell("saves", 6)}  ${cell("vs 10 KiB goal", 14)}`,
);
for (const r of results) {
  const saves = r === results[0] ? "" : whole - r.gzipped;
  const goal = r.gzipped - SIZE_GOAL_BYTES;
  console.log(
    `${r.label.padEnd(width)}  ${cell(r.minified, 9)}  ${cell(r.gzipped, 6)}  ${cell(saves, 6)}  ${cell(goal > 0 ? `+${goal}` : goal, 14)}`,
  );
}
