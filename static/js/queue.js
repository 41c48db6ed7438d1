// The claim queue: selection for bulk actions, tidy filter URLs. No inline scripts (CSP).
// Everything works without this file; it only adds "select all", a live count and
// disables the bulk buttons while nothing is selected.
(function () {
  "use strict";

  function boxes() {
    return Array.prototype.slice.call(document.querySelectorAll('input[name="claims"][form="bulk-form"]'));
  }

  function refresh() {
    var form = document.getElementById("bulk-form");
    if (!form) return;
    var all = boxes();
    var chosen = all.filter(function (box) { return box.checked; }).length;
    var selectAll = document.getElementById("select-all");
    if (selectAll) {
      selectAll.hidden = all.length === 0;
      selectAll.checked = all.length > 0 && chosen === all.length;
      selectAll.indeterminate = chosen > 0 && chosen < all.length;
    }
    form.querySelectorAll("[data-needs-selection]").forEach(function (button) { button.disabled = chosen === 0; });
    var count = document.getElementById("selection-count");
    if (count && count.dataset.none && count.dataset.some) {
      count.textContent = chosen === 0 ? count.dataset.none : count.dataset.some.replace("%(count)s", chosen);
    }
    all.forEach(function (box) {
      var row = box.closest("tr");
      if (row) row.classList.toggle("is-selected", box.checked);
    });
  }

  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target.id === "select-all") {
      boxes().forEach(function (box) { box.checked = target.checked; });
      refresh();
    } else if (target.matches('input[name="claims"]')) {
      refresh();
    }
  });

  // Drop empty parameters so bookmarked URLs stay short (?status=new, not ?q=&verdict=&…).
  document.addEventListener("htmx:configRequest", function (event) {
    if (!event.detail.elt || event.detail.elt.id !== "queue-filters") return;
    var params = event.detail.parameters;
    var keys = params instanceof FormData ? Array.from(new Set(params.keys())) : Object.keys(params);
    keys.forEach(function (key) {
      var values = params instanceof FormData ? params.getAll(key) : [].concat(params[key]);
      if (values.every(function (value) { return value === ""; })) {
        if (params instanceof FormData) params.delete(key); else delete params[key];
      }
    });
  });

  // Same without htmx: an ordinary GET submit skips empty fields too.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.id !== "queue-filters" || window.htmx) return;
    form.querySelectorAll("input, select").forEach(function (field) {
      if (field.name && field.value === "" && field.type !== "checkbox") field.disabled = true;
    });
  });

  document.addEventListener("htmx:afterSettle", refresh);
  document.addEventListener("DOMContentLoaded", refresh);
})();
