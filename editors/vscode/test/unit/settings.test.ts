import "./vscodeMock";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { beforeEach, describe, it } from "node:test";
import { SERVER_LANGUAGES, changeEffect, configurationAnswer, readServerSettings, settingsPayload } from "../../src/settings";
import { setConfig, setWorkspaceFolder } from "./vscodeMock";

const host = { homedir: "/home/ada", env: {}, platform: "linux" as const };
// out/test/unit → editors/vscode → repository root
const extensionRoot = path.resolve(__dirname, "..", "..", "..");
const repoRoot = path.resolve(extensionRoot, "..", "..");

describe("readServerSettings", () => {
  beforeEach(() => {
    setConfig({});
    setWorkspaceFolder(undefined);
  });

  it("sends every field, empty when unset", () => {
    assert.deepEqual(readServerSettings(host), { docsPath: "", docsVersion: "", offline: false, languages: [], maxWorkspaceFiles: 0 });
  });

  it("maps the extension's keys to the server's", () => {
    setConfig({
      "workos.docs.path": "/srv/docs",
      "workos.docs.version": " 0.2.0 ",
      "workos.offline": true,
      "workos.languages": ["node", "go"],
      "workos.server.path": "/usr/bin/workos-lsp",
      "workos.trace.server": "verbose",
      "workos.workspace.maxFiles": 5000.7,
    });
    assert.deepEqual(readServerSettings(host), { docsPath: "/srv/docs", docsVersion: "0.2.0", offline: true, languages: ["node", "go"], maxWorkspaceFiles: 5000 });
  });

  it("expands the docs path against the workspace folder and home", () => {
    setWorkspaceFolder("/proj");
    setConfig({ "workos.docs.path": "docs/workos" });
    assert.equal(readServerSettings(host).docsPath, "/proj/docs/workos");
    setConfig({ "workos.docs.path": "${workspaceFolder}/../docs" });
    assert.equal(readServerSettings(host).docsPath, "/proj/../docs");
    setConfig({ "workos.docs.path": "~/docs" });
    assert.equal(readServerSettings(host).docsPath, "/home/ada/docs");
  });

  it("cleans up languages and ignores values of the wrong type", () => {
    setConfig({ "workos.languages": ["Go", "go", " python ", 3, null, ""], "workos.offline": "yes", "workos.docs.version": 2 });
    assert.deepEqual(readServerSettings(host), { docsPath: "", docsVersion: "", offline: false, languages: ["go", "python"], maxWorkspaceFiles: 0 });
    setConfig({ "workos.languages": "go" });
    assert.deepEqual(readServerSettings(host).languages, []);
  });

  it("wraps the payload in {workos: …}", () => {
    const s = { docsPath: "", docsVersion: "1", offline: false, languages: [], maxWorkspaceFiles: 0 };
    assert.deepEqual(settingsPayload(s), { workos: s });
  });
});

describe("changeEffect", () => {
  const event = (...keys: string[]) => ({
    affectsConfiguration: (section: string) => keys.some((k) => k === section || k.startsWith(section + ".")),
  });
  it("restarts for a new server path", () => {
    assert.equal(changeEffect(event("workos.server.path")), "restart");
    assert.equal(changeEffect(event("workos.server.path", "workos.offline")), "restart");
    assert.equal(changeEffect(event("workos.workspace.maxFiles")), "restart");
  });
  it("notifies for docs, offline and languages", () => {
    assert.equal(changeEffect(event("workos.docs.path")), "notify");
    assert.equal(changeEffect(event("workos.docs.version")), "notify");
    assert.equal(changeEffect(event("workos.offline")), "notify");
    assert.equal(changeEffect(event("workos.languages")), "notify");
  });
  it("leaves trace and foreign settings to others", () => {
    assert.equal(changeEffect(event("workos.trace.server")), "none");
    assert.equal(changeEffect(event("editor.fontSize")), "none");
  });
});

describe("configurationAnswer", () => {
  it("answers the workos section with the mapped settings and others from VS Code", () => {
    setConfig({ "editor.tabSize": 2 });
    const s = { docsPath: "/d", docsVersion: "", offline: true, languages: ["go"], maxWorkspaceFiles: 0 };
    assert.deepEqual(configurationAnswer([{ section: "workos" }, { section: "editor.tabSize" }, { section: "nope" }, {}], s), [
      s,
      2,
      null,
      { workos: s },
    ]);
  });
});

describe("agreement with the server and package.json", () => {
  it("sends exactly the fields the server's Settings struct reads", () => {
    const src = fs.readFileSync(path.join(repoRoot, "lsp", "settings.go"), "utf8");
    const struct = /type Settings struct \{([\s\S]*?)\n\}/.exec(src)?.[1] ?? "";
    const tags = [...struct.matchAll(/json:"(\w+)/g)].map((m) => m[1]).sort();
    assert.ok(tags.length > 0, "no json tags found in lsp/settings.go");
    setConfig({});
    assert.deepEqual(Object.keys(readServerSettings(host)).sort(), tags);
  });

  it("offers only language names the server parses", () => {
    // ParseLanguage accepts every name in the language table (ids, names, aliases, LSP ids, fences).
    const src = fs.readFileSync(path.join(repoRoot, "corpus", "langs", "langs.go"), "utf8");
    const table = /var Table = \[\]Info\{[\s\S]*?\n\}/.exec(src)?.[0] ?? "";
    const ids = /const \([\s\S]*?\)/.exec(src)?.[0] ?? "";
    assert.ok(table.length > 0 && ids.length > 0, "no language table found in corpus/langs/langs.go");
    const accepted = new Set([...(table + ids).matchAll(/"([^"]+)"/g)].map((m) => (m[1] ?? "").toLowerCase()));
    for (const lang of SERVER_LANGUAGES) {
      assert.ok(accepted.has(lang), `server does not parse ${lang}`);
    }
  });

  it("contributes every setting with a description and the enum of languages", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(extensionRoot, "package.json"), "utf8")) as {
      contributes: { configuration: { properties: Record<string, { markdownDescription?: string; description?: string; items?: { enum?: string[] }; enum?: string[] }> } };
    };
    const props = pkg.contributes.configuration.properties;
    assert.deepEqual(Object.keys(props).sort(), [
      "workos.docs.path",
      "workos.docs.version",
      "workos.languages",
      "workos.offline",
      "workos.server.path",
      "workos.trace.server",
      "workos.workspace.maxFiles",
    ]);
    for (const [key, p] of Object.entries(props)) {
      assert.ok((p.markdownDescription ?? p.description ?? "").length > 20, `${key} needs a description`);
    }
    assert.deepEqual(props["workos.languages"]?.items?.enum, [...SERVER_LANGUAGES]);
    assert.deepEqual(props["workos.trace.server"]?.enum, ["off", "messages", "verbose"]);
  });
});
