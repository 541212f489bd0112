// The real extension (out/src/extension.js) with the real vscode-languageclient, activated in a
// stand-in extension host (fakeVscode.ts) against the real workos-lsp: the client computes VS Code's
// capabilities itself, registers its providers, and the test calls them and the extension's commands
// as VS Code would.
import { host, openDocument, providerFor, updateConfig, CancellationTokenSource, Position, Selection, type TextDocument } from "./fakeVscode";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import { extensionRoot, fixtureDocs, fixtures, serverBinary, tempCache } from "../integration/server";
import * as extension from "../../src/extension";

const CREATE_USER_URL = "https://workos.com/docs/reference/authkit/user/create";
const DEADLINE_MS = 60_000;

async function until<T>(what: string, fn: () => T | undefined | Promise<T | undefined>, ms = DEADLINE_MS): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) {
      return v;
    }
    if (Date.now() > end) {
      throw new Error(`timed out waiting for ${what}; output:\n${host.output.join("\n")}\nmessages: ${JSON.stringify(host.messages)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

function markdownOf(hover: unknown): string {
  const h = hover as { contents: { value: string }[] } | undefined;
  return h ? h.contents.map((c) => c.value).join("\n") : "";
}

describe("the extension in a stand-in VS Code", () => {
  let doc: TextDocument;
  const token = new CancellationTokenSource().token;
  const text = fs.readFileSync(path.join(fixtures, "signup.ts"), "utf8");
  const callLine = text.split("\n").findIndex((l) => l.includes("createUser("));
  const callChar = (text.split("\n")[callLine] ?? "").indexOf("createUser") + 3;
  /** The hover text VS Code would show ("" when there is none, or no provider while restarting). */
  const hoverAt = async (): Promise<string> => {
    let provider;
    try {
      provider = providerFor("HoverProvider", doc);
    } catch {
      return "";
    }
    return markdownOf(await provider.provideHover?.(doc, new Position(callLine, callChar), token));
  };

  before(async () => {
    process.env.WORKOS_LSP_CACHE = tempCache();
    host.config.set("workos.server.path", serverBinary());
    host.config.set("workos.docs.path", fixtureDocs);
    host.config.set("workos.offline", true);
    host.config.set("workos.languages", []);
    host.config.set("workos.trace.server", "off");
    const context = { extensionPath: extensionRoot, subscriptions: [] as { dispose(): unknown }[] };
    await extension.activate(context as unknown as Parameters<typeof extension.activate>[0]);
    doc = openDocument(path.join(fixtures, "signup.ts"), "typescript", text);
  });

  after(async () => {
    await extension.deactivate();
  });

  it("starts the server and shows the docs version in the status bar", async () => {
    const item = host.statusItems[0];
    assert.ok(item, "no status bar item");
    await until("the status bar to show the docs version", () => item.text === "$(book) WorkOS local");
    assert.match(String(item.tooltip), /workos-lsp/);
    assert.equal(item.command, "workos.searchDocs");
  });

  it("registers hover and completion providers for the SDK languages, and the server's commands", () => {
    for (const lang of ["typescript", "javascriptreact", "go", "python", "ruby", "php", "java", "csharp"]) {
      const fake = { languageId: lang, uri: { scheme: "file" } } as unknown as TextDocument;
      providerFor("HoverProvider", fake);
      providerFor("CompletionItemProvider", fake);
    }
    for (const c of ["workos.searchDocs", "workos.openDocsAtCursor", "workos.updateDocs", "workos.restartServer", "workos.search", "workos.openDocs"]) {
      assert.ok(host.commands.has(c), `command ${c} is not registered`);
    }
  });

  it("hovers createUser through the client's provider", async () => {
    const md = await until("a hover", async () => (await hoverAt()) || undefined);
    assert.match(md, /createUser/);
    assert.ok(md.includes(CREATE_USER_URL), md);
  });

  it("completes createUser through the client's provider", async () => {
    const lines = text.split("\n");
    const probe = openDocument(path.join(fixtures, "probe.ts"), "typescript", lines.slice(0, 3).join("\n") + "\nworkos.userManagement.");
    const res = (await providerFor("CompletionItemProvider", probe).provideCompletionItems?.(probe, new Position(3, "workos.userManagement.".length), token, {
      triggerKind: 1,
      triggerCharacter: ".",
    })) as { items: { label: string | { label: string } }[] } | { label: string }[];
    const items = Array.isArray(res) ? res : res.items;
    const labels = items.map((i) => (typeof i.label === "string" ? i.label : i.label.label));
    assert.ok(labels.some((l) => l.startsWith("createUser")), labels.join(", "));
  });

  it("WorkOS: Open Docs for Symbol at Cursor opens the page", async () => {
    host.activeTextEditor = { document: doc, selection: new Selection(new Position(callLine, callChar), new Position(callLine, callChar)) };
    host.opened.length = 0;
    await host.commands.get("workos.openDocsAtCursor")?.();
    assert.deepEqual(host.opened, [CREATE_USER_URL]);
  });

  it("opening docs says the URL and offers to copy it", async () => {
    host.activeTextEditor = { document: doc, selection: new Selection(new Position(callLine, callChar), new Position(callLine, callChar)) };
    host.messages.length = 0;
    host.clipboard = "";
    host.messageChoice = "Copy URL";
    await host.commands.get("workos.openDocsAtCursor")?.();
    const info = host.messages.find((m) => m.level === "info");
    assert.ok(info?.text.includes(CREATE_USER_URL), JSON.stringify(host.messages));
    assert.deepEqual(info?.actions, ["Copy URL"]);
    assert.equal(host.clipboard, CREATE_USER_URL);
  });

  it("where no browser opens, the URL is shown and copied", async () => {
    host.activeTextEditor = { document: doc, selection: new Selection(new Position(callLine, callChar), new Position(callLine, callChar)) };
    host.messages.length = 0;
    host.clipboard = "";
    host.openExternalResult = false;
    try {
      await host.commands.get("workos.openDocsAtCursor")?.();
    } finally {
      host.openExternalResult = true;
    }
    const warning = host.messages.find((m) => m.level === "warning");
    assert.ok(warning?.text.includes(CREATE_USER_URL), JSON.stringify(host.messages));
    assert.equal(host.clipboard, CREATE_USER_URL);
  });

  it("WorkOS: Search Docs shows live results and opens the chosen page", async () => {
    host.activeTextEditor = undefined;
    host.opened.length = 0;
    const done = host.commands.get("workos.searchDocs")?.() as Promise<void>;
    const qp = await until("the QuickPick", () => host.quickPicks.at(-1));
    qp.type("create user");
    await until("search results", () => qp.items.some((i) => i.hit) || undefined, 10_000);
    const index = qp.items.findIndex((i) => i.hit?.url.startsWith(CREATE_USER_URL));
    assert.ok(index >= 0, JSON.stringify(qp.items.map((i) => i.label)));
    qp.accept(index);
    await done;
    assert.ok(host.opened[0]?.startsWith(CREATE_USER_URL), JSON.stringify(host.opened));
  });

  it("sends changed settings without a restart", async () => {
    const statusBefore = host.statusItems[0]?.text;
    updateConfig({ "workos.languages": ["go"] });
    await until("the TypeScript hover to go away", async () => (await hoverAt()) === "" || undefined, 10_000);
    updateConfig({ "workos.languages": [] });
    await until("the TypeScript hover to come back", async () => (await hoverAt()) || undefined, 10_000);
    assert.equal(host.statusItems[0]?.text, statusBefore);
  });

  it("WorkOS: Restart Server brings the server back", async () => {
    await host.commands.get("workos.restartServer")?.();
    await until("the docs after the restart", async () => (await hoverAt()) || undefined);
    assert.equal(host.messages.filter((m) => m.level === "error").length, 0, JSON.stringify(host.messages));
  });

  it("WorkOS: Update Docs re-reads a local docs folder with a restart", async () => {
    host.messages.length = 0;
    await host.commands.get("workos.updateDocs")?.();
    const info = host.messages.find((m) => m.level === "info");
    assert.ok(info?.text.includes(fixtureDocs), JSON.stringify(host.messages));
    await until("the docs after the update", async () => (await hoverAt()) || undefined);
  });

  it("a wrong workos.server.path shows the fix", async () => {
    updateConfig({ "workos.server.path": "/nonexistent/workos-lsp" });
    const err = await until("an error message", () => host.messages.find((m) => m.level === "error"), 10_000);
    assert.match(err.text, /workos\.server\.path/);
    assert.equal(host.statusItems[0]?.text, "$(error) WorkOS");
    updateConfig({ "workos.server.path": serverBinary() });
    await until("the docs after fixing the path", async () => (await hoverAt()) || undefined);
  });

  it("a workos.server.path that is not workos-lsp says so, and settings changes meanwhile do no harm", async () => {
    host.messages.length = 0;
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => {
      unhandled.push(reason);
    };
    process.on("unhandledRejection", onUnhandled);
    try {
      updateConfig({ "workos.server.path": "/bin/false" });
      const err = await until("an error message", () => host.messages.find((m) => m.level === "error"), 10_000);
      assert.match(err.text, /\/bin\/false is not the WorkOS language server: "version" exited with code 1/);
      await until("the status bar to show the error", () => host.statusItems[0]?.text === "$(error) WorkOS" || undefined, 10_000);
      updateConfig({ "workos.languages": ["go"] });
      updateConfig({ "workos.languages": [] });
      openDocument(path.join(fixtures, "probe-stopped.ts"), "typescript", "workos.userManagement.");
      await new Promise((r) => setTimeout(r, 500));
      updateConfig({ "workos.server.path": serverBinary() });
      await until("the docs after fixing the path", async () => (await hoverAt()) || undefined);
      await new Promise((r) => setTimeout(r, 200));
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
    assert.deepEqual(unhandled.map(String), []);
  });

  it("after a failed docs load, hover, completion, Open Docs and Search Docs say why and offer Update Docs", async () => {
    const missing = path.join(tempCache(), "no-such-docs");
    // Set without a change event, then a fresh server: a failed reload would keep the old docs.
    host.config.set("workos.docs.path", missing);
    await host.commands.get("workos.restartServer")?.();
    await until("the status bar to show the failed load", () => host.statusItems[0]?.text === "$(warning) WorkOS docs" || undefined);
    assert.equal(host.statusItems[0]?.command, "workos.updateDocs");
    const reason = `docs folder: stat ${missing}: no such file or directory`;

    const hover = (await providerFor("HoverProvider", doc).provideHover?.(doc, new Position(callLine, callChar), token)) as
      | { contents: { value: string; isTrusted?: unknown }[] }
      | undefined;
    const md = markdownOf(hover);
    assert.ok(md.includes(`not loaded: ${reason}`) && md.includes("(command:workos.updateDocs)"), md);
    assert.deepEqual(hover?.contents[0]?.isTrusted, { enabledCommands: ["workos.updateDocs"] });

    const lines = text.split("\n");
    const probe = openDocument(path.join(fixtures, "probe-failed.ts"), "typescript", lines.slice(0, 3).join("\n") + "\nworkos.userManagement.");
    const res = (await providerFor("CompletionItemProvider", probe).provideCompletionItems?.(probe, new Position(3, "workos.userManagement.".length), token, {
      triggerKind: 1,
      triggerCharacter: ".",
    })) as { items: { label: string | { label: string }; insertText?: unknown; textEdit?: { newText: string } }[] };
    assert.equal(res.items.length, 1, JSON.stringify(res.items));
    assert.match(JSON.stringify(res.items[0]?.label), /WorkOS docs not loaded/);

    host.activeTextEditor = { document: doc, selection: new Selection(new Position(callLine, callChar), new Position(callLine, callChar)) };
    host.messages.length = 0;
    await host.commands.get("workos.openDocsAtCursor")?.();
    const err = host.messages.find((m) => m.level === "error");
    assert.ok(err?.text.includes(`not loaded: ${reason}`), JSON.stringify(host.messages));
    assert.deepEqual(err?.actions, ["Update Docs"]);

    host.activeTextEditor = undefined;
    const done = host.commands.get("workos.searchDocs")?.() as Promise<void>;
    const qp = await until("the QuickPick", () => host.quickPicks.at(-1));
    qp.type("sso");
    await until("the reason in the QuickPick", () => qp.items.some((i) => i.label.includes(reason)) || undefined, 10_000);
    const update = qp.items.findIndex((i) => i.label === "$(cloud-download) Update Docs");
    assert.ok(update >= 0, JSON.stringify(qp.items.map((i) => i.label)));
    // The way out works: with the folder fixed, Update Docs brings the docs back.
    host.config.set("workos.docs.path", fixtureDocs);
    qp.accept(update);
    await done;
    await until("the docs after Update Docs", async () => (await hoverAt()).includes(CREATE_USER_URL) || undefined);
  });

  it("used only VS Code API that the stand-in models", () => {
    // Base classes the client extends at load time; nothing calls them in these tests.
    const loadTimeOnly = new Set(["CodeLens", "CallHierarchyItem", "TypeHierarchyItem", "InlayHint"]);
    assert.deepEqual([...host.missing].filter((n) => !loadTimeOnly.has(n)), []);
  });
});
