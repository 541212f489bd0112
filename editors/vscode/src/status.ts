// The status bar item: docs version once loaded, the loading stage and percentage while the server
// reports $/progress, and an error state when the server is missing or stopped.
import * as vscode from "vscode";

/** The $/progress values (WorkDoneProgressBegin | Report | End) as far as the status bar cares. */
export interface ProgressValue {
  kind: "begin" | "report" | "end";
  title?: string;
  message?: string;
  percentage?: number;
}

export type StatusState =
  | { kind: "starting" }
  | { kind: "loading"; stage: string; percentage?: number }
  | { kind: "ready"; docsVersion?: string }
  | { kind: "loadFailed" }
  | { kind: "error"; message: string }
  | { kind: "stopped" };

export interface StatusText {
  text: string;
  tooltip: string;
  error: boolean;
  /** What clicking the item does: loading the docs failed → fetch them again; the server is in trouble → restart it. */
  click: "search" | "update" | "restart";
}

/** The title the server gives its docs-loading progress. */
export const LOAD_PROGRESS_TITLE = "WorkOS docs";

/** Pure rendering of a state, so that tests can check it without a status bar. */
export function renderStatus(state: StatusState, server?: { name?: string; version?: string; path?: string }): StatusText {
  const serverLine = server?.name ? `${server.name}${server.version ? " " + server.version : ""}${server.path ? ` (${server.path})` : ""}` : "";
  const withServer = (s: string): string => (serverLine ? `${s}\n${serverLine}` : s);
  switch (state.kind) {
    case "starting":
      return { text: "$(loading~spin) WorkOS", tooltip: withServer("Starting the WorkOS language server…"), error: false, click: "search" };
    case "loading": {
      const pct = state.percentage !== undefined ? ` ${Math.round(state.percentage)}%` : "";
      return {
        text: `$(loading~spin) WorkOS docs: ${state.stage}${pct}`,
        tooltip: withServer(`Loading the WorkOS docs (${state.stage}${pct})`),
        error: false,
        click: "search",
      };
    }
    case "ready":
      return {
        text: `$(book) WorkOS${state.docsVersion ? " " + state.docsVersion : ""}`,
        tooltip: withServer(`WorkOS docs ${state.docsVersion ?? ""}`.trim() + " — click to search the docs"),
        error: false,
        click: "search",
      };
    case "loadFailed":
      return {
        text: "$(warning) WorkOS docs",
        tooltip: withServer("Loading the WorkOS docs failed (see the WorkOS Language Server output) — click to download them again"),
        error: true,
        click: "update",
      };
    case "error":
      return { text: "$(error) WorkOS", tooltip: state.message, error: true, click: "restart" };
    case "stopped":
      return { text: "$(circle-slash) WorkOS", tooltip: withServer("The WorkOS language server is stopped — click to restart"), error: true, click: "restart" };
  }
}

/** Folds one $/progress value of the docs load into the state; other progress leaves it as is. */
export function nextState(state: StatusState, value: ProgressValue, isDocsLoad: boolean): StatusState {
  if (!isDocsLoad) {
    return state;
  }
  switch (value.kind) {
    case "begin":
      return { kind: "loading", stage: value.message || "loading", percentage: value.percentage };
    case "report":
      return {
        kind: "loading",
        stage: value.message || (state.kind === "loading" ? state.stage : "loading"),
        percentage: value.percentage,
      };
    case "end": {
      const m = /^WorkOS docs (\S+)/.exec(value.message ?? "");
      if (m) {
        return { kind: "ready", docsVersion: m[1] };
      }
      if (value.message === "failed") {
        return { kind: "loadFailed" };
      }
      // Cancelled: a newer load follows, keep showing what was there.
      return state.kind === "loading" ? { kind: "starting" } : state;
    }
  }
}

export class StatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private state: StatusState = { kind: "starting" };
  private server: { name?: string; version?: string; path?: string } = {};
  private readonly docsTokens = new Set<string | number>();

  constructor(private readonly commands: { search: string; update: string; restart: string }) {
    this.item = vscode.window.createStatusBarItem("workos.status", vscode.StatusBarAlignment.Right, 100);
    this.item.name = "WorkOS Docs";
    this.render();
    this.item.show();
  }

  get current(): StatusState {
    return this.state;
  }

  setServer(info: { name?: string; version?: string; path?: string }): void {
    this.server = { ...this.server, ...info };
    this.render();
  }

  set(state: StatusState): void {
    this.state = state;
    this.render();
  }

  /** Feeds a $/progress notification; the docs load is recognized by its begin title. */
  progress(token: string | number, value: ProgressValue): void {
    if (value.kind === "begin" && value.title === LOAD_PROGRESS_TITLE) {
      this.docsTokens.add(token);
    }
    const isDocs = this.docsTokens.has(token);
    if (value.kind === "end") {
      this.docsTokens.delete(token);
    }
    this.set(nextState(this.state, value, isDocs));
  }

  private render(): void {
    const r = renderStatus(this.state, this.server);
    this.item.text = r.text;
    this.item.tooltip = r.tooltip;
    this.item.command = this.commands[r.click];
    this.item.backgroundColor = r.error ? new vscode.ThemeColor("statusBarItem.errorBackground") : undefined;
  }

  dispose(): void {
    this.item.dispose();
  }
}
