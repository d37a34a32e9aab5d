/* minhbach public site: small helpers for readers (no framework, no network).
   - a wide table on a narrow screen says it scrolls sideways;
   - ?danh-dau=<text> marks that text in the paragraph the link lands on and scrolls to it
     ("Dân vận khéo" links name the model they are about);
   - "Sao chép trích dẫn" copies a report's citation line, whose address is this page's;
   - printing opens folded parts (Nơi nhận) so the paper keeps them. */
(function () {
  "use strict";

  function scrollCues() {
    var tables = document.querySelectorAll(".md-content table");
    Array.prototype.forEach.call(tables, function (table) {
      var box = table.closest(".md-typeset__scrollwrap") || table;
      var scroller = table.scrollWidth > table.clientWidth + 2 ? table
        : (box.scrollWidth > box.clientWidth + 2 ? box : null);
      var wide = scroller !== null;
      var hint = box.previousElementSibling;
      var has = hint && hint.classList.contains("mb-scroll-hint");
      if (wide && !has) {
        hint = document.createElement("p");
        hint.className = "mb-scroll-hint";
        hint.textContent = "Bảng rộng hơn màn hình: vuốt hoặc cuộn ngang để xem các cột bên phải →";
        box.parentNode.insertBefore(hint, box);
        scroller.classList.add("mb-scrolls");
        if (!scroller.hasAttribute("tabindex")) {
          scroller.setAttribute("tabindex", "0");  // scrollable by keyboard
        }
      } else if (!wide && has) {
        hint.remove();
      }
    });
  }

  function markTarget() {
    var wanted = new URLSearchParams(window.location.search).get("danh-dau");
    if (!wanted) return;
    var id = decodeURIComponent(window.location.hash.slice(1));
    var scope = (id && document.getElementById(id)) || document.querySelector(".mb-report__body");
    if (!scope) return;
    var walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
    var node;
    while ((node = walker.nextNode())) {
      var at = node.data.indexOf(wanted);
      if (at < 0) continue;
      var range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + wanted.length);
      var mark = document.createElement("mark");
      mark.className = "mb-mark";
      mark.tabIndex = -1;
      range.surroundContents(mark);
      mark.scrollIntoView({ block: "center" });
      mark.focus({ preventScroll: true });
      return;
    }
  }

  function citations() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-mb-location]"), function (el) {
      el.textContent = window.location.origin + window.location.pathname;
    });
    Array.prototype.forEach.call(document.querySelectorAll("[data-mb-copy]"), function (button) {
      button.addEventListener("click", function () {
        var source = document.getElementById(button.getAttribute("data-mb-copy"));
        var done = button.parentNode.querySelector(".mb-copy__done");
        var text = source.textContent.replace(/\s+/g, " ").trim();
        function said(message) { if (done) done.textContent = message; }
        function select() {
          var range = document.createRange();
          range.selectNodeContents(source);
          var sel = window.getSelection();
          sel.removeAllRanges();
          sel.addRange(range);
          said("Đã chọn trích dẫn: nhấn Ctrl+C để sao chép.");
        }
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(text).then(function () { said("Đã sao chép trích dẫn."); }, select);
        } else {
          select();
        }
      });
    });
  }

  window.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll("details.mb-fold"), function (d) { d.open = true; });
  });

  function start() {
    scrollCues();
    // after the browser's own scroll to the #anchor (done by the load event)
    if (document.readyState === "complete") {
      markTarget();
    } else {
      window.addEventListener("load", function () { window.setTimeout(markTarget, 0); });
    }
    citations();
    window.addEventListener("resize", scrollCues);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
