// "WorkOS: Search Docs": a QuickPick whose items come from the server's workos.search command as the
// user types (debounced, stale answers dropped, in-flight requests cancelled).
import * as vscode from "vscode";
import type { SearchHit } from "./hits";
import { notLoadedOf, notLoadedText, UPDATE_DOCS, type NotLoaded } from "./notLoaded";

export { parseHits, type SearchHit } from "./hits";

export interface HitItem extends vscode.QuickPickItem {
  hit?: SearchHit;
  /** Accepting the item (or its button) runs "WorkOS: Update Docs". */
  update?: boolean;
}

export const SEARCH_LIMIT = 50;
export const DEBOUNCE_MS = 150;

const kindIcons: Record<string, string> = {
  page: "file",
  section: "symbol-string",
  event: "symbol-event",
  method: "symbol-method",
  function: "symbol-function",
  type: "symbol-interface",
  endpoint: "globe",
};

const languageNames: Record<string, string> = {
  curl: "cURL",
  js: "Node",
  go: "Go",
  python: "Python",
  ruby: "Ruby",
  php: "PHP",
  java: "Java",
  dotnet: ".NET",
};

export function languageName(lang: string): string {
  return languageNames[lang] ?? lang;
}

/** The button on each item that opens the rendered page in an editor instead of the browser. */
export const openRenderedButton: vscode.QuickInputButton = {
  iconPath: new vscode.ThemeIcon("go-to-file"),
  tooltip: "Open the rendered page in VS Code",
};

/** QuickPick items for hits. alwaysShow: the server ranks, VS Code's fuzzy filter must not hide any. */
export function toItems(hits: SearchHit[]): HitItem[] {
  return hits.map((hit) => {
    const where = [hit.kind, hit.language ? languageName(hit.language) : "", hit.page].filter((s) => s !== "").join(" · ");
    const item: HitItem = {
      label: `$(${kindIcons[hit.kind] ?? "book"}) ${hit.title}`,
      description: where,
      detail: hit.snippet ? oneLine(hit.snippet) : hit.url,
      alwaysShow: true,
      buttons: [openRenderedButton],
      hit,
    };
    return item;
  });
}

/** The button that runs "WorkOS: Update Docs" on the item saying the docs are not loaded. */
export const updateDocsButton: vscode.QuickInputButton = {
  iconPath: new vscode.ThemeIcon("cloud-download"),
  tooltip: "WorkOS: Update Docs",
};

/** What the QuickPick shows while the server has no docs: why, and (once the load failed) the way out. */
export function notLoadedItems(n: NotLoaded): HitItem[] {
  const why: HitItem = { label: `$(warning) ${notLoadedText(n)}`, alwaysShow: true };
  if (n.workosDocs === "loading") {
    return [why];
  }
  return [
    { ...why, buttons: [updateDocsButton], update: true },
    {
      label: `$(cloud-download) ${UPDATE_DOCS}`,
      description: "WorkOS: Update Docs",
      detail: "Download the docs again (or re-read the workos.docs.path folder) and restart the server",
      alwaysShow: true,
      update: true,
    },
  ];
}

function oneLine(s: string): string {
  const t = s.replace(/\s+/g, " ").trim();
  return t.length > 160 ? t.slice(0, 159) + "…" : t;
}

export interface SearchBackend {
  search(query: string, token: vscode.CancellationToken): Promise<SearchHit[]>;
  openInBrowser(hit: SearchHit): Promise<void>;
  openRendered(hit: SearchHit): Promise<void>;
  updateDocs(): Promise<void>;
}

/** Shows the QuickPick; resolves when it is closed. */
export function showSearch(backend: SearchBackend, initial = ""): Promise<void> {
  const qp = vscode.window.createQuickPick<HitItem>();
  qp.title = "Search the WorkOS docs";
  qp.placeholder = "Pages, SDK methods, events… (Enter opens in the browser; the button opens the rendered page)";
  qp.matchOnDescription = true;
  qp.matchOnDetail = true;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let seq = 0;
  let cts: vscode.CancellationTokenSource | undefined;

  const run = async (query: string): Promise<void> => {
    const mine = ++seq;
    cts?.cancel();
    cts?.dispose();
    cts = new vscode.CancellationTokenSource();
    if (query.trim() === "") {
      qp.items = [];
      qp.busy = false;
      return;
    }
    qp.busy = true;
    try {
      const hits = await backend.search(query, cts.token);
      if (mine !== seq) {
        return; // a newer query is running
      }
      qp.items = hits.length > 0 ? toItems(hits) : [{ label: `No WorkOS docs match "${query}"`, alwaysShow: true }];
    } catch (err) {
      if (mine !== seq) {
        return;
      }
      const notLoaded = notLoadedOf(err);
      qp.items = notLoaded
        ? notLoadedItems(notLoaded)
        : [{ label: "$(error) Search failed", detail: err instanceof Error ? err.message : String(err), alwaysShow: true }];
    } finally {
      if (mine === seq) {
        qp.busy = false;
      }
    }
  };

  return new Promise<void>((resolve) => {
    const subs: vscode.Disposable[] = [
      qp.onDidChangeValue((value) => {
        if (timer) {
          clearTimeout(timer);
        }
        timer = setTimeout(() => void run(value), DEBOUNCE_MS);
      }),
      qp.onDidAccept(() => {
        if (qp.selectedItems[0]?.update) {
          qp.hide();
          void backend.updateDocs();
          return;
        }
        const hit = qp.selectedItems[0]?.hit;
        if (hit) {
          qp.hide();
          void backend.openInBrowser(hit);
        }
      }),
      qp.onDidTriggerItemButton((e) => {
        if (e.button === updateDocsButton) {
          qp.hide();
          void backend.updateDocs();
          return;
        }
        const hit = e.item.hit;
        if (hit) {
          qp.hide();
          void backend.openRendered(hit);
        }
      }),
      qp.onDidHide(() => {
        if (timer) {
          clearTimeout(timer);
        }
        cts?.cancel();
        cts?.dispose();
        for (const s of subs) {
          s.dispose();
        }
        qp.dispose();
        resolve();
      }),
    ];
    qp.value = initial;
    qp.show();
    if (initial.trim() !== "") {
      void run(initial);
    }
  });
}
