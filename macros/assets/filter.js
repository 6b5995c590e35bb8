/* Filters for the overviews (experiments, publications): progressive enhancement.
 *
 * Without JavaScript an overview shows everything and links to one page per filter value.
 * With it, the form appears, filters the items ([data-filter-item] inside the form's
 * data-target) in place, hides groups left empty, announces the count to screen readers and
 * keeps the filter in the URL (?gemeente=delft&domein=zorg), so that a filtered view can be
 * shared and survives reload and back/forward.
 *
 * Also: the "copy citation" buttons on publication pages.
 */
(function () {
  "use strict";

  function setup(form) {
    var target = document.getElementById(form.getAttribute("data-target"));
    if (!target) return;
    var rows = Array.prototype.slice.call(target.querySelectorAll("[data-filter-item]"));
    var groups = Array.prototype.slice.call(target.querySelectorAll("[data-filter-group]"));
    var noun = form.getAttribute("data-noun") || "items";
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    var status = form.querySelector("[role=status]");

    function apply(updateUrl) {
      var shown = 0;
      rows.forEach(function (row) {
        var visible = selects.every(function (select) {
          if (!select.value) return true;
          var values = (row.getAttribute("data-" + select.name) || "").split(" ");
          return values.indexOf(select.value) !== -1;
        });
        row.hidden = !visible;
        if (visible) shown += 1;
      });
      groups.forEach(function (group) {
        group.hidden = !group.querySelector("[data-filter-item]:not([hidden])");
      });
      status.textContent = shown + " van " + rows.length + " " + noun + " getoond";
      if (updateUrl) {
        var params = new URLSearchParams();
        selects.forEach(function (select) { if (select.value) params.set(select.name, select.value); });
        var query = params.toString();
        history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
      }
    }

    function readUrl() {
      var params = new URLSearchParams(location.search);
      selects.forEach(function (select) {
        var wanted = params.get(select.name) || "";
        var known = Array.prototype.some.call(select.options, function (o) { return o.value === wanted; });
        select.value = known ? wanted : "";
      });
    }

    form.addEventListener("change", function () { apply(true); });
    form.addEventListener("reset", function () { setTimeout(function () { apply(true); }, 0); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    window.addEventListener("popstate", function () { readUrl(); apply(false); });
    form.hidden = false;
    readUrl();
    apply(false);
  }

  // Copy a citation or link. Where the browser has no clipboard API (an older browser, a page not
  // served over https) or refuses it, the text is selected instead and the reader is told how to copy.
  function setupCopy(button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    var status = button.parentNode.querySelector("[role=status]");
    if (!source) return;
    button.hidden = false;
    function selectInstead() {
      var range = document.createRange();
      range.selectNodeContents(source);
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      status.textContent = "De tekst is geselecteerd; kopieer hem met Ctrl+C (of Cmd+C, of lang drukken op een telefoon).";
    }
    button.addEventListener("click", function () {
      if (!navigator.clipboard || !navigator.clipboard.writeText) return selectInstead();
      navigator.clipboard.writeText(source.textContent.trim()).then(function () {
        status.textContent = button.getAttribute("data-copied") || "Citatie gekopieerd.";
      }, selectInstead);
    });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("form.ww-filter"), setup);
    Array.prototype.forEach.call(document.querySelectorAll("button.ww-copy"), setupCopy);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();

  // A link focused inside a wide table's scroll box is scrolled fully into that box: Chromium
  // leaves a link that is only a few pixels in view where it is, half hidden.
  document.addEventListener("focusin", function (event) {
    var el = event.target;
    if (el.closest && el.closest(".ww-table") && el !== el.closest(".ww-table")) {
      el.scrollIntoView({block: "nearest", inline: "nearest"});
    }
  });
})();
