import "./vscodeMock";
import * as assert from "node:assert/strict";
import { describe, it, mock } from "node:test";
import { DEBOUNCE_MS, parseHits, showSearch, toItems, type SearchHit } from "../../src/search";
import { state } from "./vscodeMock";

const hit = (title: string, extra: Partial<SearchHit> = {}): SearchHit => ({
  kind: "method",
  language: "js",
  title,
  page: "reference/authkit/user/create",
  url: `https://workos.com/docs/${title}`,
  ...extra,
});

describe("toItems and parseHits", () => {
  it("labels hits with an icon, kind, language and page, and never lets VS Code filter them out", () => {
    const [item] = toItems([hit("userManagement.createUser()", { snippet: "Creates\n a user." })]);
    assert.ok(item);
    assert.equal(item.label, "$(symbol-method) userManagement.createUser()");
    assert.equal(item.description, "method · Node · reference/authkit/user/create");
    assert.equal(item.detail, "Creates a user.");
    assert.equal(item.alwaysShow, true);
    assert.equal(item.buttons?.length, 1);
    const [page] = toItems([hit("Events", { kind: "page", language: "" })]);
    assert.equal(page?.label, "$(file) Events");
    assert.equal(page?.detail, "https://workos.com/docs/Events");
  });
  it("drops malformed answers", () => {
    assert.deepEqual(parseHits(null), []);
    assert.deepEqual(parseHits({}), []);
    assert.equal(parseHits([hit("a"), { title: 1 }, null, "x"]).length, 1);
  });
});

describe("showSearch", () => {
  it("debounces typing, drops stale answers and opens the accepted hit", async () => {
    mock.timers.enable({ apis: ["setTimeout"] });
    try {
      const queries: string[] = [];
      const opened: string[] = [];
      const rendered: string[] = [];
      const done = showSearch({
        search: (q) => {
          queries.push(q);
          return Promise.resolve([hit(q + "-result")]);
        },
        openInBrowser: (h) => {
          opened.push(h.url);
          return Promise.resolve();
        },
        openRendered: (h) => {
          rendered.push(h.title);
          return Promise.resolve();
        },
        updateDocs: () => Promise.resolve(),
      });
      const qp = state.quickPicks.at(-1);
      assert.ok(qp?.visible);
      qp.type("c");
      qp.type("cre");
      qp.type("createUser");
      mock.timers.tick(DEBOUNCE_MS - 1);
      assert.deepEqual(queries, []);
      mock.timers.tick(1);
      assert.deepEqual(queries, ["createUser"]);
      await Promise.resolve();
      await Promise.resolve();
      assert.equal(qp.items.length, 1);
      assert.equal(qp.items[0]?.label, "$(symbol-method) createUser-result");
      qp.accept(0);
      await done;
      assert.deepEqual(opened, ["https://workos.com/docs/createUser-result"]);
      assert.deepEqual(rendered, []);
    } finally {
      mock.timers.reset();
    }
  });

  it("searches the initial text at once and opens the rendered page from the item button", async () => {
    const rendered: string[] = [];
    const done = showSearch(
      {
        search: () => Promise.resolve([hit("sso.getProfileAndToken()")]),
        openInBrowser: () => Promise.resolve(),
        openRendered: (h) => {
          rendered.push(h.title);
          return Promise.resolve();
        },
        updateDocs: () => Promise.resolve(),
      },
      "profile",
    );
    const qp = state.quickPicks.at(-1);
    assert.ok(qp);
    assert.equal(qp.value, "profile");
    // Wait for the answer on a real signal: the items being set.
    for (let i = 0; i < 10 && qp.items.length === 0; i++) {
      await Promise.resolve();
    }
    qp.triggerButton(0);
    await done;
    assert.deepEqual(rendered, ["sso.getProfileAndToken()"]);
  });

  it("shows a search error as an item", async () => {
    const done = showSearch(
      { search: () => Promise.reject(new Error("boom")), openInBrowser: () => Promise.resolve(), openRendered: () => Promise.resolve(), updateDocs: () => Promise.resolve() },
      "x",
    );
    const qp = state.quickPicks.at(-1);
    assert.ok(qp);
    for (let i = 0; i < 10 && qp.items.length === 0; i++) {
      await Promise.resolve();
    }
    assert.equal(qp.items[0]?.label, "$(error) Search failed");
    qp.hide();
    await done;
  });

  it("says why the docs are not loaded and offers Update Docs instead of \"no docs match\"", async () => {
    let updates = 0;
    const failed = Object.assign(new Error("the WorkOS docs are not loaded: …"), { code: -32803, data: { workosDocs: "failed", reason: "docs folder: stat /x: no such file or directory" } });
    const done = showSearch(
      {
        search: () => Promise.reject(failed),
        openInBrowser: () => Promise.resolve(),
        openRendered: () => Promise.resolve(),
        updateDocs: () => {
          updates++;
          return Promise.resolve();
        },
      },
      "sso",
    );
    const qp = state.quickPicks.at(-1);
    assert.ok(qp);
    for (let i = 0; i < 10 && qp.items.length === 0; i++) {
      await Promise.resolve();
    }
    assert.equal(qp.items[0]?.label, "$(warning) The WorkOS docs are not loaded: docs folder: stat /x: no such file or directory.");
    assert.equal(qp.items[1]?.label, "$(cloud-download) Update Docs");
    qp.accept(1);
    await done;
    assert.equal(updates, 1);
  });
});
