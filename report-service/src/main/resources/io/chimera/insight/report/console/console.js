// The console's only script: sorts tables and keeps pages live by polling the console's own JSON
// feeds. It writes text with textContent only, never markup: model names and every other string
// come from benchmark data. Without it every page is complete as served, just not live.
(function () {
  'use strict';

  var POLL_MS = 2000;
  var page = document.body.getAttribute('data-page');
  var live = document.getElementById('live');

  function stamp(ok) {
    if (!live) { return; }
    live.hidden = false;
    live.className = ok ? 'live ok' : 'live off';
    live.textContent = ok ? 'live · ' + new Date().toLocaleTimeString() : 'offline · retrying';
  }

  // Applies a feed only when it changed: the page is left alone (a selection, a hovered row) otherwise.
  function poll(url, apply) {
    var last = null;
    function tick() {
      fetch(url, { cache: 'no-store', headers: { Accept: 'application/json' } })
        .then(function (response) {
          if (!response.ok) { throw new Error(url + ': ' + response.status); }
          return response.text();
        })
        .then(function (text) {
          if (text !== last) {
            apply(JSON.parse(text));
            last = text;
          }
          stamp(true);
        })
        .catch(function () { stamp(false); })
        .then(function () { window.setTimeout(tick, POLL_MS); });
    }
    tick();
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function numberCell(value, text, unit, extraClass) {
    var td = el('td', 'num' + (extraClass ? ' ' + extraClass : ''));
    td.setAttribute('data-value', value === null || value === undefined ? '' : String(value));
    td.appendChild(document.createTextNode(text));
    if (unit && value !== null && value !== undefined) {
      td.appendChild(document.createTextNode(' '));
      td.appendChild(el('span', 'unit', unit));
    }
    return td;
  }

  // ---- sorting: a click on a header sorts by its column's data-value; a second click reverses.
  function sortKeyOf(row, index, type) {
    var cell = row.cells[index];
    var raw = cell ? cell.getAttribute('data-value') : '';
    if (type === 'num') {
      return raw === '' || raw === null ? null : parseFloat(raw);
    }
    return (raw || '').toLowerCase();
  }

  function sortTable(table) {
    var index = parseInt(table.getAttribute('data-sort-index') || '-1', 10);
    if (index < 0) { return; }
    var dir = table.getAttribute('data-sort-dir') === 'desc' ? -1 : 1;
    var type = table.tHead.rows[0].cells[index].getAttribute('data-type');
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = sortKeyOf(a, index, type);
      var y = sortKeyOf(b, index, type);
      if (x === y) { return 0; }
      if (x === null) { return 1; } // no figure: last, whichever the direction
      if (y === null) { return -1; }
      return (x < y ? -1 : 1) * dir;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }

  function makeSortable(table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      th.tabIndex = 0;
      th.classList.add('sort');
      function activate() {
        var same = table.getAttribute('data-sort-index') === String(index);
        var dir = same && table.getAttribute('data-sort-dir') === 'asc' ? 'desc' : 'asc';
        table.setAttribute('data-sort-index', String(index));
        table.setAttribute('data-sort-dir', dir);
        Array.prototype.forEach.call(table.tHead.rows[0].cells, function (other) {
          other.removeAttribute('aria-sort');
        });
        th.setAttribute('aria-sort', dir === 'asc' ? 'ascending' : 'descending');
        sortTable(table);
      }
      th.addEventListener('click', activate);
      th.addEventListener('keydown', function (event) {
        if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); activate(); }
      });
    });
  }

  // ---- models page
  function modelRow(model, before) {
    var tr = el('tr');
    tr.setAttribute('data-slug', model.slug);
    var name = el('td');
    name.setAttribute('data-value', model.model);
    var link = el('a', null, model.model);
    link.href = '/models/' + encodeURIComponent(model.slug) + '/';
    name.appendChild(link);
    tr.appendChild(name);
    tr.appendChild(numberCell(model.runs, model.runs, ''));
    tr.appendChild(numberCell(model.failedRuns, model.failedRuns, '', model.failedRuns > 0 ? 'warn' : ''));
    tr.appendChild(numberCell(model.tps.value, model.tps.text, model.tps.unit));
    tr.appendChild(numberCell(model.ttft.value, model.ttft.text, model.ttft.unit));
    var finding = el('td', 'finding', model.finding || '–');
    finding.setAttribute('data-value', model.finding);
    tr.appendChild(finding);
    var changes = el('td', 'changes');
    changes.setAttribute('data-value', model.changes.value === null ? '' : String(model.changes.value));
    changes.appendChild(model.changes.statusClass
      ? el('span', 'status ' + model.changes.statusClass, model.changes.text)
      : document.createTextNode(model.changes.text));
    tr.appendChild(changes);
    var status = el('td');
    status.setAttribute('data-value', model.statusText);
    status.appendChild(el('span', 'status ' + model.statusClass, model.statusText));
    tr.appendChild(status);
    var updated = el('td');
    updated.setAttribute('data-value', model.updated);
    var time = el('time', null, model.updatedText);
    time.setAttribute('datetime', model.updated);
    updated.appendChild(time);
    tr.appendChild(updated);
    var old = before[model.slug];
    if (old === undefined || old !== model.updated) { tr.classList.add('fresh'); }
    return tr;
  }

  function liveModels() {
    var table = document.getElementById('models');
    var empty = document.getElementById('models-empty');
    makeSortable(table);
    poll('/api/models.json', function (data) {
      var body = table.tBodies[0];
      var before = {};
      Array.prototype.forEach.call(body.rows, function (row) {
        var cell = row.cells[8]; // Updated (UTC)
        before[row.getAttribute('data-slug')] = cell ? cell.getAttribute('data-value') : '';
      });
      var first = body.getAttribute('data-polled') === null;
      var rows = document.createDocumentFragment();
      data.models.forEach(function (model) {
        var row = modelRow(model, before);
        if (first) { row.classList.remove('fresh'); }
        rows.appendChild(row);
      });
      body.replaceChildren(rows);
      body.setAttribute('data-polled', String(data.models.length));
      table.hidden = data.models.length === 0;
      empty.hidden = data.models.length > 0;
      sortTable(table);
    });
  }

  // ---- ops page
  function fillCounts(id, counts) {
    var table = document.getElementById(id);
    var empty = document.getElementById(id + '-empty');
    var rows = document.createDocumentFragment();
    counts.forEach(function (entry) {
      var tr = el('tr');
      tr.appendChild(el('td', null, entry.name));
      tr.appendChild(numberCell(entry.count, entry.count, ''));
      rows.appendChild(tr);
    });
    table.tBodies[0].replaceChildren(rows);
    table.hidden = counts.length === 0;
    empty.hidden = counts.length > 0;
  }

  function liveOps() {
    poll('/api/ops.json', function (data) {
      Object.keys(data.tiles).forEach(function (id) {
        var tile = document.getElementById('tile-' + id);
        if (tile) { tile.textContent = data.tiles[id]; }
      });
      Object.keys(data.sparks).forEach(function (id) {
        var line = document.getElementById('spark-' + id);
        var max = document.getElementById('max-' + id);
        if (line) { line.setAttribute('points', data.sparks[id].points); }
        if (max) { max.textContent = data.sparks[id].max; }
      });
      document.getElementById('window').textContent = data.window;
      fillCounts('inflight', data.inflight);
      fillCounts('dead-letters', data.deadLetters);
    });
  }

  if (page === 'models') { liveModels(); }
  if (page === 'ops') { liveOps(); }
}());
