// Builds every .vsix with scripts/package.sh and checks what each carries: the manifest with its
// platform target, the one-file esbuild bundle (no node_modules, sources or tests) and only that
// target's server binary; the universal package carries none. The host's binary is built by the
// script for real (stripped, -trimpath) and must run; the other targets get small stand-in files
// through WORKOS_LSP_BIN_DIR, since only their place in the package is checked here.
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import { builtinModules } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import { before, describe, it } from "node:test";
import * as zlib from "node:zlib";
import { goTarget } from "../../src/platform";
// The stand-in extension host answers `require("vscode")` for the bundle.
import "../extension/fakeVscode";
import { extensionRoot, repoRoot } from "../integration/server";

interface ZipEntry {
  name: string;
  /** Unix mode from the external attributes (0 when the zip was not made on Unix). */
  mode: number;
  read(): Buffer;
}

/** A minimal zip reader (central directory, stored and deflated entries) — enough for a .vsix. */
export function readZip(buf: Buffer): ZipEntry[] {
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(eocd >= 0, "not a zip: no end of central directory");
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    assert.equal(buf.readUInt32LE(p), 0x02014b50, "bad central directory entry");
    const method = buf.readUInt16LE(p + 10);
    const compressed = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const external = buf.readUInt32LE(p + 38);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString("utf8", p + 46, p + 46 + nameLen);
    entries.push({
      name,
      mode: (external >>> 16) & 0o7777,
      read() {
        const dataStart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
        const data = buf.subarray(dataStart, dataStart + compressed);
        if (method === 0) {
          return Buffer.from(data);
        }
        assert.equal(method, 8, `${name}: unsupported compression ${method}`);
        return zlib.inflateRawSync(data);
      },
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}


/** VS Code's platform targets and Go's names for them; "universal" has no binary. */
const TARGETS: Record<string, string | undefined> = {
  "linux-x64": "linux/amd64",
  "linux-arm64": "linux/arm64",
  "darwin-x64": "darwin/amd64",
  "darwin-arm64": "darwin/arm64",
  "win32-x64": "windows/amd64",
  "win32-arm64": "windows/arm64",
  universal: undefined,
};

const COMMON = [
  "extension.vsixmanifest",
  "[Content_Types].xml",
  "extension/package.json",
  "extension/readme.md",
  "extension/LICENSE.txt",
  "extension/dist/extension.js",
];

function binaryEntry(goTargetName: string): string {
  const [goos, goarch] = goTargetName.split("/");
  return `extension/bin/${goos}-${goarch}/workos-lsp${goos === "windows" ? ".exe" : ""}`;
}

/** Section names of an ELF64 little-endian file (enough to see whether a Go binary is stripped). */
export function elfSections(buf: Buffer): string[] {
  assert.equal(buf.toString("latin1", 0, 4), "\x7fELF", "not an ELF file");
  assert.equal(buf[4], 2, "not ELF64");
  const shoff = Number(buf.readBigUInt64LE(0x28));
  const shentsize = buf.readUInt16LE(0x3a);
  const shnum = buf.readUInt16LE(0x3c);
  const shstrndx = buf.readUInt16LE(0x3e);
  const header = (i: number): { name: number; offset: number; size: number } => {
    const h = shoff + i * shentsize;
    return { name: buf.readUInt32LE(h), offset: Number(buf.readBigUInt64LE(h + 0x18)), size: Number(buf.readBigUInt64LE(h + 0x20)) };
  };
  const strtab = header(shstrndx);
  const names: string[] = [];
  for (let i = 0; i < shnum; i++) {
    const start = strtab.offset + header(i).name;
    names.push(buf.toString("latin1", start, buf.indexOf(0, start)));
  }
  return names;
}

describe("the .vsix packages", () => {
  const host = goTarget(process.platform, process.arch);
  const hostTarget = `${process.platform}-${process.arch}`;
  const packages = new Map<string, Map<string, ZipEntry>>();

  before(() => {
    assert.ok(host && hostTarget in TARGETS, `no platform package for ${hostTarget}`);
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "workos-vsix-"));
    const standIns = path.join(work, "bin");
    for (const [target, gt] of Object.entries(TARGETS)) {
      if (gt && target !== hostTarget) {
        const file = path.join(standIns, binaryEntry(gt).replace(/^extension\/bin\//, ""));
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, `stand-in for ${target}\n`, { mode: 0o755 });
      }
    }
    execFileSync("bash", [path.join(extensionRoot, "scripts", "package.sh"), "all"], {
      cwd: extensionRoot,
      env: { ...process.env, VSIX_DIR: path.join(work, "out"), WORKOS_LSP_BIN_DIR: standIns },
      stdio: ["ignore", "inherit", "inherit"],
      timeout: 900_000,
    });
    const version = (JSON.parse(fs.readFileSync(path.join(extensionRoot, "package.json"), "utf8")) as { version: string }).version;
    for (const target of Object.keys(TARGETS)) {
      const file = path.join(work, "out", `workos-lsp-${target}-${version}.vsix`);
      packages.set(target, new Map(readZip(fs.readFileSync(file)).map((e) => [e.name, e])));
    }
  });

  for (const [target, gt] of Object.entries(TARGETS)) {
    it(`${target}: the manifest names its platform and the package holds only its own files`, () => {
      const entries = packages.get(target);
      assert.ok(entries);
      const manifest = entries.get("extension.vsixmanifest")?.read().toString("utf8") ?? "";
      const platform = /TargetPlatform="([^"]*)"/.exec(manifest)?.[1];
      assert.equal(platform, gt ? target : undefined, "TargetPlatform");
      const want = gt ? [...COMMON, binaryEntry(gt)] : COMMON;
      assert.deepEqual([...entries.keys()].sort(), [...want].sort());
      if (gt && !gt.startsWith("windows/")) {
        const mode = entries.get(binaryEntry(gt))?.mode ?? 0;
        assert.equal(mode & 0o111, 0o111, `not executable (mode ${mode.toString(8)})`);
      }
    });
  }

  it("package.json points at the bundle and declares the commands", () => {
    const pkg = JSON.parse(packages.get("universal")?.get("extension/package.json")?.read().toString("utf8") ?? "{}") as {
      name: string;
      main: string;
      contributes: { commands: { command: string }[] };
    };
    assert.equal(pkg.name, "workos-lsp");
    assert.equal(pkg.main, "./dist/extension.js");
    assert.deepEqual(
      pkg.contributes.commands.map((c) => c.command).sort(),
      ["workos.openDocsAtCursor", "workos.restartServer", "workos.searchDocs", "workos.updateDocs"],
    );
  });

  it("the bundle needs nothing but vscode and Node's own modules, and loads", () => {
    const code = packages.get("universal")?.get("extension/dist/extension.js")?.read().toString("utf8") ?? "";
    const required = new Set([...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1] ?? ""));
    const builtins = new Set(builtinModules);
    const foreign = [...required].filter((r) => r !== "vscode" && !builtins.has(r.replace(/^node:/, "")));
    assert.deepEqual(foreign, []);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "workos-vsix-bundle-"));
    const file = path.join(dir, "extension.js");
    fs.writeFileSync(file, code);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(file) as { activate?: unknown; deactivate?: unknown };
    assert.equal(typeof mod.activate, "function");
    assert.equal(typeof mod.deactivate, "function");
  });

  it("the host's server is stripped, built with -trimpath, and runs", () => {
    assert.ok(host);
    const e = packages.get(hostTarget)?.get(binaryEntry(`${host.goos}/${host.goarch}`));
    assert.ok(e);
    const bin = e.read();
    if (process.platform === "linux") {
      const sections = elfSections(bin);
      assert.ok(sections.includes(".text"), `sections: ${sections.join(" ")}`);
      assert.deepEqual(sections.filter((s) => s === ".symtab" || s.startsWith(".debug") || s.startsWith(".zdebug")), []);
    }
    assert.ok(!bin.includes(Buffer.from(repoRoot)), `the binary holds the build path ${repoRoot} (no -trimpath)`);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "workos-vsix-bin-"));
    try {
      const exe = path.join(dir, process.platform === "win32" ? "workos-lsp.exe" : "workos-lsp");
      fs.writeFileSync(exe, bin, { mode: 0o755 });
      assert.match(execFileSync(exe, ["version"], { encoding: "utf8" }), /^workos-lsp \S+/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
