// Finding the workos-lsp executable: the `workos.server.path` setting, then `workos-lsp` on PATH, then
// the binary bundled in the extension under bin/<goos>-<goarch>/.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as vscode from "vscode";
import { SERVER_NAME, bundledPath } from "./platform";

export { SERVER_NAME, bundledPath, executableName, goTarget } from "./platform";

export type ServerSource = "setting" | "path" | "bundled";

export interface ServerLocation {
  path: string;
  source: ServerSource;
}

/** The server could not be found; `tried` lists every place that was looked at, in order. */
export class ServerNotFoundError extends Error {
  constructor(
    message: string,
    readonly tried: string[],
    readonly fromSetting: boolean,
  ) {
    super(message);
    this.name = "ServerNotFoundError";
  }
}

/** What resolveServerPath reads from the machine; tests replace all of it. */
export interface Host {
  platform: NodeJS.Platform;
  arch: string;
  env: NodeJS.ProcessEnv;
  homedir: string;
  /** An executable regular file (on Windows: an existing regular file). */
  isExecutable(p: string): boolean;
  /** An existing regular file, executable or not (a bundled binary may have lost its mode bits). */
  isFile(p: string): boolean;
}

export function nodeHost(): Host {
  return {
    platform: process.platform,
    arch: process.arch,
    env: process.env,
    homedir: os.homedir(),
    isExecutable(p) {
      try {
        if (!fs.statSync(p).isFile()) {
          return false;
        }
        if (process.platform !== "win32") {
          fs.accessSync(p, fs.constants.X_OK);
        }
        return true;
      } catch {
        return false;
      }
    },
    isFile(p) {
      try {
        return fs.statSync(p).isFile();
      } catch {
        return false;
      }
    },
  };
}

/** Looks a command up on PATH the way a shell would (with PATHEXT on Windows). */
export function findOnPath(command: string, host: Host): string | undefined {
  const win = host.platform === "win32";
  const pathApi = win ? path.win32 : path.posix;
  // Windows environment names are case-insensitive ("Path").
  const envVar = (name: string): string | undefined => {
    if (!win) {
      return host.env[name];
    }
    const key = Object.keys(host.env).find((k) => k.toUpperCase() === name);
    return key === undefined ? undefined : host.env[key];
  };
  const dirs = (envVar("PATH") ?? "").split(win ? ";" : ":").filter((d) => d !== "");
  const exts = win ? (envVar("PATHEXT") ?? ".EXE;.CMD;.BAT;.COM").split(";").filter((e) => e !== "") : [""];
  for (const dir of dirs) {
    for (const ext of exts) {
      const candidate = pathApi.join(dir.replace(/^"(.*)"$/, "$1"), command + ext.toLowerCase());
      if (host.isExecutable(candidate)) {
        return candidate;
      }
    }
  }
  return undefined;
}

/**
 * Expands `~`, `${workspaceFolder}` and `${env:NAME}` in a user-written path and makes a relative path
 * absolute against the workspace folder (or leaves it relative when there is none).
 */
export function expandUserPath(p: string, host: Pick<Host, "homedir" | "env" | "platform">, workspaceFolder?: string): string {
  const pathApi = host.platform === "win32" ? path.win32 : path.posix;
  let out = p.trim();
  if (out === "") {
    return out;
  }
  out = out.replace(/\$\{env:([^}]+)\}/g, (_m, name: string) => host.env[name] ?? "");
  if (workspaceFolder !== undefined) {
    out = out.replace(/\$\{workspaceFolder\}/g, workspaceFolder);
  }
  if (out === "~") {
    out = host.homedir;
  } else if (out.startsWith("~/") || out.startsWith("~\\")) {
    out = pathApi.join(host.homedir, out.slice(2));
  }
  if (!pathApi.isAbsolute(out) && workspaceFolder !== undefined) {
    out = pathApi.join(workspaceFolder, out);
  }
  return out;
}

/** The first workspace folder on disk, if any. */
export function firstWorkspaceFolder(): string | undefined {
  return vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === "file")?.uri.fsPath;
}

/**
 * Resolves the server executable. A configured `workos.server.path` that does not exist is an error
 * (falling back silently would hide the typo); otherwise PATH, then the bundled binary.
 */
export function resolveServerPath(extensionPath: string, host: Host = nodeHost()): ServerLocation {
  const configured = vscode.workspace.getConfiguration("workos").get<string>("server.path", "") ?? "";
  const tried: string[] = [];
  if (configured.trim() !== "") {
    const p = expandUserPath(configured, host, firstWorkspaceFolder());
    if (host.isExecutable(p)) {
      return { path: p, source: "setting" };
    }
    throw new ServerNotFoundError(
      `The WorkOS language server was not found at "${p}" (setting workos.server.path). ` +
        `Fix the path, or clear the setting to use ${SERVER_NAME} from PATH or the bundled binary.`,
      [p],
      true,
    );
  }
  const onPath = findOnPath(SERVER_NAME, host);
  if (onPath) {
    return { path: onPath, source: "path" };
  }
  tried.push(`${SERVER_NAME} on PATH`);
  const bundled = bundledPath(extensionPath, host.platform, host.arch);
  if (bundled && host.isFile(bundled)) {
    return { path: bundled, source: "bundled" };
  }
  tried.push(bundled ?? `a bundled binary (none is built for ${host.platform}-${host.arch})`);
  throw new ServerNotFoundError(
    `The WorkOS language server (${SERVER_NAME}) was not found: tried ${tried.join(", ")}. ` +
      `Install it with "go install github.com/workos-lsp/workos-lsp/cmd/workos-lsp@latest" and make sure it is on PATH, ` +
      `set workos.server.path to the executable, or install this extension's package for your platform ` +
      `(the universal package carries no binary).`,
    tried,
    false,
  );
}

/** Restores the executable bit of a bundled binary (zip extraction may drop it). */
export function ensureExecutable(p: string, platform: string = process.platform): void {
  if (platform === "win32") {
    return;
  }
  try {
    fs.accessSync(p, fs.constants.X_OK);
  } catch {
    fs.chmodSync(p, 0o755);
  }
}

/** What `<server> version` answered: the version, or why the program is not workos-lsp. */
export type VersionProbe = { ok: true; version: string } | { ok: false; reason: string };

/**
 * Reads the answer of `<server> version` ("workos-lsp v0.3.0"). Checked before the language client
 * starts because a program that is not workos-lsp (a typo'd setting pointing at another tool, a
 * wrapper script that fails) would exit in the middle of the initialize handshake, and
 * vscode-languageclient 9 then rejects promises nobody can catch and shows only "Server
 * initialization failed".
 */
export function parseVersionOutput(code: number, stdout: string, stderr: string): VersionProbe {
  const first = stdout.trim().split(/\r?\n/)[0] ?? "";
  const m = /^workos-lsp\s+(\S+)/.exec(first);
  if (code === 0 && m) {
    return { ok: true, version: m[1] ?? "" };
  }
  const said = (stderr.trim().split(/\r?\n/).pop() ?? "") || first;
  if (code !== 0) {
    return { ok: false, reason: `"version" exited with code ${code}${said ? `: ${said}` : ""}` };
  }
  return { ok: false, reason: `"version" answered ${said ? `"${said.slice(0, 80)}"` : "nothing"}, not "workos-lsp <version>"` };
}
