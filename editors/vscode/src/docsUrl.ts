// Picking the docs page URL out of the server's hover text. No vscode import: shared by the extension
// and the tests.

/** Markdown links [text](url) with an http(s) target. */
const linkRe = /\[([^\]]*)\]\((https?:\/\/[^)\s]+)\)/g;
const bareUrlRe = /https?:\/\/[^\s)<>\]]+/g;

/**
 * The page the hover is about: the "… — WorkOS docs" link the server puts under every entry, else a
 * "[docs](…)" link (options, module lists), else the first WorkOS docs URL in the text.
 */
export function docsUrlFromHover(markdown: string): string | undefined {
  const links = [...markdown.matchAll(linkRe)].map((m) => ({ text: m[1] ?? "", url: m[2] ?? "" }));
  const main = links.find((l) => /WorkOS docs\s*$/.test(l.text));
  if (main) {
    return main.url;
  }
  const docs = links.find((l) => l.text.trim().toLowerCase() === "docs");
  if (docs) {
    return docs.url;
  }
  const any = [...markdown.matchAll(bareUrlRe)].map((m) => m[0]).find((u) => u.includes("workos.com/docs"));
  return any ?? links[0]?.url;
}

/** Hover contents as one Markdown string, whatever shape the server used (MarkupContent, MarkedString[]…). */
export function hoverText(contents: unknown): string {
  if (typeof contents === "string") {
    return contents;
  }
  if (Array.isArray(contents)) {
    return contents.map(hoverText).join("\n\n");
  }
  if (contents && typeof contents === "object" && "value" in contents) {
    const v = contents.value;
    return typeof v === "string" ? v : "";
  }
  return "";
}
