/**
 * Checks on openapi/voice-ai.yaml itself:
 *  - the operations, their tags and the scope each one needs;
 *  - every example in the document (media-type examples, component examples referenced from
 *    them, parameter and header examples, schema-level `example`s) and every schema `default`
 *    is valid against its schema, with Ajv (JSON Schema 2020-12) on the spec with every $ref
 *    resolved. Objects in examples may not carry properties their schema does not declare:
 *    the schemas are checked with `unevaluatedProperties: false` added on the outermost
 *    schema of every object (composition).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const root = path.resolve(import.meta.dirname, "..");
const spec = parseYaml(readFileSync(path.join(root, "openapi/voice-ai.yaml"), "utf8")) as JsonObject;

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function entriesOf(value: Json | undefined): [string, Json][] {
  return isObject(value) ? Object.entries(value) : [];
}

function clone<T extends Json>(value: T): T {
  return structuredClone(value);
}

function escapePointer(key: string): string {
  return key.replace(/~/g, "~0").replace(/\//g, "~1");
}

/** The node a local JSON pointer (`#/components/...`) points at. */
function pointer(ref: string): Json {
  if (!ref.startsWith("#/")) throw new Error(`only local $refs are supported: ${ref}`);
  let node: Json = spec;
  for (const raw of ref.slice(2).split("/")) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    const next: Json | undefined = isObject(node) ? node[key] : undefined;
    if (next === undefined) throw new Error(`unresolved $ref ${ref}`);
    node = next;
  }
  return node;
}

/** Follows the $ref of a non-schema object (parameter, response, example, header...). */
function resolve(node: Json | undefined): Json | undefined {
  const seen = new Set<string>();
  let current = node;
  while (isObject(current) && typeof current["$ref"] === "string") {
    const ref = current["$ref"];
    if (seen.has(ref)) throw new Error(`circular $ref ${ref}`);
    seen.add(ref);
    current = pointer(ref);
  }
  return current;
}

// ------------------------------------------------------------------ schema structure

/** Keywords whose value is one subschema, an array of them, or a map of them. */
const SINGLE = [
  "items",
  "additionalProperties",
  "unevaluatedProperties",
  "unevaluatedItems",
  "contains",
  "propertyNames",
  "not",
  "if",
  "then",
  "else",
];
const ARRAYS = ["allOf", "anyOf", "oneOf", "prefixItems"];
const MAPS = ["properties", "patternProperties", "dependentSchemas", "$defs"];
/** Applicators whose subschemas apply to the same instance location (their annotations count). */
const IN_PLACE = new Set(["allOf", "anyOf", "oneOf", "if", "then", "else", "not", "dependentSchemas"]);
/** Subschemas that only add conditions to a location some other subschema describes. */
const CONDITIONS = new Set(["if", "then", "else", "not"]);

/** Keywords that never change what validates; a $ref with only these beside it can be merged. */
const ANNOTATIONS = new Set([
  "description",
  "summary",
  "title",
  "default",
  "example",
  "examples",
  "deprecated",
  "readOnly",
  "writeOnly",
  "$comment",
]);

/** Rebuilds a schema, mapping each direct subschema with `fn(child, keyword)`. */
function mapSubschemas(schema: JsonObject, fn: (child: Json, keyword: string) => Json): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (SINGLE.includes(key) && (isObject(value) || typeof value === "boolean")) out[key] = fn(value, key);
    else if (ARRAYS.includes(key) && Array.isArray(value)) out[key] = value.map((v) => fn(v, key));
    else if (MAPS.includes(key) && isObject(value))
      out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fn(v, key)]));
    else out[key] = clone(value);
  }
  return out;
}

/** Visits a raw schema and every subschema in it, without following $refs. */
function walkSchema(schema: Json, where: string, visit: (node: JsonObject, where: string) => void): void {
  if (!isObject(schema)) return;
  visit(schema, where);
  for (const [key, value] of Object.entries(schema)) {
    if (SINGLE.includes(key)) walkSchema(value, `${where}/${key}`, visit);
    else if (ARRAYS.includes(key) && Array.isArray(value))
      value.forEach((child, i) => walkSchema(child, `${where}/${key}/${i}`, visit));
    else if (MAPS.includes(key))
      for (const [name, child] of entriesOf(value)) walkSchema(child, `${where}/${key}/${name}`, visit);
  }
}

/** A copy of a schema with every $ref replaced by (a fresh copy of) what it points at. */
function derefSchema(schema: Json, stack: string[] = []): Json {
  if (!isObject(schema)) return schema;
  const ref = schema["$ref"];
  if (typeof ref === "string") {
    if (stack.includes(ref)) throw new Error(`recursive schema ${[...stack, ref].join(" -> ")}`);
    const target = derefSchema(pointer(ref), [...stack, ref]);
    const siblings = Object.fromEntries(Object.entries(schema).filter(([k]) => k !== "$ref"));
    if (Object.keys(siblings).length === 0) return target;
    if (isObject(target) && Object.keys(siblings).every((k) => ANNOTATIONS.has(k)))
      return { ...target, ...clone(siblings) };
    return { ...mapSubschemas(siblings, (c) => derefSchema(c, stack)), allOf: [target] };
  }
  return mapSubschemas(schema, (child) => derefSchema(child, stack));
}

/** True when the schema, or an allOf/oneOf/anyOf member of it, declares properties. */
function describesProperties(schema: Json): boolean {
  if (!isObject(schema)) return false;
  if (isObject(schema["properties"])) return true;
  let found = false;
  mapSubschemas(schema, (child, keyword) => {
    if (IN_PLACE.has(keyword) && !CONDITIONS.has(keyword) && describesProperties(child)) found = true;
    return child;
  });
  return found;
}

/**
 * Adds `unevaluatedProperties: false` to the outermost schema of every object: a schema that
 * declares properties itself or through allOf/oneOf/anyOf members. The members do not get it
 * (in 2020-12 the outer keyword sees the properties they evaluate), but their property and
 * item schemas, new instance locations, do. `if`/`then`/`else`/`not` are left as they are:
 * their property schemas are partial conditions (`{ method: { const: GET } }`), and a strict
 * `if` would never match an object with more properties than the condition names.
 */
function strict(schema: Json, inPlace = false): Json {
  if (!isObject(schema)) return schema;
  const out = mapSubschemas(schema, (child, keyword) =>
    CONDITIONS.has(keyword) ? clone(child) : strict(child, IN_PLACE.has(keyword)),
  );
  if (
    !inPlace &&
    describesProperties(schema) &&
    out["additionalProperties"] === undefined &&
    out["unevaluatedProperties"] === undefined
  ) {
    out["unevaluatedProperties"] = false;
  }
  return out;
}

// ------------------------------------------------------------------------------ Ajv

const addFormats = addFormatsModule.default;
const ajv = new Ajv2020({ strict: true, strictTypes: false, allErrors: true });
// The name the generator exports a schema's type under (generated/models.ts); no constraint.
ajv.addKeyword("x-sdk-name");
addFormats(ajv);
ajv.addVocabulary(["example", "discriminator", "xml", "externalDocs"]);

const compiled = new Map<string, ValidateFunction>();
function validator(schema: Json): ValidateFunction {
  const key = JSON.stringify(schema);
  let fn = compiled.get(key);
  if (!fn) {
    fn = ajv.compile(schema as object | boolean);
    compiled.set(key, fn);
  }
  return fn;
}

/** Validation errors of `value` against a raw schema (refs resolved), or [] when valid. */
function problems(schema: Json, value: Json, { strictObjects = true } = {}): string[] {
  const resolved = derefSchema(schema);
  const validate = validator(strictObjects ? strict(resolved) : resolved);
  if (validate(value)) return [];
  return (validate.errors ?? []).map(
    (e) => `${e.instancePath || "/"} ${e.message ?? ""} ${JSON.stringify(e.params)}`,
  );
}

// ------------------------------------------------------------------- the examples

type Kind = "media type" | "parameter" | "header" | "schema";
interface ExampleCase {
  kind: Kind;
  where: string;
  schema: Json;
  value: Json;
}

const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

function collectExamples(): { cases: ExampleCase[]; usedComponentExamples: Set<string> } {
  const cases: ExampleCase[] = [];
  const usedComponentExamples = new Set<string>();

  const fromExamplesMap = (examples: Json | undefined, where: string, kind: Kind, schema: Json) => {
    for (const [name, raw] of entriesOf(examples)) {
      if (isObject(raw) && typeof raw["$ref"] === "string") usedComponentExamples.add(raw["$ref"]);
      const example = resolve(raw);
      if (!isObject(example) || !("value" in example)) throw new Error(`${where}/examples/${name}: no value`);
      cases.push({ kind, where: `${where}/examples/${name}`, schema, value: example["value"] ?? null });
    }
  };
  const fromMediaTypes = (content: Json | undefined, where: string) => {
    for (const [mediaType, media] of entriesOf(content)) {
      if (!isObject(media)) continue;
      const at = `${where}/content/${mediaType}`;
      const schema = media["schema"] ?? {};
      if ("example" in media)
        cases.push({ kind: "media type", where: `${at}/example`, schema, value: media["example"] ?? null });
      fromExamplesMap(media["examples"], at, "media type", schema);
    }
  };
  const fromParameterOrHeader = (raw: Json, where: string, kind: "parameter" | "header") => {
    if (isObject(raw) && "$ref" in raw) return; // checked where the component is defined
    if (!isObject(raw)) return;
    const schema = raw["schema"] ?? {};
    if ("example" in raw)
      cases.push({ kind, where: `${where}/example`, schema, value: raw["example"] ?? null });
    fromExamplesMap(raw["examples"], where, kind, schema);
    fromMediaTypes(raw["content"], where);
  };
  const fromResponse = (raw: Json, where: string) => {
    if (isObject(raw) && "$ref" in raw) return; // checked where the component is defined
    if (!isObject(raw)) return;
    for (const [name, header] of entriesOf(raw["headers"]))
      fromParameterOrHeader(header, `${where}/headers/${name}`, "header");
    fromMediaTypes(raw["content"], where);
  };

  const pathItems = [
    ...entriesOf(spec["paths"]).map(([route, item]) => ["paths", route, item] as const),
    ...entriesOf(spec["webhooks"]).map(([name, item]) => ["webhooks", name, item] as const),
  ];
  for (const [section, route, item] of pathItems) {
    if (!isObject(item)) continue;
    const at = `#/${section}/${escapePointer(route)}`;
    for (const [i, p] of (Array.isArray(item["parameters"]) ? item["parameters"] : []).entries())
      fromParameterOrHeader(p, `${at}/parameters/${i}`, "parameter");
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!isObject(op)) continue;
      const opAt = `${at}/${method}`;
      for (const [i, p] of (Array.isArray(op["parameters"]) ? op["parameters"] : []).entries())
        fromParameterOrHeader(p, `${opAt}/parameters/${i}`, "parameter");
      const body = op["requestBody"];
      if (isObject(body) && !("$ref" in body)) fromMediaTypes(body["content"], `${opAt}/requestBody`);
      for (const [status, response] of entriesOf(op["responses"]))
        fromResponse(response, `${opAt}/responses/${status}`);
    }
  }

  const components = isObject(spec["components"]) ? spec["components"] : {};
  for (const [name, p] of entriesOf(components["parameters"]))
    fromParameterOrHeader(p, `#/components/parameters/${name}`, "parameter");
  for (const [name, h] of entriesOf(components["headers"]))
    fromParameterOrHeader(h, `#/components/headers/${name}`, "header");
  for (const [name, r] of entriesOf(components["responses"]))
    fromResponse(r, `#/components/responses/${name}`);
  for (const [name, b] of entriesOf(components["requestBodies"]))
    if (isObject(b)) fromMediaTypes(b["content"], `#/components/requestBodies/${name}`);

  // Schema-level `example`s, wherever a schema is written out (refs are not followed here,
  // so each schema node is visited once, where it is defined).
  for (const { schema, where } of rawSchemas()) {
    walkSchema(schema, where, (node, at) => {
      if ("example" in node)
        cases.push({ kind: "schema", where: `${at}/example`, schema: node, value: node["example"] ?? null });
      if (Array.isArray(node["examples"]))
        node["examples"].forEach((value, i) =>
          cases.push({ kind: "schema", where: `${at}/examples/${i}`, schema: node, value }),
        );
    });
  }
  return { cases, usedComponentExamples };
}

/** Every place the document writes a schema out: components and parameter/header/media-type schemas. */
function rawSchemas(): { schema: Json; where: string }[] {
  const out: { schema: Json; where: string }[] = [];
  const visit = (node: Json | undefined, where: string): void => {
    if (Array.isArray(node)) node.forEach((child, i) => visit(child, `${where}/${i}`));
    if (!isObject(node)) return;
    for (const [key, value] of Object.entries(node)) {
      const at = `${where}/${escapePointer(key)}`;
      if (key === "schema" && !where.includes("/examples/")) out.push({ schema: value, where: at });
      else if (key === "schemas" && where === "#/components")
        for (const [name, schema] of entriesOf(value)) out.push({ schema, where: `${at}/${name}` });
      else if (key !== "examples" && key !== "example") visit(value, at);
    }
  };
  visit(spec["paths"], "#/paths");
  visit(spec["webhooks"], "#/webhooks");
  visit(spec["components"], "#/components");
  return out;
}

const { cases, usedComponentExamples } = collectExamples();

// --------------------------------------------------------------------------- tests

describe("operations", () => {
  const expected: Record<string, [method: string, route: string, tag: string, scope: string]> = {
    createAgent: ["post", "/voice-ai/agents", "Agents", "voice-ai-agents.write"],
    listAgents: ["get", "/voice-ai/agents", "Agents", "voice-ai-agents.readonly"],
    getAgent: ["get", "/voice-ai/agents/{agentId}", "Agents", "voice-ai-agents.readonly"],
    patchAgent: ["patch", "/voice-ai/agents/{agentId}", "Agents", "voice-ai-agents.write"],
    deleteAgent: ["delete", "/voice-ai/agents/{agentId}", "Agents", "voice-ai-agents.write"],
    createAction: ["post", "/voice-ai/actions", "Actions", "voice-ai-agent-goals.write"],
    getAction: ["get", "/voice-ai/actions/{actionId}", "Actions", "voice-ai-agent-goals.readonly"],
    updateAction: ["put", "/voice-ai/actions/{actionId}", "Actions", "voice-ai-agent-goals.write"],
    deleteAction: ["delete", "/voice-ai/actions/{actionId}", "Actions", "voice-ai-agent-goals.write"],
    listCallLogs: ["get", "/voice-ai/dashboard/call-logs", "Call Logs", "voice-ai-dashboard.readonly"],
    getCallLog: ["get", "/voice-ai/dashboard/call-logs/{callId}", "Call Logs", "voice-ai-dashboard.readonly"],
  };

  const operations = entriesOf(spec["paths"]).flatMap(([route, item]) =>
    HTTP_METHODS.filter((m) => isObject(item) && isObject(item[m])).map((method) => {
      const op = (item as JsonObject)[method] as JsonObject;
      return { route, method, op, operationId: String(op["operationId"]) };
    }),
  );

  it("has exactly the 11 operations, each at its method and path", () => {
    expect(operations.map((o) => o.operationId).sort()).toEqual(Object.keys(expected).sort());
    for (const { operationId, method, route } of operations) {
      expect([method, route], operationId).toEqual(expected[operationId]!.slice(0, 2));
    }
  });

  it("gives each operation one tag out of Agents, Actions and Call Logs", () => {
    const declared = (Array.isArray(spec["tags"]) ? spec["tags"] : []).map((t) =>
      isObject(t) ? t["name"] : t,
    );
    expect(declared).toEqual(["Agents", "Actions", "Call Logs"]);
    for (const { operationId, op } of operations) {
      expect(op["tags"], operationId).toEqual([expected[operationId]![2]]);
    }
  });

  it("requires bearerAuth with exactly one scope, the one the reference lists", () => {
    const schemes = isObject(spec["components"]) ? spec["components"]["securitySchemes"] : undefined;
    expect(isObject(schemes) && schemes["bearerAuth"]).toMatchObject({ type: "http", scheme: "bearer" });
    for (const { operationId, op } of operations) {
      const security = op["security"];
      expect(Array.isArray(security) && security.length, operationId).toBe(1);
      const requirement = (security as Json[])[0];
      expect(Object.keys(isObject(requirement) ? requirement : {}), operationId).toEqual(["bearerAuth"]);
      expect((requirement as JsonObject)["bearerAuth"], operationId).toEqual([expected[operationId]![3]]);
    }
  });
});

describe("examples", () => {
  it("finds examples of every kind, and more than a floor of them", () => {
    const count = (kind: Kind) => cases.filter((c) => c.kind === kind).length;
    // 226 when this was written: 58 media-type, 13 parameter, 6 header and 149 schema examples.
    expect(count("media type")).toBeGreaterThanOrEqual(50);
    expect(count("parameter")).toBeGreaterThanOrEqual(10);
    expect(count("header")).toBeGreaterThanOrEqual(6);
    expect(count("schema")).toBeGreaterThanOrEqual(120);
    expect(cases.length).toBeGreaterThanOrEqual(200);
  });

  it("uses every component example somewhere, so none goes unchecked", () => {
    const components = isObject(spec["components"]) ? spec["components"] : {};
    const defined = entriesOf(components["examples"]).map(([name]) => `#/components/examples/${name}`);
    expect(defined.length).toBeGreaterThan(0);
    expect(defined.filter((ref) => !usedComponentExamples.has(ref))).toEqual([]);
  });

  it.each(cases.map((c) => [c.where, c] as const))("%s is valid", (_where, c) => {
    expect(problems(c.schema, c.value)).toEqual([]);
  });
});

describe("schema defaults", () => {
  const defaults: { where: string; schema: JsonObject; value: Json }[] = [];
  for (const { schema, where } of rawSchemas())
    walkSchema(schema, where, (node, at) => {
      if ("default" in node)
        defaults.push({ where: `${at}/default`, schema: node, value: node["default"] ?? null });
    });

  it("finds the defaults", () => {
    expect(defaults.length).toBeGreaterThanOrEqual(15);
  });

  it.each(defaults.map((d) => [d.where, d] as const))("%s is valid", (_where, d) => {
    expect(problems(d.schema, d.value)).toEqual([]);
  });
});

describe("the unknown-property check", () => {
  const schemaRef = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });
  const example = (name: string): JsonObject => {
    const found = resolve({ $ref: `#/components/examples/${name}` });
    if (!isObject(found) || !isObject(found["value"])) throw new Error(name);
    return clone(found["value"]);
  };

  it("rejects an unknown property beside the known ones of a oneOf member", () => {
    // The reference's own action examples carry `_id`; beside a valid `id` only the strict check sees it.
    const sms = { ...example("ActionSms"), _id: "507f1f77bcf86cd799439011" };
    expect(problems(schemaRef("Action"), sms, { strictObjects: false })).toEqual([]);
    expect(problems(schemaRef("Action"), sms).join("\n")).toMatch(/unevaluated properties/);
  });

  it("rejects an unknown property inside actionParameters", () => {
    const sms = example("ActionSms");
    (sms["actionParameters"] as JsonObject)["calendarId"] = "507f1f77bcf86cd799439011";
    expect(problems(schemaRef("Action"), sms, { strictObjects: false })).toEqual([]);
    expect(problems(schemaRef("Action"), sms).join("\n")).toMatch(/\/actionParameters .*unevaluated/);
  });

  it("rejects the reference's call-log extras (responsePathsToExtract, translatedTranscript)", () => {
    const log = example("CallLog");
    const actions = log["executedCallActions"] as JsonObject[];
    const custom = actions.find((a) => a["actionType"] === "CUSTOM_ACTION")!;
    (custom["actionParameters"] as JsonObject)["responsePathsToExtract"] = ["data.orderId", "status"];
    log["translation"] = { translatedTranscript: "Translated version of the call transcript" };
    expect(problems(schemaRef("CallLog"), log, { strictObjects: false })).toEqual([]);
    const found = problems(schemaRef("CallLog"), log).join("\n");
    expect(found).toMatch(/\/executedCallActions\/\d+\/actionParameters .*responsePathsToExtract/);
    expect(found).toMatch(/\/translation .*translatedTranscript/);
  });

  it("rejects an unknown property on an allOf composition, yet accepts its valid example", () => {
    const agent = example("AgentWithActions");
    expect(problems(schemaRef("AgentWithActions"), agent)).toEqual([]);
    expect(problems(schemaRef("AgentWithActions"), { ...agent, agentId: "x" }).join("\n")).toMatch(
      /unevaluated properties/,
    );
  });

  it("leaves the spec's if/then rules working", () => {
    // A GET custom action needs selectedPaths; a strict `if` would never match and hide that.
    const custom = example("ActionCustom");
    delete (custom["actionParameters"] as JsonObject)["selectedPaths"];
    expect(problems(schemaRef("Action"), custom, { strictObjects: false }).join("\n")).toMatch(
      /selectedPaths/,
    );
    expect(problems(schemaRef("Action"), custom).join("\n")).toMatch(/selectedPaths/);
    // Translation turned on needs a language.
    const agent = { locationId: "LOC123456789ABCDEF", translation: { enabled: true } };
    expect(problems(schemaRef("CreateAgentRequest"), agent).join("\n")).toMatch(/language/);
  });

  it("puts the check on the outermost schema only: on every member it would reject valid data", () => {
    const naive = (schema: Json): Json => {
      if (!isObject(schema)) return schema;
      const out = mapSubschemas(schema, naive);
      if (isObject(out["properties"])) out["unevaluatedProperties"] = false;
      return out;
    };
    const validate = ajv.compile(naive(derefSchema(schemaRef("AgentWithActions"))) as object);
    expect(validate(example("AgentWithActions"))).toBe(false);
  });
});

describe("webhooks", () => {
  const schemas = (isObject(spec["components"]) ? spec["components"]["schemas"] : {}) as JsonObject;
  const schema = (name: string): JsonObject => schemas[name] as JsonObject;
  const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });
  const callEnd = (): JsonObject => clone(schema("VoiceAiCallEnd")["example"] as JsonObject);
  const webhook = (): JsonObject => {
    const hooks = isObject(spec["webhooks"]) ? spec["webhooks"] : {};
    return (hooks["VoiceAiCallEnd"] as JsonObject)["post"] as JsonObject;
  };

  it("posts VoiceAiCallEnd with its schema, signed, for apps with voice-ai-dashboard.readonly", () => {
    expect(Object.keys(isObject(spec["webhooks"]) ? spec["webhooks"] : {})).toEqual(["VoiceAiCallEnd"]);
    const op = webhook();
    expect(op["x-scopes"]).toEqual(["voice-ai-dashboard.readonly"]);
    const media = ((op["requestBody"] as JsonObject)["content"] as JsonObject)["application/json"];
    expect((media as JsonObject)["schema"]).toEqual(ref("VoiceAiCallEnd"));
    // Signed by HighLevel, not called with the API's bearer token.
    expect(op["security"]).toEqual([]);
    const signature = (op["parameters"] as JsonObject[]).find((p) => p["name"] === "x-ghl-signature");
    expect(signature).toMatchObject({ in: "header", required: true });
  });

  it("lists every documented field with its type, none required, and no other", () => {
    const documented: Record<string, string> = {
      id: "string",
      locationId: "string",
      agentId: "string",
      contactId: "string",
      fromNumber: "string",
      createdAt: "string",
      duration: "number",
      summary: "string",
      transcript: "string",
      translation: "object",
      extractedData: "object",
      messageId: "string",
      trialCall: "boolean",
      executedCallActions: "array",
      // Not in the published schema; other HighLevel webhook bodies carry it.
      type: "string",
    };
    const s = schema("VoiceAiCallEnd");
    expect(s["required"]).toBeUndefined();
    const properties = s["properties"] as JsonObject;
    expect(Object.keys(properties).sort()).toEqual(Object.keys(documented).sort());
    for (const [name, type] of Object.entries(documented))
      expect((resolve(properties[name]) as JsonObject)["type"], name).toBe(type);
    expect(schema("CallEndTranslation")["properties"]).toMatchObject({
      transcript: { type: "string" },
      language: { type: "string" },
    });
  });

  it("narrows executed actions by actionType onto the parameter schemas of the actions, with `_id`", () => {
    const union = schema("CallEndExecutedAction");
    const mapping = (union["discriminator"] as JsonObject)["mapping"] as JsonObject;
    expect(Object.keys(mapping).sort()).toEqual([...(schema("ActionType")["enum"] as string[])].sort());
    const actionMapping = (schema("Action")["discriminator"] as JsonObject)["mapping"] as JsonObject;
    for (const [type, target] of Object.entries(mapping)) {
      const member = resolve({ $ref: target as string }) as JsonObject;
      const [fields, own] = member["allOf"] as JsonObject[];
      expect(fields).toEqual(ref("CallEndExecutedActionFields"));
      expect(own!["required"], type).toEqual(["actionType"]);
      const ownProps = own!["properties"] as JsonObject;
      expect((ownProps["actionType"] as JsonObject)["const"]).toBe(type);
      // The same parameters as the stored action of that type.
      const action = resolve({ $ref: actionMapping[type] as string }) as JsonObject;
      const config = resolve((action["allOf"] as Json[])[1]) as JsonObject;
      expect(ownProps["actionParameters"], type).toEqual(
        (config["properties"] as JsonObject)["actionParameters"],
      );
    }
    const fields = schema("CallEndExecutedActionFields");
    expect(fields["required"]).toEqual(["actionName"]);
    expect(Object.keys(fields["properties"] as JsonObject).sort()).toEqual(
      ["_id", "actionName", "description", "executedAt", "triggerReceivedAt"].sort(),
    );
  });

  it("accepts fields beyond the documented ones, and refuses wrong types and unknown action types", () => {
    const body = callEnd();
    expect(problems(ref("VoiceAiCallEnd"), body)).toEqual([]);
    const extra: JsonObject = { ...callEnd(), recordingUrl: "https://x.example/r.mp3" };
    (extra.executedCallActions as JsonObject[])[0]!["newField"] = true;
    expect(problems(ref("VoiceAiCallEnd"), extra, { strictObjects: false })).toEqual([]);
    expect(problems(ref("VoiceAiCallEnd"), { ...body, type: "VoiceAiCallEnd" })).toEqual([]);
    expect(
      problems(ref("VoiceAiCallEnd"), { ...body, duration: "180" }, { strictObjects: false }),
    ).not.toEqual([]);
    const unknownType = callEnd();
    (unknownType.executedCallActions as JsonObject[])[0]!["actionType"] = "EMAIL";
    expect(problems(ref("VoiceAiCallEnd"), unknownType, { strictObjects: false })).not.toEqual([]);
  });
});
