/**
 * Compiles openapi/voice-ai.yaml into generated/:
 *   schema.ts      the types of every path, operation and schema (openapi-typescript)
 *   operations.ts  the table that drives the client's methods (method, path, where each
 *                  parameter goes and what its values may be, group and method names)
 *   models.ts      named types of the schemas marked `x-sdk-name` (`Agent`, `Action`, ...)
 *   client-methods.ts  the method interfaces of the client, with the operations' docs
 *   validation.ts  the spec's JSON schemas and each operation's parameters, body and
 *                  responses, read by the validators of src/validate/
 *   code-samples.json  one TypeScript sample per operation for the docs (scripts/code-samples.ts)
 *   operation-docs.ts  each operation's summary, description, scopes and parameter descriptions,
 *                  for the command line's help (only src/cli reads it)
 *   webhooks.ts    the spec's webhook events (payload schema, scopes, handler option) and the
 *                  schemas their payloads use, for the `highlevel-voice-ai/webhooks` entry
 *   oauth-schema.ts  the types of openapi/oauth.yaml (the `highlevel-voice-ai/oauth` entry), read
 *                  from the oauth.yaml beside the Voice AI spec
 * All are formatted with prettier, so the output is byte-for-byte deterministic.
 *
 * Usage: tsx scripts/generate.ts [--spec openapi/voice-ai.yaml] [--out generated]
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { pathToFileURL } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";
import { createConfig } from "@redocly/openapi-core";
import * as prettier from "prettier";
import { parse as parseYaml } from "yaml";
import { buildCodeSamples } from "./code-samples.js";
import { buildOperationTable, type OpenAPIDocument } from "./operation-table.js";
import { readApiFacts, renderOperationTable } from "./render-operation-table.js";
import { readModelNames, renderModels } from "./render-models.js";
import { renderClientMethods } from "./render-client-methods.js";
import { renderOperationDocs } from "./render-operation-docs.js";
import { buildValidationTable, renderValidationTable } from "./validation-table.js";
import { buildWebhookTable, renderWebhookTable } from "./webhook-table.js";

const root = path.resolve(import.meta.dirname, "..");

export async function generate(specPath: string, outDir: string): Promise<string[]> {
  const specText = await readFile(specPath, "utf8");
  const spec = parseYaml(specText) as OpenAPIDocument;
  const header = headerFor(specPath);
  const schemaSource = await typesOf(specPath);
  const oauthSource = await typesOf(path.join(path.dirname(specPath), "oauth.yaml"));

  const table = buildOperationTable(spec);
  const operationsSource = header + "\n" + renderOperationTable(table, readApiFacts(spec));
  const validationSource = header + "\n" + renderValidationTable(buildValidationTable(spec));
  const webhooksSource = header + "\n" + renderWebhookTable(buildWebhookTable(spec));
  const codeSamples = JSON.stringify(await buildCodeSamples(spec, table));
  const names = readModelNames(spec);
  const modelsSource = header + "\n" + renderModels(spec, table, names);
  const methodsSource = header + "\n" + renderClientMethods(spec, table, names);
  const docsSource = header + "\n" + renderOperationDocs(spec, table);

  const prettierConfig = (await prettier.resolveConfig(path.join(root, "package.json"))) ?? {};
  await mkdir(outDir, { recursive: true });
  const written: string[] = [];
  for (const [name, source] of [
    ["schema.ts", schemaSource],
    ["operations.ts", operationsSource],
    ["validation.ts", validationSource],
    ["code-samples.json", codeSamples],
    ["webhooks.ts", webhooksSource],
    ["models.ts", modelsSource],
    ["client-methods.ts", methodsSource],
    ["operation-docs.ts", docsSource],
    ["oauth-schema.ts", oauthSource],
  ] as const) {
    const file = path.join(outDir, name);
    const formatted = await prettier.format(source, { ...prettierConfig, filepath: file });
    await writeFile(file, formatted);
    written.push(file);
  }
  return written;
}

function headerFor(specPath: string): string {
  // Named by its folder and file ("openapi/voice-ai.yaml"), so that a copy of the repo's
  // layout elsewhere generates byte-identical files.
  const relSpec = `${path.basename(path.dirname(path.resolve(specPath)))}/${path.basename(specPath)}`;
  return [
    `// Generated from ${relSpec} by scripts/generate.ts. Do not edit by hand:`,
    `// change the spec and run \`npm run generate\`.`,
    "",
  ].join("\n");
}

/** The openapi-typescript types of a spec, under a "do not edit" header. */
async function typesOf(specPath: string): Promise<string> {
  // The spec is linted by `npm run lint:spec` (Redocly CLI) before this runs; here
  // openapi-typescript only needs to parse it, so it gets an empty rule set.
  const ast = await openapiTS(pathToFileURL(path.resolve(specPath)), {
    redocly: await createConfig({ extends: [], rules: {} }),
    silent: true,
    defaultNonNullable: false,
  });
  return headerFor(specPath) + "\n" + astToString(ast);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { values } = parseArgs({
    options: {
      spec: { type: "string", default: path.join(root, "openapi/voice-ai.yaml") },
      out: { type: "string", default: path.join(root, "generated") },
    },
  });
  const files = await generate(values.spec, values.out);
  for (const f of files) console.log(`wrote ${path.relative(process.cwd(), f)}`);
}
