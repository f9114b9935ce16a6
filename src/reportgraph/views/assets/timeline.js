// The timeline's filter: a word and a class; the text itself is never rewritten.
(function () {
  "use strict";
  var box = document.getElementById("filter");
  var cls = document.getElementById("class");
  var status = document.getElementById("status");
  var rows = Array.prototype.slice.call(document.querySelectorAll("li.event"));
  var sections = Array.prototype.slice.call(document.querySelectorAll("section.year"));

  function apply() {
    var words = box.value.toLowerCase().split(/\s+/).filter(Boolean);
    var wanted = cls.value;
    var shown = 0;
    rows.forEach(function (row) {
      var text = row.getAttribute("data-text");
      var ok = (!wanted || row.getAttribute("data-cls") === wanted) && words.every(function (w) { return text.indexOf(w) >= 0; });
      row.hidden = !ok;
      if (ok) shown += 1;
    });
    sections.forEach(function (section) {
      section.hidden = !section.querySelector("li.event:not([hidden])");
    });
    status.textContent = shown === rows.length ? "" : shown + " of " + rows.length + " events";
  }

  box.addEventListener("input", apply);
  cls.addEventListener("change", apply);
  window.reportgraphTimeline = { apply: apply };
})();
