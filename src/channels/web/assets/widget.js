/*! civic-assistant web chat widget: one <script src="/widget.js" data-locale="sv" async> adds a
 * launcher button and a chat panel to any page. Vanilla JS, no dependencies, no build step.
 * Everything lives in a shadow root (markup and styles), the only global is `CivicAssistant`,
 * and text is only ever set with textContent, never parsed as HTML. */
(function () {
  "use strict";
  if (window.CivicAssistant) return;

  var NS = "civic-assistant:";
  var script = document.currentScript || document.querySelector('script[src*="widget.js"]');
  var attr = function (name) { return (script && script.getAttribute(name)) || ""; };
  var base = new URL(attr("data-api") || "/", (script && script.src) || location.href).href;
  // A page that embeds the chat from a shared host names its municipality with a key.
  var widgetKey = attr("data-key");
  var pageLocale = (attr("data-locale") || document.documentElement.lang || "sv").slice(0, 2).toLowerCase();

  // ---- storage (scoped under "civic-assistant:"; a browser without storage still chats) ----
  function load(store, key, fallback) {
    try { var v = store.getItem(NS + key); return v == null ? fallback : JSON.parse(v); } catch (e) { return fallback; }
  }
  function save(store, key, value) {
    try {
      if (value == null) store.removeItem(NS + key); else store.setItem(NS + key, JSON.stringify(value));
    } catch (e) { /* storage full or blocked */ }
  }
  var local = window.localStorage, session = window.sessionStorage;
  try { local.length; } catch (e) { local = null; }
  try { session.length; } catch (e) { session = null; }
  var get = function (k, d) { return local ? load(local, k, d) : d; };
  var put = function (k, v) { if (local) save(local, k, v); };

  // ---- strings: the server's config, else the last cached one, else these few built in ----
  var LANGS = [["sv", "svenska"], ["en", "English"], ["ar", "العربية", 1], ["fi", "suomi"], ["so", "Soomaali"],
    ["fa", "فارسی", 1], ["uk", "українська"], ["pl", "polski"], ["ti", "ትግርኛ"]].map(function (l) {
    return { code: l[0], name: l[1], dir: l[2] ? "rtl" : "ltr" };
  });
  var BUILTIN = {
    sv: "Chatta med oss|Stäng chatten|Digital assistent|Du chattar med en digital assistent, inte med en människa. Svaren kan vara fel, så kontrollera viktiga uppgifter. Skriv inte ditt personnummer eller andra känsliga uppgifter.|Konversation|Din fråga|Skriv din fråga här|Skicka|Assistenten skriver …|Prata med en person|Välj ett alternativ|Var svaret till hjälp?|Ja, svaret hjälpte|Nej, svaret hjälpte inte|Tack för ditt omdöme!|Språk|Ny konversation|Du är inte ansluten till internet. Dina meddelanden skickas när anslutningen är tillbaka.|Ansluter igen …|Chatten fungerar inte just nu. Försök igen om en stund eller ring kontaktcentret på {phone}.|Väntar på att skickas|Meddelandet kunde inte skickas.|Försök igen|öppnas i en ny flik|Du|Assistenten",
    en: "Chat with us|Close the chat|Digital assistant|You are chatting with a digital assistant, not with a person. Answers can be wrong, so check important details. Do not write your personal identity number or other sensitive information.|Conversation|Your question|Type your question here|Send|The assistant is typing …|Talk to a person|Choose an option|Was the answer helpful?|Yes, the answer helped|No, the answer did not help|Thank you for your feedback!|Language|New conversation|You are not connected to the internet. Your messages will be sent when the connection is back.|Reconnecting …|The chat is not working right now. Try again in a while or call the contact centre on {phone}.|Waiting to be sent|The message could not be sent.|Try again|opens in a new tab|You|Assistant"
  };
  var KEYS = "open close title intro log-label input-label placeholder send typing talk-to-person choices feedback-question thumbs-up thumbs-down feedback-thanks language-menu new-conversation offline reconnecting server-down pending error retry new-tab you assistant privacy".split(" ");

  function builtin(lang) {
    var values = (BUILTIN[lang] || BUILTIN[lang === "sv" ? "sv" : "en"]).split("|"), out = {};
    KEYS.forEach(function (k, i) { out["widget-" + k] = values[i]; });
    return out;
  }

  function langInfo(code) {
    var list = (state.config && state.config.languages) || LANGS;
    for (var i = 0; i < list.length; i++) if (list[i].code === code) return list[i];
    return null;
  }
  function dirOf(code) { var l = langInfo(code); return l ? l.dir : "ltr"; }

  function phone() {
    var cached = get("phone", "");
    return (state.config && state.config.phone) || cached || attr("data-phone");
  }

  function t(key) {
    var s = state.strings && state.strings[key];
    if (s == null) s = builtin(state.ui)[key] || key;
    return s.replace("{phone}", phone());
  }

  // ---- state ----
  var chosen = get("language", null);
  var state = {
    conversation: get("conversation", null),
    chosen: chosen,
    ui: get("ui-language", null) || chosen || pageLocale,
    config: null,
    strings: null,
    pending: get("pending", []),
    feedback: get("feedback", {}),
    rendered: {},      // ids of messages shown (outbound: from POST, transcript or stream)
    restored: {},      // ids that came from the stored transcript
    nodes: {},         // client_message_id -> the resident's message element
    lastId: 0,
    open: false,
    flushing: false,
    serverDown: false,
    reconnecting: false,
    needsRestore: false
  };
  if (!Array.isArray(state.pending)) state.pending = [];

  // ---- DOM helpers ----
  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    for (var k in attrs || {}) {
      var v = attrs[k];
      if (v == null || v === false) continue;
      if (k === "text") e.textContent = v;
      else if (k.slice(0, 2) === "on") e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? "" : v);
    }
    (children || []).forEach(function (c) { if (c) e.appendChild(c); });
    return e;
  }
  var SVG = "http://www.w3.org/2000/svg";
  var ICONS = {
    chat: "M20 2H4a2 2 0 0 0-2 2v18l4-4h14a2 2 0 0 0 2-2V4a2 2 0 0 0-2-2z",
    close: "M19 6.41 17.59 5 12 10.59 6.41 5 5 6.41 10.59 12 5 17.59 6.41 19 12 13.41 17.59 19 19 17.59 13.41 12z",
    up: "M1 21h4V9H1v12zm22-11a2 2 0 0 0-2-2h-6.31l.95-4.57.03-.32c0-.41-.17-.79-.44-1.06L14.17 1 7.59 7.59A1.97 1.97 0 0 0 7 9v10a2 2 0 0 0 2 2h9c.83 0 1.54-.5 1.84-1.22l3.02-7.05c.09-.23.14-.47.14-.73v-2z",
    ext: "M14 3v2h3.59l-9.83 9.83 1.41 1.41L19 6.41V10h2V3h-7zM19 19H5V5h7V3H5a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h14a2 2 0 0 0 2-2v-7h-2v7z",
    clock: "M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm0 18a8 8 0 1 1 0-16 8 8 0 0 1 0 16zm.5-13H11v6l5.25 3.15.75-1.23-4.5-2.67z"
  };
  function icon(name, flip) {
    var s = document.createElementNS(SVG, "svg");
    s.setAttribute("viewBox", "0 0 24 24");
    s.setAttribute("aria-hidden", "true");
    s.setAttribute("focusable", "false");
    s.setAttribute("class", "icon");
    var p = document.createElementNS(SVG, "path");
    p.setAttribute("d", ICONS[name]);
    if (flip) p.setAttribute("transform", "rotate(180 12 12)");
    s.appendChild(p);
    return s;
  }

  // Elements whose text or attribute follows the interface language: [element, key, attribute].
  var bound = [];
  function bind(e, key, attribute) { bound.push([e, key, attribute]); paint(bound[bound.length - 1]); return e; }
  function paint(b) {
    if (b[2]) b[0].setAttribute(b[2], t(b[1])); else b[0].textContent = t(b[1]);
    if (!b[2] && b[0].hasAttribute("lang")) { b[0].lang = state.ui; b[0].dir = dirOf(state.ui); }
  }
  function vh(key) { return bind(el("span", { "class": "vh" }), key); }
  // A label in the interface language inside a message in another language.
  function uiText(tag, key, cls) { return bind(el(tag, { "class": cls, lang: state.ui, dir: dirOf(state.ui) }), key); }

  // ---- styles (inside the shadow root only) ----
  var CSS = [
    ":host{all:initial}",
    "*,*::before,*::after{box-sizing:border-box}",
    ".root{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans','Noto Sans Ethiopic','Noto Sans Arabic',sans-serif;font-size:medium;line-height:1.45;color:#1a1a1a}",
    ".vh{position:absolute!important;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}",
    "[hidden]{display:none!important}",
    "button,input,select{font:inherit;color:inherit}",
    "button{cursor:pointer}",
    ":focus-visible{outline:3px solid #0b57d0;outline-offset:2px;box-shadow:0 0 0 2px #fff}",
    ".icon{width:1.25em;height:1.25em;fill:currentColor;flex:none;vertical-align:middle}",
    ".launcher{position:fixed;right:1em;bottom:1em;z-index:2147483000;display:flex;align-items:center;gap:.5em;min-height:3em;padding:.6em 1.1em;border:2px solid #fff;border-radius:1.5em;background:var(--brand,#0a4d8c);color:#fff;font-weight:600;box-shadow:0 2px 10px rgba(0,0,0,.3)}",
    ".launcher:hover{background:#083b6b}",
    ".panel{position:fixed;right:1em;bottom:4.75em;z-index:2147483001;display:flex;flex-direction:column;width:24em;max-width:calc(100vw - 2em);height:38em;max-height:calc(100vh - 6em);background:#fff;border:1px solid #6b6b6b;border-radius:.75em;box-shadow:0 6px 28px rgba(0,0,0,.3);overflow:hidden}",
    "@media (max-width:34em),(max-height:30em){.panel{inset:0;width:auto;max-width:none;height:auto;max-height:none;border-radius:0;overflow:auto}}",
    ".head{display:flex;align-items:flex-start;gap:.5em;padding:.6em .75em;border-bottom:3px solid var(--brand,#0a4d8c)}",
    ".titles{flex:1;min-width:0}",
    "h2{margin:0;font-size:1.1em;line-height:1.3}",
    ".org{margin:0;font-size:.875em;color:#4a4a4a}",
    ".close{display:flex;align-items:center;justify-content:center;min-width:2.75em;min-height:2.75em;border:1px solid #6b6b6b;border-radius:.4em;background:#fff}",
    ".tools{display:flex;flex-wrap:wrap;align-items:center;gap:.4em .75em;padding:.5em .75em;border-bottom:1px solid #c4c4c4;font-size:.9em}",
    ".tools label{display:flex;align-items:center;gap:.35em}",
    "select{min-height:2.5em;max-width:100%;padding:.2em .3em;border:1px solid #6b6b6b;border-radius:.3em;background:#fff}",
    ".link{min-height:2.5em;padding:.2em .5em;border:1px solid transparent;background:none;color:var(--brand,#0a4d8c);text-decoration:underline}",
    ".log{flex:1 1 auto;min-height:8em;overflow-y:auto;overflow-x:hidden;padding:.75em;background:#fafafa;overscroll-behavior:contain}",
    ".intro p{margin:0 0 .25em}.privacy{color:var(--brand,#0a4d8c);font-weight:600}.intro{margin:0 0 .75em;padding:.5em .6em;border-inline-start:4px solid var(--brand,#0a4d8c);background:#eef3f9;font-size:.875em}",
    ".msg{max-width:88%;margin:.5em 0;padding:.5em .7em;border-radius:.7em;overflow-wrap:anywhere}",
    ".msg.in{margin-inline-start:auto;background:var(--brand,#0a4d8c);color:#fff;border-end-end-radius:.15em}",
    ".msg.out{margin-inline-end:auto;background:#eceff3;border:1px solid #d0d5db;border-end-start-radius:.15em}",
    ".who{display:block;font-size:.8em;font-weight:700}",
    ".text{margin:0;white-space:pre-wrap}",
    ".links{margin:.4em 0 0;padding:0;list-style:none}",
    ".links li{margin:.25em 0}",
    ".links a{color:var(--brand,#0a4d8c);font-weight:600}",
    ".links .icon{width:1em;height:1em;margin-inline-start:.2em}",
    ".nt::before{content:' ('}.nt::after{content:')'}",
    ".choices{display:flex;flex-direction:column;align-items:flex-start;gap:.35em;margin-top:.5em}",
    ".choices button,.act{min-height:2.5em;padding:.35em .8em;border:2px solid var(--brand,#0a4d8c);border-radius:1.25em;background:#fff;color:var(--brand,#0a4d8c);font-weight:600;text-align:start}",
    ".choices button:hover,.act:hover{background:#e3ecf6}",
    ".fb{display:flex;flex-wrap:wrap;align-items:center;gap:.35em;margin-top:.5em;font-size:.85em;color:#3d3d3d}",
    ".fb button{display:flex;align-items:center;justify-content:center;min-width:2.5em;min-height:2.5em;border:1px solid #5f6368;border-radius:.4em;background:#fff;color:#1a1a1a}",
    ".fb button[aria-pressed=true]{background:var(--brand,#0a4d8c);border-color:var(--brand,#0a4d8c);color:#fff}",
    ".fb button[aria-pressed=true]::after{content:'\\2713';margin-inline-start:.2em;font-weight:700}",
    ".thanks{font-weight:600}",
    ".state{display:flex;align-items:center;gap:.3em;margin-top:.25em;font-size:.8em;font-style:italic}",
    ".typing{min-height:1.6em;padding:.1em .9em;background:#fafafa;font-size:.875em}",
    ".typing:empty{display:none}",
    ".dots{display:inline-flex;gap:.25em;align-items:center}",
    ".dots i{width:.5em;height:.5em;border-radius:50%;background:#4a4a4a;animation:ca-blink 1.2s infinite ease-in-out}",
    ".dots i:nth-child(2){animation-delay:.2s}.dots i:nth-child(3){animation-delay:.4s}",
    "@keyframes ca-blink{0%,80%,100%{opacity:.25}40%{opacity:1}}",
    ".status{margin:0;padding:.5em .75em;background:#fff4d6;border-top:2px solid #8a5a00;color:#1a1a1a;font-size:.875em}",
    ".status:empty{display:none}",
    ".retry{margin:.3em .75em 0;align-self:flex-start}",
    "form{display:flex;gap:.5em;padding:.6em .75em .3em;border-top:1px solid #c4c4c4}",
    "input{flex:1;min-width:0;min-height:2.75em;padding:.4em .6em;border:2px solid #6b6b6b;border-radius:.4em;background:#fff}",
    "input::placeholder{color:#5c5c5c;opacity:1}",
    ".send{min-height:2.75em;padding:.4em 1em;border:2px solid var(--brand,#0a4d8c);border-radius:.4em;background:var(--brand,#0a4d8c);color:#fff;font-weight:600}",
    ".send:hover{background:#083b6b}",
    ".human{margin:.3em .75em .6em;align-self:flex-start}",
    "@media (prefers-reduced-motion:reduce){*,*::before,*::after{animation:none!important;transition:none!important;scroll-behavior:auto!important}.dots i{opacity:.7}}",
    "@media (forced-colors:active){.msg,.status,.launcher,.send,.fb button{border:1px solid CanvasText}}"
  ].join("\n");

  // ---- the widget's markup ----
  var host = el("div", { id: "civic-assistant", "data-civic-assistant": "" });
  var shadow = host.attachShadow({ mode: "open" });
  try {
    var sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    shadow.adoptedStyleSheets = [sheet];
  } catch (e) {
    shadow.appendChild(el("style", { text: CSS }));
  }

  var launcherText = bind(el("span"), "widget-open");
  var launcher = el("button", { type: "button", "class": "launcher", "aria-expanded": "false", "aria-controls": "ca-panel",
    onclick: function () { setOpen(!state.open, true); } }, [icon("chat"), launcherText]);

  var title = bind(el("h2", { id: "ca-title" }), "widget-title");
  var org = el("p", { id: "ca-org", "class": "org", text: "" });
  var closeBtn = el("button", { type: "button", "class": "close", onclick: function () { setOpen(false, true); } },
    [icon("close"), vh("widget-close")]);
  var select = el("select", { id: "ca-lang", onchange: function () { pickLanguage(select.value); } });
  var langLabel = el("label", { "for": "ca-lang" }, [bind(el("span"), "widget-language-menu"), select]);
  var newBtn = bind(el("button", { type: "button", "class": "link", onclick: newConversation }), "widget-new-conversation");
  // The notice of how messages are handled, in the interface language, before the first one.
  var privacy = el("a", { "class": "privacy", target: "_blank", rel: "noopener" },
    [bind(el("span"), "widget-privacy"), icon("ext"), vh("widget-new-tab")]);
  var intro = el("div", { "class": "intro" }, [bind(el("p"), "widget-intro"), privacy]);
  var log = el("div", { "class": "log", role: "log", "aria-live": "polite", tabindex: "0" }, [intro]);
  bind(log, "widget-log-label", "aria-label");
  var typing = el("div", { "class": "typing", role: "status" });
  var status = el("p", { "class": "status", role: "status" });
  var retryBtn = bind(el("button", { type: "button", "class": "act retry", hidden: true, onclick: retry }), "widget-retry");
  var input = el("input", { id: "ca-input", type: "text", autocomplete: "off", maxlength: "2000", enterkeyhint: "send" });
  bind(input, "widget-placeholder", "placeholder");
  var inputLabel = bind(el("label", { "for": "ca-input", "class": "vh" }), "widget-input-label");
  var send = bind(el("button", { type: "submit", "class": "send" }), "widget-send");
  var form = el("form", { novalidate: true, onsubmit: function (e) {
    e.preventDefault();
    var text = input.value.trim();
    if (!text) { input.focus(); return; }
    input.value = "";
    submit({ text: text }, text);
  } }, [inputLabel, input, send]);
  var human = bind(el("button", { type: "button", "class": "act human", onclick: function () {
    var text = t("widget-talk-to-person");
    submit({ text: text }, text);
  } }), "widget-talk-to-person");
  var panel = el("div", { id: "ca-panel", "class": "panel", role: "dialog", "aria-labelledby": "ca-title ca-org", hidden: true }, [
    el("div", { "class": "head" }, [el("div", { "class": "titles" }, [title, org]), closeBtn]),
    el("div", { "class": "tools" }, [langLabel, newBtn]),
    log, typing, status, retryBtn, form, human
  ]);
  var root = el("div", { "class": "root" }, [launcher, panel]);
  var staticBinds = bound.length;
  shadow.appendChild(root);

  shadow.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && state.open) { e.preventDefault(); setOpen(false, true); }
  });

  // ---- interface language ----
  function applyStrings() {
    var dir = dirOf(state.ui);
    [panel, launcher].forEach(function (e) { e.lang = state.ui; e.dir = dir; });
    org.textContent = (state.config && state.config.municipality) || "";
    bound.forEach(paint);
    privacy.href = new URL("privacy?lang=" + encodeURIComponent(state.ui) + (widgetKey ? "&key=" + encodeURIComponent(widgetKey) : ""), base).href;
    var list = (state.config && state.config.languages) || LANGS;
    select.textContent = "";
    list.forEach(function (l) {
      select.appendChild(el("option", { value: l.code, lang: l.code, dir: l.dir, text: l.name, selected: l.code === state.ui }));
    });
    select.value = state.ui;
    updateStatus();
  }

  function applyConfig(config) {
    state.config = config;
    state.strings = config.strings || null;
    if (config.phone) put("phone", config.phone);
    // The municipality's colour, checked for contrast with white text when it was configured.
    if (config.brand_colour) host.style.setProperty("--brand", config.brand_colour);
    applyStrings();
  }

  var configSeq = 0;
  function loadConfig(lang) {
    var seq = ++configSeq;
    return request("api/v1/widget/config?locale=" + encodeURIComponent(lang)).then(function (config) {
      if (!config || !config.strings) return;
      put("config:" + lang, config);
      serverUp();
      if (seq === configSeq && lang === state.ui) applyConfig(config);
    }, function (e) {
      if (e.network || e.status >= 500) serverFailed();
    });
  }

  function switchUi(lang) {
    if (!langInfo(lang) || lang === state.ui && state.strings) return;
    state.ui = lang;
    put("ui-language", lang);
    var cached = get("config:" + lang, null);
    if (cached && cached.strings) applyConfig(cached);
    else { state.strings = null; applyStrings(); }
    loadConfig(lang);
  }

  function pickLanguage(lang) {
    state.chosen = lang;
    put("language", lang);
    switchUi(lang);
  }

  // ---- network ----
  function request(path, options) {
    options = options || {};
    var headers = { Accept: "application/json", "Accept-Language": state.ui };
    if (options.body) headers["Content-Type"] = "application/json";
    if (widgetKey) headers["X-Civic-Widget-Key"] = widgetKey;
    var ctrl = window.AbortController ? new AbortController() : null;
    var timer = ctrl && setTimeout(function () { ctrl.abort(); }, 30000);
    return fetch(new URL(path, base).href, {
      method: options.method || "GET", headers: headers, credentials: "same-origin",
      body: options.body ? JSON.stringify(options.body) : undefined, signal: ctrl ? ctrl.signal : undefined
    }).then(function (r) {
      clearTimeout(timer);
      if (r.status === 204) return null;
      return r.json().catch(function () { return {}; }).then(function (json) {
        if (r.ok) return json;
        var e = new Error((json && json.error && json.error.message) || r.statusText);
        e.status = r.status;
        e.code = json && json.error && json.error.code;
        throw e;
      });
    }, function (err) {
      clearTimeout(timer);
      var e = new Error(String(err));
      e.network = true;
      throw e;
    });
  }

  function setConversation(id) {
    if (id === state.conversation) return;
    state.conversation = id;
    put("conversation", id);
    closeEvents();
    if (id) openEvents();
  }

  var retryTimer = null, retryDelay = 2000;
  function serverFailed() {
    state.serverDown = navigator.onLine !== false;
    state.reconnecting = false;
    updateStatus();
    if (!retryTimer && state.serverDown) {
      retryTimer = setTimeout(function () {
        retryTimer = null;
        if (state.pending.length) flush(); else loadConfig(state.ui);
      }, retryDelay);
      retryDelay = Math.min(retryDelay * 2, 60000);
    }
  }
  function serverUp() {
    retryDelay = 2000;
    var wasDown = state.serverDown;
    state.serverDown = false;
    updateStatus();
    if (wasDown && state.needsRestore) restore();
    else if (wasDown && state.pending.length) flush();
    if (wasDown) openEvents();
  }

  function updateStatus() {
    var key = navigator.onLine === false ? "widget-offline" : state.serverDown ? "widget-server-down" :
      state.reconnecting ? "widget-reconnecting" : null;
    var text = key ? t(key) : "";
    if (status.textContent !== text) status.textContent = text;
    retryBtn.hidden = !(state.pending.length && !state.flushing && key !== "widget-reconnecting");
  }

  function setTyping(on) {
    if (on && !typing.firstChild) {
      typing.appendChild(el("span", { "class": "dots", "aria-hidden": "true" }, [el("i"), el("i"), el("i")]));
      typing.appendChild(el("span", { "class": "vh", text: t("widget-typing") }));
    } else if (!on) typing.textContent = "";
  }

  // ---- messages ----
  function scrollToEnd() { log.scrollTop = log.scrollHeight; }

  function isWeb(url) {
    try { var u = new URL(url, base); return u.protocol === "https:" || u.protocol === "http:" ? u.href : null; } catch (e) { return null; }
  }

  function renderInbound(text, lang, dir, cid) {
    var node = el("div", { "class": "msg in", lang: lang || state.ui, dir: dir || "auto" }, [
      uiText("span", "widget-you", "who"),
      el("p", { "class": "text", text: text })
    ]);
    if (cid) node.setAttribute("data-client-id", cid);
    log.appendChild(node);
    scrollToEnd();
    return node;
  }

  function renderOutbound(m) {
    var lang = m.language || state.ui;
    var node = el("div", { "class": "msg out", lang: lang, dir: m.dir || dirOf(lang), "data-id": m.id },
      [uiText("span", "widget-assistant", "who"), el("p", { "class": "text", text: m.text || "" })]);
    var links = (m.links || []).filter(function (l) { return isWeb(l.url); });
    if (links.length) {
      node.appendChild(el("ul", { "class": "links" }, links.map(function (l) {
        return el("li", {}, [el("a", { href: isWeb(l.url), target: "_blank", rel: "noopener" },
          [document.createTextNode(l.label || l.url), icon("ext"), uiText("span", "widget-new-tab", "vh nt")])]);
      })));
    }
    if ((m.choices || []).length) {
      var group = el("div", { "class": "choices", role: "group" });
      bind(group, "widget-choices", "aria-label");
      m.choices.forEach(function (c) {
        group.appendChild(el("button", { type: "button", text: c.title, onclick: function () { submit({ topic: c.topic, text: c.title }, c.title); } }));
      });
      node.appendChild(group);
    }
    if (m.id != null && m.decision !== "choices") node.appendChild(feedback(m.id));
    log.appendChild(node);
    scrollToEnd();
    return node;
  }

  function feedback(id) {
    var thanks = el("span", { "class": "thanks" });
    var thank = function () { if (!thanks.hasAttribute("lang")) { thanks.lang = state.ui; bind(thanks, "widget-feedback-thanks"); } };
    var question = uiText("span", "widget-feedback-question", "q");
    question.id = "ca-fb-" + id;
    var buttons = ["up", "down"].map(function (rating) {
      var b = el("button", { type: "button", "aria-pressed": String(state.feedback[id] === rating), onclick: function () {
        buttons.forEach(function (x) { x.setAttribute("aria-pressed", String(x === b)); });
        state.feedback[id] = rating;
        put("feedback", state.feedback);
        request("api/v1/feedback", { method: "POST", body: { conversation_id: state.conversation, message_id: id, rating: rating } })
          .then(thank, function () {});
      } }, [icon("up", rating === "down"), vh(rating === "up" ? "widget-thumbs-up" : "widget-thumbs-down")]);
      return b;
    });
    if (state.feedback[id]) thank();
    return el("div", { "class": "fb", role: "group", "aria-labelledby": question.id }, [question].concat(buttons, [thanks]));
  }

  function addOutbound(m, fromTranscript) {
    if (m.id != null) {
      if (state.rendered[m.id]) return false;
      state.rendered[m.id] = true;
      if (fromTranscript) state.restored[m.id] = true;
      state.lastId = Math.max(state.lastId, m.id);
    }
    renderOutbound(m);
    return true;
  }

  function markPending(node, on, errorText) {
    var old = node.querySelector(".state");
    if (old) old.remove();
    if (on || errorText) {
      node.appendChild(errorText ? el("span", { "class": "state", lang: state.ui, dir: dirOf(state.ui), text: errorText })
        : el("span", { "class": "state" }, [icon("clock"), uiText("span", "widget-pending", "")]));
    }
  }
  function markAllPending() {
    state.pending.forEach(function (item) { var n = state.nodes[item.cid]; if (n) markPending(n, true); });
    updateStatus();
  }

  // ---- sending: every message goes through the queue in localStorage, sent in order ----
  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = b[6] & 15 | 64; b[8] = b[8] & 63 | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  function submit(body, display) {
    if (state.chosen) body.language = state.chosen;
    var item = { cid: uuid(), body: body, display: display, lang: state.ui };
    state.pending.push(item);
    put("pending", state.pending);
    state.nodes[item.cid] = renderInbound(display, item.lang, "auto", item.cid);
    flush();
  }

  function flush() {
    if (!state.pending.length) state.reconnecting = false;
    if (state.flushing || !state.pending.length) return updateStatus();
    if (navigator.onLine === false) return markAllPending();
    state.flushing = true;
    setTyping(true);
    updateStatus();
    var item = state.pending[0];
    var body = { locale: pageLocale, client_message_id: item.cid };
    for (var k in item.body) body[k] = item.body[k];
    if (state.conversation) body.conversation_id = state.conversation;
    request("api/v1/chat", { method: "POST", body: body }).then(function (reply) {
      done(item);
      confirm(item, reply);
      serverUp();
      flush();
    }, function (e) {
      state.flushing = false;
      setTyping(false);
      if (e.code === "conversation_not_found") {
        setConversation(null);
        return flush();
      }
      if (e.network || e.status >= 500 || e.status === 408 || e.status === 429) {
        markAllPending();
        if (navigator.onLine === false) updateStatus(); else serverFailed();
        return;
      }
      // The server refused this message (empty, too long, …): drop it, say why, go on.
      done(item);
      var node = state.nodes[item.cid];
      if (node) markPending(node, false, t("widget-error") + " " + e.message);
      flush();
    });
  }

  function done(item) {
    state.flushing = false;
    setTyping(false);
    state.pending = state.pending.filter(function (x) { return x.cid !== item.cid; });
    put("pending", state.pending);
  }

  function confirm(item, reply) {
    setConversation(reply.conversation_id);
    var node = state.nodes[item.cid];
    delete state.nodes[item.cid];
    if (node) {
      // Sent before a reload but answered after it: the restored transcript already shows it.
      if (state.restored[reply.message_id]) node.remove(); else markPending(node, false);
    }
    var m = { id: reply.message_id, direction: "out", text: reply.text, language: reply.language, dir: reply.dir,
      decision: reply.decision, topic: reply.topic, intent: reply.intent, choices: reply.choices, links: reply.links };
    addOutbound(m, false);
    if (!state.chosen && reply.language && reply.language !== state.ui) switchUi(reply.language);
  }

  function retry() {
    clearTimeout(retryTimer);
    retryTimer = null;
    retryDelay = 2000;
    if (state.needsRestore) restore(); else flush();
    input.focus();
  }

  // ---- the conversation after a reload or navigation: the server's transcript, then the queue ----
  var restoreSeq = 0;
  function restore() {
    var seq = ++restoreSeq;
    var finish = function (messages) {
      if (seq !== restoreSeq) return;
      state.lastId = 0;
      state.needsRestore = messages === null && !!state.conversation;
      while (log.lastChild && log.lastChild !== intro) log.removeChild(log.lastChild);
      bound = bound.slice(0, staticBinds).concat(bound.slice(staticBinds).filter(function (b) { return b[0].isConnected; }));
      state.rendered = {};
      state.restored = {};
      state.nodes = {};
      var choices = [];
      (messages || []).forEach(function (m) {
        state.lastId = Math.max(state.lastId, m.id || 0);
        if (m.direction === "in") {
          var text = m.text;
          choices.forEach(function (c) { if (c.topic === text) text = c.title; });
          renderInbound(text, m.language, m.dir);
        } else {
          addOutbound(m, true);
          choices = m.choices || [];
        }
      });
      state.pending.forEach(function (item) {
        state.nodes[item.cid] = renderInbound(item.display, item.lang, "auto", item.cid);
      });
      if (state.needsRestore) markAllPending();
      flush();
      openEvents();
    };
    if (!state.conversation) return finish([]);
    request("api/v1/conversations/" + encodeURIComponent(state.conversation)).then(function (json) {
      serverUp();
      finish((json && json.messages) || []);
    }, function (e) {
      if (e.status === 404) { setConversation(null); return finish([]); }
      if (e.network || e.status >= 500) serverFailed();
      finish(null);
    });
  }

  function newConversation() {
    setConversation(null);
    state.feedback = {};
    put("feedback", null);
    restore();
    input.focus();
  }

  // ---- messages pushed by the server (Server-Sent Events) while the panel is open ----
  var events = null;
  function openEvents() {
    if (events || !state.open || !state.conversation || !window.EventSource || state.needsRestore) return;
    var es = events = new EventSource(new URL("api/v1/conversations/" + encodeURIComponent(state.conversation) +
      "/events?after=" + state.lastId + (widgetKey ? "&key=" + encodeURIComponent(widgetKey) : ""), base).href);
    es.addEventListener("message", function (ev) {
      var m;
      try { m = JSON.parse(ev.data); } catch (e) { return; }
      if (m && m.direction !== "in" && addOutbound(m, false)) setTyping(state.flushing);
    });
    es.onerror = function () {
      if (es.readyState === 2 && events === es) events = null;   // refused: try again when reopened
    };
  }
  function closeEvents() {
    if (events) { events.close(); events = null; }
  }

  // ---- open and close ----
  function setOpen(open, moveFocus) {
    state.open = open;
    panel.hidden = !open;
    launcher.setAttribute("aria-expanded", String(open));
    if (session) save(session, "open", open ? 1 : null);
    if (open) {
      scrollToEnd();
      openEvents();
      if (moveFocus) input.focus();
      if (state.serverDown) loadConfig(state.ui);
    } else {
      closeEvents();
      if (moveFocus) launcher.focus();
    }
  }

  window.addEventListener("online", function () {
    state.reconnecting = true;
    clearTimeout(retryTimer);
    retryTimer = null;
    retryDelay = 2000;
    updateStatus();
    if (state.needsRestore) restore(); else flush();
    if (!state.config || state.serverDown) loadConfig(state.ui);
    if (events && events.readyState === 2) events = null;
    openEvents();
    if (!state.pending.length && !state.needsRestore) { state.reconnecting = false; updateStatus(); }
  });
  window.addEventListener("offline", function () { markAllPending(); });
  // Another tab changed the conversation: follow it.
  window.addEventListener("storage", function (e) {
    if (e.key === NS + "conversation" && e.newValue) {
      var id = null;
      try { id = JSON.parse(e.newValue); } catch (err) { return; }
      if (id !== state.conversation) { state.conversation = id; closeEvents(); restore(); }
    }
  });

  // ---- start ----
  var cached = get("config:" + state.ui, null);
  if (cached && cached.strings) applyConfig(cached); else applyStrings();

  function start() {
    document.body.appendChild(host);
    // Any element of the page with data-civic-assistant-open opens the chat.
    document.addEventListener("click", function (e) {
      var target = e.target && e.target.closest && e.target.closest("[data-civic-assistant-open]");
      if (target) { e.preventDefault(); setOpen(true, true); }
    });
    loadConfig(state.ui);
    restore();
    if (session && load(session, "open", null)) setOpen(true, false);
  }
  if (document.body) start(); else document.addEventListener("DOMContentLoaded", start);

  window.CivicAssistant = Object.freeze({
    open: function () { setOpen(true, true); },
    close: function () { setOpen(false, true); }
  });
})();
