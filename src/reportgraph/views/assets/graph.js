// The graph page: vis-network plus search, filters and a side panel.
// Text from the documents only ever reaches the page through textContent, never as HTML.
(function () {
  "use strict";

  var page = RG_PAGE;
  var container = document.getElementById("mynetwork");
  var info = {};
  RG_NODES.forEach(function (node) {
    info[node.id] = node;
    node.ctxRenderer = drawNode;
  });
  // Node ids from the most connected down: the order labels are given room in.
  var ranked = RG_NODES.slice().sort(function (a, b) { return a.rank - b.rank; }).map(function (n) { return n.id; });
  var nodes = new vis.DataSet(RG_NODES);
  var edges = new vis.DataSet(RG_EDGES);
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, RG_OPTIONS);
  var state = { ready: false, readyAt: null, hidden: {}, hiddenEdges: {}, s0: 1, k0: 20, labels: [], hover: null, near: {}, scale: 1 };
  var OUTLINE = "rgba(40,40,40,0.75)";
  var isolatedBox = document.getElementById("isolated");

  // ------------------------------------------------------------------ shapes and labels

  // The shapes style.py names, as corners on a circle of radius 1 (worked out once: a
  // frame of 10,000 nodes draws them all); "dot" and "ring" are circles.
  function corners(count, turn, inner, stretch) {
    var steps = inner ? count * 2 : count, points = [];
    for (var i = 0; i < steps; i++) {
      var angle = turn + (2 * Math.PI * i) / steps;
      var length = (inner && i % 2 ? inner : 1) * stretch;
      points.push([length * Math.cos(angle), length * Math.sin(angle)]);
    }
    return points;
  }

  // A plus of arms ``long`` by ``thick``, turned by ``angle``: 12 corners, 3 an arm.
  function bars(angle, long, thick) {
    var points = [];
    for (var q = 0; q < 4; q++) {
      var a = angle + (q * Math.PI) / 2, c = Math.cos(a), s = Math.sin(a);
      [[thick, -thick], [long, -thick], [long, thick]].forEach(function (p) {
        points.push([p[0] * c - p[1] * s, p[0] * s + p[1] * c]);
      });
    }
    return points;
  }

  var UP = -Math.PI / 2;
  var SHAPES = {
    square: corners(4, Math.PI / 4, 0, 1.2),
    triangle: corners(3, UP, 0, 1.15).map(function (p) { return [p[0], p[1] + 0.2]; }),
    triangleDown: corners(3, -UP, 0, 1.15).map(function (p) { return [p[0], p[1] - 0.2]; }),
    diamond: corners(4, UP, 0, 1.1),
    star: corners(5, UP, 0.45, 1.2),
    hexagon: corners(6, 0, 0, 1),
    pentagon: corners(5, UP, 0, 1.05),
    arrow: corners(3, 0, 0, 1.1).map(function (p) { return [p[0] + 0.15, p[1]]; }),
    cross: bars(Math.PI / 4, 1.1, 0.32),
    plus: bars(0, 1, 0.34)
  };

  function outline(ctx, glyph, x, y, r) {
    var points = SHAPES[glyph];
    if (!points) {
      ctx.arc(x, y, r, 0, 2 * Math.PI);
      if (glyph === "ring") {
        ctx.moveTo(x + r * 0.55, y);
        ctx.arc(x, y, r * 0.55, 0, 2 * Math.PI, true);
      }
      return;
    }
    ctx.moveTo(x + r * points[0][0], y + r * points[0][1]);
    for (var i = 1; i < points.length; i++) ctx.lineTo(x + r * points[i][0], y + r * points[i][1]);
    ctx.closePath();
  }

  // A node's radius on screen never falls below a few pixels, more for hubs: at 3,000
  // nodes the graph is framed at a twentieth of its size and shapes would be dots.
  function radius(node, scale) {
    return Math.max(node.size, (2.5 + 5 * node.c) / scale);
  }

  // vis-network's "custom" shape: the page draws the node, and its label in drawLabels.
  function drawNode(args) {
    var node = info[args.id];
    var ctx = args.ctx;
    var scale = state.scale;
    var r = radius(node, scale);
    return {
      drawNode: function () {
        ctx.beginPath();
        outline(ctx, node.glyph, args.x, args.y, r);
        ctx.fillStyle = node.color;
        ctx.fill();
        var on = args.state.selected || args.state.hover;
        if (!on && r * scale < 3) return;  // an outline would hide a shape this small
        ctx.lineWidth = (on ? 3 : 1) / scale;
        ctx.strokeStyle = on ? "#000000" : OUTLINE;
        ctx.stroke();
      },
      nodeDimensions: { width: 2 * r, height: 2 * r }
    };
  }

  var measure = document.createElement("canvas").getContext("2d");
  var FONT = "px system-ui, sans-serif";
  var LABEL_MAX = 40;

  function labelText(node) {
    var text = String(node.label);
    return text.length > LABEL_MAX ? text.slice(0, LABEL_MAX - 1) + "\u2026" : text;
  }

  // Label size in screen pixels: 11 px, up to 16 px for the best connected.
  function labelPx(node) {
    return Math.round(11 + 5 * Math.sqrt(node.c));
  }

  function labelWidth(node) {
    if (node.w === undefined) {
      measure.font = "12" + FONT;
      node.w = measure.measureText(labelText(node)).width / 12;
    }
    return node.w * labelPx(node);
  }

  function visibleIds() {
    return ranked.filter(function (id) { return !state.hidden[id]; });
  }

  // How many labels a canvas this size has room for at the default zoom.
  function labelBudget() {
    return Math.max(20, Math.min(120, Math.round((container.clientWidth * container.clientHeight) / 14000)));
  }

  // Frame what is shown: as big as fits, with room for the labels drawn at that zoom, so
  // no label of a small graph runs off the canvas. Sets the default zoom labels count from.
  function frame() {
    var ids = visibleIds();
    if (!ids.length) return;
    var pos = network.getPositions(ids);
    var minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
    ids.forEach(function (id) {
      var p = pos[id];
      minX = Math.min(minX, p.x); maxX = Math.max(maxX, p.x);
      minY = Math.min(minY, p.y); maxY = Math.max(maxY, p.y);
    });
    var cx = (minX + maxX) / 2, cy = (minY + maxY) / 2;
    var halfW = container.clientWidth / 2 - 12, halfH = container.clientHeight / 2 - 12;
    state.k0 = labelBudget();
    var scale = 1.2;
    ids.forEach(function (id, i) {
      var node = info[id];
      var labelled = i < state.k0;
      var w = labelled ? labelWidth(node) / 2 : 0;
      var h = labelled ? labelPx(node) * 1.3 + 2 : 0;
      var dx = Math.abs(pos[id].x - cx) + node.size, dy = Math.abs(pos[id].y - cy) + node.size;
      var pad = 2.5 + 5 * node.c;
      if (dx > 0) scale = Math.min(scale, Math.max(halfW - w - pad, halfW * 0.5) / dx);
      if (dy > 0) scale = Math.min(scale, Math.max(halfH - h - pad, halfH * 0.5) / dy);
    });
    network.moveTo({ position: { x: cx, y: cy }, scale: scale, animation: false });
    state.s0 = scale;
    state.framed = true;
  }

  // Level of detail: labels in rank order, as many as the zoom makes room for (k0 at the
  // default zoom, four times as many at twice the zoom), none over another; the selected
  // or hovered node and its neighbours always. Drawn in screen pixels, so they stay legible.
  function drawLabels(ctx) {
    var scale = network.getScale();
    var view = network.getViewPosition();
    var width = container.clientWidth, height = container.clientHeight;
    var limit = state.k0 * Math.pow(scale / state.s0, 2);
    var forced = [];
    Object.keys(state.near).forEach(function (id) { if (!state.hidden[id]) forced.push(id); });
    var candidates = forced.concat(ranked.slice(0, Math.min(ranked.length, Math.ceil(limit))));
    var pos = network.getPositions(candidates);
    var ratio = ctx.getTransform().a / scale;
    var placed = [], grid = {}, seen = {};
    var CELL = 64;
    function cells(box, add) {
      for (var gx = Math.floor(box[0] / CELL); gx <= Math.floor(box[2] / CELL); gx++) {
        for (var gy = Math.floor(box[1] / CELL); gy <= Math.floor(box[3] / CELL); gy++) {
          var key = gx + "," + gy;
          if (add) (grid[key] = grid[key] || []).push(box);
          else if ((grid[key] || []).some(function (o) { return box[0] < o[2] && box[2] > o[0] && box[1] < o[3] && box[3] > o[1]; })) return true;
        }
      }
      return false;
    }
    ctx.save();
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.textAlign = "left";
    ctx.textBaseline = "top";
    ctx.lineJoin = "round";
    candidates.forEach(function (id, i) {
      if (seen[id] || state.hidden[id] || !pos[id]) return;
      seen[id] = true;
      var node = info[id];
      var x = (pos[id].x - view.x) * scale + width / 2;
      var y = (pos[id].y - view.y) * scale + height / 2;
      var r = radius(node, scale) * scale;
      var px = labelPx(node), w = labelWidth(node), h = px * 1.2;
      // below the node, else above, right, left or at a corner of it, then a line further
      // out: the first place free
      var spots = [];
      [r + 2, r + h + 4].forEach(function (d) {
        spots.push([x - w / 2, y + d], [x - w / 2, y - d - h], [x + d + 1, y - h / 2], [x - d - 1 - w, y - h / 2],
          [x + d, y + d], [x - d - w, y + d], [x + d, y - d - h], [x - d - w, y - d - h]);
      });
      var box = null;
      for (var k = 0; k < spots.length && !box; k++) {
        var spot = [spots[k][0] - 2, spots[k][1] - 1, spots[k][0] + w + 2, spots[k][1] + h];
        if (spot[2] < 0 || spot[0] > width || spot[3] < 0 || spot[1] > height) continue;
        if (i < forced.length || !cells(spot, false)) box = spot;
      }
      if (!box) return;
      cells(box, true);
      var left = box[0] + 2, top = box[1] + 1;
      ctx.font = (node.rank < 3 ? "600 " : "") + px + FONT;
      ctx.lineWidth = 3;
      ctx.strokeStyle = "rgba(255,255,255,0.9)";
      ctx.strokeText(labelText(node), left, top);
      ctx.fillStyle = "#1a1a1a";
      ctx.fillText(labelText(node), left, top);
      placed.push({ id: id, px: px, x: left, y: top, w: w });
    });
    ctx.restore();
    state.labels = placed;
  }

  network.on("beforeDrawing", function () { state.scale = network.getScale(); });
  network.on("afterDrawing", drawLabels);

  function nearTo(id) {
    var near = {};
    if (id !== null && id !== undefined && info[id]) {
      near[id] = true;
      network.getConnectedNodes(id).forEach(function (other) { near[other] = true; });
    }
    return near;
  }

  function refreshNear() {
    var selected = network.getSelectedNodes();
    var near = nearTo(selected.length ? selected[0] : null);
    var hovered = nearTo(state.hover);
    Object.keys(hovered).forEach(function (id) { near[id] = true; });
    state.near = near;
  }

  network.on("hoverNode", function (params) { state.hover = params.node; refreshNear(); network.redraw(); });
  network.on("blurNode", function () { state.hover = null; refreshNear(); network.redraw(); });
  network.on("select", function () { refreshNear(); });
  var panel = document.getElementById("panel");
  var statusLine = document.getElementById("status");
  var searchBox = document.getElementById("search");
  var results = document.getElementById("results");
  var documentSelect = document.getElementById("document");
  var dateFrom = document.getElementById("date-from");
  var dateTo = document.getElementById("date-to");
  var minSources = document.getElementById("min-sources");

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

  // A link into the timeline page: an event's row, or the events an actor takes part in.
  function timelineLink(kind, id, text) {
    if (!page.timeline) return null;
    var para = el("p", "", "timeline");
    var link = el("a", text);
    link.setAttribute("href", page.timeline + "#" + kind + "=" + encodeURIComponent(id));
    para.appendChild(link);
    return para;
  }

  // What the user's corrections file changed here: their fact, not the extractor's.
  function corrected(notes) {
    (notes || []).forEach(function (note) {
      panel.appendChild(el("p", "corrected: " + note, "fix"));
    });
  }

  // ------------------------------------------------------------------ claims

  var claims = page.claims || {};

  // "Refugee Council · estimates · 30,000 to 50,000 refugees · 2019-03": a claim's source
  // beside what it says, then its sentence with the link into its document.
  function claimBlock(iri, tag) {
    var claim = claims[iri];
    var block = el(tag, "", "claim");
    if (!claim) return block;
    var head = el("div", "", "said");
    head.appendChild(el("b", claim.by, "by"));
    head.appendChild(el("span", " " + claim.stance, "stance"));
    if (claim.figures) head.appendChild(el("span", " \u00b7 " + claim.figures, "figures"));
    if (claim.date) head.appendChild(el("span", " \u00b7 " + claim.date, "date"));
    block.appendChild(head);
    if (claim.file) block.appendChild(el("div", "in " + claim.file, "file"));
    if (claim.sentence) block.appendChild(quote(claim.sentence, claim.src));
    return block;
  }

  function sourcesLine(count) {
    if (!count) return el("p", "no source claims it (only denials)", "sources");
    return el("p", "told by " + count + " independent source" + (count === 1 ? "" : "s"), "sources");
  }

  function conflictKind(a, b) {
    if (a.stance === "denies" || b.stance === "denies") return "one denies what the other says";
    if (a.figures && b.figures) return "figures that cannot both hold";
    if (a.date !== b.date) return "dates that disagree";
    return "claims that disagree";
  }

  // Each pair of conflicting claims (one of them about this node) side by side, marked.
  function conflictPairs(about) {
    var pairs = [], seen = {};
    (about || []).forEach(function (a) {
      ((claims[a] || {}).vs || []).forEach(function (b) {
        var key = a < b ? a + " " + b : b + " " + a;
        if (seen[key] || !claims[b]) return;
        seen[key] = true;
        pairs.push(a < b ? [a, b] : [b, a]);
      });
    });
    return pairs;
  }

  function conflictSection(about) {
    var pairs = conflictPairs(about);
    if (pairs.length) {
      panel.appendChild(el("h3", "\u26a0 Conflicting claims (" + pairs.length + ")", "conflicts"));
      pairs.forEach(function (pair) {
        var box = el("div", "", "conflict");
        box.appendChild(el("p", "\u26a0 conflict: " + conflictKind(claims[pair[0]], claims[pair[1]]), "kind"));
        var sides = el("div", "", "sides");
        sides.appendChild(claimBlock(pair[0], "div"));
        sides.appendChild(claimBlock(pair[1], "div"));
        box.appendChild(sides);
        panel.appendChild(box);
      });
    }
  }

  function claimList(about) {
    section("Claimed by (" + (about || []).length + ")", about, function (iri) {
      var item = claimBlock(iri, "li");
      var disputed = ((claims[iri] || {}).vs || []).length;
      if (disputed) item.insertBefore(el("span", "\u26a0 disputed ", "disputed"), item.firstChild);
      return item;
    });
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
    if (node.kind === "event") panel.appendChild(sourcesLine(node.n));
    corrected(node.fix);
    var wd = wikidataLink(node.wd);
    if (wd) panel.appendChild(wd);
    var onTimeline = node.kind === "event" ? timelineLink("event", id, "show on the timeline")
      : node.kind === "entity" ? timelineLink("actor", id, "its events on the timeline") : null;
    if (onTimeline) panel.appendChild(onTimeline);
    conflictSection(node.cl);
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
    claimList(node.cl);
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
    if (edge.event) panel.appendChild(sourcesLine(edge.n));
    corrected(edge.fix);
    var onTimeline = edge.event ? timelineLink("event", edge.event, "show on the timeline") : null;
    if (onTimeline) panel.appendChild(onTimeline);
    conflictSection(edge.cl);
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
    claimList(edge.cl);
    if (edge.event) panel.appendChild(el("p", edge.event, "iri"));
  }

  function showHint() {
    clear(panel);
    panel.appendChild(el("p", "Click a node or an edge to see its names, documents and the sentences it was read from.", "hint"));
  }

  function selectNode(id) {
    if (!nodes.get(id)) return false;
    if (state.hidden[id]) resetFilters();
    if (state.hidden[id] && isolatedBox) {
      isolatedBox.checked = true;
      applyFilters();
    }
    network.selectNodes([id]);
    refreshNear();
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
    refreshNear();
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
      // an isolated node is found all the same: choosing it shows the isolated nodes
      if (state.hidden[entry.id] && !info[entry.id].iso) hidden += 1;
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

  function boxes(selector) {
    return Array.prototype.slice.call(document.querySelectorAll(selector));
  }

  // A group's box (a family, the entities, all events) is ticked when all its classes are,
  // half-ticked when some are.
  function syncGroups() {
    function sync(box, members) {
      var ticked = members.filter(function (m) { return m.checked; }).length;
      box.checked = ticked === members.length;
      box.indeterminate = ticked > 0 && ticked < members.length;
    }
    boxes("#legend input[data-group]").forEach(function (box) {
      sync(box, boxes("#legend input[data-in='" + box.getAttribute("data-group") + "']"));
    });
    boxes("#legend input[data-all]").forEach(function (box) {
      sync(box, boxes("#legend input[data-cls][data-kind='" + box.getAttribute("data-all") + "']"));
    });
  }

  function applyFilters() {
    syncGroups();
    var on = classFilter();
    var lonely = !isolatedBox || !isolatedBox.checked;
    var doc = documentSelect.value === "" ? -1 : Number(documentSelect.value);
    var from = parseDate(dateFrom.value, false);
    var to = parseDate(dateTo.value, true);
    dateFrom.classList.toggle("invalid", from === null);
    dateTo.classList.toggle("invalid", to === null);
    var ranged = Boolean(from || to);
    var least = sourcesWanted();
    from = from || "0000-01-01";
    to = to || "9999-12-31";
    function inRange(item) {
      return Boolean(item.start) && item.start <= to && item.end >= from;
    }
    var nodeOk = {};
    nodes.forEach(function (node) {
      var ok = on[node.cls] !== false && !(node.iso && lonely);
      if (ok && doc >= 0) ok = (node.docs || []).indexOf(doc) >= 0;
      if (ok && ranged && node.kind === "event") ok = inRange(node);
      if (ok && least > 1 && node.kind === "event") ok = (node.n || 0) >= least;
      nodeOk[node.id] = ok;
    });
    var edgeOk = {};
    var degree = {};
    edges.forEach(function (edge) {
      var ok = nodeOk[edge.from] && nodeOk[edge.to];
      if (ok && edge.cls) ok = on[edge.cls] !== false;
      if (ok && ranged && edge.event) ok = inRange(edge);
      if (ok && least > 1 && edge.event) ok = (edge.n || 0) >= least;
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
    // Events told by too few sources are gone: what they alone linked is now isolated, and
    // shows only while the isolated-node box is ticked.
    if (least > 1 && lonely) {
      var linked = {};
      edges.forEach(function (edge) {
        if (edgeOk[edge.id]) linked[edge.from] = linked[edge.to] = true;
      });
      nodes.forEach(function (node) {
        if (node.kind !== "event" && nodeOk[node.id] && !linked[node.id]) nodeOk[node.id] = false;
      });
    }
    var nodeChanges = [];
    var shown = 0;
    nodes.forEach(function (node) {
      var hide = !nodeOk[node.id];
      if (!hide) shown += 1;
      if (Boolean(state.hidden[node.id]) !== hide) {
        var change = { id: node.id, hidden: hide };
        if (node.iso && !hide && !page.big) change.physics = true;  // to drift clear of the rest
        nodeChanges.push(change);
      }
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
    var all = nodes.length - (lonely ? isolated : 0);
    statusLine.textContent = shown === all ? "" : "showing " + shown + " of " + all + " nodes";
    refreshNear();
    return shown;
  }

  var isolated = RG_NODES.filter(function (node) { return node.iso; }).length;

  // The least number of independent sources an event needs to be shown (1: every event).
  function sourcesWanted() {
    if (!minSources) return 1;
    var value = Math.floor(Number(minSources.value));
    var bad = minSources.value !== "" && !(value >= 1);
    minSources.classList.toggle("invalid", bad);
    return bad || !value ? 1 : value;
  }

  function resetFilters() {
    document.querySelectorAll("#legend input[data-cls]").forEach(function (box) {
      box.checked = true;
    });
    documentSelect.value = "";
    dateFrom.value = "";
    dateTo.value = "";
    if (minSources) minSources.value = "1";
    applyFilters();
  }

  document.querySelectorAll("#legend input[data-cls]").forEach(function (box) {
    box.addEventListener("change", applyFilters);
  });
  boxes("#legend input[data-group], #legend input[data-all]").forEach(function (box) {
    box.addEventListener("change", function () {
      var members = box.hasAttribute("data-all")
        ? "#legend input[data-cls][data-kind='" + box.getAttribute("data-all") + "']"
        : "#legend input[data-in='" + box.getAttribute("data-group") + "']";
      boxes(members).forEach(function (member) { member.checked = box.checked; });
      applyFilters();
    });
  });
  if (isolatedBox) isolatedBox.addEventListener("change", applyFilters);
  document.getElementById("fit").addEventListener("click", function () {
    frame();
    network.redraw();
  });
  documentSelect.addEventListener("change", applyFilters);
  dateFrom.addEventListener("change", applyFilters);
  dateTo.addEventListener("change", applyFilters);
  if (minSources) minSources.addEventListener("input", applyFilters);
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
      bar.style.display = "none";  // at once: the graph is framed and labelled next
    });
  }

  applyFilters();
  // Laid out: the graph holds still (labels stay put) until a node is dragged or data change.
  network.once("stabilizationIterationsDone", function () {
    network.stopSimulation();
    frame();
  });
  // Ready once a framed graph is on screen: the first frame is framed, then drawn again.
  network.on("afterDrawing", function () {
    if (state.ready) return;
    if (!state.framed) {
      frame();
      network.redraw();
      return;
    }
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
    resetFilters: resetFilters,
    frame: frame,
    labels: function () { return state.labels; }
  };
})();
