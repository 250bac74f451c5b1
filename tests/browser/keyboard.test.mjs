// Keyboard only: Tab to the launcher, Enter opens with focus in the input, Enter sends, Tab to
// the controls of the reply and use them, Escape closes and focus is back on the launcher.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, openBrowser, widget, focused, noErrors } from "./helpers.mjs";

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

/** Presses `key` until `predicate(focused element)` holds; fails after `limit` presses. */
async function tabUntil(page, predicate, key = "Tab", limit = 60) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press(key);
    const now = await focused(page);
    if (process.env.DEBUG_FOCUS) console.log(key, JSON.stringify(now));
    if (now && predicate(now)) return now;
  }
  throw new Error(`focus never reached the control with ${key}`);
}

function chatResponse(page) {
  return page.waitForResponse((r) => r.url().endsWith("/api/v1/chat") && r.request().method() === "POST")
    .then((r) => r.json());
}

test("the widget works with the keyboard alone", async () => {
  const { page, errors, close } = await openBrowser(server);
  try {
    const w = widget(page);
    await w.launcher.waitFor();
    await w.root.locator("#ca-org", { hasText: "Exempelby" }).waitFor({ state: "attached" });

    // Tab from the top of the page to the launcher, open it with Enter.
    await tabUntil(page, (f) => f.className.includes("launcher"));
    await page.keyboard.press("Enter");
    await w.panel.waitFor({ state: "visible" });
    assert.equal(await w.launcher.getAttribute("aria-expanded"), "true");
    assert.equal((await focused(page)).id, "ca-input", "focus is in the input");

    // Type and send with Enter: a question that offers choices.
    let reply = chatResponse(page);
    await page.keyboard.type("bidrag");
    await page.keyboard.press("Enter");
    reply = await reply;
    await w.log.locator(`.msg.out[data-id="${reply.message_id}"]`).waitFor();
    assert.equal(reply.decision, "choices", `"bidrag" offers choices (got ${reply.decision})`);
    assert.equal((await focused(page)).id, "ca-input", "focus stays in the input after sending");

    // Shift+Tab back into the reply to the first choice and pick it with Enter.
    const choice = reply.choices[0];
    await tabUntil(page, (f) => f.tag === "button" && f.text === choice.title, "Shift+Tab");
    const picked = chatResponse(page);
    const request = page.waitForRequest((r) => r.url().endsWith("/api/v1/chat"));
    await page.keyboard.press("Enter");
    assert.equal((await request).postDataJSON().topic, choice.topic);
    reply = await picked;
    assert.equal(reply.topic, choice.topic);
    await w.log.locator(`.msg.out[data-id="${reply.message_id}"]`).waitFor();
    await w.inbound.filter({ hasText: choice.title }).waitFor();

    // Tab on to the answer's thumbs-up and press it with Space.
    await tabUntil(page, (f) => f.text === "Ja, svaret hjälpte" && f.message === String(reply.message_id));
    await page.keyboard.press("Space");
    await w.log.locator(`.msg.out[data-id="${reply.message_id}"] .thanks`, { hasText: "Tack" }).waitFor();

    // Tab forward to "talk to a person" and press it: it sends the localized words.
    await tabUntil(page, (f) => f.className.includes("human"));
    const handoff = chatResponse(page);
    const handoffRequest = page.waitForRequest((r) => r.url().endsWith("/api/v1/chat"));
    await page.keyboard.press("Enter");
    assert.equal((await handoffRequest).postDataJSON().text, "Prata med en person");
    reply = await handoff;
    assert.equal(reply.decision, "handoff");
    await w.log.locator(`.msg.out[data-id="${reply.message_id}"]`).waitFor();

    // Escape closes the panel and gives focus back to the launcher.
    await page.keyboard.press("Escape");
    await w.panel.waitFor({ state: "hidden" });
    assert.equal(await w.launcher.getAttribute("aria-expanded"), "false");
    assert.ok((await focused(page)).className.includes("launcher"), "focus is back on the launcher");
    noErrors(errors);
  } finally {
    await close();
  }
});
