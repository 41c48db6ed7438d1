// The review desk: the htmx review panel and keyboard shortcuts.
// Works on the article page (cards: .claim-card[data-claim], highlights: mark[data-claim],
// panel container: #review-panel) and on the claim queue (rows: .claim-row[data-claim]; a
// #review-panel there is optional). No strings of its own: every text comes from templates.
(function () {
  "use strict";

  var ITEMS = ".claim-card[data-claim], .claim-row[data-claim]";
  // htmx copies the old `style` attribute onto a swapped element while settling; under our
  // CSP (style-src 'self') that setAttribute is refused and logged. We never use style attributes.
  if (window.htmx) window.htmx.config.attributesToSettle = ["class", "width", "height"];
  var pendingFocus = null; // "propose" after `v` opened the panel

  function panelSlot() { return document.getElementById("review-panel"); }
  function openPanelEl() { var slot = panelSlot(); return slot && slot.querySelector("[data-review-panel]"); }
  function items() { return Array.prototype.slice.call(document.querySelectorAll(ITEMS)); }
  function byId(id) { return document.querySelector('.claim-card[data-claim="' + id + '"], .claim-row[data-claim="' + id + '"]'); }

  function panelUrl(id) {
    var el = document.querySelector('[data-claim="' + id + '"][data-panel-url]');
    return el ? el.dataset.panelUrl : "/claims/" + encodeURIComponent(id) + "/panel/";
  }

  function csrfToken() {
    try { return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || ""; }
    catch (e) { return ""; }
  }

  function markActive(id) {
    document.querySelectorAll(".is-active").forEach(function (el) { el.classList.remove("is-active"); });
    document.querySelectorAll('[data-claim="' + id + '"]').forEach(function (el) {
      if (!el.matches("[data-review-panel]")) el.classList.add("is-active");
    });
  }

  function currentItem() {
    var focused = document.activeElement && document.activeElement.closest && document.activeElement.closest(ITEMS);
    return focused || document.querySelector(".claim-card.is-active, .claim-row.is-active");
  }

  function openPanel(id) {
    var slot = panelSlot();
    if (!slot || !window.htmx) return Promise.resolve(false);
    var open = openPanelEl();
    if (open && open.dataset.claim === String(id)) return Promise.resolve(true);
    return window.htmx.ajax("GET", panelUrl(id), { target: slot, swap: "innerHTML" }).then(function () { return true; });
  }

  function focusItem(item) {
    if (!item) return null;
    if (!item.hasAttribute("tabindex")) item.setAttribute("tabindex", "-1");
    item.focus({ preventScroll: true });
    item.scrollIntoView({ block: "nearest" });
    var id = item.dataset.claim;
    markActive(id);
    var mark = document.querySelector('mark[data-claim="' + id + '"]');
    if (mark) mark.scrollIntoView({ block: "center" });
    return openPanel(id);
  }

  function move(step) {
    var list = items();
    if (!list.length) return;
    var index = list.indexOf(currentItem());
    var next = index < 0 ? (step > 0 ? 0 : list.length - 1) : Math.min(list.length - 1, Math.max(0, index + step));
    focusItem(list[next]);
  }

  // Feedback when no panel is shown (the queue): a visible, spoken toast; the text comes from the server.
  var toastTimer = null;
  function announce(text) {
    var region = document.getElementById("review-announcer");
    if (!region) {
      region = document.createElement("div");
      region.id = "review-announcer";
      region.className = "toast";
      region.setAttribute("role", "status");
      document.body.appendChild(region);
    }
    region.textContent = text || "";
    region.hidden = !text;
    if (toastTimer) window.clearTimeout(toastTimer);
    if (text) toastTimer = window.setTimeout(function () { region.hidden = true; }, 5000);
  }

  // Apply the server's claimUpdated event to every element showing that claim.
  function applyUpdate(detail) {
    if (!detail || detail.id === undefined) return;
    document.querySelectorAll('[data-claim="' + detail.id + '"]').forEach(function (el) {
      if (el.matches("[data-review-panel]")) return;
      Array.prototype.slice.call(el.classList).forEach(function (name) {
        if (name.indexOf("status-") === 0) el.classList.remove(name);
      });
      el.classList.add("status-" + detail.status);
      if (el.dataset.version !== undefined) el.dataset.version = detail.version;
      var badge = el.querySelector('[data-field="status"]') || el.querySelector('.badge[class*="status-"]');
      if (badge) {
        badge.className = badge.className.replace(/\bstatus-\S+/g, "").trim() + " status-" + detail.status;
        badge.textContent = detail.statusLabel;
      }
      var assignee = el.querySelector('[data-field="assignee"]');
      if (assignee) assignee.textContent = detail.assignee;
      var verdict = el.querySelector('[data-field="verdict"]');
      if (verdict) {
        verdict.hidden = !detail.verdict;
        var label = verdict.querySelector('[data-field="verdict-label"]');
        if (label) label.textContent = detail.verdict;
        var swatch = verdict.querySelector("rect");
        // An SVG presentation attribute, not a style: allowed under a strict CSP.
        if (swatch && /^#[0-9a-fA-F]{3,6}$/.test(detail.verdictColour)) swatch.setAttribute("fill", detail.verdictColour);
      }
    });
  }

  document.addEventListener("claimUpdated", function (event) { applyUpdate(event.detail); });

  // `a` without an open panel (the queue): read the version from the panel, then post.
  function assignToMeInBackground(id) {
    var headers = { "HX-Request": "true" };
    return fetch(panelUrl(id), { headers: headers, credentials: "same-origin" })
      .then(function (r) { return r.text(); })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        var button = doc.querySelector('[data-action="assign-me"]');
        if (!button) { var note = doc.querySelector(".rp-readonly, .rp-actions"); announce(note ? note.textContent.trim() : ""); return; }
        var form = button.form;
        headers["X-CSRFToken"] = csrfToken();
        return fetch(form.getAttribute("action"), {
          method: "POST", body: new FormData(form), headers: headers, credentials: "same-origin",
        }).then(function (response) {
          var trigger = response.headers.get("HX-Trigger");
          if (trigger) { try { applyUpdate(JSON.parse(trigger).claimUpdated); } catch (e) { /* ignore */ } }
          return response.text();
        }).then(function (answer) {
          var result = new DOMParser().parseFromString(answer, "text/html");
          var message = result.querySelector(".rp-notice, .form-error, .rp-conflict");
          announce(message ? message.textContent.replace(/\s+/g, " ").trim() : "");
        });
      });
  }

  function assignToMe() {
    var open = openPanelEl();
    var item = currentItem();
    var id = item ? item.dataset.claim : open && open.dataset.claim;
    if (!id) return;
    if (open && open.dataset.claim === String(id)) {
      var button = open.querySelector('[data-action="assign-me"]');
      if (button) button.click();
      return;
    }
    if (panelSlot()) { openPanel(id).then(function () { var p = openPanelEl(); var b = p && p.querySelector('[data-action="assign-me"]'); if (b) b.click(); }); return; }
    assignToMeInBackground(id);
  }

  // From the queue: the claim's article page, with its panel open (and the verdict form focused for `v`).
  function goToArticle(item, anchor) {
    var link = item.querySelector('a[href*="#claim-"]');
    if (!link) return;
    window.location.assign(link.getAttribute("href").replace(/#claim-(\d+)$/, "#" + anchor + "$1"));
  }

  function focusPropose() {
    var form = document.getElementById("propose-form");
    var field = form && form.querySelector("select, textarea");
    if (field) { field.scrollIntoView({ block: "center" }); field.focus(); return true; }
    return false;
  }

  function toggleHelp() {
    var dialog = document.getElementById("shortcuts-help");
    if (!dialog || typeof dialog.showModal !== "function") return;
    if (dialog.open) dialog.close(); else dialog.showModal();
  }

  function typing(target) {
    return target && target.closest && target.closest("input, textarea, select, [contenteditable]:not([contenteditable=false])");
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
    if (typing(event.target)) return;
    var dialog = document.getElementById("shortcuts-help");
    if (dialog && dialog.open && event.key !== "?") return;
    switch (event.key) {
      case "j": move(1); break;
      case "k": move(-1); break;
      case "a": assignToMe(); break;
      case "v":
        if (!focusPropose()) {
          var item = currentItem();
          if (item && panelSlot()) { pendingFocus = "propose"; openPanel(item.dataset.claim).then(function () { if (pendingFocus) { pendingFocus = null; focusPropose(); } }); }
          else if (item) { goToArticle(item, "verdict-"); }
        }
        break;
      case "Enter":
        // The queue has no panel: Enter opens the claim on its article page (its panel open there).
        if (panelSlot()) return;
        var row = currentItem();
        if (!row || event.target.closest("a, button")) return;
        goToArticle(row, "claim-");
        break;
      case "?": toggleHelp(); break;
      default: return;
    }
    event.preventDefault();
  });

  // Clicking a highlight or a card opens its panel (links and buttons inside cards keep their own job).
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-shortcuts-open]")) { toggleHelp(); return; }
    if (event.target.closest("[data-review-close]")) {
      var slot = panelSlot();
      var open = openPanelEl();
      var id = open && open.dataset.claim;
      if (slot && slot.dataset.emptyHtml !== undefined) slot.innerHTML = slot.dataset.emptyHtml;
      var item = id && byId(id);
      if (item) item.focus();
      return;
    }
    var mark = event.target.closest("mark.claim[data-claim]");
    var card = event.target.closest(".claim-card[data-claim]");
    if (!mark && (!card || event.target.closest("a, button, input, textarea, select, summary, label, form"))) return;
    var claimId = (mark || card).dataset.claim;
    markActive(claimId);
    openPanel(claimId);
  });

  // htmx only swaps 2xx answers by default; the panel's 400/403/409 carry the message to show.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var status = event.detail.xhr.status;
    var target = event.detail.target;
    var inPanel = target && (target.id === "review-panel" || (target.closest && target.closest("#review-panel, [data-review-panel]")));
    if (inPanel && (status === 400 || status === 403 || status === 409)) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    var open = openPanelEl();
    if (!open) return;
    markActive(open.dataset.claim);
    var config = event.detail.requestConfig || {};
    if (String(config.verb).toLowerCase() === "post") {
      // The form that had focus is gone: put focus on the panel so its message is read next.
      open.focus({ preventScroll: true });
      var slot = panelSlot();
      if (slot) slot.scrollTop = 0;
    } else if (event.detail.target === panelSlot()) {
      panelSlot().scrollTop = 0;
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    var slot = panelSlot();
    // Remember the empty state to restore when the panel is closed (our own markup, not user input).
    if (slot && !openPanelEl()) slot.dataset.emptyHtml = slot.innerHTML;
    // Arriving from a link to #claim-<pk> (notifications, no-JS redirects): open that claim.
    var match = /^#(claim|verdict)-(\d+)$/.exec(window.location.hash);
    if (match && byId(match[2])) {
      var opened = focusItem(byId(match[2]));
      if (match[1] === "verdict" && opened) opened.then(function () { focusPropose(); });
    } else if (match && document.querySelector('mark[data-claim="' + match[2] + '"]')) {
      // Its card is further down the list, not loaded yet: open its panel all the same.
      markActive(match[2]);
      var panel = openPanel(match[2]);
      if (match[1] === "verdict" && panel && panel.then) panel.then(function () { focusPropose(); });
    }
  });
})();
