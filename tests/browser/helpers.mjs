// Shared setup of the browser tests: the real server on port 0 with a fresh data directory,
// and Debian's Chromium (never a downloaded browser) with a fresh profile per test.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import assert from "node:assert/strict";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);

export const BIN = process.env.CIVIC_ASSISTANT_BIN || "/tmp/widget-target/debug/civic-assistant";
export const CHROMIUM = process.env.CHROMIUM_BIN || "/usr/bin/chromium";
const ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

// The Content-Security-Policy the host page is tested under (the server may send its own):
// no inline scripts, no eval.
export const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
  "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/** Starts `civic-assistant serve` on a free port; resolves once it printed its address. */
export async function startServer() {
  const dataDir = mkdtempSync(join(tmpdir(), "civic-widget-data-"));
  const child = spawn(BIN, ["serve", "--addr", "127.0.0.1:0", "--data-dir", dataDir], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, RUST_LOG: process.env.RUST_LOG || "warn" },
  });
  let output = "";
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 120 s:\n${output}`)), 120_000);
    const onData = (chunk) => {
      output += chunk;
      const match = /civic-assistant listening on (http:\/\/\S+?)\/?(\s|$)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1].replace(/\/$/, ""));
      }
    };
    child.stdout.setEncoding("utf8").on("data", onData);
    child.stderr.setEncoding("utf8").on("data", (chunk) => { output += chunk; });
    child.on("error", (error) => { clearTimeout(timer); reject(error); });
    child.on("exit", (code) => { clearTimeout(timer); reject(new Error(`server exited (${code}):\n${output}`)); });
  });
  child.removeAllListeners("exit");
  return {
    url,
    async api(path, init) {
      const response = await fetch(url + path, init);
      const text = await response.text();
      return { status: response.status, json: text ? JSON.parse(text) : null };
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A fresh Chromium profile; `page` has the host page under the test CSP, with errors recorded. */
export async function openBrowser(server, options = {}) {
  const profile = mkdtempSync(join(tmpdir(), "civic-widget-profile-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: ARGS,
    headless: true,
    locale: "sv-SE",
    viewport: options.viewport || { width: 1280, height: 800 },
    reducedMotion: options.reducedMotion,
  });
  const errors = [];
  const page = context.pages()[0] || (await context.newPage());
  page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    const text = message.text();
    if (/Content Security Policy|Refused to/i.test(text)) errors.push(`csp: ${text}`);
  });
  await page.route(server.url + "/", async (route) => {
    const response = await route.fetch();
    const headers = { ...response.headers() };
    if (!headers["content-security-policy"]) headers["content-security-policy"] = CSP;
    await route.fulfill({ response, headers });
  });
  // While developing the widget: serve the working copy of widget.js without rebuilding the binary.
  if (process.env.CIVIC_WIDGET_JS) {
    await page.route(server.url + "/widget.js", (route) => route.fulfill({
      contentType: "text/javascript; charset=utf-8", body: readFileSync(process.env.CIVIC_WIDGET_JS, "utf8") }));
  }
  await page.goto(server.url + "/");
  return {
    context,
    page,
    errors,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Locators of the widget's parts (Playwright's CSS locators pierce the open shadow root). */
export function widget(page) {
  const root = page.locator("#civic-assistant");
  return {
    root,
    launcher: root.locator("button.launcher"),
    panel: root.locator("[role=dialog]"),
    log: root.locator("[role=log]"),
    input: root.locator("input#ca-input"),
    language: root.locator("select"),
    status: root.locator(".status"),
    inbound: root.locator(".msg.in"),
    outbound: root.locator(".msg.out"),
    human: root.locator("button.human"),
  };
}

/** Opens the panel (if closed) and waits for the strings of the configuration to be in. */
export async function openPanel(page) {
  const w = widget(page);
  await w.launcher.waitFor();
  if ((await w.launcher.getAttribute("aria-expanded")) !== "true") await w.launcher.click();
  await w.panel.waitFor({ state: "visible" });
  await w.root.locator("#ca-org", { hasText: "Exempelby" }).waitFor();
  return w;
}

/** Types a question, sends it with Enter and resolves with the server's JSON reply. */
export async function ask(page, text) {
  const w = widget(page);
  const response = page.waitForResponse((r) => r.url().endsWith("/api/v1/chat") && r.request().method() === "POST");
  await w.input.fill(text);
  await w.input.press("Enter");
  const reply = await (await response).json();
  await w.root.locator(`.msg.out[data-id="${reply.message_id}"]`).waitFor();
  return reply;
}

/** The id of the element focused inside the widget's shadow root, with its class and text. */
export function focused(page) {
  return page.evaluate(() => {
    const active = document.querySelector("#civic-assistant")?.shadowRoot?.activeElement;
    if (!active || document.activeElement?.id !== "civic-assistant") return null;
    return { tag: active.tagName.toLowerCase(), id: active.id, className: String(active.className), text: active.textContent.trim(),
      pressed: active.getAttribute("aria-pressed"), message: active.closest(".msg")?.getAttribute("data-id") ?? null };
  });
}

/** Injects axe-core from node_modules and runs it on the widget's shadow host (WCAG 2.0 and
 *  2.1, A and AA); resolves with the violations. */
export async function axe(page) {
  const source = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
  await page.evaluate(source);
  return page.evaluate(async () => {
    const result = await window.axe.run({ include: [["#civic-assistant"]] }, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    });
    // Contrast that axe could not decide (text over another element) counts as a failure too.
    const undecided = result.incomplete.filter((v) => v.id === "color-contrast");
    return result.violations.concat(undecided).map((v) => ({ id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, summary: n.failureSummary })) }));
  });
}

export function noErrors(errors) {
  assert.deepEqual(errors, [], "no page errors and no Content-Security-Policy violations");
}
