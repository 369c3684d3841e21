/**
 * What the fake's suites share: a fake per test, closed after it, whose every answer is checked
 * against the spec's response schema for its operation and status (the fake may never answer
 * what the spec does not allow), and a raw request helper.
 */
import { afterEach, expect } from "vitest";
import { validationTable } from "../../generated/validation.js";
import { violationsOf } from "../../src/validate/schema.js";
import {
  createFakeVoiceAI,
  type FakeVoiceAI,
  type FakeVoiceAICore,
  type FakeVoiceAIOptions,
} from "../../src/testing/index.js";

export const NOW = Date.UTC(2026, 0, 15, 12);
const strict = { schemas: validationTable.schemas, rejectUnknown: true };
const open: FakeVoiceAI[] = [];

/** Every answer of the fake, checked against the spec; returns how many were checked. */
export function expectConformingResponses(fake: FakeVoiceAI): number {
  let checked = 0;
  for (const entry of fake.requests) {
    if (!entry.operationId || entry.status === 0) continue;
    const responses = validationTable.operations[entry.operationId]!.responses;
    const key = [String(entry.status), `${String(entry.status)[0]}XX`, "default"].find((k) => k in responses);
    expect(key, `${entry.operationId} answered ${entry.status}, which the spec does not list`).toBeDefined();
    const schema = responses[key!];
    if (schema) {
      const violations = violationsOf(strict, schema, entry.response, `${entry.operationId} ${entry.status}`);
      expect(violations, violations.map((v) => `${v.path}: ${v.rule}`).join("; ")).toEqual([]);
    } else expect(entry.response).toBeUndefined();
    checked++;
  }
  return checked;
}

afterEach(async () => {
  const fakes = open.splice(0);
  try {
    for (const fake of fakes) expectConformingResponses(fake);
  } finally {
    await Promise.all(fakes.map((fake) => fake.close()));
  }
});

/** A fake for this test (a fixed clock unless given), closed and checked after it. */
export async function useFake(options: FakeVoiceAIOptions = {}): Promise<FakeVoiceAI> {
  const fake = await createFakeVoiceAI({ clock: () => NOW, ...options });
  open.push(fake);
  return fake;
}

export interface Sent {
  status: number;
  headers: Headers;
  body: any;
}

/** Sends one request through `fake.fetch` with the location's token and the Version header. */
export async function send(
  fake: FakeVoiceAICore,
  method: string,
  path: string,
  options: { body?: unknown; token?: string | null; version?: string | null; location?: string } = {},
): Promise<Sent> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  const token = options.token === undefined ? fake.tokenFor(options.location ?? "LOC1") : options.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  if (options.version !== null) headers.version = options.version ?? "2021-04-15";
  const body =
    options.body === undefined
      ? undefined
      : typeof options.body === "string"
        ? options.body
        : JSON.stringify(options.body);
  const response = await fake.fetch(`${fake.url}${path}`, {
    method,
    headers,
    ...(body !== undefined && { body }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}
