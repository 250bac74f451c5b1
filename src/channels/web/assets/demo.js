// Demo client of the chat API: plain DOM, text only (never innerHTML), so replies cannot inject markup.
(function () {
  const log = document.getElementById("log");
  const form = document.getElementById("ask");
  const input = document.getElementById("text");
  let conversation = null;

  function add(text, who, lang, dir) {
    const p = document.createElement("p");
    p.className = "msg " + who;
    p.textContent = text;
    if (lang) p.lang = lang;
    if (dir) p.dir = dir;
    log.appendChild(p);
    return p;
  }

  async function send(body) {
    if (conversation) body.conversation_id = conversation;
    body.client_message_id = crypto.randomUUID ? crypto.randomUUID() : String(Date.now());
    const response = await fetch("/api/v1/chat", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    const reply = await response.json();
    if (!response.ok) {
      add(reply.error ? reply.error.message : "Error", "assistant");
      return;
    }
    conversation = reply.conversation_id;
    const p = add(reply.text, "assistant", reply.language, reply.dir);
    for (const link of reply.links) {
      const a = document.createElement("a");
      a.href = link.url;
      a.textContent = link.label;
      a.rel = "noopener";
      p.appendChild(document.createElement("br"));
      p.appendChild(a);
    }
    for (const choice of reply.choices) {
      const b = document.createElement("button");
      b.type = "button";
      b.textContent = choice.title;
      b.addEventListener("click", () => {
        add(choice.title, "resident");
        send({ topic: choice.topic });
      });
      p.appendChild(document.createElement("br"));
      p.appendChild(b);
    }
    const meta = document.createElement("div");
    meta.className = "meta";
    meta.textContent = reply.decision + (reply.topic ? " · " + reply.topic : "") + (reply.intent ? " · " + reply.intent : "");
    p.appendChild(meta);
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    add(text, "resident");
    input.value = "";
    send({ text: text }).catch(() => add("Tjänsten svarar inte just nu.", "assistant"));
  });
})();
