// Accessibility: axe-core (WCAG 2.0/2.1 A and AA rules) on the open widget in Swedish, English
// and Arabic, with an answer, links, choices, feedback and the pending state on screen; the
// roles, names and states a screen reader relies on; reflow at 320 CSS px; reduced motion.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, openBrowser, openPanel, ask, axe, widget, noErrors } from "./helpers.mjs";

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

const QUESTIONS = {
  sv: ["när töms soporna?", "bidrag"],
  en: ["when is the rubbish collected?", "grants"],
  ar: ["متى يتم جمع القمامة؟", "مساعدة"],
};
const TITLES = { sv: "Digital assistent", en: "Digital assistant", ar: "المساعد الرقمي" };

for (const lang of ["sv", "en", "ar"]) {
  test(`axe finds no WCAG 2.1 A/AA violation in the open widget (${lang})`, async () => {
    const { context, page, errors, close } = await openBrowser(server);
    try {
      const w = await openPanel(page);
      if (lang !== "sv") await w.language.selectOption(lang);
      await w.root.locator("#ca-title", { hasText: TITLES[lang] }).waitFor();
      for (const question of QUESTIONS[lang]) await ask(page, question);
      // A message waiting offline, so the pending label and the status are checked too.
      await context.setOffline(true);
      await w.input.fill("?");
      await w.input.press("Enter");
      await w.inbound.locator(".state").waitFor();
      await w.status.filter({ hasText: /\S/ }).waitFor();

      const violations = await axe(page);
      assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
      await context.setOffline(false);
      noErrors(errors);
    } finally {
      await close();
    }
  });
}

test("roles, names and states for assistive technology", async () => {
  const { page, errors, close } = await openBrowser(server);
  try {
    const w = widget(page);
    const launcher = page.getByRole("button", { name: "Chatta med oss" });
    await launcher.waitFor();
    assert.equal(await launcher.getAttribute("aria-expanded"), "false");
    await launcher.click();
    // A labelled, non-modal dialog: the page stays usable.
    const dialog = page.getByRole("dialog", { name: "Digital assistent Exempelby kommun" });
    await dialog.waitFor();
    assert.equal(await dialog.getAttribute("aria-modal"), null);
    await page.getByRole("link", { name: "Barn och utbildning" }).click();
    await dialog.waitFor();
    // The log announces replies politely; the controls have names.
    const log = page.getByRole("log", { name: "Konversation" });
    assert.equal(await log.getAttribute("aria-live"), "polite");
    await page.getByRole("textbox", { name: "Din fråga" }).waitFor();
    await page.getByRole("button", { name: "Skicka" }).waitFor();
    await page.getByRole("button", { name: "Stäng chatten" }).waitFor();
    await page.getByRole("button", { name: "Prata med en person" }).waitFor();
    await page.getByRole("combobox", { name: "Språk" }).waitFor();
    // The typing indicator has a text alternative while the assistant works.
    const typing = w.root.locator(".typing");
    const response = page.waitForResponse((r) => r.url().endsWith("/api/v1/chat"));
    let release;
    await page.route("**/api/v1/chat", async (route) => { await new Promise((r) => { release = r; }); await route.continue(); });
    await w.input.fill("när töms soporna?");
    await w.input.press("Enter");
    await typing.filter({ hasText: "Assistenten skriver" }).waitFor();
    assert.equal(await typing.getAttribute("role"), "status");
    release();
    await response;
    await typing.filter({ hasText: "Assistenten skriver" }).waitFor({ state: "detached" });
    await log.getByRole("button", { name: "Ja, svaret hjälpte" }).waitFor();
    noErrors(errors);
  } finally {
    await close();
  }
});

test("at 320 CSS px the panel fits without horizontal scrolling", async () => {
  // 1280 px at 400 % zoom, or 640 px at 200 %: the same 320 CSS px.
  const { page, errors, close } = await openBrowser(server, { viewport: { width: 320, height: 256 } });
  try {
    const w = await openPanel(page);
    await ask(page, "när töms soporna?");
    await ask(page, "bidrag");
    const sizes = await w.panel.evaluate((panel) => {
      const overflowing = [...panel.querySelectorAll("*")].filter((e) => e.getBoundingClientRect().right > 320.5 && e.getClientRects().length);
      return { panel: [panel.scrollWidth, panel.clientWidth], log: [panel.querySelector(".log").scrollWidth, panel.querySelector(".log").clientWidth],
        right: panel.getBoundingClientRect().right, overflowing: overflowing.map((e) => e.className || e.tagName) };
    });
    assert.ok(sizes.panel[0] <= sizes.panel[1], `panel scrolls sideways: ${JSON.stringify(sizes)}`);
    assert.ok(sizes.log[0] <= sizes.log[1], `log scrolls sideways: ${JSON.stringify(sizes)}`);
    assert.ok(sizes.right <= 320.5, `panel sticks out: ${JSON.stringify(sizes)}`);
    assert.deepEqual(sizes.overflowing, []);
    noErrors(errors);
  } finally {
    await close();
  }
});

test("with prefers-reduced-motion the typing indicator does not animate", async () => {
  const { page, close } = await openBrowser(server, { reducedMotion: "reduce" });
  try {
    const w = await openPanel(page);
    let release;
    await page.route("**/api/v1/chat", async (route) => { await new Promise((r) => { release = r; }); await route.continue(); });
    await w.input.fill("hej");
    await w.input.press("Enter");
    const dot = w.root.locator(".typing .dots i").first();
    await dot.waitFor();
    assert.equal(await dot.evaluate((e) => getComputedStyle(e).animationName), "none");
    release();
  } finally {
    await close();
  }
});
