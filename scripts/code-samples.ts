/**
 * One TypeScript sample per operation, showing the call through this client: written by
 * `npm run generate` into generated/code-samples.json (operationId → source), rendered by the docs
 * (`x-codeSamples`, merged by scripts/build-docs.ts) and compiled by `npm test`
 * (scripts/check-snippets.ts), so a sample that drifts from the client fails.
 *
 * Each sample is a complete program: the import, a client whose default `locationId` is the spec's
 * example (so no call repeats it), and the call with the operation's path parameters, required
 * query parameters (and the page of a list) and request body, taken from the spec's examples.
 * Page-based lists also show `listAll`. A request body is the operation's first named example.
 */
import * as prettier from "prettier";
import type { OpenAPIDocument, OperationEntry } from "./operation-table.js";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (value: Json | undefined): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** The samples of every operation of the table, keyed by operationId, in the table's order. */
export async function buildCodeSamples(
  doc: OpenAPIDocument,
  table: readonly OperationEntry[],
): Promise<Record<string, string>> {
  const resolve = (node: Json | undefined): Json | undefined => {
    let current = node;
    for (let hops = 0; isObject(current) && typeof current["$ref"] === "string"; hops++) {
      const ref = current["$ref"];
      if (!ref.startsWith("#/") || hops > 20) throw new Error(`unsupported or circular $ref ${ref}`);
      current = ref
        .slice(2)
        .split("/")
        .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
        .reduce<Json | undefined>((at, key) => (isObject(at) ? at[key] : undefined), doc as Json);
    }
    return current;
  };
  const locationId = exampleOf(resolve(parametersOf(doc)["LocationId"]), resolve);
  if (typeof locationId !== "string") throw new Error("components/parameters/LocationId has no example");

  const samples: Record<string, string> = {};
  for (const entry of table) {
    const item = resolve(doc.paths[entry.path]);
    const op = isObject(item) ? resolve(item[entry.method.toLowerCase()]) : undefined;
    if (!isObject(item) || !isObject(op)) throw new Error(`${entry.operationId}: not found in the spec`);
    const parameters = [...asArray(item["parameters"]), ...asArray(op["parameters"])].map(resolve);
    const valueOf = (name: string): Json | undefined =>
      exampleOf(
        parameters.find((p) => isObject(p) && p["name"] === name && p["in"] !== "header"),
        resolve,
      );
    const args: JsonObject = {};
    for (const { name, required } of [
      ...entry.pathParams.map(({ name }) => ({ name, required: true })),
      ...entry.query.filter(({ name }) => name !== "locationId"),
    ]) {
      const value = valueOf(name);
      if (required && value === undefined)
        throw new Error(`${entry.operationId}: parameter ${name} has no example`);
      // Optional parameters are left out, but for the page of a list (when the spec gives one).
      const paging = entry.pagination !== null && (name === "page" || name === "pageSize");
      if (value !== undefined && (required || paging)) args[name] = value;
    }
    if (entry.body !== "none") {
      const body = requestExample(op, resolve);
      if (!isObject(body)) throw new Error(`${entry.operationId}: the request body has no object example`);
      // The client fills in its default location.
      if (entry.bodyLocationId) delete body["locationId"];
      args["body"] = body;
    }

    const argument = (value: JsonObject): string => (Object.keys(value).length ? JSON.stringify(value) : "");
    const call = `voiceAI.${entry.group}.${entry.name}(${argument(args)})`;
    const lines = [
      `import { createVoiceAIClient } from "highlevel-voice-ai";`,
      ``,
      `const voiceAI = createVoiceAIClient({ token: process.env.GHL_TOKEN!, locationId: ${JSON.stringify(locationId)} });`,
      ``,
      entry.noContent ? `await ${call};` : `const result = await ${call};\nconsole.log(result);`,
    ];
    if (entry.pagination) {
      const item = entry.pagination.items.replace(/s$/, "");
      const filters = Object.fromEntries(Object.entries(args).filter(([key]) => !/^page(Size)?$/.test(key)));
      lines.push(
        ``,
        `// Every item of every page, fetched page by page as the loop goes on:`,
        `for await (const ${item} of voiceAI.${entry.group}.listAll(${argument(filters)})) console.log(${item});`,
      );
    }
    samples[entry.operationId] = await prettier.format(lines.join("\n"), {
      parser: "typescript",
      printWidth: 80, // the sample panel of the docs page is narrow
    });
  }
  for (const [operationId, source] of Object.entries(await webhookSamples(doc, resolve)))
    samples[operationId] = source;
  return samples;
}

/**
 * One sample per webhook of the spec (keyed by its operationId): a handler from the webhooks entry
 * whose option named by `x-sdk-handler` logs the first fields of the body's example and narrows the
 * example's first executed action on its `actionType`.
 */
async function webhookSamples(
  doc: OpenAPIDocument,
  resolve: (node: Json | undefined) => Json | undefined,
): Promise<Record<string, string>> {
  const samples: Record<string, string> = {};
  const webhooks = isObject(doc["webhooks"]) ? doc["webhooks"] : {};
  for (const [name, item] of Object.entries(webhooks)) {
    const op = isObject(item) ? resolve(item["post"]) : undefined;
    if (!isObject(op) || typeof op["operationId"] !== "string")
      throw new Error(`webhook ${name}: no operationId`);
    const handler = op["x-sdk-handler"];
    if (typeof handler !== "string") throw new Error(`webhook ${name}: no x-sdk-handler`);
    const body = resolve(op["requestBody"]);
    const content = isObject(body) ? body["content"] : undefined;
    const media = isObject(content) ? content["application/json"] : undefined;
    const schema = resolve(isObject(media) ? media["schema"] : undefined);
    const example = exampleOf(schema, resolve);
    if (!isObject(example) || !isObject(schema)) throw new Error(`webhook ${name}: the body has no example`);
    const properties = isObject(schema["properties"]) ? schema["properties"] : {};
    const scalars = Object.keys(example).filter((key) => {
      const type = (resolve(properties[key]) as JsonObject | undefined)?.["type"];
      return type === "string" || type === "number";
    });
    const lines = [
      `import { createWebhookHandler } from "highlevel-voice-ai/webhooks";`,
      ``,
      `// Verified (Ed25519), checked against this schema, run once per call.`,
      `export const handler = createWebhookHandler({`,
      `  publicKey: process.env.HIGHLEVEL_WEBHOOK_PUBLIC_KEY!,`,
      `  async ${handler}(event) {`,
      `    console.log(${scalars
        .slice(0, 3)
        .map((key) => `event.${key}`)
        .join(", ")});`,
    ];
    const actions = example["executedCallActions"];
    const first = Array.isArray(actions) && isObject(actions[0]) ? actions[0] : undefined;
    const parameters = first && isObject(first["actionParameters"]) ? first["actionParameters"] : undefined;
    if (first && parameters && typeof first["actionType"] === "string") {
      const parameter = Object.keys(parameters)[Object.keys(parameters).length - 1];
      lines.push(
        `    for (const action of event.executedCallActions ?? []) {`,
        `      // Narrowed by actionType: that kind's parameters.`,
        `      if (action.actionType === ${JSON.stringify(first["actionType"])})`,
        `        console.log(action.actionParameters?.${parameter});`,
        `    }`,
      );
    }
    lines.push(
      `  },`,
      `});`,
      ``,
      `// A fetch-style handler (Request => Response), for workers and edge;`,
      `// on node:http: toNodeHandler(handler) of "highlevel-voice-ai/oauth".`,
    );
    // Shown in the description column of the docs page, narrower than the sample panel.
    samples[op["operationId"]] = await prettier.format(lines.join("\n"), {
      parser: "typescript",
      printWidth: 72,
    });
  }
  return samples;
}

function parametersOf(doc: OpenAPIDocument): JsonObject {
  const components = doc.components;
  const parameters = isObject(components) ? components["parameters"] : undefined;
  return isObject(parameters) ? parameters : {};
}

function asArray(value: Json | undefined): Json[] {
  return Array.isArray(value) ? value : [];
}

/** The example of a parameter or schema: its own, else its schema's, else the first of `examples`. */
function exampleOf(
  node: Json | undefined,
  resolve: (node: Json | undefined) => Json | undefined,
): Json | undefined {
  if (!isObject(node)) return undefined;
  if ("example" in node) return structuredClone(node["example"] ?? null);
  const examples = node["examples"];
  if (Array.isArray(examples) && examples.length > 0) return structuredClone(examples[0] ?? null);
  return "schema" in node ? exampleOf(resolve(node["schema"]), resolve) : undefined;
}

/** The first named example of the operation's JSON request body (or its single example). */
function requestExample(
  op: JsonObject,
  resolve: (node: Json | undefined) => Json | undefined,
): Json | undefined {
  const body = resolve(op["requestBody"]);
  const content = isObject(body) ? resolve(body["content"]) : undefined;
  const media = isObject(content) ? resolve(content["application/json"]) : undefined;
  if (!isObject(media)) return undefined;
  const examples = resolve(media["examples"]);
  const first = isObject(examples) ? resolve(Object.values(examples)[0]) : undefined;
  if (isObject(first) && "value" in first) return structuredClone(first["value"] ?? null);
  return exampleOf(media, resolve);
}
