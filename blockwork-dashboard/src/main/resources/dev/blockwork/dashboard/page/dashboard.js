/*
 * The Blockwork dashboard's page. Live: one EventSource on /events (it reconnects by itself; the server
 * then sends a full snapshot). In a performance report: window.BLOCKWORK_SNAPSHOT holds one snapshot and
 * nothing is fetched. The page only reads. Messages are aggregated panels (see Aggregator.tick on the
 * server): counters whole, task-stream rectangles and errors as deltas, the graph when it changes.
 * Drawn by hand: the task stream on a canvas, progress as bars, the graph as SVG; time series with uPlot.
 */
(function () {
  'use strict';
  var MAX_RECTS = 20000, MAX_SAMPLES = 600, MAX_ERRORS = 100, WINDOW_MS = 10000;
  var PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#bcbd22',
    '#7f7f7f', '#aec7e8', '#ffbb78', '#98df8a', '#c5b0d5', '#c49c94', '#f7b6d2', '#9edae5', '#dbdb8d', '#393b79'];
  var ERRED = '#d62728';
  var STATE_COLOURS = { WAITING: '#e3e6ea', READY: '#b9d3ee', RUNNING: '#f0ad4e', DONE: '#5cb85c',
    ERRED: ERRED, RELEASED: '#a8d5a8', CANCELLED: '#888' };
  var S = { rects: [], ops: [], workers: [], samples: [], busy: [], errors: [], errSeen: {}, graph: null,
    taskStates: null, stateNames: null, t: 0, messages: 0, report: false };
  var charts = {}, drawn = 0, graphShown = -1;

  function $(id) { return document.getElementById(id); }
  function colour(op) { return PALETTE[op % PALETTE.length]; }
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function svg(tag, attrs) {
    var e = document.createElementNS('http://www.w3.org/2000/svg', tag);
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    return e;
  }
  function fmtMs(ms) { return ms >= 1000 ? (ms / 1000).toFixed(2) + ' s' : ms >= 1 ? ms.toFixed(1) + ' ms' : (ms * 1000).toFixed(0) + ' µs'; }
  function fmtBytes(b) { return b >= 1 << 30 ? (b / (1 << 30)).toFixed(1) + ' GiB' : b >= 1 << 20 ? (b / (1 << 20)).toFixed(1) + ' MiB' : b >= 1024 ? (b / 1024).toFixed(1) + ' KiB' : b + ' B'; }
  function trim(a, n) { if (a.length > n) a.splice(0, a.length - n); }

  function apply(m) {
    if (m.full) { S.rects = []; S.samples = []; S.busy = []; S.errors = []; S.errSeen = {}; }
    S.t = m.t; S.ops = m.ops; S.workers = m.workers; S.summary = m;
    Array.prototype.push.apply(S.rects, m.rects); trim(S.rects, MAX_RECTS);
    Array.prototype.push.apply(S.samples, m.samples); trim(S.samples, MAX_SAMPLES);
    Array.prototype.push.apply(S.busy, m.busy); trim(S.busy, MAX_SAMPLES);
    m.errors.forEach(function (e) { if (!S.errSeen[e.seq]) { S.errSeen[e.seq] = true; S.errors.push(e); } });
    trim(S.errors, MAX_ERRORS);
    if (m.graph) S.graph = m.graph;
    if ('taskStates' in m) { S.taskStates = m.taskStates; S.stateNames = m.stateNames; }
    S.messages++;
    draw();
  }

  function draw() {
    var parts = [drawSummary, drawStream, drawProgress, drawWorkers, drawOps, drawErrors, drawGraph];
    parts.forEach(function (f) { try { f(); } catch (e) { if (window.console) console.error(e); } });
    document.body.setAttribute('data-messages', S.messages);
  }

  function drawSummary() {
    var m = S.summary;
    $('summary').textContent = m.tasksSeen + ' tasks seen · ' + m.computes + ' computes · ' + m.active + ' running · '
      + m.held + ' results held · ' + m.retries + ' retries · ' + m.lost + ' results lost · '
      + m.spills + ' spilled (' + fmtBytes(m.spilledBytes) + ')';
  }

  // ---- task stream: canvas, one row per worker ----------------------------------------------
  function drawStream() {
    var c = $('stream'), rows = Math.max(1, S.workers.length);
    var rowH = Math.max(8, Math.min(22, 260 / rows)), labelW = 170, axisH = 18;
    var dpr = window.devicePixelRatio || 1, w = c.clientWidth || 800, h = rows * rowH + axisH;
    c.style.height = h + 'px';
    c.width = Math.round(w * dpr); c.height = Math.round(h * dpr);
    var g = c.getContext('2d');
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.clearRect(0, 0, w, h);
    var t1 = S.t, t0 = t1 - WINDOW_MS;
    if (S.report && S.rects.length) {
      t0 = Infinity; t1 = -Infinity;
      S.rects.forEach(function (r) { t0 = Math.min(t0, r[2]); t1 = Math.max(t1, r[3]); });
      if (t1 <= t0) t1 = t0 + 1;
    }
    var plotW = Math.max(10, w - labelW), k = plotW / (t1 - t0), shown = 0;
    g.font = '11px system-ui, Helvetica, Arial, sans-serif';
    g.textBaseline = 'middle';
    S.workers.forEach(function (wk) {
      g.fillStyle = wk.row % 2 ? '#fafbfc' : '#f2f4f7';
      g.fillRect(labelW, wk.row * rowH, plotW, rowH);
      g.fillStyle = wk.gone ? '#aaa' : '#333';
      g.fillText(wk.name.length > 28 ? wk.name.slice(0, 27) + '…' : wk.name, 4, wk.row * rowH + rowH / 2);
    });
    S.rects.forEach(function (r) {
      if (r[3] < t0 || r[2] > t1) return;
      var x = labelW + (r[2] - t0) * k, x2 = labelW + (r[3] - t0) * k, y = r[0] * rowH + 1;
      if (x < labelW) x = labelW;
      g.fillStyle = r[5] ? ERRED : colour(r[1]);
      g.fillRect(x, y, Math.max(1, x2 - x), rowH - 2);
      if (r[6] > 0) { g.fillStyle = '#222'; g.fillRect(x, y, Math.max(1, x2 - x), 2); }
      shown++;
    });
    g.fillStyle = '#666';
    g.textBaseline = 'top';
    for (var i = 0; i <= 4; i++) {
      var tt = t0 + (t1 - t0) * i / 4, xx = labelW + plotW * i / 4;
      g.fillRect(xx, rows * rowH, 1, 4);
      g.textAlign = i === 0 ? 'left' : i === 4 ? 'right' : 'center';
      g.fillText((tt / 1000).toFixed(2) + ' s', xx, rows * rowH + 4);
    }
    g.textAlign = 'left';
    drawn += shown;
    c.setAttribute('data-rects', String(S.rects.length));
    c.setAttribute('data-shown', String(shown));
    c.setAttribute('data-drawn', String(drawn));
    c.onmousemove = function (ev) {
      var b = c.getBoundingClientRect(), px = ev.clientX - b.left, py = ev.clientY - b.top;
      var row = Math.floor(py / rowH), tm = t0 + (px - labelW) / k, hit = null;
      for (var j = S.rects.length - 1; j >= 0 && !hit; j--) {
        var r = S.rects[j];
        if (r[0] === row && r[2] <= tm + 1 / k && r[3] >= tm - 1 / k) hit = r;
      }
      c.title = hit ? (S.ops[hit[1]] ? S.ops[hit[1]].name : '?') + ' ' + hit[7] + (hit[4] > 1 ? ' and ' + (hit[4] - 1) + ' more' : '')
        + ' · ' + fmtMs(hit[3] - hit[2]) + (hit[6] ? ' · ' + fmtBytes(hit[6]) + ' moved' : '') + (hit[5] ? ' · ERRED' : '') : '';
    };
    var legend = $('legend'), html = [];
    S.ops.forEach(function (o) { html.push('<span><i style="background:' + colour(o.i) + '"></i>' + esc(o.name) + '</span>'); });
    html.push('<span><i style="background:' + ERRED + '"></i>erred</span>');
    legend.innerHTML = html.join('');
  }

  function esc(s) { return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;'); }

  // ---- progress per operation ---------------------------------------------------------------
  function drawProgress() {
    var box = $('progress'), ops = S.ops.filter(function (o) { return o.shown; });
    if (!ops.length) return;
    box.textContent = '';
    ops.forEach(function (o) {
      var total = Math.max(1, o.total), row = el('div', { 'class': 'op', 'data-op': o.name, 'data-done': o.done,
        'data-running': o.running, 'data-waiting': o.waiting, 'data-erred': o.erred, 'data-total': o.total });
      row.appendChild(el('span', { 'class': 'name', title: o.name }, o.name));
      var bar = el('div', { 'class': 'bar' });
      bar.appendChild(el('div', { 'class': 'seg done', style: 'width:' + (100 * o.done / total) + '%;background:' + colour(o.i) }));
      bar.appendChild(el('div', { 'class': 'seg running', style: 'width:' + (100 * o.running / total) + '%;background:' + colour(o.i) }));
      bar.appendChild(el('div', { 'class': 'seg erred', style: 'width:' + (100 * o.erred / total) + '%' }));
      row.appendChild(bar);
      row.appendChild(el('span', { 'class': 'count' }, o.done + ' / ' + o.total + (o.running ? ' · ' + o.running + ' running' : '')
        + (o.erred ? ' · ' + o.erred + ' erred' : '')));
      box.appendChild(row);
    });
  }

  // ---- workers: table and charts ------------------------------------------------------------
  function drawWorkers() {
    var body = $('workers').tBodies[0];
    body.textContent = '';
    S.workers.forEach(function (w) {
      var tr = el('tr', { 'data-worker': w.name });
      [w.name + (w.gone ? ' (gone)' : ''), w.running, w.done, w.erred, (100 * w.busy).toFixed(0) + '%',
        w.rssMiB >= 0 ? w.rssMiB.toFixed(0) + ' MiB' : '–', w.cpu >= 0 ? (100 * w.cpu).toFixed(0) + '%' : '–', fmtBytes(w.bytes)]
        .forEach(function (v) { tr.appendChild(el('td', {}, String(v))); });
      body.appendChild(tr);
    });
    if (typeof uPlot === 'undefined' || !S.samples.length) return;
    var xs = S.samples.map(function (s) { return s[0] / 1000; });
    chart('memory', 'memory', [{ label: 'results held', stroke: '#1f77b4', scale: 'n' },
      { label: 'heap MiB', stroke: '#ff7f0e', scale: 'mib' }],
      [xs, S.samples.map(function (s) { return s[1]; }), S.samples.map(function (s) { return s[2]; })], ['n', 'mib']);
    var nW = S.workers.length, busySeries = [], busyData = [xs];
    for (var r = 0; r < nW; r++) {
      busySeries.push({ label: S.workers[r].name.slice(0, 24), stroke: PALETTE[r % PALETTE.length], scale: '%' });
      busyData.push(S.busy.map(function (b) { return b[r] === undefined ? null : 100 * b[r]; }));
    }
    busyData = busyData.map(function (a) { return a.slice(-xs.length); });
    chart('busy', 'busy % per worker', busySeries, busyData, ['%']);
    chart('running', 'tasks running · JVM CPU %', [{ label: 'tasks running', stroke: '#2ca02c', scale: 'n' },
      { label: 'CPU %', stroke: '#9467bd', scale: '%' }],
      [xs, S.samples.map(function (s) { return s[4]; }), S.samples.map(function (s) { return s[3] >= 0 ? 100 * s[3] : null; })], ['n', '%']);
  }

  function chart(id, title, series, data, scales) {
    var box = $('chart-' + id), key = series.map(function (s) { return s.label; }).join('|');
    var c = charts[id];
    if (!c || c.key !== key) {
      if (c) c.plot.destroy();
      var axes = [{}];
      scales.forEach(function (sc, i) { axes.push({ scale: sc, side: i === 0 ? 3 : 1, grid: { show: i === 0 } }); });
      var opts = { title: title, width: Math.max(200, box.clientWidth || 300), height: 170,
        scales: { x: { time: false } }, series: [{ label: 's' }].concat(series), axes: axes, legend: { show: true } };
      charts[id] = c = { key: key, plot: new uPlot(opts, data, box) };
    } else {
      c.plot.setData(data);
    }
  }

  // ---- time and bytes per operation -----------------------------------------------------------
  function drawOps() {
    var body = $('ops').tBodies[0];
    body.textContent = '';
    S.ops.forEach(function (o) {
      if (!o.tasks) return;
      var tr = el('tr', { 'data-op': o.name });
      tr.appendChild(el('td', {}, o.name));
      [o.tasks, fmtMs(o.timeMs), fmtMs(o.timeMs / o.tasks), fmtBytes(o.bytes)]
        .forEach(function (v) { tr.appendChild(el('td', {}, String(v))); });
      body.appendChild(tr);
    });
  }

  // ---- erred tasks -------------------------------------------------------------------------
  function drawErrors() {
    var box = $('errors');
    if (!S.errors.length || box.getAttribute('data-count') === String(S.errors.length) + ':' + S.errors[S.errors.length - 1].seq) return;
    box.textContent = '';
    S.errors.slice().reverse().forEach(function (e, i) {
      var d = el('details', { 'class': 'error', 'data-key': e.key });
      if (i < 3) d.open = true;
      var s = el('summary');
      s.appendChild(el('b', {}, e.key));
      s.appendChild(document.createTextNode(' ' + e.function + ' · worker ' + (e.worker || '?') + ' · attempt ' + e.attempt + ' · '));
      s.appendChild(el('span', { 'class': 'exception' }, e.exception + (e.message ? ': ' + e.message : '')));
      if (e.retried) s.appendChild(el('span', { 'class': 'retried' }, ' (retried)'));
      d.appendChild(s);
      d.appendChild(el('pre', { 'class': 'stack' }, e.stack));
      if (e.story && e.story.length) {
        d.appendChild(el('div', {}, 'story'));
        d.appendChild(el('pre', { 'class': 'story' }, e.story.join('\n')));
      }
      box.appendChild(d);
    });
    box.setAttribute('data-count', String(S.errors.length) + ':' + S.errors[S.errors.length - 1].seq);
  }

  // ---- graph: operations always, tasks for small graphs ---------------------------------------
  function drawGraph() {
    var g = S.graph;
    if (!g) return;
    var box = $('graph');
    if (graphShown !== g.version) {
      graphShown = g.version;
      box.textContent = '';
      box.appendChild(graphSvg('ops', g.ops, g.opEdges, g.width, g.height, 30));
      if (g.tasks) box.appendChild(graphSvg('tasks', g.tasks.nodes, g.tasks.edges, g.tasks.width, g.tasks.height, 24));
    }
    var byOp = {};
    S.ops.forEach(function (o) { byOp[o.i] = o; });
    box.querySelectorAll('svg.ops g.node').forEach(function (n) {
      var o = byOp[n.getAttribute('data-opi')], st = 'WAITING', frac = 0;
      if (o && o.shown) {
        frac = o.done / Math.max(1, o.total);
        st = o.erred ? 'ERRED' : o.done >= o.total ? 'DONE' : o.running ? 'RUNNING' : o.done ? 'RUNNING' : 'WAITING';
      }
      n.setAttribute('data-state', st);
      n.querySelector('rect.bg').setAttribute('fill', STATE_COLOURS[st === 'DONE' ? 'RELEASED' : 'WAITING']);
      var fill = n.querySelector('rect.fill');
      fill.setAttribute('width', frac * n.getAttribute('data-w'));
      fill.setAttribute('fill', st === 'ERRED' ? ERRED : STATE_COLOURS.DONE);
    });
    if (g.tasks && S.taskStates) {
      var nodes = box.querySelectorAll('svg.tasks g.node');
      nodes.forEach(function (n, i) {
        var c = S.taskStates.charAt(i), name = c >= '0' && c <= '9' ? S.stateNames[c.charCodeAt(0) - 48] : 'WAITING';
        n.setAttribute('data-state', name);
        n.querySelector('rect.bg').setAttribute('fill', STATE_COLOURS[name] || '#eee');
      });
    }
  }

  function graphSvg(cls, nodes, edges, width, height, nodeH) {
    var s = svg('svg', { 'class': cls, width: width, height: height, viewBox: '0 0 ' + width + ' ' + height });
    edges.forEach(function (e) {
      var a = nodes[e[0]], b = nodes[e[1]], x1 = a.x + a.w / 2, y1 = a.y + nodeH, x2 = b.x + b.w / 2, y2 = b.y, my = (y1 + y2) / 2;
      s.appendChild(svg('path', { 'class': 'edge', d: 'M' + x1 + ',' + y1 + ' C' + x1 + ',' + my + ' ' + x2 + ',' + my + ' ' + x2 + ',' + y2,
        fill: 'none', stroke: '#999' }));
    });
    nodes.forEach(function (n) {
      var gn = svg('g', { 'class': 'node', 'data-op': n.label, 'data-opi': n.op, 'data-w': n.w });
      var t = svg('title');
      t.textContent = n.key || n.label;
      gn.appendChild(t);
      gn.appendChild(svg('rect', { 'class': 'bg', x: n.x, y: n.y, width: n.w, height: nodeH, rx: 5, fill: '#e3e6ea' }));
      gn.appendChild(svg('rect', { 'class': 'fill', x: n.x, y: n.y, width: 0, height: nodeH, rx: 5, fill: STATE_COLOURS.DONE, opacity: 0.55 }));
      gn.appendChild(svg('rect', { x: n.x, y: n.y, width: n.w, height: nodeH, rx: 5, fill: 'none', stroke: n.op >= 0 ? colour(n.op) : '#777', 'stroke-width': 2 }));
      var tx = svg('text', { x: n.x + n.w / 2, y: n.y + nodeH / 2 + 4, 'text-anchor': 'middle' });
      tx.textContent = n.label;
      gn.appendChild(tx);
      s.appendChild(gn);
    });
    return s;
  }

  // ---- data source ---------------------------------------------------------------------------
  function status(text, cls) { var s = $('status'); s.textContent = text; s.className = 'status ' + cls; }

  window.addEventListener('resize', function () { if (S.summary) draw(); });
  if (window.BLOCKWORK_SNAPSHOT) {
    S.report = true;
    status('report', 'report');
    apply(window.BLOCKWORK_SNAPSHOT);
  } else {
    var es = new EventSource('events' + location.search);
    es.onopen = function () { status('live', 'live'); };
    es.onerror = function () { status('reconnecting…', 'down'); };
    es.onmessage = function (ev) { apply(JSON.parse(ev.data)); };
  }
})();
