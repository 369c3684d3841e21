/** The examples of openapi/voice-ai.yaml, resolved: request bodies and response bodies per operation. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";

type Node = Record<string, unknown>;
export const spec = parse(
  readFileSync(path.resolve(import.meta.dirname, "../../openapi/voice-ai.yaml"), "utf8"),
) as Node;

function resolve(node: unknown): Node {
  let current = node as Node;
  while (typeof current?.$ref === "string") {
    current = (current.$ref as string)
      .slice(2)
      .split("/")
      .reduce<unknown>((acc, key) => (acc as Node)[key], spec) as Node;
  }
  return current;
}

export interface SpecExample {
  operationId: string;
  /** "request" or the response status. */
  where: string;
  name: string;
  value: unknown;
}

/** Every example of a JSON request or response body, named by operation, place and example name. */
export function specExamples(): SpecExample[] {
  const out: SpecExample[] = [];
  const collect = (operationId: string, where: string, content: unknown) => {
    const json = resolve(content as Node)?.["application/json"] as Node | undefined;
    if (!json) return;
    if (json.example !== undefined) out.push({ operationId, where, name: "example", value: json.example });
    for (const [name, example] of Object.entries((json.examples as Node) ?? {}))
      out.push({ operationId, where, name, value: resolve(example).value });
  };
  for (const item of Object.values(spec.paths as Node)) {
    for (const op of Object.values(item as Node)) {
      const { operationId, requestBody, responses } = op as Node;
      if (typeof operationId !== "string") continue;
      if (requestBody) collect(operationId, "request", resolve(requestBody).content);
      for (const [status, response] of Object.entries(responses as Node))
        collect(operationId, status, resolve(response).content);
    }
  }
  return out;
}
