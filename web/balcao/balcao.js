/* The front-desk page (/balcao/): the staff channel in a browser.
 * The staff token lives in sessionStorage (this tab only) and goes in the
 * Authorization header, never in a URL. Every text from the server or typed by
 * the clerk is shown with textContent, never as HTML. */
(function () {
  "use strict";

  var TOKEN_KEY = "rsi-balcao-token";
  var CONVERSATION_KEY = "rsi-balcao-conversa";
  var TRANSCRIPT_KEY = "rsi-balcao-mensagens";
  var WEBHOOK = "/webhooks/staff/webhook";
  var API = "/balcao/api/";

  function $(id) { return document.getElementById(id); }

  var store = window.sessionStorage;
  var busy = false;

  // 128 random bits as 32 hex characters (bot/conversation_ids.py asks for at least 128).
  function newConversationId() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  function token() { return store.getItem(TOKEN_KEY); }

  function conversation() {
    var id = store.getItem(CONVERSATION_KEY);
    if (!id) {
      id = newConversationId();
      store.setItem(CONVERSATION_KEY, id);
    }
    return id;
  }

  function headers(json) {
    var h = { "Authorization": "Bearer " + token() };
    if (json) { h["Content-Type"] = "application/json"; }
    return h;
  }

  function status(text) { $("estado").textContent = text; }

  // ------------------------------------------------------------ sign-in

  function showSignIn(message) {
    $("entrada").hidden = false;
    $("atendimento").hidden = true;
    $("acoes").hidden = true;
    $("resumo").hidden = true;
    $("entrada-erro").textContent = message || "";
    $("token").value = "";
    $("token").setAttribute("aria-invalid", message ? "true" : "false");
    $("token").focus();
  }

  function showDesk() {
    $("entrada").hidden = true;
    $("atendimento").hidden = false;
    $("acoes").hidden = false;
    $("entrada-erro").textContent = "";
    restoreTranscript();
    refreshFacts();
    $("mensagem").focus();
  }

  function refused() {
    store.removeItem(TOKEN_KEY);
    showSignIn("O token de acesso não é válido ou deixou de o ser. Introduza-o de novo.");
  }

  function signIn(event) {
    event.preventDefault();
    var given = $("token").value.trim();
    if (!given) {
      $("entrada-erro").textContent = "Escreva o token de acesso do balcão.";
      $("token").setAttribute("aria-invalid", "true");
      $("token").focus();
      return;
    }
    fetch(API + "sessao", { headers: { "Authorization": "Bearer " + given }, cache: "no-store" })
      .then(function (response) {
        if (response.status === 401) {
          $("entrada-erro").textContent = "Token de acesso errado. Confirme-o e tente de novo.";
          $("token").setAttribute("aria-invalid", "true");
          $("token").select();
          return;
        }
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        store.setItem(TOKEN_KEY, given);
        showDesk();
      })
      .catch(function () {
        $("entrada-erro").textContent = "Não foi possível contactar o servidor. Tente de novo.";
      });
  }

  // ------------------------------------------------------------ conversation

  function transcript() {
    try { return JSON.parse(store.getItem(TRANSCRIPT_KEY) || "[]"); } catch (e) { return []; }
  }

  function remember(entry) {
    var all = transcript();
    all.push(entry);
    store.setItem(TRANSCRIPT_KEY, JSON.stringify(all));
  }

  function render(entry) {
    var item = document.createElement("li");
    item.className = entry.who === "balcao" ? "msg msg-balcao" : "msg msg-assistente";
    var who = document.createElement("span");
    who.className = "quem";
    who.textContent = entry.who === "balcao" ? "Balcão: " : "Assistente: ";
    item.appendChild(who);
    var text = document.createElement("span");
    text.className = "texto";
    text.textContent = entry.text || "";
    item.appendChild(text);
    if (entry.buttons && entry.buttons.length) {
      var group = document.createElement("div");
      group.className = "botoes";
      entry.buttons.forEach(function (b) {
        var button = document.createElement("button");
        button.type = "button";
        button.textContent = b.title;
        button.addEventListener("click", function () { send(b.payload, b.title); });
        group.appendChild(button);
      });
      item.appendChild(group);
    }
    $("mensagens").appendChild(item);
    item.scrollIntoView({ block: "nearest" });
  }

  function restoreTranscript() {
    $("mensagens").textContent = "";
    transcript().forEach(render);
  }

  function send(text, shown) {
    if (busy || !text.trim()) { return; }
    busy = true;
    var mine = { who: "balcao", text: shown || text };
    remember(mine);
    render(mine);
    status("A aguardar a resposta do assistente…");
    fetch(WEBHOOK, {
      method: "POST", headers: headers(true), cache: "no-store",
      body: JSON.stringify({ sender: conversation(), message: text })
    })
      .then(function (response) {
        if (response.status === 401) { refused(); return null; }
        if (!response.ok) {
          return response.json().catch(function () { return {}; }).then(function (body) {
            throw new Error(body.error || body.message || "HTTP " + response.status);
          });
        }
        return response.json();
      })
      .then(function (replies) {
        if (replies === null) { return; }
        if (!replies.length) {
          status("O assistente não respondeu. Tente de novo dentro de momentos.");
          return;
        }
        replies.forEach(function (r) {
          if (!r.text && !(r.buttons && r.buttons.length)) { return; }
          var entry = { who: "assistente", text: r.text || "", buttons: r.buttons || [] };
          remember(entry);
          render(entry);
        });
        status("");
        refreshFacts();
      })
      .catch(function (error) {
        status("A mensagem não foi entregue: " + error.message);
      })
      .then(function () { busy = false; });
  }

  function submitMessage(event) {
    event.preventDefault();
    var box = $("mensagem");
    var text = box.value;
    if (!text.trim()) { return; }
    box.value = "";
    send(text);
    box.focus();
  }

  function newCase() {
    store.setItem(CONVERSATION_KEY, newConversationId());
    store.removeItem(TRANSCRIPT_KEY);
    $("mensagens").textContent = "";
    closeSummary();
    showFacts({ facts: [], estimate: null });
    status("Novo atendimento iniciado: a conversa anterior deixou de aparecer nesta página.");
    $("mensagem").focus();
  }

  // ------------------------------------------------------------ facts panel

  function showFacts(body) {
    var list = $("factos-lista");
    list.textContent = "";
    (body.facts || []).forEach(function (fact) {
      var term = document.createElement("dt");
      term.textContent = fact.label;
      var value = document.createElement("dd");
      value.textContent = fact.value;
      list.appendChild(term);
      list.appendChild(value);
    });
    (body.deadlines || []).forEach(function (d) {
      var term = document.createElement("dt");
      term.textContent = "Prazo: " + d.label;
      var value = document.createElement("dd");
      value.textContent = "até " + d.end_text;
      list.appendChild(term);
      list.appendChild(value);
    });
    $("factos-vazio").hidden = list.childNodes.length > 0;
    $("factos-estimativa").textContent = body.estimate || "";
  }

  function refreshFacts() {
    fetch(API + "casos/" + encodeURIComponent(conversation()), { headers: headers(false), cache: "no-store" })
      .then(function (response) {
        if (response.status === 401) { refused(); return null; }
        if (response.status === 404) { return { facts: [], estimate: null }; }
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response.json();
      })
      .then(function (body) { if (body) { showFacts(body); } })
      .catch(function () { /* the panel keeps what it showed; the conversation goes on */ });
  }

  // ------------------------------------------------------------ summary

  function openSummary() {
    $("resumo").hidden = false;
    $("resumo-erro").textContent = "";
    $("resumo-titulo").focus();
  }

  function closeSummary() {
    $("resumo").hidden = true;
    $("resumo-folha").hidden = true;
    $("resumo-folha").removeAttribute("srcdoc");
    $("resumo-imprimir").disabled = true;
    $("identificacao").checked = false;
    $("identificadores").hidden = true;
    $("nif").value = "";
    $("niss").value = "";
  }

  function summaryRequest(format) {
    var body = { formato: format, identificacao: $("identificacao").checked };
    if (body.identificacao) {
      body.nif = $("nif").value;
      body.niss = $("niss").value;
    }
    $("resumo-erro").textContent = "";
    return fetch(API + "casos/" + encodeURIComponent(conversation()) + "/resumo", {
      method: "POST", headers: headers(true), cache: "no-store", body: JSON.stringify(body)
    }).then(function (response) {
      if (response.status === 401) { refused(); return null; }
      if (response.status === 404) {
        throw new Error("Ainda não há conversa neste atendimento: escreva primeiro o caso.");
      }
      if (!response.ok) {
        return response.json().catch(function () { return {}; }).then(function (b) {
          throw new Error(b.message || b.error || "Não foi possível preparar o resumo.");
        });
      }
      return response;
    });
  }

  function previewSummary(event) {
    event.preventDefault();
    summaryRequest("html")
      .then(function (response) { return response ? response.text() : null; })
      .then(function (html) {
        if (html === null) { return; }
        var sheet = $("resumo-folha");
        sheet.srcdoc = html;
        sheet.hidden = false;
        $("resumo-imprimir").disabled = false;
        status("Resumo pronto: pode imprimi-lo ou descarregar o PDF.");
      })
      .catch(function (error) { $("resumo-erro").textContent = error.message; });
  }

  function printSummary() {
    var sheet = $("resumo-folha");
    if (sheet.contentWindow) { sheet.contentWindow.focus(); sheet.contentWindow.print(); }
  }

  function downloadPdf() {
    summaryRequest("pdf")
      .then(function (response) { return response ? response.blob() : null; })
      .then(function (blob) {
        if (blob === null) { return; }
        var link = document.createElement("a");
        link.href = URL.createObjectURL(blob);
        link.download = "resumo-rsi.pdf";
        document.body.appendChild(link);
        link.click();
        setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
        status("PDF do resumo descarregado.");
      })
      .catch(function (error) { $("resumo-erro").textContent = error.message; });
  }

  function signOut() {
    store.removeItem(TOKEN_KEY);
    store.removeItem(CONVERSATION_KEY);
    store.removeItem(TRANSCRIPT_KEY);
    $("mensagens").textContent = "";
    closeSummary();
    showFacts({ facts: [], estimate: null });
    showSignIn("");
  }

  function start() {
    $("entrada-form").addEventListener("submit", signIn);
    $("mensagem-form").addEventListener("submit", submitMessage);
    $("mensagem").addEventListener("keydown", function (event) {
      if (event.key === "Enter" && !event.shiftKey) { submitMessage(event); }
    });
    $("novo").addEventListener("click", newCase);
    $("sair").addEventListener("click", signOut);
    $("resumo-abrir").addEventListener("click", openSummary);
    $("resumo-form").addEventListener("submit", previewSummary);
    $("resumo-imprimir").addEventListener("click", printSummary);
    $("resumo-pdf").addEventListener("click", downloadPdf);
    $("resumo-fechar").addEventListener("click", function () { closeSummary(); $("resumo-abrir").focus(); });
    $("identificacao").addEventListener("change", function () {
      $("identificadores").hidden = !$("identificacao").checked;
    });
    if (token()) { showDesk(); } else { showSignIn(""); }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
