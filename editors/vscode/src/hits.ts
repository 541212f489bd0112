// The answer of the server's workos.search command. No vscode import: shared with the tests.

/** One result of workos.search (lsp.SearchHit on the server). */
export interface SearchHit {
  kind: string;
  language?: string;
  title: string;
  page: string;
  anchor?: string;
  url: string;
  snippet?: string;
  score?: number;
}

/** Parses the command's answer defensively: anything that is not a hit is dropped. */
export function parseHits(result: unknown): SearchHit[] {
  if (!Array.isArray(result)) {
    return [];
  }
  return result.filter(
    (h): h is SearchHit =>
      !!h && typeof h === "object" && typeof (h as SearchHit).title === "string" && typeof (h as SearchHit).url === "string",
  );
}
