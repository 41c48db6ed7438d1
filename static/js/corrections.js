// The desk corrects the machine: "Add claim" from a selection in the article text, and the
// review panel's span editing (nudge either end by a word, or take the selected text).
// Offsets are character offsets into the article text: the .text element's textContent is
// exactly the stored text (highlights only wrap it). No strings of its own.
(function () {
  "use strict";

  function textEl() { return document.querySelector(".article-text .text"); }
  function articleText() { var el = textEl(); return el ? el.textContent : ""; }
  var lastSelection = null; // {start, end} of the last selection made in the article text

  function offsetIn(container, node, offset) {
    var range = document.createRange();
    range.selectNodeContents(container);
    range.setEnd(node, offset);
    return range.toString().length;
  }

  function selectionOffsets() {
    var container = textEl();
    var selection = window.getSelection();
    if (!container || !selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
    var range = selection.getRangeAt(0);
    if (!container.contains(range.startContainer) || !container.contains(range.endContainer)) return null;
    var start = offsetIn(container, range.startContainer, range.startOffset);
    var end = offsetIn(container, range.endContainer, range.endOffset);
    var text = container.textContent;
    while (start < end && /\s/.test(text.charAt(start))) start++;
    while (end > start && /\s/.test(text.charAt(end - 1))) end--;
    return end > start ? { start: start, end: end } : null;
  }

  function setSpan(form, start, end) {
    var s = form.querySelector("[data-span-start]");
    var e = form.querySelector("[data-span-end]");
    if (!s || !e) return;
    s.value = start;
    e.value = end;
    var preview = form.querySelector("[data-span-preview]");
    if (preview) preview.textContent = articleText().slice(start, end);
  }

  function rememberSelection() {
    var offsets = selectionOffsets();
    if (!offsets) return;
    lastSelection = offsets;
    var add = document.getElementById("add-claim");
    if (add) {
      setSpan(add, offsets.start, offsets.end);
      add.open = true;
    }
  }

  // Word steps: a "word" is a run of non-blank characters.
  function isSpace(ch) { return /\s/.test(ch); }
  function nudge(text, which, step, start, end) {
    var i;
    if (which === "start") {
      i = start;
      if (step < 0) {
        while (i > 0 && isSpace(text.charAt(i - 1))) i--;
        while (i > 0 && !isSpace(text.charAt(i - 1))) i--;
      } else {
        while (i < end && !isSpace(text.charAt(i))) i++;
        while (i < end && isSpace(text.charAt(i))) i++;
        if (i >= end) i = start;
      }
      return [i, end];
    }
    i = end;
    if (step < 0) {
      while (i > start && !isSpace(text.charAt(i - 1))) i--;
      while (i > start && isSpace(text.charAt(i - 1))) i--;
      if (i <= start) i = end;
    } else {
      while (i < text.length && isSpace(text.charAt(i))) i++;
      while (i < text.length && !isSpace(text.charAt(i))) i++;
    }
    return [start, i];
  }

  document.addEventListener("mouseup", function (event) {
    if (textEl() && textEl().contains(event.target)) window.setTimeout(rememberSelection, 0);
  });
  document.addEventListener("keyup", function (event) {
    if (event.shiftKey) window.setTimeout(rememberSelection, 0);
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-nudge], [data-use-selection]");
    if (!button) return;
    var form = button.closest("form");
    var s = form.querySelector("[data-span-start]");
    var e = form.querySelector("[data-span-end]");
    if (button.hasAttribute("data-use-selection")) {
      var offsets = selectionOffsets() || lastSelection;
      if (offsets) setSpan(form, offsets.start, offsets.end);
      return;
    }
    var span = nudge(articleText(), button.dataset.nudge, Number(button.dataset.step), Number(s.value), Number(e.value));
    setSpan(form, span[0], span[1]);
  });

  document.addEventListener("input", function (event) {
    var form = event.target.closest && event.target.closest("form");
    if (!form || !event.target.matches("[data-span-start], [data-span-end]")) return;
    var preview = form.querySelector("[data-span-preview]");
    var s = form.querySelector("[data-span-start]"), e = form.querySelector("[data-span-end]");
    if (preview) preview.textContent = articleText().slice(Number(s.value), Number(e.value));
  });

  // `e`: open the panel's "Correct the claim" section and focus its first control.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "e" || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
    var target = event.target;
    if (target.closest && target.closest("input, textarea, select, [contenteditable]:not([contenteditable=false])")) return;
    var details = document.querySelector("#review-panel [data-correct]");
    if (!details) return;
    details.open = true;
    var field = details.querySelector("[data-span-start]");
    if (field) { field.scrollIntoView({ block: "center" }); field.focus(); }
    event.preventDefault();
  });
})();
