// Mapping the extension's settings (workos.docs.path, workos.offline…) to what the server reads:
// {"workos": {"docsPath", "docsVersion", "offline", "languages", "maxWorkspaceFiles"}}, as initializationOptions and in
// workspace/didChangeConfiguration and workspace/configuration answers.
import * as vscode from "vscode";
import { expandUserPath, firstWorkspaceFolder, nodeHost, type Host } from "./serverPath";

/** The server's settings object (the inner part of {"workos": …}). */
export interface ServerSettings {
  docsPath: string;
  docsVersion: string;
  offline: boolean;
  languages: string[];
  /** Cap on the source files read per workspace folder; 0 the server's default, negative no scan. */
  maxWorkspaceFiles: number;
}

/** Server language names (corpus.ParseLanguage accepts these and VS Code's language ids). */
export const SERVER_LANGUAGES = ["node", "go", "python", "ruby", "php", "java", "dotnet"] as const;

/**
 * Reads the settings. Every field is sent explicitly, even when empty: a didChangeConfiguration
 * replaces the previous one, so a cleared setting must say "cleared" rather than be absent.
 */
export function readServerSettings(host: Pick<Host, "homedir" | "env" | "platform"> = nodeHost()): ServerSettings {
  const c = vscode.workspace.getConfiguration("workos");
  const str = (key: string): string => {
    const v = c.get<unknown>(key);
    return typeof v === "string" ? v.trim() : "";
  };
  const docsPath = str("docs.path");
  const rawLangs = c.get<unknown>("languages");
  const languages = Array.isArray(rawLangs)
    ? [...new Set(rawLangs.filter((l): l is string => typeof l === "string").map((l) => l.trim().toLowerCase()).filter((l) => l !== ""))]
    : [];
  return {
    docsPath: docsPath === "" ? "" : expandUserPath(docsPath, host, firstWorkspaceFolder()),
    docsVersion: str("docs.version"),
    offline: c.get<unknown>("offline") === true,
    languages,
    maxWorkspaceFiles: integer(c.get<unknown>("workspace.maxFiles")),
  };
}

function integer(v: unknown): number {
  return typeof v === "number" && Number.isFinite(v) ? Math.trunc(v) : 0;
}

/** The payload of initializationOptions and of didChangeConfiguration's `settings`. */
export function settingsPayload(s: ServerSettings): { workos: ServerSettings } {
  return { workos: s };
}

/** What a configuration change means for the running server. */
export type ChangeEffect = "restart" | "notify" | "none";

export function changeEffect(e: Pick<vscode.ConfigurationChangeEvent, "affectsConfiguration">): ChangeEffect {
  // The server reads the workspace settings when it starts.
  if (e.affectsConfiguration("workos.server.path") || e.affectsConfiguration("workos.workspace")) {
    return "restart";
  }
  for (const key of ["workos.docs", "workos.offline", "workos.languages"]) {
    if (e.affectsConfiguration(key)) {
      return "notify";
    }
  }
  // workos.trace.server is read by the language client itself.
  return "none";
}

/**
 * Answers a workspace/configuration request: the "workos" section gets the mapped settings, any other
 * section what VS Code has (null when unset), as the default handler would.
 */
export function configurationAnswer(items: { section?: string }[], settings: ServerSettings): unknown[] {
  return items.map((item) => {
    if (item.section === "workos") {
      return settings;
    }
    if (item.section === undefined || item.section === "") {
      return settingsPayload(settings);
    }
    return vscode.workspace.getConfiguration().get(item.section) ?? null;
  });
}
