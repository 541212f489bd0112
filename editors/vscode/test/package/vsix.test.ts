// Builds the .vsix with scripts/package.sh (host platform only unless WORKOS_LSP_TARGETS says more, and
// with the already built server) and checks what is inside: the manifest, the compiled extension, its
// runtime dependencies and a working, executable server binary for each target. VSIX=path checks an
// existing package instead.
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { before, describe, it } from "node:test";
import * as zlib from "node:zlib";
import { goTarget } from "../../src/platform";
import { extensionRoot, serverBinary } from "../integration/server";

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

describe("the .vsix", () => {
  let entries: Map<string, ZipEntry>;
  let targets: string[];

  before(() => {
    const host = goTarget(process.platform, process.arch);
    assert.ok(host, `no bundled binary for ${process.platform}-${process.arch}`);
    targets = (process.env.WORKOS_LSP_TARGETS ?? `${host.goos}/${host.goarch}`).split(/\s+/).filter((t) => t !== "");
    let vsix = process.env.VSIX;
    if (!vsix) {
      vsix = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "workos-vsix-")), "workos-lsp.vsix");
      execFileSync("bash", [path.join(extensionRoot, "scripts", "package.sh")], {
        cwd: extensionRoot,
        env: { ...process.env, VSIX_OUT: vsix, WORKOS_LSP_TARGETS: targets.join(" "), WORKOS_LSP_PREBUILT: serverBinary() },
        stdio: ["ignore", "inherit", "inherit"],
        timeout: 1_800_000,
      });
    }
    entries = new Map(readZip(fs.readFileSync(vsix)).map((e) => [e.name, e]));
  });

  it("has the VS Code manifest and package.json", () => {
    assert.ok(entries.has("extension.vsixmanifest"));
    const pkgEntry = entries.get("extension/package.json");
    assert.ok(pkgEntry);
    const pkg = JSON.parse(pkgEntry.read().toString("utf8")) as { name: string; main: string; contributes: { commands: { command: string }[] } };
    assert.equal(pkg.name, "workos-lsp");
    assert.deepEqual(
      pkg.contributes.commands.map((c) => c.command).sort(),
      ["workos.openDocsAtCursor", "workos.restartServer", "workos.searchDocs", "workos.updateDocs"],
    );
    const main = path.posix.join("extension", pkg.main.endsWith(".js") ? pkg.main : pkg.main + ".js");
    assert.ok(entries.has(main), `main ${main} is missing`);
  });

  it("holds the compiled extension and its runtime dependencies, not sources or tests", () => {
    for (const f of ["extension.js", "serverPath.js", "settings.js", "search.js", "status.js", "docsUrl.js", "hits.js", "platform.js"]) {
      assert.ok(entries.has(`extension/out/src/${f}`), f);
    }
    assert.ok(entries.has("extension/node_modules/vscode-languageclient/package.json"));
    assert.ok(entries.has("extension/node_modules/vscode-languageserver-protocol/package.json"));
    const names = [...entries.keys()];
    assert.deepEqual(names.filter((n) => n.endsWith(".ts") || n.includes("/out/test/") || n.includes("/src/") && !n.includes("/out/src/") && !n.includes("node_modules")), []);
    assert.ok(!names.some((n) => n.includes("node_modules/typescript/") || n.includes("node_modules/eslint/") || n.includes("@vscode/vsce")), "dev dependencies packed");
  });

  it("bundles an executable server for each target", () => {
    for (const t of targets) {
      const [goos, goarch] = t.split("/");
      const name = `extension/bin/${goos}-${goarch}/workos-lsp${goos === "windows" ? ".exe" : ""}`;
      const e = entries.get(name);
      assert.ok(e, `${name} is missing`);
      if (goos !== "windows") {
        assert.equal(e.mode & 0o111, 0o111, `${name} is not executable (mode ${e.mode.toString(8)})`);
      }
    }
  });

  it("the host's bundled server runs", () => {
    const host = goTarget(process.platform, process.arch);
    assert.ok(host);
    const exe = process.platform === "win32" ? "workos-lsp.exe" : "workos-lsp";
    const e = entries.get(`extension/bin/${host.goos}-${host.goarch}/${exe}`);
    assert.ok(e);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "workos-vsix-bin-"));
    try {
      const bin = path.join(dir, exe);
      fs.writeFileSync(bin, e.read(), { mode: 0o755 });
      const out = execFileSync(bin, ["version"], { encoding: "utf8" });
      assert.match(out, /^workos-lsp \S+/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
