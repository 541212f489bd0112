// Drives the real workos-lsp binary with Microsoft's protocol libraries (the ones vscode-languageclient
// is built on), the way VS Code does: VS Code's capabilities, the extension's settings as
// initializationOptions, work-done progress, pull configuration, showDocument.
import * as assert from "node:assert/strict";
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import { pathToFileURL } from "node:url";
import {
  CompletionRequest,
  CompletionTriggerKind,
  ConfigurationRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExecuteCommandRequest,
  ExitNotification,
  HoverRequest,
  InitializeRequest,
  InitializedNotification,
  LogMessageNotification,
  ShowDocumentRequest,
  ShowMessageNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  WorkDoneProgress,
  WorkDoneProgressCreateRequest,
  createProtocolConnection,
  type CompletionItem,
  type InitializeResult,
  type ProtocolConnection,
  type ShowDocumentParams,
  type WorkDoneProgressBegin,
  type WorkDoneProgressEnd,
  type WorkDoneProgressReport,
} from "vscode-languageserver-protocol/node";
import { docsUrlFromHover, hoverText } from "../../src/docsUrl";
import { parseHits } from "../../src/hits";
import { fixtureDocs, fixtures, serverBinary, tempCache } from "./server";
import { vscodeCapabilities } from "./vscodeCapabilities";

const DOCS_DEADLINE_MS = 60_000;
const CREATE_USER_URL = "https://workos.com/docs/reference/authkit/user/create";

/** Settings exactly as the extension maps them (src/settings.ts). */
const settings = { docsPath: fixtureDocs, docsVersion: "", offline: true, languages: [] as string[] };

type ProgressValue = WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd;

describe("workos-lsp driven like VS Code", () => {
  let proc: ChildProcessWithoutNullStreams;
  let conn: ProtocolConnection;
  let init: InitializeResult;
  let stderr = "";
  const progress: { token: string | number; value: ProgressValue }[] = [];
  const shown: ShowDocumentParams[] = [];
  const messages: string[] = [];
  let configurationAnswer: unknown = { workos: settings };
  let docsLoaded: Promise<string>;
  /** The docs are in use: a hover on createUser answers (a real request, polled up to a deadline). */
  let ready: Promise<void>;

  const uri = pathToFileURL(path.join(fixtures, "signup.ts")).href;
  const text = fs.readFileSync(path.join(fixtures, "signup.ts"), "utf8");
  const lines = text.split("\n");
  const callLine = lines.findIndex((l) => l.includes("createUser("));
  const callChar = (lines[callLine] ?? "").indexOf("createUser") + 3;

  before(async () => {
    const bin = serverBinary();
    proc = spawn(bin, ["serve"], { env: { ...process.env, WORKOS_LSP_CACHE: tempCache() }, stdio: "pipe" });
    proc.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    conn = createProtocolConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));

    // What vscode-languageclient answers and listens to.
    let resolveLoaded: (v: string) => void = () => undefined;
    let rejectLoaded: (e: Error) => void = () => undefined;
    docsLoaded = new Promise<string>((resolve, reject) => {
      resolveLoaded = resolve;
      rejectLoaded = reject;
    });
    conn.onRequest(WorkDoneProgressCreateRequest.type, (p) => {
      conn.onProgress(WorkDoneProgress.type, p.token, (value) => {
        progress.push({ token: p.token, value });
        if (value.kind === "end") {
          if (value.message?.startsWith("WorkOS docs")) {
            resolveLoaded(value.message);
          } else if (value.message === "failed") {
            rejectLoaded(new Error(`loading the docs failed: ${messages.join("; ")} ${stderr}`));
          }
        }
      });
      return null;
    });
    conn.onRequest(ConfigurationRequest.type, (p) => p.items.map((i) => (i.section === "workos" ? (configurationAnswer as { workos: unknown }).workos : null)));
    conn.onRequest(ShowDocumentRequest.type, (p) => {
      shown.push(p);
      return { success: true };
    });
    conn.onNotification(ShowMessageNotification.type, (p) => messages.push(p.message));
    conn.onNotification(LogMessageNotification.type, (p) => messages.push(p.message));
    conn.listen();

    init = await conn.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      clientInfo: { name: "Visual Studio Code", version: "1.95.0" },
      locale: "en",
      rootUri: pathToFileURL(fixtures).href,
      rootPath: fixtures,
      workspaceFolders: [{ uri: pathToFileURL(fixtures).href, name: "fixtures" }],
      capabilities: vscodeCapabilities,
      initializationOptions: { workos: settings },
      trace: "off",
    });
    await conn.sendNotification(InitializedNotification.type, {});
    await conn.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: "typescript", version: 1, text },
    });
    docsLoaded.catch(() => undefined); // checked by its own test
    ready = pollUntil(
      async () => {
        const hover = await conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: callLine, character: callChar } });
        // While loading, the server says so in the hover: that is not the docs yet.
        return hover !== null && !JSON.stringify(hover.contents).includes("still loading");
      },
      DOCS_DEADLINE_MS,
    ).then((ok) => {
      if (!ok) {
        throw new Error(`the docs did not load within ${DOCS_DEADLINE_MS} ms: ${messages.join("; ")} ${stderr}`);
      }
    });
    ready.catch(() => undefined); // each test awaits it
  });

  after(async () => {
    if (!conn) {
      return;
    }
    const exited = new Promise<number | null>((resolve) => proc.once("exit", (code) => resolve(code)));
    await conn.sendRequest(ShutdownRequest.type);
    await conn.sendNotification(ExitNotification.type);
    const code = await Promise.race([exited, new Promise<"timeout">((r) => setTimeout(() => r("timeout"), 10_000).unref())]);
    conn.dispose();
    if (code === "timeout") {
      proc.kill();
    }
    assert.equal(code, 0, `server exit code (stderr: ${stderr})`);
  });

  it("answers initialize with the features the extension relies on", () => {
    const caps = init.capabilities;
    assert.equal(init.serverInfo?.name, "workos-lsp");
    assert.ok(caps.hoverProvider);
    assert.ok(caps.completionProvider?.triggerCharacters?.includes("."));
    assert.ok(caps.definitionProvider);
    assert.ok(caps.documentLinkProvider);
    assert.ok(caps.workspaceSymbolProvider);
    assert.deepEqual([...(caps.executeCommandProvider?.commands ?? [])].sort(), ["workos.docsStatus", "workos.openDocs", "workos.search"]);
    assert.equal(caps.positionEncoding ?? "utf-16", "utf-16");
  });

  it("reports loading the docs with work-done progress", async () => {
    await ready;
    const end = await withDeadline(docsLoaded, 10_000, "the $/progress end of the docs load");
    assert.match(end, /^WorkOS docs \S+/);
    // The docs load's own progress, picked by its title: the search index and the workspace scan
    // report under tokens of their own, and their begin may arrive first.
    const begin = progress.find((p) => p.value.kind === "begin" && p.value.title === "WorkOS docs");
    assert.ok(begin, "no begin of the docs load");
    const load = progress.filter((p) => p.token === begin.token);
    const kinds = load.map((p) => p.value.kind);
    assert.equal(kinds[0], "begin");
    assert.equal(kinds.at(-1), "end");
  });

  it("hovers createUser with Markdown and the docs URL", async () => {
    await ready;
    const hover = await conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: callLine, character: callChar } });
    assert.ok(hover, "no hover");
    const h = hover;
    assert.equal((h.contents as { kind: string }).kind, "markdown");
    const md = hoverText(h.contents);
    assert.match(md, /createUser/);
    assert.ok(md.includes(CREATE_USER_URL), md);
    assert.equal(docsUrlFromHover(md), CREATE_USER_URL);
  });

  it("completes createUser after workos.userManagement.", async () => {
    await ready;
    const line = lines.length; // append a line at the end
    const typed = "workos.userManagement.";
    await conn.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: typed }],
    });
    const res = await conn.sendRequest(CompletionRequest.type, {
      textDocument: { uri },
      position: { line, character: typed.length },
      context: { triggerKind: CompletionTriggerKind.TriggerCharacter, triggerCharacter: "." },
    });
    const items: CompletionItem[] = Array.isArray(res) ? res : ((res)?.items ?? []);
    const labels = items.map((i) => i.label);
    assert.ok(labels.some((l) => l.startsWith("createUser")), `completion labels: ${labels.join(", ")}`);
  });

  it("runs workos.search with the extension's arguments", async () => {
    await ready;
    const res: unknown = await conn.sendRequest(ExecuteCommandRequest.type, { command: "workos.search", arguments: ["create user", "", 50] });
    const hits = parseHits(res);
    assert.ok(hits.length > 0, JSON.stringify(res));
    assert.ok(hits.some((h) => h.url === CREATE_USER_URL || h.url.startsWith(CREATE_USER_URL + "#")), JSON.stringify(hits, null, 1));
    for (const h of hits) {
      assert.ok(h.url.startsWith("https://workos.com/docs"), h.url);
      assert.equal(typeof h.kind, "string");
    }
    const events = parseHits(await conn.sendRequest(ExecuteCommandRequest.type, { command: "workos.search", arguments: ["dsync.user.created"] }));
    assert.ok(events.some((h) => h.kind === "event"), JSON.stringify(events));
  });

  it("runs workos.openDocs and asks VS Code to show the page externally", async () => {
    await ready;
    const url: unknown = await conn.sendRequest(ExecuteCommandRequest.type, { command: "workos.openDocs", arguments: ["userManagement.createUser()"] });
    assert.equal(url, CREATE_USER_URL);
    assert.deepEqual(shown.at(-1), { uri: CREATE_USER_URL, external: true });
  });

  it("applies didChangeConfiguration without a restart (push and pull)", async () => {
    await ready;
    const hoverAt = () => conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: callLine, character: callChar } });
    // Push: only Go enabled → no docs for TypeScript.
    await conn.sendNotification(DidChangeConfigurationNotification.type, { settings: { workos: { ...settings, languages: ["go"] } } });
    assert.equal(await hoverAt(), null);
    await conn.sendNotification(DidChangeConfigurationNotification.type, { settings: { workos: settings } });
    assert.ok(await hoverAt());
    // Pull: null settings make the server ask workspace/configuration for "workos".
    configurationAnswer = { workos: { ...settings, languages: ["python"] } };
    await conn.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    assert.equal(await pollUntil(async () => (await hoverAt()) === null, 10_000), true, "pulled settings were not applied");
    configurationAnswer = { workos: settings };
    await conn.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    assert.equal(await pollUntil(async () => (await hoverAt()) !== null, 10_000), true);
  });
});

function withDeadline<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([p, deadline]).finally(() => clearTimeout(timer));
}

/** Repeats a real check (a request to the server) until it holds or the deadline passes. */
async function pollUntil(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) {
      return true;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}
