/*
 * Assistente RSI: the website chat widget.
 *
 * Embed it in any page with one tag (the page's origin must be listed in the
 * server's RSI_CORS_ORIGINS):
 *   <script src="https://HOST/chat/widget.js" data-server="https://HOST" defer></script>
 * It then shows a "Conversar com o assistente" button at the bottom right. With
 * data-container="ID" it is drawn inside the element with that id instead
 * (the demo page /chat/ does this).
 *
 * It speaks to the server's socket.io channel (bot/channels/socketio.py):
 * on every (re)connection it sends `session_request` with the session id it
 * holds, the server answers `session_confirm` with the id to use (the same one
 * if it signed it and no other socket holds it), then `user_uttered` /
 * `bot_uttered` carry the messages. The id and the messages shown are kept in
 * this tab's sessionStorage, so a reload goes on with the same conversation.
 *
 * Everything shown is inserted as text (textContent), never as HTML; links are
 * made only for http(s), tel: and mailto: addresses. No framework, no build
 * step, nothing loaded from anywhere but HOST.
 */
(function () {
  "use strict";

  var script = document.currentScript || findOwnScript();
  if (!script || window.RSIChatLoaded) {
    return;
  }
  window.RSIChatLoaded = true;

  var SERVER = (script.getAttribute("data-server") || new URL(script.src, location.href).origin)
    .replace(/\/+$/, "");
  var CONTAINER_ID = script.getAttribute("data-container");
  // Put here by the server when it serves this file (RSI_RETENTION_DAYS).
  var RETENTION_DAYS = "{{RETENTION_DAYS}}";
  var STORE_KEY = "rsi-chat:" + SERVER;
  var MAX_KEPT = 150; // messages kept for a reload; older ones are dropped
  var MAX_LENGTH = 2000; // the server answers politely above this (bot/serving/door.py)
  var LINK_PROTOCOLS = ["http:", "https:", "tel:", "mailto:"];
  // Candidates only; each one is checked again with URL() before it becomes a link.
  var LINK_PATTERN = /(?:https?:\/\/|mailto:|tel:)[^\s<>"'«»]+/gi;
  var TRAILING = /[.,;:!?)\]}]+$/;

  var T = {
    title: "Assistente RSI",
    open: "Conversar com o assistente RSI",
    close: "Fechar",
    closeLabel: "Fechar a conversa",
    welcome:
      "Escreva a sua pergunta sobre o Rendimento Social de Inserção (RSI): se tem direito, " +
      "quanto pode receber, documentos, prazos ou certidões.",
    log: "Conversa com o assistente",
    you: "Você: ",
    bot: "Assistente: ",
    label: "A sua mensagem",
    send: "Enviar",
    restart: "Nova conversa",
    connecting: "A ligar ao assistente…",
    reconnecting: "A ligar novamente…",
    reconnected: "Ligação restabelecida.",
    lost:
      "Não foi possível retomar a conversa anterior: a partir daqui é uma conversa nova.",
    newWindow: " (abre noutra janela)",
    privacyTitle: "Privacidade",
    privacy:
      "O servidor do assistente guarda esta conversa enquanto estiver a funcionar, " +
      "sem o nome, NIF, NISS, e-mail e morada, que são retirados. Um pedido de " +
      "certidão feito aqui guarda-se " + retentionText() + ". Este separador do navegador " +
      "guarda uma cópia da conversa até o fechar ou carregar em «Nova conversa». " +
      "Não há cookies nem serviços de terceiros.",
  };

  function retentionText() {
    var days = parseInt(RETENTION_DAYS, 10);
    return days > 0 ? days + (days === 1 ? " dia" : " dias") : "pelo prazo definido pelo serviço";
  }

  function findOwnScript() {
    var all = document.getElementsByTagName("script");
    for (var i = all.length - 1; i >= 0; i--) {
      if (/\/chat\/widget\.js(\?|$)/.test(all[i].src)) {
        return all[i];
      }
    }
    return null;
  }

  // ------------------------------------------------------------------ state

  var state = load();
  var socket = null;
  var confirmed = false;
  var requested = null; // the id asked for in the pending session_request
  var retried = false;
  var down = false; // the connection dropped since the last confirmed session
  var pending = []; // messages typed while the connection was down
  var ui = null;

  function load() {
    try {
      var raw = JSON.parse(window.sessionStorage.getItem(STORE_KEY) || "null");
      if (raw && typeof raw === "object" && Array.isArray(raw.log)) {
        return {
          sessionId: typeof raw.sessionId === "string" ? raw.sessionId : null,
          log: raw.log.filter(isEntry).slice(-MAX_KEPT),
        };
      }
    } catch (e) {
      // Unreadable or blocked storage: start afresh.
    }
    return { sessionId: null, log: [] };
  }

  function isEntry(entry) {
    return entry && (entry.from === "user" || entry.from === "bot") && typeof entry.text === "string";
  }

  function save() {
    state.log = state.log.slice(-MAX_KEPT);
    try {
      window.sessionStorage.setItem(STORE_KEY, JSON.stringify(state));
    } catch (e) {
      // Storage full or blocked: the conversation goes on, a reload loses it.
    }
  }

  // ------------------------------------------------------------------ DOM

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text) {
      node.textContent = text;
    }
    return node;
  }

  function loadStyles() {
    var href = SERVER + "/chat/widget.css";
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    for (var i = 0; i < links.length; i++) {
      if (links[i].href === href) {
        return;
      }
    }
    var link = el("link");
    link.rel = "stylesheet";
    link.href = href;
    document.head.appendChild(link);
  }

  function build() {
    var container = CONTAINER_ID && document.getElementById(CONTAINER_ID);
    var root = el("div", "rsi-chat" + (container ? " rsi-chat--inline" : " rsi-chat--floating"));
    var panel = el("section", "rsi-chat__panel");
    panel.id = "rsi-chat-panel";
    panel.setAttribute("aria-labelledby", "rsi-chat-title");

    var header = el("div", "rsi-chat__header");
    var title = el("h2", "rsi-chat__title", T.title);
    title.id = "rsi-chat-title";
    header.appendChild(title);
    var actions = el("div", "rsi-chat__actions");
    header.appendChild(actions);
    var restart = el("button", "rsi-chat__secondary", T.restart);
    restart.type = "button";
    actions.appendChild(restart);

    var log = el("div", "rsi-chat__log");
    log.id = "rsi-chat-log";
    log.setAttribute("role", "log");
    log.setAttribute("aria-live", "polite");
    log.setAttribute("aria-label", T.log);
    log.tabIndex = 0; // a scrolling region must be reachable by keyboard

    var status = el("p", "rsi-chat__status");
    status.id = "rsi-chat-status";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");

    var form = el("form", "rsi-chat__form");
    var label = el("label", "rsi-chat__label", T.label);
    label.htmlFor = "rsi-chat-input";
    var row = el("div", "rsi-chat__row");
    var input = el("input", "rsi-chat__input");
    input.id = "rsi-chat-input";
    input.type = "text";
    input.autocomplete = "off";
    input.maxLength = MAX_LENGTH;
    var sendButton = el("button", "rsi-chat__send", T.send);
    sendButton.type = "submit";
    row.appendChild(input);
    row.appendChild(sendButton);
    form.appendChild(label);
    form.appendChild(row);

    var privacy = el("p", "rsi-chat__privacy");
    privacy.appendChild(el("strong", null, T.privacyTitle + ": "));
    privacy.appendChild(document.createTextNode(T.privacy));

    panel.appendChild(header);
    panel.appendChild(log);
    panel.appendChild(status);
    panel.appendChild(form);
    panel.appendChild(privacy);

    var launcher = null;
    var close = null;
    if (container) {
      container.appendChild(root);
    } else {
      launcher = el("button", "rsi-chat__launcher", T.open);
      launcher.type = "button";
      launcher.setAttribute("aria-expanded", "false");
      launcher.setAttribute("aria-controls", panel.id);
      close = el("button", "rsi-chat__secondary", T.close);
      close.type = "button";
      close.setAttribute("aria-label", T.closeLabel);
      actions.appendChild(close);
      panel.hidden = true;
      root.appendChild(launcher);
      document.body.appendChild(root);
    }
    root.appendChild(panel);

    ui = { root: root, panel: panel, log: log, status: status, form: form, input: input,
           launcher: launcher };

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var text = input.value;
      input.value = "";
      send(text, null);
      input.focus();
    });
    restart.addEventListener("click", startOver);
    if (launcher) {
      launcher.addEventListener("click", function () {
        setOpen(panel.hidden, true);
      });
      close.addEventListener("click", function () {
        setOpen(false, true);
      });
      panel.addEventListener("keydown", function (event) {
        if (event.key === "Escape") {
          setOpen(false, true);
        }
      });
    }
  }

  function setOpen(open, moveFocus) {
    ui.panel.hidden = !open;
    ui.launcher.setAttribute("aria-expanded", open ? "true" : "false");
    if (open) {
      connect();
      scrollToEnd();
    }
    if (moveFocus) {
      (open ? ui.input : ui.launcher).focus();
    }
  }

  // Bot text: line breaks become paragraphs, "• " lines a list, and http(s),
  // tel: and mailto: addresses links. Nothing is parsed as HTML.
  function renderBotText(parent, text) {
    var list = null;
    text.split(/\r?\n/).forEach(function (line) {
      var bullet = /^\s*•\s+/.exec(line);
      if (bullet) {
        if (!list) {
          list = el("ul", "rsi-chat__list");
          parent.appendChild(list);
        }
        var item = el("li");
        appendWithLinks(item, line.slice(bullet[0].length));
        list.appendChild(item);
        return;
      }
      list = null;
      if (line.trim()) {
        var paragraph = el("p");
        appendWithLinks(paragraph, line);
        parent.appendChild(paragraph);
      }
    });
  }

  function safeHref(candidate) {
    try {
      var url = new URL(candidate);
      return LINK_PROTOCOLS.indexOf(url.protocol) >= 0 ? url.href : null;
    } catch (e) {
      return null;
    }
  }

  function appendWithLinks(parent, text) {
    var last = 0;
    text.replace(LINK_PATTERN, function (match, offset) {
      var address = match.replace(TRAILING, "");
      var href = safeHref(address);
      if (!href) {
        return match;
      }
      parent.appendChild(document.createTextNode(text.slice(last, offset)));
      var link = el("a", "rsi-chat__link", address);
      link.href = href;
      if (/^https?:/.test(href)) {
        link.target = "_blank";
        link.rel = "noopener noreferrer";
        link.appendChild(el("span", "rsi-chat__hidden", T.newWindow));
      }
      parent.appendChild(link);
      last = offset + address.length;
      return match;
    });
    parent.appendChild(document.createTextNode(text.slice(last)));
  }

  function showEntry(entry, choicesEnabled) {
    var message = el("div", "rsi-chat__msg rsi-chat__msg--" + entry.from);
    message.appendChild(el("span", "rsi-chat__hidden", entry.from === "user" ? T.you : T.bot));
    var body = el("div", "rsi-chat__text");
    if (entry.from === "user") {
      body.textContent = entry.text; // exactly what was typed, as text
    } else {
      renderBotText(body, entry.text);
    }
    message.appendChild(body);
    if (entry.buttons && entry.buttons.length) {
      var choices = el("div", "rsi-chat__choices");
      entry.buttons.forEach(function (choice) {
        if (!choice || typeof choice.title !== "string") {
          return;
        }
        var button = el("button", "rsi-chat__choice", choice.title);
        button.type = "button";
        button.disabled = !choicesEnabled;
        button.addEventListener("click", function () {
          send(typeof choice.payload === "string" ? choice.payload : choice.title, choice.title);
          ui.input.focus(); // the clicked button is now disabled
        });
        choices.appendChild(button);
      });
      message.appendChild(choices);
    }
    ui.log.appendChild(message);
    scrollToEnd();
  }

  function scrollToEnd() {
    ui.log.scrollTop = ui.log.scrollHeight;
  }

  function disableChoices() {
    var buttons = ui.log.querySelectorAll(".rsi-chat__choice");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].disabled = true;
    }
  }

  function note(text) {
    ui.status.textContent = text;
    ui.root.classList.toggle("rsi-chat--notice", Boolean(text));
  }

  function restore() {
    ui.log.setAttribute("aria-busy", "true"); // one announcement, not one per old message
    ui.log.appendChild(el("div", "rsi-chat__msg rsi-chat__msg--bot rsi-chat__welcome", T.welcome));
    state.log.forEach(function (entry, index) {
      showEntry(entry, index === state.log.length - 1);
    });
    ui.log.removeAttribute("aria-busy");
  }

  // ------------------------------------------------------------------ talking

  function send(text, shown) {
    if (typeof text !== "string" || !text.trim()) {
      return;
    }
    text = text.trim().slice(0, MAX_LENGTH);
    if (ui.status.textContent === T.reconnected) {
      note("");
    }
    var entry = { from: "user", text: shown || text };
    disableChoices();
    state.log.push(entry);
    save();
    showEntry(entry, false);
    if (confirmed && socket && socket.connected) {
      socket.emit("user_uttered", { message: text, session_id: state.sessionId });
    } else {
      pending.push(text);
      connect();
    }
  }

  function received(payload) {
    if (!payload || typeof payload !== "object") {
      return;
    }
    var text = typeof payload.text === "string" ? payload.text : "";
    var buttons = (payload.quick_replies || payload.buttons || [])
      .filter(function (b) {
        return b && typeof b.title === "string";
      })
      .map(function (b) {
        return { title: b.title, payload: typeof b.payload === "string" ? b.payload : b.title };
      });
    if (!text && !buttons.length) {
      return;
    }
    var entry = { from: "bot", text: text, buttons: buttons };
    disableChoices();
    state.log.push(entry);
    save();
    showEntry(entry, true);
  }

  function askForSession() {
    requested = state.sessionId;
    socket.emit("session_request", { session_id: requested });
  }

  function sessionConfirmed(id) {
    if (typeof id !== "string" || !id) {
      return;
    }
    if (requested && id !== requested && !retried) {
      // The page was reloaded before the server saw the old socket go: ask
      // once more for the conversation we hold before taking a new one.
      retried = true;
      window.setTimeout(askForSession, 1000);
      return;
    }
    if (requested && id !== requested && state.log.length) {
      state.log.push({ from: "bot", text: T.lost });
      showEntry(state.log[state.log.length - 1], false);
    }
    state.sessionId = id;
    save();
    confirmed = true;
    retried = false;
    note(down ? T.reconnected : "");
    down = false;
    var waiting = pending;
    pending = [];
    waiting.forEach(function (text) {
      socket.emit("user_uttered", { message: text, session_id: state.sessionId });
    });
  }

  function connect() {
    if (socket) {
      return;
    }
    if (typeof window.io !== "function") {
      loadClient(connect);
      return;
    }
    note(T.connecting);
    socket = window.io(SERVER, { path: "/socket.io", reconnectionDelayMax: 4000 });
    socket.on("connect", askForSession);
    socket.on("session_confirm", sessionConfirmed);
    socket.on("bot_uttered", received);
    socket.on("connect_error", function () {
      confirmed = false;
      down = true;
      note(T.reconnecting);
      if (!socket.active) {
        window.setTimeout(function () {
          socket.connect();
        }, 2000);
      }
    });
    socket.on("disconnect", function (reason) {
      confirmed = false;
      if (reason === "io client disconnect") {
        return;
      }
      down = true;
      note(T.reconnecting);
      if (reason === "io server disconnect") {
        // socket.io does not reconnect by itself after the server closed the socket.
        window.setTimeout(function () {
          socket.connect();
        }, 1000);
      }
    });
  }

  var clientLoading = false;
  function loadClient(then) {
    if (clientLoading) {
      return;
    }
    clientLoading = true;
    var tag = el("script");
    tag.src = SERVER + "/chat/vendor/socket.io.min.js";
    tag.onload = then;
    tag.onerror = function () {
      clientLoading = false;
      note(T.reconnecting);
      window.setTimeout(function () {
        loadClient(then);
      }, 4000);
    };
    document.head.appendChild(tag);
  }

  function startOver() {
    state = { sessionId: null, log: [] };
    pending = [];
    save();
    while (ui.log.firstChild) {
      ui.log.removeChild(ui.log.firstChild);
    }
    restore();
    if (socket && socket.connected) {
      confirmed = false;
      askForSession(); // a request without an id: the server makes a new conversation
    }
    ui.input.focus();
  }

  function start() {
    loadStyles();
    build();
    restore();
    if (ui.panel.hidden && state.log.length) {
      setOpen(true, false); // a conversation was going on before the reload
    } else if (!ui.panel.hidden) {
      connect();
    }
    window.addEventListener("pagehide", function () {
      if (socket) {
        socket.disconnect(); // lets the server free the session for the reloaded page
      }
    });
    window.addEventListener("pageshow", function (event) {
      if (event.persisted && socket) {
        socket.connect(); // back from the browser's page cache
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
