import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { docsUrlFromHover, hoverText } from "../../src/docsUrl";

// The shape of the server's hover for an SDK call (lsp/docview Call).
const callHover = [
  "```ts",
  "userManagement.createUser(options)",
  "```",
  "Creates a user.",
  "",
  "Same call in: [Go](https://workos.com/docs/reference/authkit/user/create?lang=go) · [Python](https://workos.com/docs/x?lang=python)",
  "",
  "[Create a user — WorkOS docs](https://workos.com/docs/reference/authkit/user/create)",
  "",
  "---",
  "",
  "*WorkOS docs local · workos-lsp dev*",
].join("\n");

describe("docsUrlFromHover", () => {
  it("picks the page link, not the other-language links", () => {
    assert.equal(docsUrlFromHover(callHover), "https://workos.com/docs/reference/authkit/user/create");
  });
  it("falls back to a [docs](…) link, then a bare docs URL", () => {
    assert.equal(docsUrlFromHover("Option of `createUser` · [docs](https://workos.com/docs/a#b)"), "https://workos.com/docs/a#b");
    assert.equal(docsUrlFromHover("see https://workos.com/docs/events#dsync.user.created."), "https://workos.com/docs/events#dsync.user.created.");
    assert.equal(docsUrlFromHover("[Example](https://example.com/x)"), "https://example.com/x");
    assert.equal(docsUrlFromHover("no links here"), undefined);
  });
});

describe("hoverText", () => {
  it("accepts MarkupContent, MarkedString and arrays", () => {
    assert.equal(hoverText({ kind: "markdown", value: "a" }), "a");
    assert.equal(hoverText("b"), "b");
    assert.equal(hoverText([{ language: "ts", value: "c" }, "d"]), "c\n\nd");
    assert.equal(hoverText(null), "");
  });
});
