/**
 * How the fake delivers webhooks, for tests of a receiver: retries after a non-2xx, no answer or a
 * timeout; duplicates; out-of-order and delayed deliveries; each recorded. close() and reset()
 * cancel what is in flight; every option is bounded.
 */
import type http from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigurationError } from "../src/index.js";
import { createFakeVoiceAI, type FakeVoiceAI, type WebhookDeliveryOptions } from "../src/testing/index.js";
import { failOnUnhandledRejections, freePort, json, startServer } from "./support/http-server.js";

failOnUnhandledRejections();
const fakes: FakeVoiceAI[] = [];
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((fake) => fake.close()));
});

async function fakeSendingTo(url: string, delivery: WebhookDeliveryOptions = {}) {
  const fake = await createFakeVoiceAI({
    listen: false,
    agents: 1,
    callLogs: 0,
    // A fixed clock: the ids, and so the seeded choices compared across runs, do not depend on the time.
    clock: () => Date.UTC(2026, 0, 1),
    webhooks: { urls: [url], delivery },
  });
  fakes.push(fake);
  return fake;
}

/** A receiver answering each request with `status(n)` (n from 1), or holding it when `null`. */
async function receiver(status: (n: number, req: http.IncomingMessage) => number | null) {
  return startServer((req, res, n) => {
    const answer = status(n, req);
    if (answer !== null) json(res, answer, { n });
  });
}

describe("retries", () => {
  it("retries a 5xx after retryDelayMs until a 2xx, and records each attempt", async () => {
    const server = await receiver((n) => (n <= 2 ? 503 : 200));
    const fake = await fakeSendingTo(server.baseUrl, { retries: 3, retryDelayMs: 100 });
    const [delivery] = await fake.simulateCall({ locationId: "LOC1" }).delivered;
    expect(delivery!.state).toBe("delivered");
    expect(delivery!.attempts.map((a) => a.status)).toEqual([503, 503, 200]);
    expect(delivery!.attempts[2]!.body).toBe('{"n":3}');
    const [a, b, c] = delivery!.attempts;
    expect(b!.startedAt - (a!.startedAt + a!.ms)).toBeGreaterThanOrEqual(95);
    expect(c!.startedAt - (b!.startedAt + b!.ms)).toBeGreaterThanOrEqual(95);
    // The same signed body each time: a retry is the same delivery.
    expect(new Set(server.requests.map((r) => r.body)).size).toBe(1);
    expect(fake.webhooks.deliveries).toEqual([delivery]);
  });

  it("gives up after `retries`; a refused connection and a timeout count as failed attempts", async () => {
    const server = await receiver(() => 400);
    const fake = await fakeSendingTo(server.baseUrl, { retries: 2, retryDelayMs: 0 });
    const [rejected] = await fake.simulateCall({ locationId: "LOC1" }).delivered;
    expect(rejected).toMatchObject({ state: "failed", status: 400 });
    expect(rejected!.attempts).toHaveLength(3);

    const nobody = `http://127.0.0.1:${await freePort()}/hook`;
    fake.webhooks.unregister(server.baseUrl);
    fake.webhooks.register(nobody);
    fake.webhooks.configure({ retries: 1, retryDelayMs: 0 });
    const [refused] = await fake.simulateCall({ locationId: "LOC1" }).delivered;
    expect(refused).toMatchObject({ state: "failed", status: 0, url: nobody });
    expect(refused!.attempts.map((a) => a.error)).toEqual(["ECONNREFUSED", "ECONNREFUSED"]);

    const silent = await receiver(() => null);
    fake.webhooks.unregister(nobody);
    fake.webhooks.register(silent.baseUrl);
    fake.webhooks.configure({ retries: 1, retryDelayMs: 0, timeoutMs: 200 });
    const [timedOut] = await fake.simulateCall({ locationId: "LOC1" }).delivered;
    expect(timedOut!.attempts.map((a) => a.error)).toEqual(["timeout", "timeout"]);
    for (const attempt of timedOut!.attempts) expect(attempt.ms).toBeGreaterThanOrEqual(195);
    expect(silent.requests).toHaveLength(2);
  });
});

describe("duplicates, order and delay", () => {
  it("duplicates: 1 sends every event twice, each copy with its own webhookId and the same call", async () => {
    const server = await receiver(() => 200);
    const fake = await fakeSendingTo(server.baseUrl, { duplicates: 1 });
    const calls = Array.from({ length: 5 }, () => fake.simulateCall({ locationId: "LOC1" }));
    const deliveries = (await Promise.all(calls.map((c) => c.delivered))).flat();
    expect(deliveries).toHaveLength(10);
    expect(deliveries.filter((d) => d.duplicate)).toHaveLength(5);
    expect(new Set(deliveries.map((d) => d.webhookId)).size).toBe(10);
    const bodies = server.requests.map((r) => JSON.parse(r.body));
    for (const { call } of calls) {
      const copies = bodies.filter((b) => b.id === call.id);
      expect(copies).toHaveLength(2);
      const [first, second] = copies.map(({ webhookId: _w, timestamp: _t, ...rest }) => rest);
      expect(second).toEqual(first);
    }
  });

  it("a share of duplicates is seeded: the same seed duplicates the same calls", async () => {
    const server = await receiver(() => 200);
    const run = async () => {
      const fake = await fakeSendingTo(server.baseUrl, { duplicates: 0.3 });
      const calls = Array.from({ length: 40 }, () => fake.simulateCall({ locationId: "LOC1" }));
      const deliveries = (await Promise.all(calls.map((c) => c.delivered))).flat();
      return deliveries.filter((d) => d.duplicate).map((d) => d.callId);
    };
    const [a, b] = [await run(), await run()];
    expect(a).toEqual(b);
    expect(a.length).toBeGreaterThan(3);
    expect(a.length).toBeLessThan(25);
  });

  it("outOfOrderMs delivers later events first; without it, each waits delayMs", async () => {
    const server = await receiver(() => 200);
    const fake = await fakeSendingTo(server.baseUrl, { outOfOrderMs: 300 });
    const calls = Array.from({ length: 20 }, () => fake.simulateCall({ locationId: "LOC1" }));
    await fake.webhooks.settled();
    const arrival = server.requests.map((r) => JSON.parse(r.body).id);
    const sent = calls.map((c) => c.call.id);
    expect([...arrival].sort()).toEqual([...sent].sort());
    const inversions = arrival.filter((id, i) => i > 0 && sent.indexOf(id) < sent.indexOf(arrival[i - 1]));
    expect(inversions.length).toBeGreaterThan(2);

    fake.webhooks.configure({ delayMs: 300 });
    const [late] = await fake.simulateCall({ locationId: "LOC1" }).delivered;
    expect(late!.attempts[0]!.startedAt - late!.queuedAt).toBeGreaterThanOrEqual(295);
  });

  it("every registered URL gets each event; records are in queue order", async () => {
    const one = await receiver(() => 200);
    const two = await receiver(() => 500);
    const fake = await fakeSendingTo(one.baseUrl, { retries: 0 });
    fake.webhooks.register(`${two.baseUrl}/other`);
    fake.webhooks.register(`${two.baseUrl}/other`); // once only
    expect(fake.webhooks.urls).toEqual([`${one.baseUrl}/`, `${two.baseUrl}/other`]);
    await fake.simulateCall({ locationId: "LOC1" }).delivered;
    expect(fake.webhooks.deliveries.map((d) => [d.seq, d.state])).toEqual([
      [1, "delivered"],
      [2, "failed"],
    ]);
  });
});

describe("close, reset and bounds", () => {
  it("close() cancels waits and attempts in flight at once; nothing is sent afterwards", async () => {
    const server = await receiver(() => null);
    const fake = await fakeSendingTo(server.baseUrl, { timeoutMs: 60_000 });
    const held = fake.simulateCall({ locationId: "LOC1" }).delivered;
    fake.webhooks.configure({ delayMs: 60_000 });
    const waiting = fake.simulateCall({ locationId: "LOC1" }).delivered;
    while (server.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    const started = performance.now();
    await fake.close();
    expect(performance.now() - started).toBeLessThan(2_000);
    expect((await held)[0]).toMatchObject({ state: "cancelled" });
    expect((await waiting)[0]).toMatchObject({ state: "cancelled", attempts: [] });
    expect(server.requests).toHaveLength(1);
    expect(() => fake.simulateCall({ locationId: "LOC1" })).toThrow(/closed/);
  });

  it("reset() cancels pending deliveries, forgets them and the URLs registered since", async () => {
    const server = await receiver(() => 200);
    const fake = await fakeSendingTo(server.baseUrl);
    fake.webhooks.configure({ delayMs: 60_000 });
    fake.webhooks.register(`${server.baseUrl}/extra`);
    const pending = fake.simulateCall({ locationId: "LOC1" }).delivered;
    expect(fake.webhooks.deliveries.map((d) => d.state)).toEqual(["pending", "pending"]);
    fake.reset();
    expect((await pending).map((d) => d.state)).toEqual(["cancelled", "cancelled"]);
    expect(fake.webhooks.deliveries).toEqual([]);
    expect(fake.webhooks.urls).toEqual([`${server.baseUrl}/`]);
    await fake.simulateCall({ locationId: "LOC1" }).delivered; // the options' delivery again
    expect(server.requests).toHaveLength(1);
  });

  it("settled() waits for pending deliveries and gives up after its timeout", async () => {
    const server = await receiver(() => 200);
    const fake = await fakeSendingTo(server.baseUrl, { delayMs: 1_000 });
    await fake.webhooks.settled(); // nothing pending
    fake.simulateCall({ locationId: "LOC1" });
    await expect(fake.webhooks.settled({ timeoutMs: 50 })).rejects.toThrow(
      /1 webhook deliveries still pending/,
    );
    await fake.webhooks.settled({ timeoutMs: 10_000 });
    expect(server.requests).toHaveLength(1);
    await expect(fake.webhooks.settled({ timeoutMs: -1 })).rejects.toThrow(ConfigurationError);
  });

  it("refuses unbounded or malformed options, naming them", async () => {
    const url = "http://127.0.0.1:9/hook";
    const bad: [unknown, RegExp][] = [
      [{ retries: 11 }, /retries must be an integer from 0 to 10/],
      [{ retries: 1.5 }, /retries must be an integer/],
      [{ retryDelayMs: -1 }, /retryDelayMs/],
      [{ delayMs: Number.NaN }, /delayMs/],
      [{ outOfOrderMs: 60_001 }, /outOfOrderMs/],
      [{ duplicates: 2 }, /duplicates must be a number from 0 to 1/],
      [{ timeoutMs: "5s" }, /timeoutMs/],
      [{ timeoutMs: 10n }, /timeoutMs/],
      [{ retry: 1 }, /delivery\.retry is not an option/],
      [[], /must be an object/],
    ];
    for (const [delivery, message] of bad) {
      await expect(
        createFakeVoiceAI({ listen: false, webhooks: { urls: [url], delivery: delivery as never } }),
      ).rejects.toThrow(message);
    }
    const fake = await fakeSendingTo(url);
    expect(() => fake.webhooks.configure({ retries: -1 })).toThrow(/retries/);
    for (const target of [
      "ftp://x/",
      "not a url",
      "http://user:pw@127.0.0.1/",
      "http://127.0.0.1/#x",
      7,
      `http://h/${"x".repeat(3000)}`,
    ])
      expect(() => fake.webhooks.register(target as string), String(target)).toThrow(ConfigurationError);
    for (let i = 1; i < 16; i++) fake.webhooks.register(`http://127.0.0.1:9/${i}`);
    expect(() => fake.webhooks.register("http://127.0.0.1:9/16")).toThrow(/at most 16/);
    await expect(
      createFakeVoiceAI({ listen: false, webhooks: { urls: "http://x" as never } }),
    ).rejects.toThrow(/urls/);
    await expect(
      createFakeVoiceAI({ listen: false, webhooks: { url: "http://x" } as never }),
    ).rejects.toThrow(/webhooks\.url is not an option/);
  });
});

describe("nothing keeps the process alive", () => {
  it("a process with deliveries waiting (never closed) exits on its own", async () => {
    const { spawn } = await import("node:child_process");
    const script = `
      import { createFakeVoiceAI } from "./src/testing/index.ts";
      const fake = await createFakeVoiceAI({
        listen: false,
        webhooks: { urls: ["http://127.0.0.1:9/hook"], delivery: { delayMs: 60000, retries: 10, retryDelayMs: 60000 } },
      });
      fake.simulateCall({ locationId: "LOC1" });
      fake.webhooks.settled({ timeoutMs: 600000 }).catch(() => {});
      console.log(fake.webhooks.deliveries[0].state);
    `;
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      cwd: new URL("..", import.meta.url),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk));
    child.stderr.on("data", (chunk: Buffer) => (out += chunk));
    const started = performance.now();
    const code = await new Promise<number | null>((resolve) => {
      const kill = setTimeout(() => child.kill("SIGKILL"), 45_000);
      child.once("exit", (exitCode) => {
        clearTimeout(kill);
        resolve(exitCode);
      });
    });
    expect(out.trim()).toBe("pending");
    expect(code).toBe(0);
    expect(performance.now() - started).toBeLessThan(45_000);
  }, 60_000);
});
