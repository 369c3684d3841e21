/**
 * The commands made from the operation table, against the package's fake (started here on
 * 127.0.0.1): each answers with the API's JSON, bodies come from JSON or YAML files or stdin and
 * are checked before sending, and each failure is one line with its exit code.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { EventEmitter } from "node:events";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFakeVoiceAI, type FakeVoiceAI } from "../../src/testing/index.js";
import { runInProcess } from "./helpers.js";

let fake: FakeVoiceAI;
let dir: string;
let env: Record<string, string>;
const cli = (args: string[], options: { input?: string; tty?: boolean; env?: Record<string, string> } = {}) =>
  runInProcess(args, { ...options, env: { ...env, ...options.env }, cwd: dir });
const json = (text: string) => JSON.parse(text) as Record<string, unknown>;
const sent = () => fake.requests.length;

beforeAll(async () => {
  fake = await createFakeVoiceAI({ locations: ["LOC1", "LOC2"], callLogs: 30, agents: 2 });
  dir = await mkdtemp(path.join(os.tmpdir(), "cli-ops-"));
  env = { GHL_BASE_URL: fake.url, GHL_TOKEN: fake.tokenFor("LOC1"), GHL_LOCATION_ID: "LOC1" };
});
afterAll(async () => {
  await fake.close();
  await rm(dir, { recursive: true, force: true });
});

describe("agents", () => {
  it("list prints the page as one JSON line when stdout is no terminal, indented on one", async () => {
    const piped = await cli(["agents", "list"]);
    expect(piped.code).toBe(0);
    expect(piped.stdout.trim().split("\n")).toHaveLength(1);
    expect(json(piped.stdout)).toMatchObject({ total: 2, page: 1 });
    const tty = await cli(["agents", "list"], { tty: true });
    expect(tty.stdout).toContain('\n  "total": 2,');
    expect(json(tty.stdout)).toEqual(json(piped.stdout));
    expect((await cli(["agents", "list", "--json"], { tty: true })).stdout).toBe(piped.stdout);
  });

  it("create, get, update (and its alias patch), delete: a whole life, bodies from JSON, YAML and stdin", async () => {
    await writeFile(path.join(dir, "agent.json"), JSON.stringify({ agentName: "Night desk" }));
    const created = await cli(["agents", "create", "--body", "agent.json"]);
    expect(created.stderr).toBe("");
    const agent = json(created.stdout);
    expect(agent).toMatchObject({ agentName: "Night desk", locationId: "LOC1" });
    expect(fake.requests.at(-1)!.body).toEqual({ agentName: "Night desk", locationId: "LOC1" });

    await writeFile(path.join(dir, "patch.yaml"), "# a comment\nmaxCallDuration: 300\n");
    const updated = await cli(["agents", "update", String(agent.id), "--body", "patch.yaml"]);
    expect(updated.code).toBe(0);
    expect(json(updated.stdout)).toMatchObject({ id: agent.id, maxCallDuration: 300 });
    const patched = await cli(["agents", "patch", String(agent.id), "--body", "-"], {
      input: '{"agentName":"Day desk"}',
    });
    expect(json(patched.stdout)).toMatchObject({ agentName: "Day desk", maxCallDuration: 300 });

    expect(json((await cli(["agents", "get", String(agent.id)])).stdout)).toMatchObject({
      agentName: "Day desk",
    });
    const deleted = await cli(["agents", "delete", String(agent.id)]);
    expect(deleted).toMatchObject({ code: 0, stdout: "", stderr: "" });
    const gone = await cli(["agents", "get", String(agent.id)]);
    expect(gone.code).toBe(4);
    expect(gone.stderr).toMatch(/^error: not found \(404 on getAgent\): Agent not found/);
  });
});

describe("actions and calls", () => {
  it("actions create, get, update, delete (the agent for delete as --agent-id)", async () => {
    const agents = json((await cli(["agents", "list"])).stdout).agents as { id: string }[];
    const body = {
      agentId: agents[0]!.id,
      actionType: "SMS",
      name: "Confirm by text",
      actionParameters: {
        triggerPrompt: "When asked",
        triggerMessage: "Texting you",
        messageBody: "Confirmed",
      },
    };
    await writeFile(path.join(dir, "action.json"), JSON.stringify(body));
    const created = json((await cli(["actions", "create", "--body", "action.json"])).stdout);
    expect(created).toMatchObject({ actionType: "SMS", name: "Confirm by text" });
    const id = String(created.id);
    expect(json((await cli(["actions", "get", id])).stdout)).toMatchObject({ id });
    await writeFile(path.join(dir, "action2.json"), JSON.stringify({ ...body, name: "Renamed" }));
    expect(json((await cli(["actions", "update", id, "--body", "action2.json"])).stdout)).toMatchObject({
      name: "Renamed",
    });
    const missingAgent = await cli(["actions", "delete", id]);
    expect(missingAgent.code).toBe(2);
    expect(missingAgent.stderr).toContain("--agent-id: required");
    expect((await cli(["actions", "delete", id, "--agent-id", agents[0]!.id])).code).toBe(0);
  });

  it("calls list --all walks every page into one JSON array; calls get reads one", async () => {
    const all = await cli(["calls", "list", "--all", "--page-size", "7"]);
    const logs = JSON.parse(all.stdout) as { id: string }[];
    expect(logs).toHaveLength(30);
    expect(new Set(logs.map((l) => l.id)).size).toBe(30);
    const one = await cli(["calls", "get", logs[3]!.id]);
    expect(json(one.stdout)).toEqual(logs[3]);
    const filtered = await cli([
      "calls",
      "list",
      "--call-type",
      "TRIAL",
      "--action-type",
      "SMS,CALL_TRANSFER",
    ]);
    expect(filtered.code).toBe(0);
    expect(decodeURIComponent(fake.requests.at(-1)!.url)).toContain(
      "callType=TRIAL&actionType=SMS,CALL_TRANSFER",
    );
  });
});

describe("failures: one line, the exit code of their kind, nothing sent when the input is wrong", () => {
  it.each([
    [["agents", "list", "--page-size", "99"], "--page-size: at most 50"],
    [["agents", "list", "--page-size", "1.5"], "--page-size must be an integer"],
    [["agents", "list", "--page=-1"], "--page: at least 1"],
    [
      ["agents", "list", "--page", "-1"],
      '--page needs a value (one that starts with "-" is written --page=-…)',
    ],
    [["calls", "list", "--call-type", "live"], "--call-type: one of LIVE, TRIAL"],
    [["calls", "list", "--start-date", "1"], "--end-date: required with startDate"],
    [["calls", "list", "--action-type", "SMS,,SMS"], "--action-type has an empty item"],
    [["agents", "get"], "missing <agentId>"],
    [["agents", "get", "a", "b"], "unexpected argument b"],
    [["agents", "create"], "--body FILE is required"],
    [["agents", "create", "--body", "-"], "--body stdin: is empty"],
  ])("%j → exit 2: %s", async (args, message) => {
    const before = sent();
    const result = await cli(args);
    expect(result.code).toBe(2);
    expect(result.stderr.split("\n")[0]).toContain(message);
    expect(result.stderr.split("\n")[1]).toMatch(/^ {2}see `highlevel-voice-ai .* --help`$/);
    expect(sent()).toBe(before);
  });

  it("a body that breaks the spec names each field; the body's location must be --location's", async () => {
    const before = sent();
    const bad = await cli(["agents", "create", "--body", "-"], {
      input: JSON.stringify({ agentName: "x".repeat(41), bogus: 1, ["__proto__"]: { polluted: true } }),
    });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/body\.agentName: at most 40 characters/);
    expect(bad.stderr).toMatch(/body\.bogus: unknown field/);
    expect(bad.stderr).toMatch(/body\.__proto__: unknown field/);
    const other = await cli(["agents", "create", "--body", "-"], { input: '{"locationId":"LOC2"}' });
    expect(other.stderr).toContain('body.locationId ("LOC2") differs from --location/GHL_LOCATION_ID (LOC1)');
    expect(sent()).toBe(before);
  });

  it("without a location or credentials: a clear line, exit 2 or 3", async () => {
    const noLocation = await cli(["agents", "list"], { env: { GHL_LOCATION_ID: "" } });
    expect(noLocation.code).toBe(2);
    expect(noLocation.stderr).toContain("no location: give --location ID or set GHL_LOCATION_ID");
    const noToken = await cli(["agents", "list"], { env: { GHL_TOKEN: "" } });
    expect(noToken.code).toBe(3);
    expect(noToken.stderr).toMatch(/^error: no credentials: set GHL_TOKEN/);
  });

  it("another location's id: 403 with the scope, exit 3; a refused token: 401, exit 3, the token never printed", async () => {
    const other = await cli(["agents", "list", "--location", "LOC2"]);
    expect(other.code).toBe(3);
    expect(other.stderr).toContain(
      "forbidden (403 on listAgents): The token does not have access to this location",
    );
    expect(other.stderr).toContain("needs the scope voice-ai-agents.readonly");
    const token = "pit-0123456789abcdef-not-valid";
    for (const extra of [[], ["--verbose"], ["--json", "--verbose"]]) {
      const refused = await cli(["agents", "list", "--token", token, ...extra], { env: { GHL_TOKEN: "" } });
      expect(refused.code).toBe(3);
      expect(refused.stderr).toContain("the API refused the token (401");
      for (const form of [token, encodeURIComponent(token), Buffer.from(token).toString("base64")])
        expect(refused.stdout + refused.stderr).not.toContain(form);
    }
  });

  it("Ctrl-C during a slow request stops it at once: exit 130, nothing on stdout", async () => {
    fake.failNext({ operationId: "listAgents", delayMs: 10_000 });
    const signals = new EventEmitter();
    const started = performance.now();
    const pending = runInProcess(["agents", "list"], { env, cwd: dir, signals });
    setTimeout(() => signals.emit("SIGINT"), 300);
    const result = await pending;
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(result).toMatchObject({ code: 130, stdout: "" });
    expect(result.stderr).toBe("Ctrl-C: stopping… (Ctrl-C again to quit at once)\ninterrupted\n");
  });

  it("--json errors are one JSON line on stderr", async () => {
    const result = await cli(["agents", "get", "nope", "--json"]);
    expect(result.code).toBe(4);
    const lines = result.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      type: "error",
      error: {
        exitCode: 4,
        kind: "NotFoundError",
        status: 404,
        message: expect.stringContaining("Agent not found"),
      },
    });
  });
});
