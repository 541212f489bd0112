// A small, working stand-in for the VS Code extension host API: enough of `vscode` for the real
// extension (src/extension.ts) and the real vscode-languageclient to activate, start workos-lsp and
// register their providers, which the test then calls as VS Code would. Members that are not modelled
// resolve to inert stubs (recorded in `missing`), so an unexpected use shows up in the test output.
import Module from "node:module";
import * as path from "node:path";
import { pathToFileURL, fileURLToPath } from "node:url";

type Listener<T> = (e: T) => unknown;

export class Disposable {
  constructor(private readonly fn: () => unknown = () => undefined) {}
  static from(...items: { dispose(): unknown }[]): Disposable {
    return new Disposable(() => items.forEach((i) => i.dispose()));
  }
  dispose(): void {
    this.fn();
  }
}

export class EventEmitter<T> {
  private listeners: Listener<T>[] = [];
  event = (l: Listener<T>, thisArg?: unknown, disposables?: Disposable[]): Disposable => {
    const bound = thisArg ? l.bind(thisArg) : l;
    this.listeners.push(bound);
    const d = new Disposable(() => (this.listeners = this.listeners.filter((x) => x !== bound)));
    disposables?.push(d);
    return d;
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

export class CancellationError extends Error {}

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

export class Uri {
  private constructor(
    readonly scheme: string,
    readonly authority: string,
    readonly path: string,
    readonly query: string,
    readonly fragment: string,
  ) {}
  static parse(value: string): Uri {
    const u = new URL(value);
    return new Uri(u.protocol.replace(/:$/, ""), u.host, decodeURIComponent(u.pathname), u.search.replace(/^\?/, ""), u.hash.replace(/^#/, ""));
  }
  static file(p: string): Uri {
    return Uri.parse(pathToFileURL(p).href);
  }
  get fsPath(): string {
    return this.scheme === "file" ? fileURLToPath(this.toString()) : this.path;
  }
  with(change: { scheme?: string; path?: string; query?: string; fragment?: string }): Uri {
    return new Uri(change.scheme ?? this.scheme, this.authority, change.path ?? this.path, change.query ?? this.query, change.fragment ?? this.fragment);
  }
  toString(): string {
    if (this.scheme === "file") {
      return pathToFileURL(this.path).href;
    }
    return `${this.scheme}:${this.authority ? "//" + this.authority : ""}${this.path}${this.query ? "?" + this.query : ""}${this.fragment ? "#" + this.fragment : ""}`;
  }
  toJSON(): unknown {
    return { scheme: this.scheme, path: this.path };
  }
}

export class Position {
  constructor(
    readonly line: number,
    readonly character: number,
  ) {}
  isBefore(o: Position): boolean {
    return this.line < o.line || (this.line === o.line && this.character < o.character);
  }
  isAfter(o: Position): boolean {
    return o.isBefore(this);
  }
  isEqual(o: Position): boolean {
    return this.line === o.line && this.character === o.character;
  }
}

export class Range {
  readonly start: Position;
  readonly end: Position;
  constructor(a: Position | number, b: Position | number, c?: number, d?: number) {
    if (typeof a === "number") {
      this.start = new Position(a, b as number);
      this.end = new Position(c ?? 0, d ?? 0);
    } else {
      this.start = a;
      this.end = b as Position;
    }
  }
  get isEmpty(): boolean {
    return this.start.isEqual(this.end);
  }
  contains(p: Position | Range): boolean {
    if (p instanceof Range) {
      return this.contains(p.start) && this.contains(p.end);
    }
    return !p.isBefore(this.start) && !this.end.isBefore(p);
  }
}

export class Selection extends Range {
  constructor(
    readonly anchor: Position,
    readonly active: Position,
  ) {
    super(anchor, active);
  }
}

export class Location {
  constructor(
    readonly uri: Uri,
    readonly range: Range,
  ) {}
}

export class MarkdownString {
  isTrusted?: boolean;
  supportHtml?: boolean;
  constructor(public value = "", public supportThemeIcons = false) {}
  appendMarkdown(v: string): this {
    this.value += v;
    return this;
  }
  appendText(v: string): this {
    this.value += v;
    return this;
  }
  appendCodeblock(code: string, lang = ""): this {
    this.value += "\n```" + lang + "\n" + code + "\n```\n";
    return this;
  }
}

export class Hover {
  readonly contents: MarkdownString[];
  constructor(
    contents: MarkdownString | MarkdownString[],
    readonly range?: Range,
  ) {
    this.contents = Array.isArray(contents) ? contents : [contents];
  }
}

export class SnippetString {
  constructor(public value = "") {}
}

export class CompletionItem {
  detail?: string;
  documentation?: string | MarkdownString;
  insertText?: string | SnippetString;
  constructor(
    public label: string | { label: string },
    public kind?: number,
  ) {}
}

export class CompletionList {
  constructor(
    public items: CompletionItem[] = [],
    public isIncomplete = false,
  ) {}
}

export class TextEdit {
  constructor(
    readonly range: Range,
    readonly newText: string,
  ) {}
}

export class SignatureHelp {
  signatures: unknown[] = [];
  activeSignature = 0;
  activeParameter = 0;
}
export class SignatureInformation {
  parameters: unknown[] = [];
  constructor(
    public label: string,
    public documentation?: unknown,
  ) {}
}
export class ParameterInformation {
  constructor(
    public label: unknown,
    public documentation?: unknown,
  ) {}
}

export class DocumentLink {
  constructor(
    public range: Range,
    public target?: Uri,
  ) {}
}

export class SymbolInformation {
  constructor(
    public name: string,
    public kind: number,
    public containerName: string,
    public location: Location,
  ) {}
}

export class Diagnostic {
  constructor(
    public range: Range,
    public message: string,
    public severity?: number,
  ) {}
}

export class CodeAction {
  constructor(
    public title: string,
    public kind?: unknown,
  ) {}
}

export class CodeActionKind {
  static readonly Empty = new CodeActionKind("");
  static readonly QuickFix = new CodeActionKind("quickfix");
  static readonly Refactor = new CodeActionKind("refactor");
  static readonly Source = new CodeActionKind("source");
  constructor(readonly value: string) {}
  append(part: string): CodeActionKind {
    return new CodeActionKind(this.value ? this.value + "." + part : part);
  }
  contains(other: CodeActionKind): boolean {
    return other.value === this.value || other.value.startsWith(this.value + ".");
  }
}

export class ThemeColor {
  constructor(readonly id: string) {}
}
export class ThemeIcon {
  constructor(readonly id: string) {}
}
export class RelativePattern {
  constructor(
    readonly base: unknown,
    readonly pattern: string,
  ) {}
}

const enumOf = (names: string[], start = 0): Record<string, number> => Object.fromEntries(names.map((n, i) => [n, i + start]));

// ---------------------------------------------------------------------------------------------------
// Documents, editors and the host state the test drives.

export class TextDocument {
  version = 1;
  isDirty = false;
  isClosed = false;
  isUntitled = false;
  readonly eol = 1;
  constructor(
    readonly uri: Uri,
    readonly languageId: string,
    private text: string,
  ) {}
  get fileName(): string {
    return this.uri.fsPath;
  }
  get lineCount(): number {
    return this.lines().length;
  }
  private lines(): string[] {
    return this.text.split("\n");
  }
  getText(range?: Range): string {
    if (!range) {
      return this.text;
    }
    return this.text.slice(this.offsetAt(range.start), this.offsetAt(range.end));
  }
  offsetAt(p: Position): number {
    const lines = this.lines();
    let off = 0;
    for (let i = 0; i < p.line && i < lines.length; i++) {
      off += (lines[i] ?? "").length + 1;
    }
    return off + p.character;
  }
  positionAt(offset: number): Position {
    const before = this.text.slice(0, offset).split("\n");
    return new Position(before.length - 1, (before.at(-1) ?? "").length);
  }
  lineAt(line: number | Position): { text: string; range: Range } {
    const n = typeof line === "number" ? line : line.line;
    const text = this.lines()[n] ?? "";
    return { text, range: new Range(n, 0, n, text.length) };
  }
  getWordRangeAtPosition(p: Position): Range | undefined {
    const text = this.lineAt(p.line).text;
    let s = p.character;
    let e = p.character;
    while (s > 0 && /\w/.test(text[s - 1] ?? "")) s--;
    while (e < text.length && /\w/.test(text[e] ?? "")) e++;
    return s === e ? undefined : new Range(p.line, s, p.line, e);
  }
  validateRange(r: Range): Range {
    return r;
  }
  validatePosition(p: Position): Position {
    return p;
  }
  save(): Promise<boolean> {
    return Promise.resolve(true);
  }
}

export interface FakeQuickPick {
  value: string;
  items: { label: string; hit?: { url: string } }[];
  selectedItems: unknown[];
  busy: boolean;
  visible: boolean;
  type(v: string): void;
  accept(i: number): void;
}

export const host = {
  config: new Map<string, unknown>(),
  folders: [] as { uri: Uri; name: string; index: number }[],
  documents: [] as TextDocument[],
  activeTextEditor: undefined as { document: TextDocument; selection: Selection } | undefined,
  providers: new Map<string, { selector: unknown; provider: Record<string, (...a: unknown[]) => unknown> }[]>(),
  commands: new Map<string, (...a: unknown[]) => unknown>(),
  opened: [] as string[],
  messages: [] as { level: string; text: string; actions?: string[] }[],
  /** The action the next message's user picks (then cleared). */
  messageChoice: undefined as string | undefined,
  /** What env.openExternal answers: false as where no browser opens. */
  openExternalResult: true,
  clipboard: "",
  statusItems: [] as { text: string; tooltip?: unknown; command?: unknown }[],
  quickPicks: [] as FakeQuickPick[],
  output: [] as string[],
  missing: new Set<string>(),
  onDidOpen: new EventEmitter<TextDocument>(),
  onDidClose: new EventEmitter<TextDocument>(),
  onDidChange: new EventEmitter<unknown>(),
  onDidChangeConfiguration: new EventEmitter<{ affectsConfiguration(s: string): boolean }>(),
};

/** Opens a document the way VS Code does: into workspace.textDocuments, then onDidOpenTextDocument. */
export function openDocument(file: string, languageId: string, text: string): TextDocument {
  const doc = new TextDocument(Uri.file(file), languageId, text);
  host.documents.push(doc);
  host.onDidOpen.fire(doc);
  return doc;
}

/** Changes settings and fires onDidChangeConfiguration for the changed keys. */
export function updateConfig(values: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(values)) {
    host.config.set(k, v);
  }
  const keys = Object.keys(values);
  host.onDidChangeConfiguration.fire({
    affectsConfiguration: (section: string) => keys.some((k) => k === section || k.startsWith(section + ".")),
  });
}

function getConfiguration(section?: string) {
  const full = (key: string): string => (section ? `${section}.${key}` : key);
  return {
    get<T>(key: string, def?: T): T | undefined {
      const k = full(key);
      if (host.config.has(k)) {
        return host.config.get(k) as T;
      }
      // A section read ("workos" → {server: {path}, …}) as the client's configuration sync does.
      const prefix = k + ".";
      const sub = [...host.config.keys()].filter((c) => c.startsWith(prefix));
      if (sub.length > 0) {
        const obj: Record<string, unknown> = {};
        for (const c of sub) {
          obj[c.slice(prefix.length)] = host.config.get(c);
        }
        return obj as T;
      }
      return def;
    },
    has: (key: string) => host.config.has(full(key)),
    inspect: () => undefined,
    update: () => Promise.resolve(),
  };
}

function match(selector: unknown, doc: TextDocument): number {
  const filters = (Array.isArray(selector) ? selector : [selector]) as (string | { language?: string; scheme?: string })[];
  for (const f of filters) {
    if (typeof f === "string" ? f === doc.languageId : (!f.language || f.language === doc.languageId) && (!f.scheme || f.scheme === doc.uri.scheme)) {
      return 10;
    }
  }
  return 0;
}

const register =
  (kind: string) =>
  (selector: unknown, provider: Record<string, (...a: unknown[]) => unknown>): Disposable => {
    const list = host.providers.get(kind) ?? [];
    const entry = { selector, provider };
    list.push(entry);
    host.providers.set(kind, list);
    return new Disposable(() => host.providers.set(kind, (host.providers.get(kind) ?? []).filter((e) => e !== entry)));
  };

/** The provider of a kind that matches the document (what VS Code would call). */
export function providerFor(kind: string, doc: TextDocument): Record<string, (...a: unknown[]) => unknown> {
  const p = (host.providers.get(kind) ?? []).find((e) => match(e.selector, doc) > 0);
  if (!p) {
    throw new Error(`no ${kind} provider for ${doc.languageId}`);
  }
  return p.provider;
}

function outputChannel(name: string) {
  const append = (s: string): void => void host.output.push(`[${name}] ${s}`);
  return {
    name,
    append,
    appendLine: append,
    replace: append,
    clear: () => undefined,
    show: () => undefined,
    hide: () => undefined,
    dispose: () => undefined,
    trace: append,
    debug: append,
    info: append,
    warn: append,
    error: append,
    logLevel: 2,
    onDidChangeLogLevel: new EventEmitter<number>().event,
  };
}

function createQuickPick(): FakeQuickPick {
  const change = new EventEmitter<string>();
  const accept = new EventEmitter<void>();
  const hide = new EventEmitter<void>();
  const qp = {
    value: "",
    items: [] as FakeQuickPick["items"],
    selectedItems: [] as unknown[],
    busy: false,
    visible: false,
    title: "",
    placeholder: "",
    matchOnDescription: false,
    matchOnDetail: false,
    onDidChangeValue: change.event,
    onDidAccept: accept.event,
    onDidTriggerItemButton: new EventEmitter<unknown>().event,
    onDidHide: hide.event,
    show: () => void (qp.visible = true),
    hide: () => {
      if (qp.visible) {
        qp.visible = false;
        hide.fire();
      }
    },
    dispose: () => undefined,
    type(v: string) {
      qp.value = v;
      change.fire(v);
    },
    accept(i: number) {
      qp.selectedItems = qp.items[i] ? [qp.items[i]] : [];
      accept.fire();
    },
  };
  host.quickPicks.push(qp);
  return qp;
}

const message =
  (level: string) =>
  (text: string, ...actions: unknown[]): Promise<string | undefined> => {
    const names = actions.filter((a): a is string => typeof a === "string");
    host.messages.push({ level, text, ...(names.length > 0 ? { actions: names } : {}) });
    const choice = host.messageChoice !== undefined && names.includes(host.messageChoice) ? host.messageChoice : undefined;
    host.messageChoice = undefined;
    return Promise.resolve(choice);
  };

const api: Record<string, unknown> = {
  version: "1.95.0",
  Disposable,
  EventEmitter,
  CancellationError,
  CancellationTokenSource,
  Uri,
  Position,
  Range,
  Selection,
  Location,
  MarkdownString,
  Hover,
  SnippetString,
  CompletionItem,
  CompletionList,
  TextEdit,
  SignatureHelp,
  SignatureInformation,
  ParameterInformation,
  DocumentLink,
  SymbolInformation,
  Diagnostic,
  CodeAction,
  CodeActionKind,
  ThemeColor,
  ThemeIcon,
  RelativePattern,
  StatusBarAlignment: { Left: 1, Right: 2 },
  ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
  ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
  DiagnosticSeverity: enumOf(["Error", "Warning", "Information", "Hint"]),
  DiagnosticTag: { Unnecessary: 1, Deprecated: 2 },
  CompletionItemKind: enumOf("Text Method Function Constructor Field Variable Class Interface Module Property Unit Value Enum Keyword Snippet Color File Reference Folder EnumMember Constant Struct Event Operator TypeParameter User Issue".split(" ")),
  CompletionItemTag: { Deprecated: 1 },
  CompletionTriggerKind: { Invoke: 0, TriggerCharacter: 1, TriggerForIncompleteCompletions: 2 },
  SignatureHelpTriggerKind: { Invoke: 1, TriggerCharacter: 2, ContentChange: 3 },
  CodeActionTriggerKind: { Invoke: 1, Automatic: 2 },
  SymbolKind: enumOf("File Module Namespace Package Class Method Property Field Constructor Enum Interface Function Variable Constant String Number Boolean Array Object Key Null EnumMember Struct Event Operator TypeParameter".split(" ")),
  SymbolTag: { Deprecated: 1 },
  TextDocumentSaveReason: { Manual: 1, AfterDelay: 2, FocusOut: 3 },
  EndOfLine: { LF: 1, CRLF: 2 },
  UIKind: { Desktop: 1, Web: 2 },
  workspace: {
    getConfiguration,
    get workspaceFolders() {
      return host.folders;
    },
    get textDocuments() {
      return host.documents;
    },
    notebookDocuments: [],
    getWorkspaceFolder: (uri: Uri) => host.folders.find((f) => uri.fsPath.startsWith(f.uri.fsPath)),
    onDidOpenTextDocument: host.onDidOpen.event,
    onDidCloseTextDocument: host.onDidClose.event,
    onDidChangeTextDocument: host.onDidChange.event,
    onDidChangeConfiguration: host.onDidChangeConfiguration.event,
    onDidSaveTextDocument: new EventEmitter<unknown>().event,
    onWillSaveTextDocument: new EventEmitter<unknown>().event,
    onDidChangeWorkspaceFolders: new EventEmitter<unknown>().event,
    onDidOpenNotebookDocument: new EventEmitter<unknown>().event,
    onDidCloseNotebookDocument: new EventEmitter<unknown>().event,
    onDidChangeNotebookDocument: new EventEmitter<unknown>().event,
    onDidSaveNotebookDocument: new EventEmitter<unknown>().event,
    onDidCreateFiles: new EventEmitter<unknown>().event,
    onDidRenameFiles: new EventEmitter<unknown>().event,
    onDidDeleteFiles: new EventEmitter<unknown>().event,
    onWillCreateFiles: new EventEmitter<unknown>().event,
    onWillRenameFiles: new EventEmitter<unknown>().event,
    onWillDeleteFiles: new EventEmitter<unknown>().event,
    createFileSystemWatcher: () => ({
      onDidCreate: new EventEmitter<unknown>().event,
      onDidChange: new EventEmitter<unknown>().event,
      onDidDelete: new EventEmitter<unknown>().event,
      dispose: () => undefined,
    }),
    applyEdit: () => Promise.resolve(true),
    openTextDocument: (uri: Uri) => Promise.resolve(host.documents.find((d) => d.uri.toString() === uri.toString())),
  },
  languages: new Proxy<Record<string | symbol, unknown>>(
    {
      match,
      createDiagnosticCollection: (name: string) => ({
        name,
        set: () => undefined,
        delete: () => undefined,
        clear: () => undefined,
        forEach: () => undefined,
        get: () => [],
        has: () => false,
        dispose: () => undefined,
      }),
      getLanguages: () => Promise.resolve(["typescript", "go"]),
    },
    {
      get(target, prop) {
        if (prop in target) {
          return target[prop];
        }
        if (typeof prop === "string" && prop.startsWith("register")) {
          return register(prop.slice("register".length));
        }
        return undefined;
      },
    },
  ),
  window: {
    createOutputChannel: outputChannel,
    createStatusBarItem() {
      const item = { text: "", tooltip: undefined, command: undefined, name: "", backgroundColor: undefined, show: () => undefined, hide: () => undefined, dispose: () => undefined };
      host.statusItems.push(item);
      return item;
    },
    createQuickPick,
    showInformationMessage: message("info"),
    showWarningMessage: message("warning"),
    showErrorMessage: message("error"),
    withProgress: (_o: unknown, task: (p: unknown, t: unknown) => unknown) => task({ report: () => undefined }, new CancellationTokenSource().token),
    get activeTextEditor() {
      return host.activeTextEditor;
    },
    visibleTextEditors: [],
    onDidChangeActiveTextEditor: new EventEmitter<unknown>().event,
    onDidChangeVisibleTextEditors: new EventEmitter<unknown>().event,
    tabGroups: { all: [], onDidChangeTabs: new EventEmitter<unknown>().event },
    showTextDocument: (uri: Uri) => {
      host.opened.push(uri.toString());
      return Promise.resolve(undefined);
    },
  },
  commands: {
    registerCommand(id: string, fn: (...a: unknown[]) => unknown): Disposable {
      if (host.commands.has(id)) {
        throw new Error(`command '${id}' already exists`);
      }
      host.commands.set(id, fn);
      return new Disposable(() => host.commands.delete(id));
    },
    executeCommand(id: string, ...args: unknown[]): Promise<unknown> {
      const fn = host.commands.get(id);
      return fn ? Promise.resolve(fn(...args)) : Promise.resolve(undefined);
    },
    getCommands: () => Promise.resolve([...host.commands.keys()]),
  },
  env: {
    appName: "Visual Studio Code",
    appRoot: path.sep,
    language: "en",
    machineId: "test",
    sessionId: "test",
    uiKind: 1,
    openExternal(uri: Uri): Promise<boolean> {
      host.opened.push(uri.toString());
      return Promise.resolve(host.openExternalResult);
    },
    clipboard: {
      readText: () => Promise.resolve(host.clipboard),
      writeText(text: string): Promise<void> {
        host.clipboard = text;
        return Promise.resolve();
      },
    },
  },
  extensions: { getExtension: () => undefined, all: [] },
  l10n: { t: (s: string) => s },
};

/** The module object: known members, else an inert stub recorded in host.missing. */
export const vscode: Record<string, unknown> = new Proxy(api, {
  get(target, prop) {
    if (prop in target) {
      return target[prop as string];
    }
    if (typeof prop === "string" && prop !== "then" && prop !== "__esModule") {
      host.missing.add(prop);
      return class {};
    }
    return undefined;
  },
});

const M = Module as unknown as { _resolveFilename(request: string, ...rest: unknown[]): string; _cache: Record<string, unknown> };
const original = M._resolveFilename.bind(M);
M._resolveFilename = (request: string, ...rest: unknown[]): string => (request === "vscode" ? "vscode" : original(request, ...rest));
M._cache["vscode"] = { id: "vscode", filename: "vscode", loaded: true, exports: vscode };
