/**
 * The command line itself, fuzzed: unknown commands and flags, missing and repeated values,
 * empty, huge, CR/LF, `__proto__`, values in the wrong place. Each is one line naming what was
 * wrong (never a value that might be a secret), a pointer to --help, exit 2 — and no request.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFakeVoiceAI, type FakeVoiceAI } from "../../src/testing/index.js";
import { operations } from "../../generated/operations.js";
import { operationDocs } from "../../generated/operation-docs.js";
import { runInProcess } from "./helpers.js";

let fake: FakeVoiceAI;
let env: Record<string, string>;
beforeAll(async () => {
  fake = await createFakeVoiceAI();
  env = { GHL_BASE_URL: fake.url, GHL_TOKEN: fake.tokenFor("LOC1"), GHL_LOCATION_ID: "LOC1" };
});
afterAll(() => fake.close());

const SECRET = "s3cr3t-value-0123456789";

describe("usage errors", () => {
  it.each([
    [[], "a command is required"],
    [["agentz", "list"], "unknown command agentz"],
    [["agents"], "agents: which command? (list, get, create, update, delete)"],
    [["agents", "lst"], "unknown command agents lst (list, get, create, update, delete)"],
    [["agents", "list", "--nope"], "unknown flag --nope"],
    [["agents", "list", `--tokn=${SECRET}`], "unknown flag --tokn"],
    [["agents", "list", "-x"], "unknown flag -x"],
    [["agents", "list", "--__proto__"], "unknown flag --__proto__"],
    [["agents", "list", "--constructor", "1"], "unknown flag --constructor"],
    [["agents", "list", "--location"], "--location needs a value"],
    [
      ["agents", "list", "--location", "--verbose"],
      '--location needs a value (one that starts with "-" is written --location=-…)',
    ],
    [["agents", "list", "--location="], "--location needs a value, got an empty one"],
    [["agents", "list", "--location", "LOC1", "--location", "LOC2"], "--location is given more than once"],
    [["agents", "list", "--location", "LOC1\r\nX-Injected: 1"], "--location contains a control character"],
    [["agents", "list", "--query", "x".repeat(9000)], "--query is too long (9000 characters, at most 8192)"],
    [["agents", "list", "--json=yes"], "--json takes no value"],
    [["agents", "get", "\u0000"], "<agentId> contains a control character"],
    [["agents", "get", "a\nb"], "<agentId> contains a control character"],
    [["agents", "get", ""], "<agentId> needs a value, got an empty one"],
    [["agents", "get", "x".repeat(10_000)], "<agentId> is too long"],
    [["fake", "extra"], "unexpected argument extra"],
    [["calls", "export"], "--since is required"],
    [["calls", "export", "--since", "30 days"], '--since "30 days": not a time'],
    [["calls", "export", "--since", "30d", "--format", "xlsx"], "--format must be one of ndjson, csv, json"],
    [
      ["calls", "export", "--since", "30d", "--concurrency", "0"],
      "--concurrency must be an integer from 1 to 1000",
    ],
    [["calls", "export", "--since", "30d", "--location", "A,A"], "--location: A is listed twice"],
    [["calls", "export", "--since", "30d", "--location", "A,,B"], '--location: "" is not a location id'],
    [["calls", "export", "--since", "30d", "--resume", "--force"], "--resume and --force exclude each other"],
    [
      ["calls", "export", "--since", "2024-01-01", "--until", "2024-02-01", "--out", "x.ndjson", "--resume"],
      "--resume: a window that ends more than 24 days ago cannot be resumed",
    ],
    [
      ["calls", "export", "--since", "30d", "--format", "json", "--out", "x.json", "--resume"],
      "--resume: a JSON array cannot be continued",
    ],
    [
      ["calls", "export", "--since", "30d", "--resume"],
      "--resume: an export to stdout resumes only with --checkpoint DIR",
    ],
    [["calls", "sync"], "--state DIR is required"],
    [["calls", "sync", "--state", "s", "--settle", "2d"], "--settle must be 0 or a duration up to 24h"],
    [["calls", "sync", "--state", "s", "--format", "json"], "--format json cannot be appended to"],
    [["fake", "--port", "70000"], "--port must be an integer from 0 to 65535"],
    [["fake", "--locations", "0"], "--locations must be a count from 1 to 1000, or ids"],
    [["fake", "--locations", "A,A"], "--locations: ids are 1-64 letters"],
    [["fake", "--call-logs", "-1"], "--call-logs needs a value"],
    [["fake", "--call-logs", "1e3"], "--call-logs must be an integer from 0 to 100000"],
    [["fake", "--token-store", "x.json"], "--token-store needs --oauth"],
  ])("%j → %s", async (args, message) => {
    const before = fake.requests.length;
    const result = await runInProcess(args, { env });
    expect(result.code).toBe(2);
    const [line, hint, ...rest] = result.stderr.trimEnd().split("\n");
    expect(line).toMatch(/^error: /);
    expect(line).toContain(message);
    expect(hint).toMatch(/^ {2}(see `highlevel-voice-ai .*--help`|commands: )/);
    expect(rest).toEqual([]);
    expect(result.stdout).toBe("");
    expect(result.stderr).not.toContain(SECRET);
    expect(fake.requests.length).toBe(before);
  });

  it("a path argument that would climb the URL (`..`) is refused before anything is sent", async () => {
    for (const id of ["..", "."]) {
      const result = await runInProcess(["calls", "get", id], { env });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^error: .*callId/);
    }
    const encoded = await runInProcess(["calls", "get", "../../etc/passwd"], { env });
    expect(encoded.code).toBe(4); // sent as one segment (..%2F..%2Fetc%2Fpasswd): no such call
    expect(fake.requests.at(-1)!.url).toMatch(
      /^\/voice-ai\/dashboard\/call-logs\/\.\.%2F\.\.%2Fetc%2Fpasswd\?/,
    );
  });

  it("two credentials at once, or half an OAuth app, is refused before anything is sent", async () => {
    const before = fake.requests.length;
    const both = await runInProcess(["agents", "list", "--token-store", "t.json"], { env });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("both a token (--token or GHL_TOKEN) and a token store");
    const half = await runInProcess(["agents", "list"], {
      env: { ...env, GHL_TOKEN: "", GHL_TOKEN_STORE: "missing.json", GHL_CLIENT_SECRET: SECRET },
    });
    expect(half.code).toBe(2);
    expect(half.stderr).toContain("--token-store missing.json: no such file");
    expect(half.stderr).not.toContain(SECRET);
    expect(fake.requests.length).toBe(before);
  });
});

describe("help and version", () => {
  it("--help lists every command with the spec's summaries; --version prints the version", async () => {
    const help = await runInProcess(["--help"]);
    expect(help.code).toBe(0);
    for (const [id, spec] of Object.entries(operations)) {
      expect(help.stdout).toContain(operationDocs[id as keyof typeof operationDocs].summary);
      expect(help.stdout).toMatch(new RegExp(`\\b${spec.name === "patch" ? "update" : spec.name}\\b`));
    }
    expect(help.stdout).toMatch(/calls export +Export every call log/);
    expect(help.stdout).toMatch(/130 +stopped by Ctrl-C/);
    expect((await runInProcess(["--version"])).stdout).toBe("0.0.0-test\n");
  });

  it.each(Object.entries(operations))(
    "%s: its command's --help has the spec's summary, description, parameters and scope",
    async (id, spec) => {
      const docs = operationDocs[id as keyof typeof operationDocs];
      const group = spec.group === "callLogs" ? "calls" : spec.group;
      const result = await runInProcess([group, spec.name, "--help"]);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`${docs.summary} — ${spec.method} ${spec.path}`);
      expect(result.stdout.replace(/\s+/g, " ")).toContain(
        docs.description.replace(/\s+/g, " ").slice(0, 60),
      );
      for (const [name, description] of Object.entries(docs.parameters))
        if (name !== "locationId")
          expect(result.stdout.replace(/\s+/g, " ")).toContain(description.slice(0, 40));
      expect(result.stdout).toContain(`Token scope: ${docs.scopes.join(" or ")}`);
    },
  );

  it("the CLI's own commands have help too, and a group lists its commands", async () => {
    for (const args of [
      ["calls", "export", "--help"],
      ["calls", "sync", "-h"],
      ["fake", "--help"],
      ["calls", "--help"],
    ]) {
      const result = await runInProcess(args);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^Usage: highlevel-voice-ai /);
    }
  });
});
