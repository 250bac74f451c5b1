// Mina sidor in a real Chromium against the real server in demo mode: axe-core (WCAG 2.0/2.1
// A and AA) on the signed-out page and, signed in as a demo resident, on the page with cases
// in Swedish and Arabic (right to left); "Demo" is said on every page; no script errors or
// CSP reports; the chat on the page answers a case question for the signed-in resident; the
// "erase my data" confirmation page, as shown and with its reminder, has no violations either.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { noErrors } from "./helpers.mjs";
import { axePage, describeViolations, openStaffBrowser, startStaffServer } from "./staff-helpers.mjs";

let server;
before(async () => { server = await startStaffServer({ args: ["--demo"] }); });
after(async () => { await server?.stop(); });

test("Mina sidor signed out and signed in has no accessibility violations", async () => {
  const { page, errors, close } = await openStaffBrowser(server, "/mina-sidor");
  try {
    await page.locator("main h1").waitFor();
    assert.match(await page.locator(".demo").textContent(), /Demo/);
    let violations = await axePage(page);
    assert.deepEqual(violations, [], describeViolations("signed out (sv)", violations));

    await Promise.all([
      page.waitForURL((url) => url.pathname === "/mina-sidor"),
      page.locator("form[action='/mina-sidor/demo'] button").click(),
    ]);
    await page.locator("#cases-heading").waitFor();
    assert.match(await page.locator(".cases").textContent(), /Byggnadsnämnden/);
    assert.match(await page.locator("main h1").textContent(), /Demo/);
    violations = await axePage(page);
    assert.deepEqual(violations, [], describeViolations("signed in (sv)", violations));

    await page.goto(server.url + "/mina-sidor?lang=ar");
    await page.locator("#cases-heading").waitFor();
    assert.equal(await page.locator("html").getAttribute("dir"), "rtl");
    violations = await axePage(page);
    assert.deepEqual(violations, [], describeViolations("signed in (ar)", violations));

    // The chat on this page carries the session: a case question is answered with the case.
    await page.goto(server.url + "/mina-sidor");
    const reply = await page.evaluate(async () => {
      const response = await fetch("/api/v1/chat", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ text: "när får jag besked om bygglovet?" }),
      });
      return response.json();
    });
    assert.match(reply.text, /Byggnadsnämnden/);

    // "Erase my data": the confirmation page, then its reminder when the box is not ticked
    // (the browser's own check is bypassed to reach the server's). Nothing is erased here.
    await page.goto(server.url + "/mina-sidor/radera");
    await page.locator("#confirm-heading").waitFor();
    violations = await axePage(page);
    assert.deepEqual(violations, [], describeViolations("erase confirmation (sv)", violations));
    await page.locator("#erase-confirm").evaluate((box) => box.removeAttribute("required"));
    await Promise.all([
      page.waitForURL((url) => url.pathname === "/mina-sidor/radera"),
      page.locator("button.danger").click(),
    ]);
    await page.locator("[role=alert]").waitFor();
    violations = await axePage(page);
    assert.deepEqual(violations, [], describeViolations("erase reminder (sv)", violations));
    noErrors(errors);
  } finally {
    await close();
  }
});
