// The coordinators' volunteering pages in a real Chromium against the real server started
// with the demo needs: a coordinator (made by the real `staff add-user` command) signs in,
// opens the overview, the need form with its messages after a wrong entry, and a need with
// a volunteer who said they are interested in the chat; axe-core (WCAG 2.0/2.1 A and AA)
// finds nothing on any of them, in Swedish and English.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { noErrors } from "./helpers.mjs";
import { addUser, axePage, describeViolations, openStaffBrowser, signIn, startStaffServer } from "./staff-helpers.mjs";

const COORDINATOR = { username: "cora", password: "samordnare-häst-batteri-7" };

let server;
before(async () => {
  server = await startStaffServer({ args: ["--demo"] });
  await addUser(server.dataDir, { ...COORDINATOR, roles: ["coordinator"] });
  // A volunteer answers the questions and says they are interested in the first need offered.
  let reply = await server.chat("jag vill hjälpa till");
  const conversation = reply.conversation_id;
  for (const prefix of ["volunteer-topic-homework-help", "volunteer-languages-sv", "volunteer-when-any",
    "volunteer-where-anywhere", "volunteer-age-adult", "volunteer-yes", "volunteer-yes", "volunteer-need-"]) {
    const choice = reply.choices.find((c) => c.topic.startsWith(prefix));
    assert.ok(choice, `no ${prefix} choice in ${JSON.stringify(reply)}`);
    reply = await server.chat("", { topic: choice.topic, conversation_id: conversation });
  }
});
after(async () => { await server?.stop(); });

test("axe finds no WCAG 2.1 A/AA violation on the coordinators' pages", async () => {
  const { page, errors, close } = await openStaffBrowser(server);
  const found = [];
  const check = async (where) => {
    await page.locator("main h1").waitFor({ state: "visible" });
    const violations = await axePage(page);
    if (violations.length) found.push(describeViolations(where, violations));
  };
  try {
    await signIn(page, server, COORDINATOR);
    for (const lang of ["sv", "en"]) {
      await page.goto(`${server.url}/staff/volunteering?lang=${lang}`);
      const current = page.locator('header nav a[aria-current="page"]');
      assert.equal((await current.getAttribute("href")), `/staff/volunteering?lang=${lang}`, "the menu item is current");
      await page.locator("main table tbody tr").first().waitFor();
      await check(`/staff/volunteering?lang=${lang} (overview)`);
    }

    await page.goto(`${server.url}/staff/volunteering/new?lang=sv`);
    await check("/staff/volunteering/new (empty form)");
    // A wrong entry: the browser's own checks pass, the server's do not.
    await page.locator("#title-sv").fill("Fixa cyklar");
    await page.locator("#description-sv").fill("Laga cyklar med nyanlända.");
    await page.locator("#topic-newcomers").check();
    await page.locator("#languages").fill("sv, svenska");
    await page.locator("#place").selectOption({ index: 1 });
    await page.locator("#slots").fill("någon gång");
    await page.locator("#contact").fill("Cykelköket, 0123-45 00 00");
    await Promise.all([page.waitForLoadState("load"), page.locator("form.need-form button[type=submit]").click()]);
    await page.locator(".error-summary").waitFor({ state: "visible" });
    assert.equal(await page.locator("#languages").getAttribute("aria-invalid"), "true");
    assert.match(await page.locator("#languages").getAttribute("aria-describedby"), /languages-error/);
    await check("POST /staff/volunteering (form with messages)");

    await page.goto(`${server.url}/staff/volunteering?lang=sv`);
    const withInterest = page.locator("main table tbody tr", { has: page.locator("td:last-child", { hasText: /^[1-9]/ }) }).first();
    const link = withInterest.locator("a");
    await Promise.all([page.waitForURL(/\/staff\/volunteering\/\d+/), link.click()]);
    await page.locator("#interested-heading + ol.volunteers li").first().waitFor();
    await check(`${new URL(page.url()).pathname} (a need with an interested volunteer)`);

    assert.deepEqual(found, [], "\n" + found.join("\n"));
    noErrors(errors);
  } finally {
    await close();
  }
});
