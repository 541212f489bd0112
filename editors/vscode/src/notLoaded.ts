// What the server says while it has no docs: a failed request's error data {workosDocs, reason}, and
// the workos.docsStatus command's answer of the same shape. Editors must say "the docs are not loaded,
// why, and what to do" there, never "nothing matches".

export interface NotLoaded {
  workosDocs: "loading" | "failed";
  reason?: string;
}

/** The "docs not loaded" data in an error (a ResponseError's data) or a docsStatus answer, else undefined. */
export function notLoadedOf(value: unknown): NotLoaded | undefined {
  const data = value instanceof Error || (typeof value === "object" && value !== null && "code" in value) ? (value as { data?: unknown }).data : value;
  if (typeof data !== "object" || data === null) {
    return undefined;
  }
  const d = data as { workosDocs?: unknown; reason?: unknown };
  if (d.workosDocs !== "loading" && d.workosDocs !== "failed") {
    return undefined;
  }
  return { workosDocs: d.workosDocs, ...(typeof d.reason === "string" && d.reason !== "" ? { reason: d.reason } : {}) };
}

/** One sentence for the user; the way out ("Update Docs") is offered beside it as a button. */
export function notLoadedText(n: NotLoaded): string {
  if (n.workosDocs === "loading") {
    return "The WorkOS docs are still loading; try again in a moment.";
  }
  return `The WorkOS docs are not loaded: ${n.reason ?? "loading them failed"}.`;
}

/** The label of the button that runs "WorkOS: Update Docs". */
export const UPDATE_DOCS = "Update Docs";
