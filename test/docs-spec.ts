/**
 * What test/docs.test.ts expects on the docs page, read from the sources the page is built from:
 * the spec's tags, operations and security schemes, the client's code samples
 * (generated/code-samples.json) with each operation's client method, and the client guide
 * (README.md's marked sections, then guides/).
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { operations as operationTable } from "../generated/operations.js";
import { readClientGuide } from "../scripts/docs-bundle.js";

const root = path.resolve(import.meta.dirname, "..");

interface SpecOperation {
  operationId?: string;
  summary?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
}
interface SecurityScheme {
  type: string;
  scheme?: string;
  description?: string;
}
interface Spec {
  info: { title: string };
  webhooks?: Record<string, { post?: SpecOperation & { "x-scopes"?: string[] } }>;
  tags?: { name: string }[];
  security?: Record<string, string[]>[];
  paths: Record<string, Record<string, SpecOperation>>;
  components?: { securitySchemes?: Record<string, SecurityScheme> };
}
export interface Operation {
  operationId: string;
  method: string;
  path: string;
  summary: string;
  tags: string[];
  securitySchemes: string[];
}

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
export const spec = parseYaml(await readFile(path.join(root, "openapi/voice-ai.yaml"), "utf8")) as Spec;
export const tags = (spec.tags ?? []).map((tag) => tag.name);
export const securitySchemes = spec.components?.securitySchemes ?? {};
export const operations: Operation[] = Object.entries(spec.paths).flatMap(([route, item]) =>
  Object.entries(item)
    .filter(([method]) => METHODS.includes(method))
    .map(([method, op]) => ({
      method,
      path: route,
      operationId: op.operationId ?? "",
      summary: op.summary ?? "",
      tags: op.tags ?? [],
      securitySchemes: [...new Set((op.security ?? spec.security ?? []).flatMap((req) => Object.keys(req)))],
    })),
);

/** The client's TypeScript sample of each operation, and the client guide (README sections, guides/). */
export const codeSamples = JSON.parse(
  await readFile(path.join(root, "generated/code-samples.json"), "utf8"),
) as Record<string, string>;
export const guide = await readClientGuide(root);
export const methodOf = (operationId: string): { group: string; name: string } | undefined =>
  (operationTable as Record<string, { group: string; name: string }>)[operationId];

/** The spec's webhooks (each a POST HighLevel sends): name, summary, tag and the scopes the app needs. */
export const webhooks = Object.entries(spec.webhooks ?? {}).map(([name, item]) => ({
  name,
  operationId: item.post?.operationId ?? "",
  summary: item.post?.summary ?? "",
  tags: item.post?.tags ?? [],
  scopes: item.post?.["x-scopes"] ?? [],
}));
