// Drives VS Code (code-server in headless Chromium, through puppeteer-core) like a person: opens
// signup.ts, shows the hover on createUser and the completion after `workos.userManagement.`, and saves
// screenshots. Run by vscode.sh. Args: URL OUT_DIR. Env: CHROME (the browser), PUPPETEER (module path).
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const puppeteer = require(process.env.PUPPETEER ?? "puppeteer-core");
const [url, out] = process.argv.slice(2);
const deadline = 90_000;

const browser = await puppeteer.launch({
  executablePath: process.env.CHROME ?? "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,800"],
  defaultViewport: { width: 1280, height: 800, deviceScaleFactor: 1 },
});
try {
  const page = await browser.newPage();
  await page.goto(url, { waitUntil: "domcontentloaded", timeout: deadline });
  await page.waitForSelector(".monaco-workbench", { timeout: deadline });
  // Open the file with Quick Open, as a person would.
  await page.waitForSelector(".part.editor", { timeout: deadline });
  await page.keyboard.down("Control");
  await page.keyboard.press("KeyP");
  await page.keyboard.up("Control");
  await page.waitForSelector(".quick-input-widget input", { visible: true, timeout: deadline });
  await page.keyboard.type("signup.ts", { delay: 30 });
  await page.waitForSelector(".quick-input-list .monaco-list-row", { visible: true, timeout: deadline });
  await page.keyboard.press("Enter");
  await page.waitForSelector(".monaco-editor .view-lines", { visible: true, timeout: deadline });
  // The status bar shows the docs version once the server has loaded them.
  await page.waitForFunction(() => [...document.querySelectorAll(".statusbar-item")].some((e) => /WorkOS local/.test(e.textContent ?? "")), {
    timeout: deadline,
  });

  // Go to createUser (line 6) and show the hover (Ctrl+K Ctrl+I).
  await page.keyboard.down("Control");
  await page.keyboard.press("KeyG");
  await page.keyboard.up("Control");
  await page.keyboard.type("6:48", { delay: 30 });
  await page.keyboard.press("Enter");
  for (let i = 0; i < 30; i++) {
    await page.keyboard.down("Control");
    await page.keyboard.press("KeyK");
    await page.keyboard.press("KeyI");
    await page.keyboard.up("Control");
    const ok = await page
      .waitForFunction(() => /WorkOS docs/.test(document.querySelector(".monaco-hover")?.textContent ?? ""), { timeout: 2000 })
      .then(() => true, () => false);
    if (ok) break;
  }
  await new Promise((r) => setTimeout(r, 500)); // let the hover finish rendering its Markdown
  await page.screenshot({ path: `${out}/vscode-hover.png` });

  // A new line at the end, the receiver, and the completion list.
  await page.keyboard.press("Escape");
  await page.keyboard.down("Control");
  await page.keyboard.press("End");
  await page.keyboard.up("Control");
  await page.keyboard.press("Enter");
  await page.keyboard.type("workos.userManagement.", { delay: 40 });
  await page.waitForFunction(() => /createUser/.test(document.querySelector(".suggest-widget.visible")?.textContent ?? ""), { timeout: deadline });
  // Show the docs beside the list (Ctrl+Space toggles the details).
  await page.keyboard.down("Control");
  await page.keyboard.press("Space");
  await page.keyboard.up("Control");
  await new Promise((r) => setTimeout(r, 800));
  await page.screenshot({ path: `${out}/vscode-completion.png` });
} catch (err) {
  // What the page showed when it went wrong.
  const pages = await browser.pages();
  await pages.at(-1)?.screenshot({ path: `${out}/vscode-failure.png` }).catch(() => undefined);
  throw err;
} finally {
  await browser.close();
}
