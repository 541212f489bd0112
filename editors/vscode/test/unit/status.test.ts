import "./vscodeMock";
import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { LOAD_PROGRESS_TITLE, StatusBar, nextState, renderStatus } from "../../src/status";
import { state } from "./vscodeMock";

describe("renderStatus", () => {
  it("shows the docs version when ready and the server in the tooltip", () => {
    const r = renderStatus({ kind: "ready", docsVersion: "0.2.0" }, { name: "workos-lsp", version: "v1.2.3", path: "/bin/workos-lsp" });
    assert.equal(r.text, "$(book) WorkOS 0.2.0");
    assert.match(r.tooltip, /workos-lsp v1\.2\.3 \(\/bin\/workos-lsp\)/);
    assert.equal(r.error, false);
  });
  it("shows stage and percentage while loading", () => {
    assert.equal(renderStatus({ kind: "loading", stage: "index", percentage: 42.4 }).text, "$(loading~spin) WorkOS docs: index 42%");
    assert.equal(renderStatus({ kind: "loading", stage: "download" }).text, "$(loading~spin) WorkOS docs: download");
  });
  it("marks errors", () => {
    assert.equal(renderStatus({ kind: "error", message: "not found" }).error, true);
    assert.equal(renderStatus({ kind: "error", message: "not found" }).tooltip, "not found");
    assert.equal(renderStatus({ kind: "stopped" }).error, true);
    assert.equal(renderStatus({ kind: "loadFailed" }).error, true);
  });
});

describe("nextState", () => {
  it("follows begin, report and the server's end message", () => {
    let s = nextState({ kind: "starting" }, { kind: "begin", title: LOAD_PROGRESS_TITLE, message: "loading", percentage: 0 }, true);
    assert.deepEqual(s, { kind: "loading", stage: "loading", percentage: 0 });
    s = nextState(s, { kind: "report", message: "parse", percentage: 50 }, true);
    assert.deepEqual(s, { kind: "loading", stage: "parse", percentage: 50 });
    s = nextState(s, { kind: "report", percentage: 60 }, true);
    assert.deepEqual(s, { kind: "loading", stage: "parse", percentage: 60 });
    s = nextState(s, { kind: "end", message: "WorkOS docs 0.2.0" }, true);
    assert.deepEqual(s, { kind: "ready", docsVersion: "0.2.0" });
  });
  it("reports a failed load and keeps state on cancel", () => {
    assert.deepEqual(nextState({ kind: "loading", stage: "x" }, { kind: "end", message: "failed" }, true), { kind: "loadFailed" });
    assert.deepEqual(nextState({ kind: "ready", docsVersion: "1" }, { kind: "end", message: "cancelled" }, true), { kind: "ready", docsVersion: "1" });
  });
  it("ignores other progress", () => {
    const ready = { kind: "ready", docsVersion: "1" } as const;
    assert.equal(nextState(ready, { kind: "begin", title: "Indexing", message: "x" }, false), ready);
  });
});

describe("StatusBar", () => {
  it("tracks the docs-load token only and switches the click command on errors", () => {
    const bar = new StatusBar({ search: "workos.searchDocs", update: "workos.updateDocs", restart: "workos.restartServer" });
    const item = state.statusItems.at(-1);
    assert.ok(item);
    assert.equal(item.visible, true);
    assert.equal(item.text, "$(loading~spin) WorkOS");
    bar.progress("workos-lsp/load/1", { kind: "begin", title: LOAD_PROGRESS_TITLE, message: "loading", percentage: 0 });
    bar.progress("other", { kind: "begin", title: "Something else", message: "x" });
    bar.progress("workos-lsp/load/1", { kind: "report", message: "index", percentage: 75 });
    assert.equal(item.text, "$(loading~spin) WorkOS docs: index 75%");
    bar.progress("other", { kind: "end", message: "done" });
    assert.equal(item.text, "$(loading~spin) WorkOS docs: index 75%");
    bar.setServer({ name: "workos-lsp", version: "dev" });
    bar.progress("workos-lsp/load/1", { kind: "end", message: "WorkOS docs local" });
    assert.equal(item.text, "$(book) WorkOS local");
    assert.equal(item.command, "workos.searchDocs");
    assert.match(item.tooltip ?? "", /workos-lsp dev/);
    bar.set({ kind: "loadFailed" });
    assert.equal(item.command, "workos.updateDocs", "a failed docs load is mended by downloading them, not by a restart");
    assert.match(item.tooltip ?? "", /click to download them again/);
    assert.ok(item.backgroundColor);
    bar.set({ kind: "stopped" });
    assert.equal(item.command, "workos.restartServer");
    bar.set({ kind: "error", message: "not found" });
    assert.equal(item.command, "workos.restartServer");
    assert.ok(item.backgroundColor);
    bar.dispose();
    assert.equal(item.visible, false);
  });
});
