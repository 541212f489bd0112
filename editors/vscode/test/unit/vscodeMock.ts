// A stand-in for the `vscode` module, which exists only inside VS Code. Importing this file first makes
// `require("vscode")` return the mock, so the extension's modules run under plain Node.
import Module from "node:module";

type Listener<T> = (e: T) => unknown;

export class EventEmitter<T> {
  private listeners: Listener<T>[] = [];
  event = (l: Listener<T>): { dispose(): void } => {
    this.listeners.push(l);
    return { dispose: () => (this.listeners = this.listeners.filter((x) => x !== l)) };
  };
  fire(e: T): void {
    for (const l of [...this.listeners]) {
      l(e);
    }
  }
  dispose(): void {
    this.listeners = [];
  }
}

export class CancellationTokenSource {
  private readonly emitter = new EventEmitter<void>();
  token = { isCancellationRequested: false, onCancellationRequested: this.emitter.event };
  cancel(): void {
    if (!this.token.isCancellationRequested) {
      this.token.isCancellationRequested = true;
      this.emitter.fire();
    }
  }
  dispose(): void {
    this.emitter.dispose();
  }
}

export class ThemeColor {
  constructor(readonly id: string) {}
}

export class ThemeIcon {
  constructor(readonly id: string) {}
}

export interface FakeStatusBarItem {
  id: string;
  alignment: number;
  priority: number;
  name?: string;
  text: string;
  tooltip?: string;
  command?: string;
  backgroundColor?: ThemeColor;
  visible: boolean;
  show(): void;
  hide(): void;
  dispose(): void;
}

export interface FakeQuickPick {
  title?: string;
  placeholder?: string;
  value: string;
  items: { label: string; hit?: unknown }[];
  selectedItems: { label: string; hit?: unknown }[];
  busy: boolean;
  matchOnDescription: boolean;
  matchOnDetail: boolean;
  visible: boolean;
  onDidChangeValue: EventEmitter<string>["event"];
  onDidAccept: EventEmitter<void>["event"];
  onDidTriggerItemButton: EventEmitter<{ item: unknown; button: unknown }>["event"];
  onDidHide: EventEmitter<void>["event"];
  show(): void;
  hide(): void;
  dispose(): void;
  // Test controls:
  type(value: string): void;
  accept(index: number): void;
  triggerButton(index: number): void;
}

/** Mutable state the tests set up: configuration values by full key, workspace folders, fakes. */
export const state = {
  config: new Map<string, unknown>(),
  workspaceFolders: undefined as { uri: { scheme: string; fsPath: string } }[] | undefined,
  statusItems: [] as FakeStatusBarItem[],
  quickPicks: [] as FakeQuickPick[],
};

export function setConfig(values: Record<string, unknown>): void {
  state.config = new Map(Object.entries(values));
}

export function setWorkspaceFolder(fsPath: string | undefined): void {
  state.workspaceFolders = fsPath === undefined ? undefined : [{ uri: { scheme: "file", fsPath } }];
}

function getConfiguration(section?: string): { get<T>(key: string, def?: T): T | undefined; has(key: string): boolean } {
  const full = (key: string): string => (section ? `${section}.${key}` : key);
  return {
    get<T>(key: string, def?: T): T | undefined {
      const k = full(key);
      return state.config.has(k) ? (state.config.get(k) as T) : def;
    },
    has: (key: string) => state.config.has(full(key)),
  };
}

function createQuickPick(): FakeQuickPick {
  const changeValue = new EventEmitter<string>();
  const accept = new EventEmitter<void>();
  const button = new EventEmitter<{ item: unknown; button: unknown }>();
  const hide = new EventEmitter<void>();
  const qp: FakeQuickPick = {
    value: "",
    items: [],
    selectedItems: [],
    busy: false,
    matchOnDescription: false,
    matchOnDetail: false,
    visible: false,
    onDidChangeValue: changeValue.event,
    onDidAccept: accept.event,
    onDidTriggerItemButton: button.event,
    onDidHide: hide.event,
    show() {
      qp.visible = true;
    },
    hide() {
      if (qp.visible) {
        qp.visible = false;
        hide.fire();
      }
    },
    dispose() {},
    type(value: string) {
      qp.value = value;
      changeValue.fire(value);
    },
    accept(index: number) {
      const item = qp.items[index];
      qp.selectedItems = item ? [item] : [];
      accept.fire();
    },
    triggerButton(index: number) {
      button.fire({ item: qp.items[index], button: undefined });
    },
  };
  state.quickPicks.push(qp);
  return qp;
}

export const vscodeMock = {
  EventEmitter,
  CancellationTokenSource,
  ThemeColor,
  ThemeIcon,
  StatusBarAlignment: { Left: 1, Right: 2 },
  ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
  ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
  Uri: {
    file: (fsPath: string) => ({ scheme: "file", fsPath, toString: () => `file://${fsPath}` }),
    parse: (value: string) => ({ scheme: value.split(":")[0], toString: () => value }),
  },
  workspace: {
    getConfiguration,
    get workspaceFolders() {
      return state.workspaceFolders;
    },
  },
  window: {
    createStatusBarItem(id: string, alignment: number, priority: number): FakeStatusBarItem {
      const item: FakeStatusBarItem = {
        id,
        alignment,
        priority,
        text: "",
        visible: false,
        show: () => void (item.visible = true),
        hide: () => void (item.visible = false),
        dispose: () => void (item.visible = false),
      };
      state.statusItems.push(item);
      return item;
    },
    createQuickPick,
  },
};

// Resolve "vscode" to a cache entry holding the mock.
const M = Module as unknown as {
  _resolveFilename(request: string, ...rest: unknown[]): string;
  _cache: Record<string, unknown>;
};
const original = M._resolveFilename.bind(M);
M._resolveFilename = (request: string, ...rest: unknown[]): string => (request === "vscode" ? "vscode" : original(request, ...rest));
M._cache["vscode"] = { id: "vscode", filename: "vscode", loaded: true, exports: vscodeMock };
