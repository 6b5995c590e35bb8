/* Filters for the experiments overview: progressive enhancement.
 *
 * Without JavaScript the overview shows every experiment and links to one page per filter
 * value. With it, the form appears, filters the table in place, announces the count to
 * screen readers and keeps the filter in the URL (?gemeente=delft&domein=zorg), so that a
 * filtered view can be shared and survives reload and back/forward.
 */
(function () {
  "use strict";

  function setup(form) {
    var table = document.getElementById(form.getAttribute("data-table"));
    if (!table) return;
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
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
      status.textContent = shown + " van " + rows.length + " experimenten getoond";
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

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("form.ww-filter"), setup);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
