/**
 * What a user sees on hover: the TypeScript language service's quick info of the client's
 * methods, as an editor shows it. Hovers must be short and speak in the spec's names
 * (`AgentWithActions`, `Action`, `CallLog`), not in expanded object literals.
 */
import path from "node:path";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
const FIXTURE = path.join(root, "test", "hover-fixture.ts");
const SOURCE = `import { createVoiceAIClient, type VoiceAIClient } from "../src/index.js";
import { createWebhookHandler, type VoiceAiCallEndEvent } from "../src/webhooks/index.js";

const voiceAI = createVoiceAIClient({ token: "t", locationId: "LOC123" });
const noDefault = createVoiceAIClient({ token: "t" });
class Service {
  constructor(private readonly client: VoiceAIClient) {}
  run() {
    return this.client.agents.get({ agentId: "a" });
  }
}
void voiceAI.agents.get({ agentId: "a" });
void voiceAI.actions.get({ actionId: "x" });
void voiceAI.callLogs.listAll({ callType: "LIVE" });
void noDefault.agents.get({ agentId: "a", locationId: "L" });
const agent = await voiceAI.agents.get({ agentId: "a" });
const action = await voiceAI.actions.get({ actionId: "x" });
void agent.actions;
if (action.actionType === "SMS") void action.actionParameters;
void Service;
declare const callEnd: VoiceAiCallEndEvent;
void callEnd.executedCallActions;
void createWebhookHandler({
  publicKey: "k",
  onCallEnd(event) {
    const first = event.executedCallActions?.[0];
    if (first?.actionType === "SMS") void first.actionParameters;
  },
});
`;

let service: ts.LanguageService;

/** The quick info at the `occurrence`-th match of `marker` (its last character). */
function hover(marker: string, occurrence = 0): string {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = SOURCE.indexOf(marker, at + 1);
  if (at < 0) throw new Error(`marker ${marker} not found`);
  const info = service.getQuickInfoAtPosition(FIXTURE, at + marker.length - 1);
  return ts.displayPartsToString(info?.displayParts ?? []);
}

function documentation(marker: string): string {
  const at = SOURCE.indexOf(marker);
  const info = service.getQuickInfoAtPosition(FIXTURE, at + marker.length - 1);
  return ts.displayPartsToString(info?.documentation ?? []);
}

beforeAll(() => {
  const config = ts.readConfigFile(path.join(root, "tsconfig.json"), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  const host: ts.LanguageServiceHost = {
    getCompilationSettings: () => options,
    getScriptFileNames: () => [FIXTURE],
    getScriptVersion: () => "1",
    getScriptSnapshot: (file) => {
      const text = file === FIXTURE ? SOURCE : ts.sys.readFile(file);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => root,
    getDefaultLibFileName: ts.getDefaultLibFilePath,
    fileExists: (file) => file === FIXTURE || ts.sys.fileExists(file),
    readFile: (file) => (file === FIXTURE ? SOURCE : ts.sys.readFile(file)),
  };
  service = ts.createLanguageService(host, ts.createDocumentRegistry());
  const errors = service.getSemanticDiagnostics(FIXTURE);
  expect(errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"))).toEqual([]);
}, 60_000);

describe("hovers", () => {
  const cases = [
    [
      "agents.get",
      "voiceAI.agents.get",
      /^\(method\) AgentsMethods<true>\.get\(params: AgentsGetParams, options\?: CallOptions\): APIPromise<AgentWithActions>$/,
    ],
    [
      "actions.get",
      "voiceAI.actions.get",
      /^\(method\) ActionsMethods<true>\.get\(params: ActionsGetParams, options\?: CallOptions\): APIPromise<Action>$/,
    ],
    [
      "callLogs.listAll",
      "voiceAI.callLogs.listAll",
      /^\(method\) CallLogsMethods<true>\.listAll\(params: void \| CallLogsListAllParams, options\?: CallOptions\): AsyncIterableIterator<CallLog>$/,
    ],
  ] as const;

  it.each(cases)("%s is short and named", (_name, marker, expected) => {
    const text = hover(marker);
    console.log(`hover ${marker}: ${text} (${text.length} chars)`);
    expect(text.length).toBeLessThan(300);
    expect(text).toMatch(expected);
    // No expanded object literal anywhere in it.
    expect(text).not.toMatch(/[{}]/);
  });

  it("shows the operation's summary and description", () => {
    expect(documentation("voiceAI.agents.get")).toMatch(
      /^Get an agent\n\nReturns the full configuration of one agent/,
    );
    expect(documentation("voiceAI.callLogs.listAll")).toMatch(/^List call logs: every item of every page/);
  });

  it("names the location requirement of a client without a default", () => {
    const text = hover("noDefault.agents.get");
    console.log(`hover noDefault.agents.get: ${text} (${text.length} chars)`);
    expect(text).toBe(
      "(method) AgentsMethods<false>.get(params: AgentsGetParams & RequiredLocation, options?: CallOptions): APIPromise<AgentWithActions>",
    );
  });

  it("names the types of properties too", () => {
    expect(hover("agent.actions")).toBe("(property) AgentWithActions.actions: Action[]");
    expect(hover("action.actionParameters")).toBe(
      "(property) SmsAction.actionParameters: SmsActionParameters",
    );
    expect(hover("const agent")).toBe("const agent: AgentWithActions");
  });

  it("names the VoiceAiCallEnd webhook's types, generated from the spec", () => {
    const shown = {
      type: hover("VoiceAiCallEndEvent;"),
      actions: hover("callEnd.executedCallActions"),
      event: hover("onCallEnd(event"),
      parameters: hover("first.actionParameters"),
    };
    for (const [what, text] of Object.entries(shown)) console.log(`hover ${what}: ${text}`);
    // An import of the webhooks entry: the alias of the generated interface.
    expect(shown.type).toMatch(/^\(alias\) interface VoiceAiCallEndEvent\b/);
    expect(documentation("VoiceAiCallEndEvent;")).toMatch(/^The body of the `VoiceAiCallEnd` app webhook/);
    expect(shown.actions).toBe(
      "(property) VoiceAiCallEndEvent.executedCallActions?: CallEndExecutedAction[] | undefined",
    );
    expect(shown.event).toBe("(parameter) event: CallEndEvent");
    expect(shown.parameters).toBe(
      "(property) CallEndSmsAction.actionParameters?: SmsActionParameters | undefined",
    );
  });

  it("gives a VoiceAIClient field the methods of either kind of client", () => {
    const text = hover("this.client.agents.get");
    expect(text).toBe(
      "(method) AgentsMethods<boolean>.get(params: AgentsGetParams, options?: CallOptions): APIPromise<AgentWithActions>",
    );
  });
});
