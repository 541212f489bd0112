// Helpers for the integration tests: the workos-lsp binary (built once, or $WORKOS_LSP_BIN) and paths.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** editors/vscode (the tests run from out/test/integration). */
export const extensionRoot = path.resolve(__dirname, "..", "..", "..");
export const repoRoot = path.resolve(extensionRoot, "..", "..");
/** The project's own fixture docs: no network needed. */
export const fixtureDocs = path.join(repoRoot, "corpus", "corpustest", "fixture", "docs");
export const fixtures = path.join(extensionRoot, "test", "fixtures");

let built: string | undefined;

/** The server binary: $WORKOS_LSP_BIN when set, else `go build` into a temporary folder (once). */
export function serverBinary(): string {
  const fromEnv = process.env.WORKOS_LSP_BIN;
  if (fromEnv) {
    if (!fs.existsSync(fromEnv)) {
      throw new Error(`WORKOS_LSP_BIN=${fromEnv} does not exist`);
    }
    return fromEnv;
  }
  if (!built) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "workos-lsp-bin-"));
    const out = path.join(dir, process.platform === "win32" ? "workos-lsp.exe" : "workos-lsp");
    execFileSync("go", ["build", "-o", out, "./cmd/workos-lsp"], { cwd: repoRoot, stdio: ["ignore", "inherit", "inherit"], timeout: 600_000 });
    built = out;
  }
  return built;
}

/** A private cache folder, so tests never touch the user's cached docs. */
export function tempCache(): string {
  return process.env.WORKOS_LSP_CACHE ?? fs.mkdtempSync(path.join(os.tmpdir(), "workos-lsp-cache-"));
}
