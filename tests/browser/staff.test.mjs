// The contact centre's staff pages in a real Chromium against the real server, with an account
// made by the real `staff add-user` command: keyboard-only sign-in; axe-core (WCAG 2.0/2.1 A
// and AA) on every staff page in Swedish, and the dashboard and the editor in English; a
// resident's question carrying markup shown as text in the review queue.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { noErrors } from "./helpers.mjs";
import {
  PASSWORD, USERNAME, addUser, axePage, describeViolations, openStaffBrowser, signIn, startStaffServer,
} from "./staff-helpers.mjs";

const XSS = `blorpfizz <img src=x onerror="window.__xss=1"> wumple`;

let server;
before(async () => {
  server = await startStaffServer();
  await addUser(server.dataDir);
  // Questions so the dashboard's tables, the review queue and the inbox have rows.
  await server.chat("när töms soporna?");
  await server.chat("when is the rubbish collected?");
  await server.chat("bidrag");
  await server.chat("blorpfizz wumple");
  await server.chat(XSS);
  await server.chat("jag vill prata med en människa");
});
after(async () => { await server?.stop(); });

/** Where the keyboard focus is: tag, id and text. */
function focused(page) {
  return page.evaluate(() => {
    const active = document.activeElement;
    return active ? { tag: active.tagName.toLowerCase(), id: active.id, text: active.textContent.trim() } : null;
  });
}

test("keyboard-only sign-in reaches the dashboard", async () => {
  const { page, errors, close } = await openStaffBrowser(server);
  try {
    await page.locator("#username").waitFor();
    const path = [];
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press("Tab");
      const now = await focused(page);
      path.push(now);
      if (now?.id === "username") break;
    }
    assert.equal(path.at(-1)?.id, "username", `Tab never reached the username: ${JSON.stringify(path)}`);
    await page.keyboard.type(USERNAME);
    await page.keyboard.press("Tab");
    assert.equal((await focused(page))?.id, "password", "Tab from the username goes to the password");
    await page.keyboard.type(PASSWORD);
    await Promise.all([
      page.waitForURL((url) => url.pathname === "/staff"),
      page.keyboard.press("Enter"),
    ]);
    const heading = page.locator("main h1");
    await heading.waitFor({ state: "visible" });
    assert.equal((await heading.textContent()).trim().length > 0, true);
    assert.ok(await page.locator("svg.chart").isVisible(), "the dashboard's chart is shown");
    noErrors(errors);
  } finally {
    await close();
  }
});

test("axe finds no WCAG 2.1 A/AA violation on the staff pages", async () => {
  const { page, errors, close } = await openStaffBrowser(server);
  const found = [];
  const check = async (where) => {
    await page.locator("main h1").waitFor({ state: "visible" });
    const violations = await axePage(page);
    if (violations.length) found.push(describeViolations(where, violations));
  };
  try {
    // Sign-in page (Swedish), before signing in.
    await page.goto(server.url + "/staff/login");
    await page.locator("#username").waitFor();
    await check("/staff/login");

    await signIn(page, server);

    for (const lang of ["sv", "en"]) {
      await page.goto(`${server.url}/staff?lang=${lang}`);
      assert.equal(await page.locator("html").getAttribute("lang"), lang);
      // Rows in the tables by language, topic and channel.
      assert.ok((await page.locator("section[aria-labelledby^=breakdown-] tbody tr").count()) >= 3, "the breakdown tables have rows");
      await check(`/staff?lang=${lang} (dashboard)`);
    }

    await page.goto(`${server.url}/staff/review?lang=sv`);
    await page.locator(".queue li form").first().waitFor();
    await check("/staff/review?lang=sv (review queue)");

    await page.goto(`${server.url}/staff/articles?lang=sv`);
    await page.locator("main table tbody tr").first().waitFor();
    await check("/staff/articles?lang=sv (article list)");

    for (const lang of ["sv", "en"]) {
      await page.goto(`${server.url}/staff/articles/library?lang=${lang}&edit=en`);
      for (const id of ["status", "title", "body", "phrasings", "keywords", "links", "question"]) {
        assert.equal(await page.locator(`label[for="${id}"]`).count(), 1, `the editor's #${id} has a label (${lang})`);
      }
      await page.locator("#question").fill("when is the library open?");
      await Promise.all([
        page.waitForLoadState("load"),
        page.locator('button[name=action][value=preview]').click(),
      ]);
      await page.locator("section.preview").waitFor({ state: "visible" });
      await check(`/staff/articles/library?lang=${lang}&edit=en (editor with preview)`);
    }

    for (const lang of ["sv", "en"]) {
      await page.goto(`${server.url}/staff/notices?lang=${lang}`);
      await page.locator("#title_sv").waitFor();
      await check(`/staff/notices?lang=${lang} (notices)`);
    }

    for (const lang of ["sv", "en"]) {
      await page.goto(`${server.url}/staff/privacy?lang=${lang}`);
      await page.locator("#erase-number").waitFor();
      await check(`/staff/privacy?lang=${lang} (residents' data)`);
    }

    await page.goto(`${server.url}/staff/inbox?lang=sv`);
    const link = page.locator("main table a[href^='/staff/inbox/']").first();
    await link.waitFor();
    await check("/staff/inbox?lang=sv (inbox)");

    await Promise.all([page.waitForURL(/\/staff\/inbox\/[^/?]+/), link.click()]);
    await page.locator("ol.transcript li").first().waitFor();
    await check(`${new URL(page.url()).pathname} (inbox conversation)`);

    assert.deepEqual(found, [], "\n" + found.join("\n"));
    noErrors(errors);
  } finally {
    await close();
  }
});

test("a resident's markup shows as text in the review queue", async () => {
  const { page, errors, close } = await openStaffBrowser(server);
  try {
    await signIn(page, server);
    await page.goto(`${server.url}/staff/review?lang=sv`);
    const question = page.locator(".queue .question", { hasText: "blorpfizz <img" });
    await question.waitFor();
    assert.equal((await question.textContent()).trim(), XSS);
    assert.equal(await page.locator("main img").count(), 0, "no img element in the page");
    assert.equal(await question.locator("img").count(), 0);
    await page.waitForTimeout(200);
    assert.equal(await page.evaluate(() => typeof window.__xss), "undefined");
    noErrors(errors);
  } finally {
    await close();
  }
});
