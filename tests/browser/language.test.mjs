// Languages: the menu switches the interface and the language of the replies; Arabic and
// Persian are laid out right to left, on the panel and on each of their messages.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, openBrowser, openPanel, ask, noErrors } from "./helpers.mjs";

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

test("picking العربية from the language menu gives an Arabic right-to-left panel and replies", async () => {
  const { page, errors, close } = await openBrowser(server);
  try {
    const w = await openPanel(page);
    assert.equal(await w.panel.getAttribute("dir"), "ltr");
    assert.equal(await w.panel.getAttribute("lang"), "sv");
    // The menu offers the nine languages by their own names.
    const options = await w.language.locator("option").evaluateAll((os) => os.map((o) => [o.value, o.textContent, o.lang]));
    assert.deepEqual(options.map((o) => o[0]), ["sv", "en", "ar", "fi", "so", "fa", "uk", "pl", "ti"]);
    assert.ok(options.some(([code, name, lang]) => code === "ar" && name === "العربية" && lang === "ar"));

    await w.language.selectOption({ label: "العربية" });
    assert.equal(await w.panel.getAttribute("dir"), "rtl");
    assert.equal(await w.panel.getAttribute("lang"), "ar");
    // The strings come from the server's Arabic configuration.
    await w.root.locator("#ca-title", { hasText: "المساعد الرقمي" }).waitFor();
    assert.equal(await w.input.getAttribute("placeholder"), "اكتب سؤالك هنا");
    assert.equal((await w.launcher.textContent()).trim(), "تحدّث معنا");

    // The next message carries the chosen language, and the reply is Arabic, right to left.
    const request = page.waitForRequest((r) => r.url().endsWith("/api/v1/chat"));
    const reply = await ask(page, "when is the rubbish collected?");
    const body = (await request).postDataJSON();
    assert.equal(body.language, "ar");
    assert.equal(body.locale, "sv", "locale stays the widget's data-locale");
    assert.match(body.client_message_id, /^[0-9a-f-]{36}$/);
    assert.equal(reply.language, "ar");
    const answer = w.root.locator(`.msg.out[data-id="${reply.message_id}"]`);
    assert.equal(await answer.getAttribute("dir"), "rtl");
    assert.equal(await answer.getAttribute("lang"), "ar");
    // Every message has lang and dir.
    for (const message of await w.log.locator(".msg").all()) {
      assert.ok(await message.getAttribute("lang"), "lang on each message");
      assert.ok(await message.getAttribute("dir"), "dir on each message");
    }

    // Back to Swedish: left to right again, and the Arabic message keeps its own direction.
    await w.language.selectOption("sv");
    await w.root.locator("#ca-title", { hasText: "Digital assistent" }).waitFor();
    assert.equal(await w.panel.getAttribute("dir"), "ltr");
    assert.equal(await answer.getAttribute("dir"), "rtl");
    noErrors(errors);
  } finally {
    await close();
  }
});

test("a question asked in Arabic turns the panel to Arabic, right to left", async () => {
  const { page, errors, close } = await openBrowser(server);
  try {
    const w = await openPanel(page);
    const request = page.waitForRequest((r) => r.url().endsWith("/api/v1/chat"));
    const reply = await ask(page, "متى يتم جمع القمامة؟");
    assert.equal((await request).postDataJSON().language, undefined, "no language was picked");
    assert.equal(reply.language, "ar");
    assert.equal(reply.dir, "rtl");
    assert.equal(await w.root.locator(`.msg.out[data-id="${reply.message_id}"]`).getAttribute("dir"), "rtl");
    await w.root.locator("#ca-title", { hasText: "المساعد الرقمي" }).waitFor();
    assert.equal(await w.panel.getAttribute("dir"), "rtl");
    assert.equal(await w.language.inputValue(), "ar");
    noErrors(errors);
  } finally {
    await close();
  }
});
