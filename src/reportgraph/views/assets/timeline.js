// The timeline's filter (a word, a class, an actor) and its bars, which count what the
// filter shows; links from the graph page: #event=IRI marks one event, #actor=IRI keeps the
// events of one actor. The text itself is never rewritten.
(function () {
  "use strict";
  var box = document.getElementById("filter");
  var cls = document.getElementById("class");
  var status = document.getElementById("status");
  var showAll = document.getElementById("show-all");
  var minSources = document.getElementById("min-sources");
  var rows = Array.prototype.slice.call(document.querySelectorAll("li.event"));
  var sections = Array.prototype.slice.call(document.querySelectorAll("section.year"));
  var bars = Array.prototype.slice.call(document.querySelectorAll("#years a[data-bucket]"));
  var actor = "";

  function resizeBars() {
    var shown = {};
    sections.forEach(function (section) {
      shown[section.getAttribute("data-bucket")] = section.querySelectorAll("li.event:not([hidden])").length;
    });
    bars.forEach(function (bar) {
      var all = bar.querySelector("rect.all");
      var full = Number(all.getAttribute("height"));
      var total = Number(bar.getAttribute("data-count"));
      var count = shown[bar.getAttribute("data-bucket")] || 0;
      var height = total ? Math.round((full * count) / total) : 0;
      var rect = bar.querySelector("rect.shown");
      var bottom = Number(all.getAttribute("y")) + full;
      rect.setAttribute("height", String(height));
      rect.setAttribute("y", String(bottom - height));
      bar.querySelector("title").textContent = bar.getAttribute("data-bucket") + ": " +
        (count === total ? total + " events" : count + " of " + total + " events shown");
    });
  }

  function apply() {
    var words = box.value.toLowerCase().split(/\s+/).filter(Boolean);
    var wanted = cls.value;
    var least = sourcesWanted();
    var shown = 0;
    rows.forEach(function (row) {
      var text = row.getAttribute("data-text");
      var ok = (!wanted || row.getAttribute("data-cls") === wanted) && words.every(function (w) { return text.indexOf(w) >= 0; });
      if (ok && least > 1) ok = Number(row.getAttribute("data-sources")) >= least;
      if (ok && actor) ok = row.getAttribute("data-who").split(" ").indexOf(actor) >= 0;
      row.hidden = !ok;
      if (ok) shown += 1;
    });
    sections.forEach(function (section) {
      section.hidden = !section.querySelector("li.event:not([hidden])");
    });
    status.textContent = (actor ? "events of " + actorName() + ": " : "") +
      (shown === rows.length ? "" : shown + " of " + rows.length + " events");
    showAll.hidden = !actor;
    resizeBars();
  }

  // The least number of independent sources an event needs to be listed (1: every event).
  function sourcesWanted() {
    if (!minSources) return 1;
    var value = Math.floor(Number(minSources.value));
    var bad = minSources.value !== "" && !(value >= 1);
    minSources.classList.toggle("invalid", bad);
    return bad || !value ? 1 : value;
  }

  // The actor's name as its first row shows it (data-who lists the row's links in order).
  function actorName() {
    for (var i = 0; i < rows.length; i++) {
      var at = rows[i].getAttribute("data-who").split(" ").indexOf(actor);
      var links = rows[i].querySelectorAll(".who a");
      if (at >= 0 && links[at]) return links[at].textContent;
    }
    return actor;
  }

  function followHash() {
    var match = /^#(event|actor)=(.+)$/.exec(location.hash);
    if (!match) return;
    var iri;
    try {
      iri = decodeURIComponent(match[2]);
    } catch (err) {
      return;
    }
    rows.forEach(function (row) { row.classList.remove("target"); });
    if (match[1] === "actor") {
      actor = iri;
      apply();
      return;
    }
    var row = rows.filter(function (r) { return r.getAttribute("data-iri") === iri; })[0];
    if (!row) return;
    if (row.hidden) {
      box.value = "";
      cls.value = "";
      if (minSources) minSources.value = "1";
      actor = "";
      apply();
    }
    row.classList.add("target");
    row.scrollIntoView({ block: "center" });
  }

  box.addEventListener("input", apply);
  cls.addEventListener("change", apply);
  if (minSources) minSources.addEventListener("input", apply);
  showAll.addEventListener("click", function () {
    actor = "";
    try {
      history.replaceState(null, "", location.pathname);
    } catch (err) {
      // file:// pages may refuse; the filter is cleared all the same
    }
    apply();
  });
  window.addEventListener("hashchange", followHash);
  followHash();
  window.reportgraphTimeline = { apply: apply };
})();
