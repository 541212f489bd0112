// The WorkOS Docs extension: starts workos-lsp with vscode-languageclient for the languages the WorkOS
// SDKs exist in, keeps its settings in sync, and adds the Search / Open Docs / Update / Restart commands
// and a status bar item.
import { spawn } from "node:child_process";
import * as vscode from "vscode";
import {
  DefinitionRequest,
  DidChangeConfigurationNotification,
  DocumentLinkRequest,
  ExecuteCommandRequest,
  HoverRequest,
  LanguageClient,
  State,
  WorkspaceSymbolRequest,
  type LanguageClientOptions,
  type ServerOptions,
  type SymbolInformation,
  type WorkspaceSymbol,
} from "vscode-languageclient/node";
import { docsUrlFromHover, hoverText } from "./docsUrl";
import { notLoadedOf, notLoadedText, UPDATE_DOCS, type NotLoaded } from "./notLoaded";
import { SEARCH_LIMIT, parseHits, showSearch, type SearchHit } from "./search";
import { ensureExecutable, parseVersionOutput, resolveServerPath, type ServerLocation } from "./serverPath";
import { changeEffect, configurationAnswer, readServerSettings, settingsPayload } from "./settings";
import { StatusBar } from "./status";

/** VS Code language ids of the SDK languages. */
export const LANGUAGE_IDS = [
  "javascript",
  "typescript",
  "javascriptreact",
  "typescriptreact",
  "go",
  "python",
  "ruby",
  "php",
  "java",
  "csharp",
] as const;

export const DOCUMENT_SELECTOR = LANGUAGE_IDS.flatMap((language) => [
  { scheme: "file", language },
  { scheme: "untitled", language },
]);

export const COMMANDS = {
  search: "workos.searchDocs",
  openAtCursor: "workos.openDocsAtCursor",
  update: "workos.updateDocs",
  restart: "workos.restartServer",
} as const;

const CLIENT_ID = "workos"; // the client reads workos.trace.server
const CLIENT_NAME = "WorkOS Language Server";

class Controller implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private location: ServerLocation | undefined;
  private readonly output: vscode.OutputChannel;
  readonly status: StatusBar;
  private starting: Promise<void> | undefined;

  constructor(private readonly context: vscode.ExtensionContext) {
    this.output = vscode.window.createOutputChannel(CLIENT_NAME);
    this.status = new StatusBar(COMMANDS);
  }

  get running(): LanguageClient | undefined {
    return this.client?.state === State.Running ? this.client : undefined;
  }

  get serverPath(): string | undefined {
    return this.location?.path;
  }

  async start(): Promise<void> {
    this.starting ??= this.doStart().finally(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  private async doStart(): Promise<void> {
    this.status.set({ kind: "starting" });
    try {
      this.location = resolveServerPath(this.context.extensionPath);
      if (this.location.source === "bundled") {
        ensureExecutable(this.location.path);
      }
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.status.set({ kind: "error", message });
      this.output.appendLine(message);
      void this.showNotFound(message);
      return;
    }
    this.status.setServer({ path: this.location.path });
    const probe = await probeServer(this.location.path);
    if (!probe.ok) {
      const message = `${this.location.path} is not the WorkOS language server: ${probe.reason}.`;
      this.status.set({ kind: "error", message });
      this.output.appendLine(message);
      void this.showNotFound(message);
      return;
    }
    const serverOptions: ServerOptions = { command: this.location.path, args: ["serve"] };
    const clientOptions: LanguageClientOptions = {
      documentSelector: DOCUMENT_SELECTOR,
      outputChannel: this.output,
      initializationOptions: () => settingsPayload(readServerSettings()),
      // The one command a hover may run: the server's "docs not loaded" hover links Update Docs.
      markdown: { isTrusted: { enabledCommands: [COMMANDS.update] }, supportHtml: false },
      middleware: {
        handleWorkDoneProgress: (token, params, next) => {
          this.status.progress(token, params);
          next(token, params);
        },
        workspace: {
          configuration: (params) => configurationAnswer(params.items, readServerSettings()),
        },
      },
    };
    const client = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
    this.client = client;
    client.onDidChangeState((e) => {
      if (this.client === client && e.newState === State.Stopped) {
        this.status.set({ kind: "stopped" });
      }
    });
    try {
      await client.start();
    } catch (err) {
      // A client whose start failed cannot be stopped (vscode-languageclient throws "Client is not
      // running"), so it is let go here rather than left for the next restart to trip on.
      if (this.client === client) {
        this.client = undefined;
      }
      void client.dispose().catch(() => undefined);
      const message = `Could not start ${this.location.path}: ${err instanceof Error ? err.message : String(err)}`;
      this.status.set({ kind: "error", message });
      void vscode.window.showErrorMessage(`WorkOS: ${message}`, "Show Output").then((choice) => {
        if (choice) {
          this.output.show();
        }
      });
      return;
    }
    const info = client.initializeResult?.serverInfo;
    this.status.setServer({ name: info?.name, version: info?.version, path: this.location.path });
    if (this.status.current.kind === "starting") {
      // No progress yet (the client may answer progress/create later): show the server as up.
      this.status.set({ kind: "loading", stage: "loading" });
    }
  }

  private async showNotFound(message: string): Promise<void> {
    const choice = await vscode.window.showErrorMessage(`WorkOS: ${message}`, "Open Settings", "Show Output");
    if (choice === "Open Settings") {
      await vscode.commands.executeCommand("workbench.action.openSettings", "workos.server.path");
    } else if (choice === "Show Output") {
      this.output.show();
    }
  }

  async stop(): Promise<void> {
    await this.starting?.catch(() => undefined);
    const client = this.client;
    this.client = undefined;
    if (client) {
      try {
        await client.stop(5000);
      } catch (err) {
        this.output.appendLine(`stopping the server: ${err instanceof Error ? err.message : String(err)}`);
      }
      await client.dispose().catch(() => undefined);
    }
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  async configurationChanged(e: vscode.ConfigurationChangeEvent): Promise<void> {
    switch (changeEffect(e)) {
      case "restart":
        await this.restart();
        return;
      case "notify": {
        const client = this.running;
        if (client) {
          await client.sendNotification(DidChangeConfigurationNotification.type, { settings: settingsPayload(readServerSettings()) });
        }
        return;
      }
      case "none":
        return;
    }
  }

  /** The running client, or an error message and undefined. */
  requireClient(): LanguageClient | undefined {
    const client = this.running;
    if (!client) {
      void vscode.window.showErrorMessage("WorkOS: the language server is not running.", "Restart Server").then((choice) => {
        if (choice) {
          void this.restart();
        }
      });
    }
    return client;
  }

  log(what: string, err: unknown): void {
    this.output.appendLine(`${what}: ${err instanceof Error ? err.message : String(err)}`);
  }

  dispose(): void {
    void this.stop();
    this.status.dispose();
    this.output.dispose();
  }
}

let controller: Controller | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const ctl = new Controller(context);
  controller = ctl;
  context.subscriptions.push(
    ctl,
    vscode.commands.registerCommand(COMMANDS.search, () => searchDocs(ctl)),
    vscode.commands.registerCommand(COMMANDS.openAtCursor, () => openDocsAtCursor(ctl)),
    vscode.commands.registerCommand(COMMANDS.update, () => updateDocs(ctl)),
    vscode.commands.registerCommand(COMMANDS.restart, () => ctl.restart()),
    vscode.workspace.onDidChangeConfiguration((e) => ctl.configurationChanged(e).catch((err: unknown) => ctl.log("applying a settings change", err))),
  );
  await ctl.start();
}

export async function deactivate(): Promise<void> {
  await controller?.stop();
  controller = undefined;
}

const COPY_URL = "Copy URL";

/**
 * Opens a docs page in the browser and always says which page: over SSH, in a container or on a
 * machine with no display nothing may appear even when VS Code reports success, so the message carries
 * the URL and a way to copy it; when opening fails, the URL is copied right away.
 */
async function openExternal(url: string): Promise<void> {
  const ok = await vscode.env.openExternal(vscode.Uri.parse(url, true));
  if (!ok) {
    await vscode.env.clipboard.writeText(url);
    void vscode.window.showWarningMessage(`WorkOS: no browser opened; the docs are at ${url} (copied to the clipboard).`);
    return;
  }
  const choice = await vscode.window.showInformationMessage(`WorkOS: opened ${url}`, COPY_URL);
  if (choice === COPY_URL) {
    await vscode.env.clipboard.writeText(url);
  }
}

async function searchDocs(ctl: Controller): Promise<void> {
  const client = ctl.requireClient();
  if (!client) {
    return;
  }
  const editor = vscode.window.activeTextEditor;
  const selected = editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection).trim() : "";
  const initial = selected.length <= 100 && !selected.includes("\n") ? selected : "";
  await showSearch(
    {
      search: async (query, token) => {
        const result: unknown = await client.sendRequest(
          ExecuteCommandRequest.type,
          // The active document's URI lets the server rank that file's SDK first.
          { command: "workos.search", arguments: [query, "", SEARCH_LIMIT, editor?.document.uri.toString() ?? ""] },
          token,
        );
        return parseHits(result);
      },
      openInBrowser: (hit) => openExternal(hit.url),
      openRendered: (hit) => openRendered(client, hit),
      updateDocs: () => updateDocs(ctl),
    },
    initial,
  );
}

/** Opens the server's rendered Markdown copy of a hit's page (workspace/symbol gives its location). */
async function openRendered(client: LanguageClient, hit: SearchHit): Promise<void> {
  const symbols = (await client.sendRequest(WorkspaceSymbolRequest.type, { query: hit.title })) ?? [];
  const match = (symbols as (SymbolInformation | WorkspaceSymbol)[]).find(
    (s) => (s.name === hit.title || s.name.startsWith(hit.title + " (")) && "range" in s.location,
  );
  if (!match || !("range" in match.location)) {
    void vscode.window.showInformationMessage(`WorkOS: no rendered copy of "${hit.title}"; opening it in the browser.`);
    await openExternal(hit.url);
    return;
  }
  const loc = client.protocol2CodeConverter.asLocation(match.location);
  await vscode.window.showTextDocument(loc.uri, { selection: loc.range, preview: true });
}

async function openDocsAtCursor(ctl: Controller): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage("WorkOS: open a file and put the cursor on a WorkOS SDK call.");
    return;
  }
  const client = ctl.requireClient();
  if (!client) {
    return;
  }
  const params = client.code2ProtocolConverter.asTextDocumentPositionParams(editor.document, editor.selection.active);
  const hover = await client.sendRequest(HoverRequest.type, params);
  let url = hover ? docsUrlFromHover(hoverText(hover.contents)) : undefined;
  if (!url) {
    // A link under the cursor (an event name in a string, a docs URL in a comment).
    const links = (await client.sendRequest(DocumentLinkRequest.type, { textDocument: params.textDocument })) ?? [];
    const pos = editor.selection.active;
    const link = links
      .map((l) => ({ range: client.protocol2CodeConverter.asRange(l.range), target: l.target }))
      .find((l) => l.target && l.range.contains(pos));
    url = link?.target;
  }
  if (!url) {
    // Last, Go to Definition: the server's rendered copy of the page, opened in the editor.
    const def = await client.sendRequest(DefinitionRequest.type, params);
    const first = Array.isArray(def) ? def[0] : def;
    if (first) {
      const target = "targetUri" in first ? { uri: first.targetUri, range: first.targetSelectionRange } : first;
      const loc = client.protocol2CodeConverter.asLocation(target);
      await vscode.window.showTextDocument(loc.uri, { selection: loc.range, preview: true });
      return;
    }
    const notLoaded = await docsNotLoaded(client);
    if (notLoaded) {
      await showNotLoaded(ctl, notLoaded);
      return;
    }
    void vscode.window.showInformationMessage("WorkOS: no WorkOS docs for the symbol at the cursor.");
    return;
  }
  await openExternal(url);
}

/** Why the server has no docs (workos.docsStatus), or undefined when it has them or cannot say. */
async function docsNotLoaded(client: LanguageClient): Promise<NotLoaded | undefined> {
  try {
    return notLoadedOf(await client.sendRequest(ExecuteCommandRequest.type, { command: "workos.docsStatus", arguments: [] }));
  } catch {
    return undefined; // a server from before workos.docsStatus
  }
}

/** Says why there are no docs, with the Update Docs button once loading them failed. */
async function showNotLoaded(ctl: Controller, n: NotLoaded): Promise<void> {
  if (n.workosDocs === "loading") {
    void vscode.window.showInformationMessage(`WorkOS: ${notLoadedText(n)}`);
    return;
  }
  if ((await vscode.window.showErrorMessage(`WorkOS: ${notLoadedText(n)}`, UPDATE_DOCS)) === UPDATE_DOCS) {
    await updateDocs(ctl);
  }
}

/** Runs `workos-lsp corpus fetch` (downloading the newest docs into the cache), then restarts. */
async function updateDocs(ctl: Controller): Promise<void> {
  const settings = readServerSettings();
  if (settings.docsPath !== "") {
    await ctl.restart();
    void vscode.window.showInformationMessage(`WorkOS: docs come from the folder ${settings.docsPath} (workos.docs.path); reloaded them.`);
    return;
  }
  if (settings.offline) {
    const choice = await vscode.window.showWarningMessage(
      "WorkOS: workos.offline is on, so the server uses cached docs only. Download the newest docs anyway?",
      "Download",
    );
    if (choice !== "Download") {
      return;
    }
  }
  const server = ctl.serverPath;
  if (!server) {
    await ctl.restart();
    return;
  }
  const args = ["corpus", "fetch", "--json"];
  if (settings.docsVersion !== "") {
    args.push("--corpus-version", settings.docsVersion);
  }
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: "WorkOS: downloading the docs", cancellable: true },
    (_progress, token) => runCapture(server, args, token),
  );
  if (result.cancelled) {
    return;
  }
  if (result.code !== 0) {
    void vscode.window.showErrorMessage(`WorkOS: updating the docs failed: ${lastLine(result.stderr) || `exit code ${result.code}`}`);
    return;
  }
  let version = "";
  try {
    const v = (JSON.parse(result.stdout) as { version?: unknown }).version;
    version = typeof v === "string" ? v : "";
  } catch {
    // The restart below reports the version in the status bar anyway.
  }
  await ctl.restart();
  void vscode.window.showInformationMessage(`WorkOS: docs ${version} are ready.`.replace("  ", " "));
}

function lastLine(s: string): string {
  return s.trim().split(/\r?\n/).pop() ?? "";
}

const PROBE_TIMEOUT_MS = 10_000;

/** Runs `<server> version` to make sure the configured program is workos-lsp before speaking LSP to it. */
async function probeServer(server: string): Promise<ReturnType<typeof parseVersionOutput>> {
  const cancel = new vscode.CancellationTokenSource();
  const timer = setTimeout(() => cancel.cancel(), PROBE_TIMEOUT_MS);
  try {
    const r = await runCapture(server, ["version"], cancel.token);
    if (r.cancelled) {
      return { ok: false, reason: `"version" did not answer within ${PROBE_TIMEOUT_MS / 1000} s` };
    }
    return parseVersionOutput(r.code, r.stdout, r.stderr);
  } finally {
    clearTimeout(timer);
    cancel.dispose();
  }
}

function runCapture(
  command: string,
  args: string[],
  token: vscode.CancellationToken,
): Promise<{ code: number; stdout: string; stderr: string; cancelled: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let cancelled = false;
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const sub = token.onCancellationRequested(() => {
      cancelled = true;
      child.kill();
    });
    child.on("error", (err) => {
      sub.dispose();
      resolve({ code: -1, stdout, stderr: stderr + err.message, cancelled });
    });
    child.on("close", (code) => {
      sub.dispose();
      resolve({ code: code ?? -1, stdout, stderr, cancelled });
    });
  });
}
