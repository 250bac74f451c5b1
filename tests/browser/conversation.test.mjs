// A resident's conversation: a question and its answer, feedback, links, a reload that keeps
// the conversation, and markup in a message shown as text.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, openBrowser, openPanel, widget, ask, noErrors } from "./helpers.mjs";

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

test("a question gets its answer in the log, with feedback and safe links", async () => {
  const { page, errors, close } = await openBrowser(server);
  try {
    const w = await openPanel(page);
    const reply = await ask(page, "när töms soporna?");
    // The resident's message and the assistant's reply, as the server sent it.
    await w.log.locator(".msg.in", { hasText: "när töms soporna?" }).waitFor();
    const answer = w.log.locator(`.msg.out[data-id="${reply.message_id}"]`);
    assert.equal(reply.decision, "answer");
    assert.equal(reply.language, "sv");
    assert.equal((await answer.locator(".text").textContent()), reply.text);
    assert.equal(await answer.getAttribute("lang"), "sv");
    assert.equal(await answer.getAttribute("dir"), "ltr");
    // Links open in a new tab, without access to this page, and say so.
    assert.ok(reply.links.length > 0, "the waste answer has links");
    const link = answer.locator("a").first();
    assert.equal(await link.getAttribute("href"), reply.links[0].url);
    assert.equal(await link.getAttribute("target"), "_blank");
    assert.match(await link.getAttribute("rel"), /noopener/);
    assert.match(await link.textContent(), /öppnas i en ny flik/);
    // Thumbs up: posted, then thanked.
    const feedback = page.waitForResponse((r) => r.url().endsWith("/api/v1/feedback"));
    await answer.getByRole("button", { name: "Ja, svaret hjälpte" }).click();
    const response = await feedback;
    assert.equal(response.status(), 204);
    assert.deepEqual(response.request().postDataJSON(),
      { conversation_id: reply.conversation_id, message_id: reply.message_id, rating: "up" });
    await answer.locator(".thanks", { hasText: "Tack för ditt omdöme!" }).waitFor();
    assert.equal(await answer.getByRole("button", { name: "Ja, svaret hjälpte" }).getAttribute("aria-pressed"), "true");
    noErrors(errors);
  } finally {
    await close();
  }
});

test("a reload keeps the conversation, restored from the server", async () => {
  const { page, errors, close } = await openBrowser(server);
  try {
    await openPanel(page);
    const first = await ask(page, "när töms soporna?");
    const second = await ask(page, "hur söker jag förskola?");
    assert.equal(second.conversation_id, first.conversation_id);

    await page.reload();
    const w = await openPanel(page);
    await w.log.locator(`.msg.out[data-id="${second.message_id}"]`).waitFor();
    const transcript = await server.api(`/api/v1/conversations/${first.conversation_id}`);
    assert.equal(transcript.status, 200);
    const shown = await w.log.locator(".msg .text").allTextContents();
    assert.deepEqual(shown, transcript.json.messages.map((m) => m.text));
    assert.deepEqual(await w.inbound.locator(".text").allTextContents(), ["när töms soporna?", "hur söker jag förskola?"]);
    // The restored conversation goes on in the same conversation.
    const third = await ask(page, "tack!");
    assert.equal(third.conversation_id, first.conversation_id);
    assert.equal(await w.outbound.count(), 3);
    noErrors(errors);
  } finally {
    await close();
  }
});

test("markup in a message is shown as text, never run", async () => {
  const { page, errors, close } = await openBrowser(server);
  try {
    const w = await openPanel(page);
    const evil = '<img src=x onerror="window.__xss=1">';
    const reply = await ask(page, evil);
    const shown = w.inbound.filter({ hasText: "onerror" });
    assert.equal(await shown.locator(".text").textContent(), evil);
    await w.log.locator(`.msg.out[data-id="${reply.message_id}"]`).waitFor();
    // After a reload too, where the text comes back from the server.
    await page.reload();
    await openPanel(page);
    await widget(page).log.locator(`.msg.out[data-id="${reply.message_id}"]`).waitFor();
    assert.equal(await widget(page).inbound.locator(".text").first().textContent(), evil);
    const images = await page.evaluate(() =>
      document.querySelectorAll("img").length +
      document.querySelector("#civic-assistant").shadowRoot.querySelectorAll("img").length);
    assert.equal(images, 0, "no img element was created");
    assert.equal(await page.evaluate(() => window.__xss), undefined);
    noErrors(errors);
  } finally {
    await close();
  }
});

test("one tag adds the widget without globals beyond CivicAssistant and without touching the page", async () => {
  const { page, errors, close } = await openBrowser(server);
  try {
    const w = widget(page);
    await w.launcher.waitFor();
    const globals = await page.evaluate(() => {
      const frame = document.createElement("iframe");
      document.body.appendChild(frame);
      const clean = new Set(Object.getOwnPropertyNames(frame.contentWindow));
      frame.remove();
      return Object.getOwnPropertyNames(window).filter((name) => !clean.has(name));
    });
    assert.deepEqual(globals, ["CivicAssistant"]);
    const host = await page.evaluate(() => {
      const el = document.querySelector("#civic-assistant");
      return { styles: document.querySelectorAll("style").length, shadow: !!el.shadowRoot, children: el.children.length };
    });
    assert.deepEqual(host, { styles: 1, shadow: true, children: 0 }, "the page keeps its own one <style>; the widget has none outside its shadow root");
    assert.equal(await w.launcher.getAttribute("aria-controls"), await w.panel.getAttribute("id"));
    assert.equal(await w.launcher.getAttribute("aria-expanded"), "false");
    // The page's own button opens the chat too.
    await page.getByRole("button", { name: "Ställ en fråga till den digitala assistenten" }).click();
    await w.panel.waitFor({ state: "visible" });
    assert.equal(await w.launcher.getAttribute("aria-expanded"), "true");
    noErrors(errors);
  } finally {
    await close();
  }
});

test("replies pushed by the server (Server-Sent Events) appear in another open tab, once", async () => {
  const { context, page, errors, close } = await openBrowser(server);
  try {
    await openPanel(page);
    const first = await ask(page, "när töms soporna?");
    // A second tab of the same resident: the conversation comes from localStorage.
    const other = await context.newPage();
    await other.goto(server.url + "/");
    const stream = other.waitForResponse((r) => r.url().includes(`/api/v1/conversations/${first.conversation_id}/events`));
    const w2 = await openPanel(other);
    await w2.log.locator(`.msg.out[data-id="${first.message_id}"]`).waitFor();
    assert.equal((await stream).headers()["content-type"], "text/event-stream");

    const second = await ask(page, "hur söker jag förskola?");
    await w2.log.locator(`.msg.out[data-id="${second.message_id}"]`).waitFor();
    assert.equal(await w2.log.locator(`.msg.out[data-id="${second.message_id}"] .text`).textContent(), second.text);
    assert.equal(await widget(page).log.locator(`.msg.out[data-id="${second.message_id}"]`).count(), 1, "deduplicated with the POST reply");
    assert.equal(await w2.outbound.count(), 2);
    noErrors(errors);
  } finally {
    await close();
  }
});
