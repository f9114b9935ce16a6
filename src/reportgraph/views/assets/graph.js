// The graph page: vis-network plus search, filters and a side panel.
// Text from the documents only ever reaches the page through textContent, never as HTML.
(function () {
  "use strict";

  var page = RG_PAGE;
  var container = document.getElementById("mynetwork");
  var nodes = new vis.DataSet(RG_NODES);
  var edges = new vis.DataSet(RG_EDGES);
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, RG_OPTIONS);
  var state = { ready: false, readyAt: null, hidden: {}, hiddenEdges: {} };
  var panel = document.getElementById("panel");
  var statusLine = document.getElementById("status");
  var searchBox = document.getElementById("search");
  var results = document.getElementById("results");
  var documentSelect = document.getElementById("document");
  var dateFrom = document.getElementById("date-from");
  var dateTo = document.getElementById("date-to");

  // ------------------------------------------------------------------ small helpers

  function el(tag, text, className) {
    var element = document.createElement(tag);
    if (text !== undefined && text !== null) element.textContent = String(text);
    if (className) element.className = className;
    return element;
  }

  function clear(element) {
    while (element.firstChild) element.removeChild(element.firstChild);
  }

  function section(title, items, render) {
    if (!items || !items.length) return;
    panel.appendChild(el("h3", title));
    var list = el("ul");
    items.forEach(function (item) {
      list.appendChild(render(item));
    });
    panel.appendChild(list);
  }

  function docLabel(index) {
    var doc = page.documents[index];
    if (!doc) return String(index);
    var text = doc.file;
    if (doc.title) text += " · " + doc.title;
    if (doc.date) text += " (" + doc.date + ")";
    return text;
  }

  function linkTo(id, text) {
    var button = el("button", text, "link");
    button.type = "button";
    button.addEventListener("click", function () {
      selectNode(id);
    });
    return button;
  }

  // An evidence sentence, with a link to it in each reader page that shows it: [[href, file]].
  function quote(sentence, links) {
    var block = el("blockquote", sentence);
    (links || []).forEach(function (link) {
      if (!/^documents\/[a-z0-9-]+\.html#s-\d+-\d+$/.test(link[0])) return;
      var open = el("a", links.length > 1 ? "open in " + link[1] : "open in document", "source");
      open.setAttribute("href", link[0]);
      block.appendChild(document.createTextNode(" "));
      block.appendChild(open);
    });
    return block;
  }

  // The one link that leaves the page: an entity's Wikidata item (never fetched by the page).
  function wikidataLink(iri) {
    if (!iri || !/^https?:\/\/www\.wikidata\.org\/entity\/Q[1-9][0-9]*$/.test(iri)) return null;
    var para = el("p", "Wikidata: ", "wd");
    var link = el("a", iri);
    link.setAttribute("href", iri);
    link.setAttribute("rel", "noopener noreferrer");
    para.appendChild(link);
    return para;
  }

  function labelOf(id) {
    var node = nodes.get(id);
    return node ? node.label : id;
  }

  // ------------------------------------------------------------------ side panel

  function showNode(id) {
    var node = nodes.get(id);
    if (!node) return;
    clear(panel);
    panel.appendChild(el("h2", node.label));
    panel.appendChild(el("p", node.cls + " (" + node.kind + ")", "cls"));
    var wd = wikidataLink(node.wd);
    if (wd) panel.appendChild(wd);
    var others = (node.names || []).filter(function (name) {
      return name !== node.label;
    });
    section("Also called", others, function (name) {
      return el("li", name);
    });
    section("Date", node.dates, function (date) {
      return el("li", date);
    });
    section("Documents", node.docs, function (index) {
      return el("li", docLabel(index));
    });
    if (node.ev && node.ev.length) {
      panel.appendChild(el("h3", "Evidence"));
      node.ev.forEach(function (sentence, i) {
        panel.appendChild(quote(sentence, (node.src || [])[i]));
      });
    }
    section("Claimed by", node.cl, function (claim) {
      return el("li", claim);
    });
    section("Events with no other participant", node.lone, function (event) {
      var item = el("li", event.event_label + (event.dates.length ? " (" + event.dates[0] + ")" : ""));
      event.evidence.forEach(function (sentence, i) {
        item.appendChild(quote(sentence, (event.src || [])[i]));
      });
      return item;
    });
    var connected = edges.get(network.getConnectedEdges(id));
    var limit = 200;
    section("Connections (" + connected.length + ")", connected.slice(0, limit), function (edge) {
      var item = el("li");
      // "—agent→ Other" for an edge leaving this node, "Other —agent→" for one coming in
      var outgoing = edge.from === id;
      var other = outgoing ? edge.to : edge.from;
      if (outgoing) item.appendChild(document.createTextNode("\u2014" + edge.label + "\u2192 "));
      item.appendChild(linkTo(other, labelOf(other)));
      if (!outgoing) item.appendChild(document.createTextNode(" \u2014" + edge.label + "\u2192"));
      (edge.ev || []).slice(0, 2).forEach(function (sentence, i) {
        item.appendChild(quote(sentence, (edge.src || [])[i]));
      });
      return item;
    });
    if (connected.length > limit) panel.appendChild(el("p", "+" + (connected.length - limit) + " more", "hint"));
    panel.appendChild(el("p", node.id, "iri"));
  }

  function showEdge(id) {
    var edge = edges.get(id);
    if (!edge) return;
    clear(panel);
    var heading = el("h2");
    heading.appendChild(linkTo(edge.from, labelOf(edge.from)));
    heading.appendChild(document.createTextNode(" \u2192 " + edge.label + " \u2192 "));
    heading.appendChild(linkTo(edge.to, labelOf(edge.to)));
    panel.appendChild(heading);
    if (edge.cls) panel.appendChild(el("p", edge.cls + " (event): " + edge.event_label, "cls"));
    section("Date", edge.dates, function (date) {
      return el("li", date);
    });
    section("Documents", edge.docs, function (index) {
      return el("li", docLabel(index));
    });
    if (edge.ev && edge.ev.length) {
      panel.appendChild(el("h3", "Evidence"));
      edge.ev.forEach(function (sentence, i) {
        panel.appendChild(quote(sentence, (edge.src || [])[i]));
      });
    }
    if (edge.event) panel.appendChild(el("p", edge.event, "iri"));
  }

  function showHint() {
    clear(panel);
    panel.appendChild(el("p", "Click a node or an edge to see its names, documents and the sentences it was read from.", "hint"));
  }

  function selectNode(id) {
    if (!nodes.get(id)) return false;
    if (state.hidden[id]) resetFilters();
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: page.big ? false : { duration: 300 } });
    showNode(id);
    setHash("node", id);
    return true;
  }

  function selectEdge(id) {
    var edge = edges.get(id);
    if (!edge) return false;
    if (state.hiddenEdges[id]) resetFilters();
    network.selectEdges([id]);
    network.focus(edge.from, { scale: Math.max(network.getScale(), 1.0), animation: false });
    showEdge(id);
    return true;
  }

  function setHash(kind, id) {
    try {
      history.replaceState(null, "", "#" + kind + "=" + encodeURIComponent(id));
    } catch (err) {
      // some browsers refuse replaceState on file:// pages; the selection still works
    }
  }

  // A link from the timeline: #node=IRI (an entity or an event), or an event folded into edges.
  function followHash() {
    var match = /^#(node|event)=(.+)$/.exec(location.hash);
    if (!match) return;
    var id;
    try {
      id = decodeURIComponent(match[2]);
    } catch (err) {
      return;
    }
    if (selectNode(id)) return;
    var folded = edges.get({ filter: function (edge) { return edge.event === id; } });
    if (folded.length) selectEdge(folded[0].id);
  }

  network.on("click", function (params) {
    if (params.nodes.length) showNode(params.nodes[0]);
    else if (params.edges.length) showEdge(params.edges[0]);
    else showHint();
  });

  // ------------------------------------------------------------------ search

  var index = RG_NODES.map(function (node) {
    return { id: node.id, label: node.label, size: node.size || 0, names: (node.names || [node.label]).map(function (n) { return n.toLowerCase(); }) };
  });

  function rank(entry, query) {
    var best = 9;
    entry.names.forEach(function (name) {
      var score = 9;
      if (name === query) score = 0;
      else if (name.indexOf(query) === 0) score = 1;
      else if (name.indexOf(" " + query) >= 0) score = 2;
      else if (name.indexOf(query) >= 0) score = 3;
      if (score < best) best = score;
    });
    return best;
  }

  function search(text) {
    var query = String(text || "").trim().toLowerCase();
    if (!query) return [];
    var found = [];
    var hidden = 0;
    index.forEach(function (entry) {
      var score = rank(entry, query);
      if (score === 9) return;
      if (state.hidden[entry.id]) hidden += 1;
      else found.push({ entry: entry, score: score });
    });
    found.sort(function (a, b) {
      return a.score - b.score || b.entry.size - a.entry.size || (a.entry.label < b.entry.label ? -1 : a.entry.label > b.entry.label ? 1 : 0);
    });
    var hits = found.map(function (f) { return f.entry.id; });
    hits.hiddenByFilters = hidden;
    return hits;
  }

  function showResults() {
    var hits = search(searchBox.value);
    clear(results);
    if (!searchBox.value.trim()) {
      results.hidden = true;
      return hits;
    }
    hits.slice(0, 20).forEach(function (id, i) {
      var node = nodes.get(id);
      var item = el("li", node.label + " \u00b7 " + node.cls, i === 0 ? "active" : "");
      item.addEventListener("mousedown", function (event) {
        event.preventDefault();
        pick(id);
      });
      results.appendChild(item);
    });
    if (!hits.length) results.appendChild(el("li", "no visible node matches", "none"));
    if (hits.length > 20) results.appendChild(el("li", "+" + (hits.length - 20) + " more", "none"));
    if (hits.hiddenByFilters) results.appendChild(el("li", hits.hiddenByFilters + " more hidden by the filters", "none"));
    results.hidden = false;
    return hits;
  }

  function pick(id) {
    results.hidden = true;
    searchBox.value = labelOf(id);
    selectNode(id);
  }

  var searchTimer = null;
  searchBox.addEventListener("input", function () {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(showResults, page.big ? 150 : 30);
  });
  searchBox.addEventListener("keydown", function (event) {
    if (event.key === "Enter") {
      clearTimeout(searchTimer);
      var hits = showResults();
      if (hits.length) pick(hits[0]);
    } else if (event.key === "Escape") {
      results.hidden = true;
    }
  });
  searchBox.addEventListener("blur", function () {
    results.hidden = true;
  });

  // ------------------------------------------------------------------ filters

  function parseDate(text, end) {
    var value = String(text || "").trim();
    if (!value) return "";
    var match = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/.exec(value);
    if (!match) return null;
    var month = match[2] ? ("0" + match[2]).slice(-2) : end ? "12" : "01";
    var day = match[3] ? ("0" + match[3]).slice(-2) : end ? "31" : "01";
    return match[1] + "-" + month + "-" + day;
  }

  function classFilter() {
    var on = {};
    document.querySelectorAll("#legend input[data-cls]").forEach(function (box) {
      on[box.getAttribute("data-cls")] = box.checked;
    });
    return on;
  }

  function applyFilters() {
    var on = classFilter();
    var doc = documentSelect.value === "" ? -1 : Number(documentSelect.value);
    var from = parseDate(dateFrom.value, false);
    var to = parseDate(dateTo.value, true);
    dateFrom.classList.toggle("invalid", from === null);
    dateTo.classList.toggle("invalid", to === null);
    var ranged = Boolean(from || to);
    from = from || "0000-01-01";
    to = to || "9999-12-31";
    function inRange(item) {
      return Boolean(item.start) && item.start <= to && item.end >= from;
    }
    var nodeOk = {};
    nodes.forEach(function (node) {
      var ok = on[node.cls] !== false;
      if (ok && doc >= 0) ok = (node.docs || []).indexOf(doc) >= 0;
      if (ok && ranged && node.kind === "event") ok = inRange(node);
      nodeOk[node.id] = ok;
    });
    var edgeOk = {};
    var degree = {};
    edges.forEach(function (edge) {
      var ok = nodeOk[edge.from] && nodeOk[edge.to];
      if (ok && edge.cls) ok = on[edge.cls] !== false;
      if (ok && ranged && edge.event) ok = inRange(edge);
      if (ok && doc >= 0 && edge.docs) ok = edge.docs.indexOf(doc) >= 0;
      edgeOk[edge.id] = ok;
      // what dates an entity: an event it takes part in, or a folded event edge
      var dated = edge.event || nodes.get(edge.from).kind === "event" || nodes.get(edge.to).kind === "event";
      if (ok && dated) {
        degree[edge.from] = (degree[edge.from] || 0) + 1;
        degree[edge.to] = (degree[edge.to] || 0) + 1;
      }
    });
    // With a date range, an entity is shown when an event in the range still links it.
    if (ranged) {
      nodes.forEach(function (node) {
        if (node.kind !== "event" && nodeOk[node.id] && !degree[node.id]) nodeOk[node.id] = false;
      });
      edges.forEach(function (edge) {
        if (edgeOk[edge.id] && !(nodeOk[edge.from] && nodeOk[edge.to])) edgeOk[edge.id] = false;
      });
    }
    var nodeChanges = [];
    var shown = 0;
    nodes.forEach(function (node) {
      var hide = !nodeOk[node.id];
      if (!hide) shown += 1;
      if (Boolean(state.hidden[node.id]) !== hide) nodeChanges.push({ id: node.id, hidden: hide });
      if (hide) state.hidden[node.id] = true;
      else delete state.hidden[node.id];
    });
    var edgeChanges = [];
    edges.forEach(function (edge) {
      var hide = !edgeOk[edge.id];
      if (Boolean(state.hiddenEdges[edge.id]) !== hide) edgeChanges.push({ id: edge.id, hidden: hide });
      if (hide) state.hiddenEdges[edge.id] = true;
      else delete state.hiddenEdges[edge.id];
    });
    if (nodeChanges.length) nodes.update(nodeChanges);
    if (edgeChanges.length) edges.update(edgeChanges);
    statusLine.textContent = shown === nodes.length ? "" : "showing " + shown + " of " + nodes.length + " nodes";
    return shown;
  }

  function resetFilters() {
    document.querySelectorAll("#legend input[data-cls]").forEach(function (box) {
      box.checked = true;
    });
    documentSelect.value = "";
    dateFrom.value = "";
    dateTo.value = "";
    applyFilters();
  }

  document.querySelectorAll("#legend input[data-cls]").forEach(function (box) {
    box.addEventListener("change", applyFilters);
  });
  documentSelect.addEventListener("change", applyFilters);
  dateFrom.addEventListener("change", applyFilters);
  dateTo.addEventListener("change", applyFilters);
  [dateFrom, dateTo].forEach(function (input) {
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") applyFilters();
    });
  });
  document.getElementById("reset").addEventListener("click", resetFilters);

  // ------------------------------------------------------------------ loading

  var bar = document.getElementById("loadingBar");
  if (bar) {
    network.on("stabilizationProgress", function (params) {
      var share = params.iterations / params.total;
      document.getElementById("bar").style.width = Math.max(20, 500 * share) + "px";
      document.getElementById("text").textContent = Math.round(share * 100) + "%";
    });
    network.once("stabilizationIterationsDone", function () {
      bar.style.opacity = 0;
      setTimeout(function () { bar.style.display = "none"; }, 500);
    });
  }

  network.once("afterDrawing", function () {
    state.ready = true;
    state.readyAt = performance.now();
    document.body.setAttribute("data-ready", "1");
    followHash();
  });
  window.addEventListener("hashchange", followHash);

  window.reportgraph = {
    network: network,
    nodes: nodes,
    edges: edges,
    state: state,
    search: search,
    selectNode: selectNode,
    selectEdge: selectEdge,
    applyFilters: applyFilters,
    resetFilters: resetFilters
  };
})();
