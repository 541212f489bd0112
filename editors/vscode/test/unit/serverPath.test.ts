import "./vscodeMock";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { beforeEach, describe, it } from "node:test";
import {
  ServerNotFoundError,
  bundledPath,
  ensureExecutable,
  expandUserPath,
  findOnPath,
  goTarget,
  nodeHost,
  parseVersionOutput,
  resolveServerPath,
  type Host,
} from "../../src/serverPath";
import { setConfig, setWorkspaceFolder } from "./vscodeMock";

/** A host whose file system is a set of paths (executables and plain files). */
function fakeHost(opts: { platform?: NodeJS.Platform; arch?: string; env?: NodeJS.ProcessEnv; exec?: string[]; files?: string[] }): Host {
  const exec = new Set(opts.exec ?? []);
  const files = new Set([...(opts.files ?? []), ...exec]);
  return {
    platform: opts.platform ?? "linux",
    arch: opts.arch ?? "x64",
    env: opts.env ?? {},
    homedir: opts.platform === "win32" ? "C:\\Users\\ada" : "/home/ada",
    isExecutable: (p) => exec.has(p),
    isFile: (p) => files.has(p),
  };
}

const EXT = "/ext";

describe("goTarget", () => {
  it("maps Node's names to Go's", () => {
    assert.deepEqual(goTarget("linux", "x64"), { goos: "linux", goarch: "amd64" });
    assert.deepEqual(goTarget("linux", "arm64"), { goos: "linux", goarch: "arm64" });
    assert.deepEqual(goTarget("darwin", "arm64"), { goos: "darwin", goarch: "arm64" });
    assert.deepEqual(goTarget("darwin", "x64"), { goos: "darwin", goarch: "amd64" });
    assert.deepEqual(goTarget("win32", "x64"), { goos: "windows", goarch: "amd64" });
    assert.deepEqual(goTarget("win32", "arm64"), { goos: "windows", goarch: "arm64" });
  });
  it("has no target for platforms without a bundled binary", () => {
    assert.equal(goTarget("freebsd", "x64"), undefined);
    assert.equal(goTarget("linux", "ia32"), undefined);
  });
});

describe("bundledPath", () => {
  it("is bin/<goos>-<goarch>/workos-lsp, with .exe on Windows", () => {
    assert.equal(bundledPath(EXT, "linux", "x64"), path.join(EXT, "bin", "linux-amd64", "workos-lsp"));
    assert.equal(bundledPath(EXT, "darwin", "arm64"), path.join(EXT, "bin", "darwin-arm64", "workos-lsp"));
    assert.equal(bundledPath(EXT, "win32", "x64"), path.join(EXT, "bin", "windows-amd64", "workos-lsp.exe"));
    assert.equal(bundledPath(EXT, "sunos", "x64"), undefined);
  });
});

describe("findOnPath", () => {
  it("takes the first PATH entry that has an executable", () => {
    const host = fakeHost({ env: { PATH: "/usr/local/bin::/opt/a:/opt/b" }, exec: ["/opt/a/workos-lsp", "/opt/b/workos-lsp"] });
    assert.equal(findOnPath("workos-lsp", host), "/opt/a/workos-lsp");
  });
  it("skips files that are not executable", () => {
    const host = fakeHost({ env: { PATH: "/opt/a:/opt/b" }, files: ["/opt/a/workos-lsp"], exec: ["/opt/b/workos-lsp"] });
    assert.equal(findOnPath("workos-lsp", host), "/opt/b/workos-lsp");
  });
  it("returns undefined without PATH or a match", () => {
    assert.equal(findOnPath("workos-lsp", fakeHost({ env: {} })), undefined);
    assert.equal(findOnPath("workos-lsp", fakeHost({ env: { PATH: "/bin" } })), undefined);
  });
  it("uses PATHEXT, quoted entries and a case-insensitive Path on Windows", () => {
    const host = fakeHost({
      platform: "win32",
      env: { Path: 'C:\\Windows;"C:\\Program Files\\workos"', PATHEXT: ".COM;.EXE" },
      exec: ["C:\\Program Files\\workos\\workos-lsp.exe"],
    });
    assert.equal(findOnPath("workos-lsp", host), "C:\\Program Files\\workos\\workos-lsp.exe");
  });
});

describe("expandUserPath", () => {
  const host = { homedir: "/home/ada", env: { TOOLS: "/opt/tools" }, platform: "linux" as const };
  it("expands ~, ${workspaceFolder} and ${env:…}", () => {
    assert.equal(expandUserPath("~/bin/workos-lsp", host), "/home/ada/bin/workos-lsp");
    assert.equal(expandUserPath("~", host), "/home/ada");
    assert.equal(expandUserPath("${workspaceFolder}/bin/x", host, "/w"), "/w/bin/x");
    assert.equal(expandUserPath("${env:TOOLS}/workos-lsp", host), "/opt/tools/workos-lsp");
  });
  it("resolves relative paths against the workspace folder", () => {
    assert.equal(expandUserPath("tools/workos-lsp", host, "/w"), "/w/tools/workos-lsp");
    assert.equal(expandUserPath("tools/workos-lsp", host), "tools/workos-lsp");
    assert.equal(expandUserPath("  /abs/x  ", host, "/w"), "/abs/x");
    assert.equal(expandUserPath("   ", host, "/w"), "");
  });
  it("handles Windows paths", () => {
    const win = { homedir: "C:\\Users\\ada", env: {}, platform: "win32" as const };
    assert.equal(expandUserPath("~\\bin\\workos-lsp.exe", win), "C:\\Users\\ada\\bin\\workos-lsp.exe");
    assert.equal(expandUserPath("bin\\workos-lsp.exe", win, "D:\\w"), "D:\\w\\bin\\workos-lsp.exe");
  });
});

describe("resolveServerPath", () => {
  beforeEach(() => {
    setConfig({});
    setWorkspaceFolder(undefined);
  });
  const bundled = path.join(EXT, "bin", "linux-amd64", "workos-lsp");

  it("prefers workos.server.path", () => {
    setConfig({ "workos.server.path": "~/go/bin/workos-lsp" });
    const host = fakeHost({ env: { PATH: "/usr/bin" }, exec: ["/home/ada/go/bin/workos-lsp", "/usr/bin/workos-lsp", bundled] });
    assert.deepEqual(resolveServerPath(EXT, host), { path: "/home/ada/go/bin/workos-lsp", source: "setting" });
  });
  it("resolves a relative setting against the workspace folder", () => {
    setConfig({ "workos.server.path": "bin/workos-lsp" });
    setWorkspaceFolder("/proj");
    const host = fakeHost({ exec: ["/proj/bin/workos-lsp"] });
    assert.deepEqual(resolveServerPath(EXT, host), { path: "/proj/bin/workos-lsp", source: "setting" });
  });
  it("fails with the fix when the configured path does not exist, without falling back", () => {
    setConfig({ "workos.server.path": "/nope/workos-lsp" });
    const host = fakeHost({ env: { PATH: "/usr/bin" }, exec: ["/usr/bin/workos-lsp"] });
    assert.throws(
      () => resolveServerPath(EXT, host),
      (err: unknown) =>
        err instanceof ServerNotFoundError && err.fromSetting && err.message.includes("/nope/workos-lsp") && err.message.includes("workos.server.path"),
    );
  });
  it("then uses workos-lsp on PATH", () => {
    const host = fakeHost({ env: { PATH: "/usr/bin" }, exec: ["/usr/bin/workos-lsp", bundled] });
    assert.deepEqual(resolveServerPath(EXT, host), { path: "/usr/bin/workos-lsp", source: "path" });
  });
  it("then the bundled binary for the platform, even without its executable bit", () => {
    const host = fakeHost({ env: { PATH: "/usr/bin" }, files: [bundled] });
    assert.deepEqual(resolveServerPath(EXT, host), { path: bundled, source: "bundled" });
    const mac = path.join(EXT, "bin", "darwin-arm64", "workos-lsp");
    assert.deepEqual(resolveServerPath(EXT, fakeHost({ platform: "darwin", arch: "arm64", files: [mac] })), { path: mac, source: "bundled" });
    const win = path.join(EXT, "bin", "windows-amd64", "workos-lsp.exe");
    assert.deepEqual(resolveServerPath(EXT, fakeHost({ platform: "win32", arch: "x64", files: [win] })), { path: win, source: "bundled" });
  });
  it("an empty or blank setting means unset", () => {
    setConfig({ "workos.server.path": "  " });
    const host = fakeHost({ env: { PATH: "/usr/bin" }, exec: ["/usr/bin/workos-lsp"] });
    assert.equal(resolveServerPath(EXT, host).source, "path");
  });
  it("explains every place it looked and how to fix it", () => {
    const host = fakeHost({ env: { PATH: "/usr/bin" } });
    assert.throws(
      () => resolveServerPath(EXT, host),
      (err: unknown) =>
        err instanceof ServerNotFoundError &&
        !err.fromSetting &&
        err.tried.length === 2 &&
        err.tried[1] === bundled &&
        err.message.includes("go install github.com/workos-lsp/workos-lsp/cmd/workos-lsp@latest") &&
        err.message.includes("workos.server.path") &&
        err.message.includes("the universal package carries no binary"),
    );
  });
  it("says when the platform has no bundled binary", () => {
    assert.throws(
      () => resolveServerPath(EXT, fakeHost({ platform: "freebsd", arch: "x64" })),
      (err: unknown) => err instanceof ServerNotFoundError && err.message.includes("none is built for freebsd-x64"),
    );
  });
});

describe("nodeHost and ensureExecutable (real files)", () => {
  it("tells executables from plain files and restores a lost executable bit", { skip: process.platform === "win32" }, () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "workos-lsp-path-"));
    try {
      const exe = path.join(dir, "workos-lsp");
      fs.writeFileSync(exe, "#!/bin/sh\n", { mode: 0o644 });
      const host = nodeHost();
      assert.equal(host.isFile(exe), true);
      assert.equal(host.isExecutable(exe), false);
      assert.equal(host.isExecutable(dir), false);
      assert.equal(host.isFile(path.join(dir, "missing")), false);
      ensureExecutable(exe);
      assert.equal(host.isExecutable(exe), true);
      assert.equal(findOnPath("workos-lsp", { ...host, env: { PATH: dir } }), exe);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("parseVersionOutput", () => {
  it("takes the version from workos-lsp's answer", () => {
    assert.deepEqual(parseVersionOutput(0, "workos-lsp v0.3.0\n", ""), { ok: true, version: "v0.3.0" });
    assert.deepEqual(parseVersionOutput(0, "workos-lsp dev\r\nmore\n", ""), { ok: true, version: "dev" });
  });
  it("says why another program is not workos-lsp", () => {
    assert.deepEqual(parseVersionOutput(1, "", ""), { ok: false, reason: '"version" exited with code 1' });
    assert.deepEqual(parseVersionOutput(2, "", "usage: foo [-x]\nunknown command version\n"), {
      ok: false,
      reason: '"version" exited with code 2: unknown command version',
    });
    assert.deepEqual(parseVersionOutput(0, "Python 3.11.2\n", ""), {
      ok: false,
      reason: '"version" answered "Python 3.11.2", not "workos-lsp <version>"',
    });
    assert.deepEqual(parseVersionOutput(0, "", ""), { ok: false, reason: '"version" answered nothing, not "workos-lsp <version>"' });
  });
});
