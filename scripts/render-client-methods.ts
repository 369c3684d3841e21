/**
 * Renders generated/client-methods.ts (types only): per operation a named interface of its
 * parameters, per group an interface of its methods (`AgentsMethods<D>`, ...), and
 * `VoiceAIMethods<D>` holding the groups. Each method carries the operation's summary and
 * description as JSDoc, so a hover shows what it does; bodies and results are the named models
 * of generated/models.ts (the spec's own types for a schema without `x-sdk-name`). `D` says whether the client has a default `locationId` (see
 * `VoiceAIClient` in src/client/voice-ai-client.ts).
 */
import type { OperationEntry, QueryParamEntry } from "./operation-table.js";
import { jsDoc, modelName, type ModelNames } from "./render-models.js";
import {
  asArray,
  camelCase,
  isObject,
  schemaRefName,
  type JsonObject,
  type OpenAPIDocument,
} from "./spec-json.js";

const upperFirst = (s: string) => s[0]!.toUpperCase() + s.slice(1);
const PAGE_PARAMS = new Set(["page", "pageSize"]);

export function renderClientMethods(
  doc: OpenAPIDocument,
  table: OperationEntry[],
  names: ModelNames,
): string {
  const used = new Set<string>();
  const model = (key: string, usedBy: string) => {
    const name = modelName(names, key, usedBy);
    used.add(name);
    return name;
  };
  const schemas: JsonObject =
    isObject(doc.components) && isObject(doc.components["schemas"]) ? doc.components["schemas"] : {};

  /** The named model of a schema, or (for a schema without `x-sdk-name`) the spec's type. */
  const named = (key: string | undefined, fallback: string) =>
    key && names.byKey.has(key) ? model(key, key) : fallback;
  const op = (e: OperationEntry) => `operations[${JSON.stringify(e.operationId)}]`;
  /** One property of a params interface, with the parameter's description. */
  const queryProp = (e: OperationEntry, q: QueryParamEntry) => {
    const fallback = `NonNullable<${op(e)}["parameters"]["query"]>[${JSON.stringify(q.name)}]`;
    const items = named(q.itemsRef, "");
    const type = named(q.schemaRef, items ? `${items}[]` : fallback);
    const isLocation = q.name === "locationId";
    const description = q.description + (isLocation ? "\nDefault: the client's `locationId`." : "");
    const optional = isLocation || !q.required ? "?" : "";
    return `  ${jsDoc(description, "  ")}${q.name}${optional}: ${type};`;
  };
  const pathProps = (e: OperationEntry) =>
    e.pathParams.map(
      (p) =>
        `  ${jsDoc(p.description, "  ")}${p.name}: ${op(e)}["parameters"]["path"][${JSON.stringify(p.name)}];`,
    );
  const bodyProp = (e: OperationEntry) => {
    if (e.body === "none") return [];
    const type = named(e.bodySchema, `NonNullable<${op(e)}["requestBody"]>["content"]["application/json"]`);
    return [`  /** The request body. */\n  body${e.body === "optional" ? "?" : ""}: ${type};`];
  };

  const paramsOut: string[] = [];
  const groups = new Map<string, string[]>();
  for (const e of table) {
    const base = `${upperFirst(e.group)}${upperFirst(e.name)}`;
    const paramsName = `${base}Params`;
    const where = `\`${e.group}.${e.name}\``;
    const queryLocation = e.query.some((q) => q.name === "locationId" && q.required);
    const bodyLocation = e.bodyLocationId && e.bodyRequired.includes("locationId");
    const alwaysRequired =
      e.pathParams.length > 0 ||
      e.query.some((q) => q.required && q.name !== "locationId") ||
      e.body === "required";
    const paramType = (name: string) =>
      queryLocation
        ? `params: ${alwaysRequired ? "WithLocation" : "OptionalWithLocation"}<${name}, D>`
        : bodyLocation
          ? `params: WithBodyLocation<${name}, D>`
          : `params${alwaysRequired ? "" : "?"}: ${name}`;
    const result = e.noContent ? "undefined" : named(e.resultSchema, `SuccessBody<${op(e)}>`);
    const methodDoc = [e.summary, e.description, e.docsUrl ? `@see ${e.docsUrl}` : ""].filter(Boolean);
    const methods = groups.get(e.group) ?? [];
    groups.set(e.group, methods);

    if (e.pagination) {
      const filtersName = `${upperFirst(e.group).replace(/s$/, "")}Filters`;
      const allName = `${base}AllParams`;
      const filters = e.query.filter((q) => !PAGE_PARAMS.has(q.name));
      const pageSize = e.query.find((q) => q.name === "pageSize")!;
      const page = e.query.find((q) => q.name === "page")!;
      paramsOut.push(
        `${jsDoc(`What the lists of ${where} can be narrowed and sorted by.`)}export interface ${filtersName} {\n${[
          ...pathProps(e),
          ...filters.map((q) => queryProp(e, q)),
        ].join("\n")}\n}`,
        `${jsDoc(`Parameters of \`${e.group}.listAll\` and \`${e.group}.listPages\`: the filters and the page size.`)}export interface ${allName} extends ${filtersName} {\n${queryProp(e, pageSize)}\n}`,
        `${jsDoc(`Parameters of ${where}.`)}export interface ${paramsName} extends ${allName} {\n${queryProp(e, page)}\n}`,
      );
      const item = named(
        pageItemSchema(schemas, e),
        `SuccessBody<${op(e)}>[${JSON.stringify(e.pagination.items)}][number]`,
      );
      methods.push(
        `  ${jsDoc(methodDoc.join("\n\n"), "  ")}${e.name}(${paramType(paramsName)}, options?: CallOptions): APIPromise<${result}>;`,
        `  ${jsDoc(`${e.summary}: every item of every page, each once. Pages are fetched as the loop asks for them.`, "  ")}listAll(${paramType(allName)}, options?: CallOptions): AsyncIterableIterator<${item}>;`,
        `  ${jsDoc(`${e.summary}: page by page, each with \`total\` and its \`items\`. Pages are fetched as the loop asks for them.`, "  ")}listPages(${paramType(allName)}, options?: CallOptions): AsyncIterableIterator<Page<${item}>>;`,
      );
    } else {
      const props = [...pathProps(e), ...e.query.map((q) => queryProp(e, q)), ...bodyProp(e)];
      paramsOut.push(
        `${jsDoc(`Parameters of ${where}.`)}export interface ${paramsName} {${props.length ? `\n${props.join("\n")}\n` : ""}}`,
      );
      methods.push(
        `  ${jsDoc(methodDoc.join("\n\n"), "  ")}${e.name}(${paramType(paramsName)}, options?: CallOptions): APIPromise<${result}>;`,
      );
    }
  }

  const tagDocs = new Map(
    asArray(doc["tags"]).flatMap((t) =>
      isObject(t) && typeof t["name"] === "string"
        ? [[camelCase(t["name"]), typeof t["description"] === "string" ? t["description"].trim() : ""]]
        : [],
    ),
  );
  const groupOut = [...groups].map(
    ([group, methods]) =>
      `${jsDoc(tagDocs.get(group) ?? "")}export interface ${upperFirst(group)}Methods<D extends boolean = boolean> {\n${methods.join("\n")}\n}`,
  );
  const clientOut = `${jsDoc(
    "Every method of the client, by group. `D` says whether the client has a default `locationId`: `true`, `false`, or `boolean` when either is possible.",
  )}export interface VoiceAIMethods<D extends boolean = boolean> {\n${[...groups.keys()]
    .map(
      (g) =>
        `  ${jsDoc(tagDocs.get(g)?.split("\n\n")[0] ?? "", "  ")}readonly ${g}: ${upperFirst(g)}Methods<D>;`,
    )
    .join("\n")}\n}`;

  return [
    `import type { operations } from "./schema.js";`,
    `import type { ${[...used].sort().join(", ")} } from "./models.js";`,
    `import type { APIPromise, CallOptions, OptionalWithLocation, Page, SuccessBody, WithBodyLocation, WithLocation } from "../src/client/call-types.js";`,
    "",
    ...paramsOut.map((p) => p + "\n"),
    ...groupOut.map((g) => g + "\n"),
    clientOut,
    "",
  ].join("\n");
}

/** The schema of the items of a page-based list, when it is a $ref to one. */
function pageItemSchema(schemas: JsonObject, e: OperationEntry): string | undefined {
  const page = schemas[e.resultSchema ?? ""];
  const properties = isObject(page) && isObject(page["properties"]) ? page["properties"] : {};
  const array = properties[e.pagination!.items];
  return schemaRefName(isObject(array) ? array["items"] : undefined);
}
