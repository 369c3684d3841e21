/**
 * The entry points whose public API is reported: every subpath of package.json `exports` that
 * has declarations. A new entry point (`./oauth`, `./redis`, ...) gets its report by being
 * listed there; nothing here names one.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";

export interface EntryPoint {
  /** The `exports` key: ".", "./types", "./oauth". */
  subpath: string;
  /** Base name of its report: "index" for ".", otherwise the subpath ("./a/b" → "a-b"). */
  name: string;
  /** Absolute path of the declarations an ESM consumer gets. */
  declarations: string;
}

type Conditions = string | null | { [condition: string]: Conditions };

/**
 * The declaration file an ESM consumer resolves: the first `types` met while walking the
 * conditions in their order through `import`/`node`/`default`; `require`'s only when there is none.
 */
function typesOf(
  target: Conditions,
  conditions = ["types", "import", "node", "default"],
): string | undefined {
  if (target === null || typeof target === "string") return undefined;
  for (const [key, value] of Object.entries(target)) {
    if (!conditions.includes(key)) continue;
    if (key === "types" && typeof value === "string") return value;
    const found = typesOf(value, conditions);
    if (found) return found;
  }
  return conditions.includes("require")
    ? undefined
    : typesOf(target, ["types", "require", "node", "default"]);
}

export function reportName(subpath: string): string {
  if (subpath === ".") return "index";
  const name = subpath.replace(/^\.\//, "").replace(/\//g, "-");
  if (!/^[\w.-]+$/.test(name) || name.startsWith(".")) {
    throw new Error(`exports key ${JSON.stringify(subpath)} cannot name a report file`);
  }
  return name;
}

export async function entryPoints(packageDir: string): Promise<EntryPoint[]> {
  const pkg = JSON.parse(await readFile(path.join(packageDir, "package.json"), "utf8")) as {
    exports?: Record<string, Conditions>;
  };
  if (!pkg.exports || typeof pkg.exports !== "object") throw new Error("package.json has no exports map");
  const entries: EntryPoint[] = [];
  for (const [subpath, target] of Object.entries(pkg.exports)) {
    const types = typesOf(target);
    if (!types) continue; // ./package.json and other files without declarations
    entries.push({ subpath, name: reportName(subpath), declarations: path.resolve(packageDir, types) });
  }
  if (entries.length === 0) throw new Error("package.json exports lists no entry point with declarations");
  return entries;
}
