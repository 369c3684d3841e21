/**
 * Runs API Extractor on the built declarations of every entry point and returns one API report
 * (`<name>.api.md`) per entry point. One TypeScript program serves all entry points, so adding
 * one costs its own analysis only.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import {
  CompilerState,
  Extractor,
  ExtractorConfig,
  ExtractorLogLevel,
  type ExtractorMessage,
  type IConfigFile,
} from "@microsoft/api-extractor";
import ts from "typescript";
import type { EntryPoint } from "./entries.js";

export interface Report {
  entry: EntryPoint;
  text: string;
}

const compilerOptions = {
  target: "ES2022",
  module: "NodeNext",
  moduleResolution: "NodeNext",
  lib: ["ES2022", "DOM"],
  types: [],
  strict: true,
  skipLibCheck: true,
};

function configFor(packageDir: string, entry: EntryPoint, all: EntryPoint[], outDir: string): IConfigFile {
  return {
    projectFolder: packageDir,
    mainEntryPointFilePath: entry.declarations,
    compiler: {
      overrideTsconfig: { compilerOptions, files: all.map((e) => e.declarations) },
    },
    apiReport: {
      enabled: true,
      reportFileName: `${entry.name}.api.md`,
      reportFolder: outDir,
      reportTempFolder: outDir,
      // Internal types a public one is built from (the client's method table, its helpers)
      // shape what consumers see: their declarations belong in the report too.
      includeForgottenExports: true,
    },
    newlineKind: "lf",
    docModel: { enabled: false },
    dtsRollup: { enabled: false },
    tsdocMetadata: { enabled: false },
    messages: {
      compilerMessageReporting: { default: { logLevel: ExtractorLogLevel.Error } },
      // Style advice (release tags, missing docs, TSDoc syntax) is not what this check is for.
      extractorMessageReporting: { default: { logLevel: ExtractorLogLevel.None, addToApiReportFile: false } },
      tsdocMessageReporting: { default: { logLevel: ExtractorLogLevel.None, addToApiReportFile: false } },
    },
  };
}

/**
 * API Extractor crashes ("Unable to follow symbol") on declarations that do not parse; say
 * where they fail instead.
 */
function syntaxErrors(compilerState: CompilerState, packageDir: string): void {
  const program = compilerState.program as ts.Program;
  const problems = program.getSyntacticDiagnostics().map((d) => {
    const text = ts.flattenDiagnosticMessageText(d.messageText, "\n");
    if (!d.file || d.start === undefined) return text;
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    return `${path.relative(packageDir, d.file.fileName)}:${line + 1}:${character + 1}: ${text}`;
  });
  if (problems.length > 0) throw new Error(`declarations that do not parse:\n${problems.join("\n")}`);
}

/** Reports for `entries`, read from declarations already built. Throws on any analysis error. */
export async function extractReports(packageDir: string, entries: EntryPoint[]): Promise<Report[]> {
  const outDir = await mkdtemp(path.join(os.tmpdir(), "api-report-"));
  try {
    const configs = entries.map((entry) =>
      ExtractorConfig.prepare({
        configObject: configFor(packageDir, entry, entries, outDir),
        configObjectFullPath: path.join(packageDir, "api-extractor.json"),
        packageJsonFullPath: path.join(packageDir, "package.json"),
      }),
    );
    const errors: string[] = [];
    const compilerState = CompilerState.create(configs[0]!, {
      additionalEntryPoints: entries.map((e) => e.declarations),
    });
    syntaxErrors(compilerState, packageDir);
    const reports: Report[] = [];
    for (const [index, config] of configs.entries()) {
      const entry = entries[index]!;
      const failed = (detail: string) =>
        new Error(
          `API Extractor failed on ${entry.subpath}:\n${[...errors, detail].filter(Boolean).join("\n")}`,
        );
      let succeeded: boolean;
      try {
        succeeded = Extractor.invoke(config, {
          localBuild: true,
          compilerState,
          messageCallback: (message: ExtractorMessage) => {
            if (message.logLevel === ExtractorLogLevel.Error)
              errors.push(message.formatMessageWithLocation(packageDir));
            // Progress and "please add this file to Git" notices: the caller says what happened.
            message.handled = true;
          },
        }).succeeded;
      } catch (error) {
        // Declarations it cannot parse make API Extractor throw rather than report.
        throw failed(error instanceof Error ? error.message : String(error));
      }
      if (!succeeded || errors.length > 0) throw failed("");
      reports.push({ entry, text: await readFile(path.join(outDir, `${entry.name}.api.md`), "utf8") });
    }
    return reports;
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}
