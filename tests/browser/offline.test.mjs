// Robustness: a message written offline or while the server is unreachable waits in a queue in
// localStorage (shown as pending, with the contact centre's phone number while the server is
// down) and is sent exactly once, with the same client_message_id, when the way is clear again.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, openBrowser, openPanel, ask, widget, noErrors } from "./helpers.mjs";

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

const isChat = (url) => url.endsWith("/api/v1/chat");

async function storedInbound(conversation, text) {
  const transcript = await server.api(`/api/v1/conversations/${conversation}`);
  assert.equal(transcript.status, 200);
  return transcript.json.messages.filter((m) => m.direction === "in" && m.text === text);
}

async function queue(page) {
  return page.evaluate(() => JSON.parse(localStorage.getItem("civic-assistant:pending") || "[]"));
}

test("offline, the message waits as pending and is sent once when back online", async () => {
  const { context, page, errors, close } = await openBrowser(server);
  try {
    const w = await openPanel(page);
    const first = await ask(page, "när töms soporna?");

    await context.setOffline(true);
    const text = "hur söker jag förskola?";
    await w.input.fill(text);
    await w.input.press("Enter");
    const message = w.inbound.filter({ hasText: text });
    await message.locator(".state", { hasText: "Väntar på att skickas" }).waitFor();
    await w.status.filter({ hasText: "Du är inte ansluten till internet" }).waitFor();
    const [queued] = await queue(page);
    assert.equal(queued.display, text);
    assert.deepEqual(await storedInbound(first.conversation_id, text), [], "nothing reached the server");

    const response = page.waitForResponse((r) => isChat(r.url()));
    await context.setOffline(false);
    const reply = await (await response).json();
    assert.equal(reply.conversation_id, first.conversation_id);
    assert.equal((await (await response).request().postDataJSON()).client_message_id, queued.cid);
    await w.log.locator(`.msg.out[data-id="${reply.message_id}"]`).waitFor();
    await message.locator(".state").waitFor({ state: "detached" });
    await w.status.filter({ hasText: /\S/ }).waitFor({ state: "hidden" });
    assert.deepEqual(await queue(page), []);
    assert.equal((await storedInbound(first.conversation_id, text)).length, 1, "stored exactly once");
    assert.equal(await w.inbound.filter({ hasText: text }).count(), 1, "shown once");
    noErrors(errors);
  } finally {
    await close();
  }
});

test("while the server is unreachable the phone number is shown, and the queue survives a reload", async () => {
  const { page, close } = await openBrowser(server);
  try {
    let w = await openPanel(page);
    const first = await ask(page, "när töms soporna?");

    // The server cannot be reached (the page itself is still online).
    const refused = (url) => isChat(url.href);
    await page.route(refused, (route) => route.abort("connectionrefused"));
    const text = "vad kostar förskolan?";
    await w.input.fill(text);
    await w.input.press("Enter");
    await w.inbound.filter({ hasText: text }).locator(".state", { hasText: "Väntar på att skickas" }).waitFor();
    await w.status.filter({ hasText: "ring kontaktcentret på 0123-45 60 00" }).waitFor();
    const [queued] = await queue(page);

    // A reload keeps the waiting message: restored from the queue, still pending.
    await page.reload();
    w = await openPanel(page);
    await w.inbound.filter({ hasText: "när töms soporna?" }).waitFor();
    const pending = w.inbound.filter({ hasText: text });
    await pending.locator(".state", { hasText: "Väntar på att skickas" }).waitFor();
    assert.equal(await pending.count(), 1);

    // The server is back: "Försök igen" sends it, with the same id, once.
    await page.unroute(refused);
    const response = page.waitForResponse((r) => isChat(r.url()) && r.status() === 200);
    await w.root.getByRole("button", { name: "Försök igen" }).click();
    const reply = await (await response).json();
    assert.equal((await response).request().postDataJSON().client_message_id, queued.cid);
    await w.log.locator(`.msg.out[data-id="${reply.message_id}"]`).waitFor();
    await pending.locator(".state").waitFor({ state: "detached" });
    await w.status.filter({ hasText: /\S/ }).waitFor({ state: "hidden" });
    assert.deepEqual(await queue(page), []);
    assert.equal((await storedInbound(first.conversation_id, text)).length, 1, "stored exactly once");
  } finally {
    await close();
  }
});

test("a reply lost on the way is fetched again with the same id and stored once", async () => {
  const { page, errors, close } = await openBrowser(server);
  try {
    const w = await openPanel(page);
    const first = await ask(page, "när töms soporna?");

    // The first attempt reaches the server, but its answer is lost.
    const ids = [];
    await page.route((url) => isChat(url.href), async (route) => {
      ids.push(route.request().postDataJSON().client_message_id);
      if (ids.length === 1) {
        await route.fetch();
        await route.abort("connectionreset");
      } else {
        await route.continue();
      }
    });
    const text = "hur söker jag bygglov?";
    const answered = page.waitForResponse((r) => isChat(r.url()) && r.status() === 200);
    await w.input.fill(text);
    await w.input.press("Enter");
    const reply = await (await answered).json();  // the widget retries by itself
    await w.log.locator(`.msg.out[data-id="${reply.message_id}"]`).waitFor();
    assert.equal(ids.length, 2);
    assert.equal(ids[0], ids[1], "the resend has the same client_message_id");
    assert.equal((await storedInbound(first.conversation_id, text)).length, 1, "stored exactly once");
    assert.equal(await w.outbound.count(), 2, "the reply is shown once");
    noErrors(errors.filter((e) => !/ERR_CONNECTION_RESET/.test(e)));
  } finally {
    await close();
  }
});
