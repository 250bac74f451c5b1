// Setup of the staff-page browser tests: the real server on port 0 with a fresh data directory
// and a staff account created with the real `staff add-user` command in that directory's
// database; Debian's Chromium with a fresh profile; axe-core on a whole page.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { BIN, CHROMIUM } from "./helpers.mjs";

const require = createRequire(import.meta.url);
const ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

export const USERNAME = "erik";
export const PASSWORD = "korrekt-häst-batteri-42";

/** Runs `civic-assistant staff add-user` with the password on standard input. */
export function addUser(dataDir, { username = USERNAME, password = PASSWORD, roles = ["admin"] } = {}) {
  const database = `sqlite://${join(dataDir, "civic-assistant.db")}?mode=rwc`;
  const args = ["staff", "add-user", "--username", username, "--database-url", database];
  for (const role of roles) args.push("--role", role);
  return new Promise((resolve, reject) => {
    const child = spawn(BIN, args, { stdio: ["pipe", "pipe", "pipe"], env: { ...process.env, RUST_LOG: "warn" } });
    let output = "";
    child.stdout.setEncoding("utf8").on("data", (chunk) => { output += chunk; });
    child.stderr.setEncoding("utf8").on("data", (chunk) => { output += chunk; });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(output) : reject(new Error(`staff add-user exited (${code}):\n${output}`))));
    child.stdin.end(password + "\n");
  });
}

/** Starts `civic-assistant serve` on a free port with its own data directory (kept in
 *  `dataDir`, so accounts can be added to the same database); `demo` adds `--demo`. */
export async function startStaffServer({ demo = false } = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), "civic-staff-data-"));
  const args = ["serve", "--addr", "127.0.0.1:0", "--data-dir", dataDir].concat(demo ? ["--demo"] : []);
  const child = spawn(BIN, args, {
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
    dataDir,
    /** POST /api/v1/chat; resolves with the JSON reply. */
    async chat(text, extra = {}) {
      const response = await fetch(url + "/api/v1/chat", {
        method: "POST",
        headers: { "content-type": "application/json", "accept-language": "sv" },
        body: JSON.stringify({ text, ...extra }),
      });
      const body = await response.text();
      if (!response.ok) throw new Error(`chat ${JSON.stringify(text)}: ${response.status} ${body}`);
      return JSON.parse(body);
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

/** A fresh Chromium profile on the sign-in page; page errors and CSP reports are recorded. */
export async function openStaffBrowser(server, path = "/staff/login") {
  const profile = mkdtempSync(join(tmpdir(), "civic-staff-profile-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: ARGS,
    headless: true,
    locale: "sv-SE",
    viewport: { width: 1280, height: 800 },
  });
  const errors = [];
  const page = context.pages()[0] || (await context.newPage());
  page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    const text = message.text();
    if (/Content Security Policy|Refused to/i.test(text)) errors.push(`csp: ${text}`);
  });
  await page.goto(server.url + path);
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

/** Signs in through the form (mouse-free fill) and waits for the dashboard. */
export async function signIn(page, server, { username = USERNAME, password = PASSWORD } = {}) {
  await page.goto(server.url + "/staff/login");
  await page.locator("#username").fill(username);
  await page.locator("#password").fill(password);
  await Promise.all([
    page.waitForURL((url) => url.pathname === "/staff"),
    page.locator("form button[type=submit]").click(),
  ]);
}

/** Injects axe-core and runs it on the whole document (WCAG 2.0 and 2.1, A and AA); resolves
 *  with the violations, undecided contrast counted as a violation. */
export async function axePage(page) {
  const source = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
  if (!(await page.evaluate(() => Boolean(window.axe)))) await page.evaluate(source);
  return page.evaluate(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    });
    const undecided = result.incomplete.filter((v) => v.id === "color-contrast");
    return result.violations.concat(undecided).map((v) => ({ id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, summary: n.failureSummary })) }));
  });
}

/** A readable list of violations: rule id, impact, targets. */
export function describeViolations(where, violations) {
  return violations.map((v) => `${where}: ${v.id} (${v.impact}) ${v.help}\n` +
    v.nodes.map((n) => `    ${JSON.stringify(n.target)} ${n.html}\n      ${String(n.summary).replace(/\n/g, "\n      ")}`).join("\n")).join("\n");
}
