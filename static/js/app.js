// Claimtrack's few behaviours; no inline scripts anywhere (CSP-friendly).
(function () {
  "use strict";
  // Language switch: submit on change.
  document.addEventListener("change", function (event) {
    if (event.target.matches("[data-autosubmit]")) event.target.form.submit();
  });
  // Clicking a highlight focuses its card in the claim list, and vice versa.
  document.addEventListener("click", function (event) {
    var mark = event.target.closest("mark.claim");
    var card = event.target.closest(".claim-card");
    var id = mark ? mark.dataset.claim : card ? card.dataset.claim : null;
    if (!id) return;
    document.querySelectorAll(".is-active").forEach(function (el) { el.classList.remove("is-active"); });
    document.querySelectorAll('[data-claim="' + id + '"]').forEach(function (el) { el.classList.add("is-active"); });
    if (mark) {
      event.preventDefault();
      var target = document.getElementById("claim-" + id);
      if (target) { target.scrollIntoView({ block: "nearest", behavior: "smooth" }); target.focus({ preventScroll: true }); }
    } else {
      var first = document.querySelector('mark[data-claim="' + id + '"]');
      if (first) first.scrollIntoView({ block: "center", behavior: "smooth" });
    }
  });
})();
