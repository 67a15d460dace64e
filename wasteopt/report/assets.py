"""The report's stylesheet and script, inlined into every report so it works with no network at all.

Kept as Python strings (not package data files) so a plain ``pip install .`` always carries them.
The script does four things: pan and zoom the map (drag, wheel, buttons) keeping markers the same
size on screen, highlight a truck or a station's trucks on click, sort tables by a clicked header,
and keep the scale bar true. It makes no request of any kind; the words it shows come from the
page's ``<body data-t-*>`` attributes, in the report's language.

Printed (``@media print``, A4 portrait): every row of every table (no scroll boxes), the map with
its legend below it, the station bars and the timeline one under the other, each section starting a
new page, table headers repeated on each page, rows never cut in two, and colours kept
(``print-color-adjust: exact``; the charts' bars are SVG fills, which print in any case).
"""

from wasteopt.report.colors import SEGMENT_COLOURS


def _segment_colours(css: str) -> str:
    """The stylesheet with the timeline's colours (``__driving__`` …) filled in from :data:`SEGMENT_COLOURS`."""
    for kind, colour in SEGMENT_COLOURS.items():
        css = css.replace(f"__{kind}__", colour)
    return css


FONT_STACK = '"Noto Sans CJK SC","Microsoft YaHei","PingFang SC","WenQuanYi Micro Hei",sans-serif'

CSS = """
:root{--ink:#1d2733;--muted:#66717d;--line:#d9dee4;--bg:#f4f6f8;--card:#fff;--accent:#0b6e4f;
--drive:__driving__;--collect:__collecting__;--unload:__unloading__;--wait:__waiting__;--break:__break__;}
*{box-sizing:border-box}
body{margin:0;font-family:__FONT__;color:var(--ink);background:var(--bg);font-size:14px;line-height:1.45}
header{background:#113d33;color:#fff;padding:14px 24px;display:flex;align-items:baseline;gap:18px;flex-wrap:wrap}
header h1{font-size:20px;margin:0;font-weight:600}
header .meta{color:#cfe3dc;font-size:13px}
main{padding:16px 24px 40px;max-width:1500px;margin:0 auto}
section{margin:0 0 18px}
h2{font-size:16px;margin:0 0 10px;font-weight:600}
h2 .zh,.card-label .zh{color:var(--muted);font-weight:400;margin-left:6px}
.panel{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:14px 16px}
.muted{color:var(--muted)}.small{font-size:12px}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:12px}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:12px 14px;border-top:4px solid var(--accent)}
.card-label{font-size:12px;color:var(--muted);text-transform:uppercase;letter-spacing:.03em}
.card-label .zh{text-transform:none;margin-left:4px}
.card-value{font-size:26px;font-weight:650;margin:2px 0;font-variant-numeric:tabular-nums}
.card-note{font-size:12px;color:var(--muted)}
.map-wrap{display:grid;grid-template-columns:minmax(0,1fr) 270px;gap:14px}
.map-box{position:relative;background:#fbfcfa;border:1px solid var(--line);border-radius:8px;overflow:hidden;height:max(560px,72vh)}
.map-svg{width:100%;height:100%;display:block;cursor:grab;touch-action:none;user-select:none}
.map-svg.dragging{cursor:grabbing}
.map-svg *{vector-effect:non-scaling-stroke}
.map-tools{position:absolute;top:10px;left:10px;display:flex;flex-direction:column;gap:4px}
.map-tools button{width:32px;height:32px;border:1px solid var(--line);background:#fff;border-radius:6px;font-size:18px;cursor:pointer;color:var(--ink)}
.map-tools button:hover{background:#eef3f1}
.map-hint{position:absolute;top:10px;right:12px;font-size:12px;color:var(--muted);background:rgba(255,255,255,.85);padding:2px 6px;border-radius:4px}
.scale{position:absolute;left:12px;bottom:10px;font-size:12px;color:var(--ink);background:rgba(255,255,255,.85);padding:2px 6px 4px;border-radius:4px}
.scale i{display:block;height:6px;border:2px solid var(--ink);border-top:0;margin-top:2px}
.route{fill:none;stroke-width:1.8px;stroke-linejoin:round;stroke-linecap:round;opacity:.85;cursor:pointer}
.unload{fill:none;stroke-width:1.8px;stroke-dasharray:6 4;opacity:.85;cursor:pointer}
.haul{fill:none;stroke:#6b4a2b;stroke-dasharray:2 5;stroke-linecap:round;opacity:.8}
.room{stroke:#fff;stroke-width:.8px;cursor:pointer}
.room.unserved{fill:#fff;stroke:#c0262d;stroke-width:2px}
.station circle{fill:#2e9d62;stroke:#0f3d2b;stroke-width:1.5px;fill-opacity:.9;cursor:pointer}
.station.high circle{fill:#e0a41a}.station.over circle{fill:#c0262d}
.station.candidate circle{fill:#fff;stroke:#8a949e;stroke-dasharray:3 2;cursor:default}
.station text,.garage text,.plant text{font-size:11px;text-anchor:middle;fill:var(--ink);paint-order:stroke;stroke:#fff;stroke-width:3px;pointer-events:none}
.station.candidate text{fill:var(--muted)}
.garage text.side{text-anchor:start}
.garage rect{fill:#1d2733;stroke:#fff;stroke-width:1.5px}
.plant path{fill:#6b4a2b;stroke:#fff;stroke-width:1.5px}
.has-highlight .route:not(.highlight),.has-highlight .unload:not(.highlight),.has-highlight .room:not(.highlight):not(.unserved){opacity:.1}
.has-highlight .haul{opacity:.25}
.route.highlight{stroke-width:4.5px;opacity:1}
.unload.highlight{stroke-width:3.5px;opacity:1}
.room.highlight{stroke:#1d2733;stroke-width:1.2px}
.station.highlight circle{stroke:#000;stroke-width:3.5px}
.legend{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:12px;height:max(560px,72vh);display:flex;flex-direction:column}
.legend h3{font-size:13px;margin:0 0 6px}
.symbols{display:grid;grid-template-columns:34px 1fr;gap:4px 8px;align-items:center;font-size:12px;margin-bottom:10px}
.symbols svg{width:34px;height:16px}
.truck-list{overflow:auto;flex:1;border-top:1px solid var(--line);padding-top:6px}
.truck-item{display:flex;align-items:center;gap:6px;padding:3px 4px;border-radius:4px;cursor:pointer;font-size:12.5px}
.truck-item:hover{background:#eef3f1}
.truck-item small{margin-left:auto;color:var(--muted)}
.swatch{display:inline-block;width:12px;height:12px;border-radius:3px;margin-right:6px;vertical-align:-1px;flex:none}
.truck-item .swatch{margin-right:0}
.highlight.truck-item,tr.highlight td,.tl-row.highlight{background:#fff3c4}
.grid2{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1.6fr);gap:14px}
.bar-row{display:grid;grid-template-columns:180px 1fr;gap:10px;align-items:center;margin:5px 0;cursor:pointer}
.bar-label{font-size:12.5px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.bar{position:relative;height:20px}
.bar-svg{display:block;width:100%;height:20px}
.bar-text{position:absolute;left:8px;top:1px;font-size:12px;font-variant-numeric:tabular-nums}
.bar-row.highlight .bar{outline:2px solid #000}
.timeline{font-size:12px}
.tl-row{display:grid;grid-template-columns:200px 1fr;align-items:center;height:20px;cursor:pointer}
.tl-label{display:flex;align-items:center;white-space:nowrap;overflow:hidden}
.tl-label small{color:var(--muted);margin-left:6px}
.tl-track{position:relative;height:14px}
.tl-svg{display:block;width:100%;height:14px}
.tl-axis{height:18px;cursor:default}
.tick{position:absolute;transform:translateX(-50%);color:var(--muted);font-size:11px;top:0}
.seg.driving{fill:var(--drive)}.seg.collecting{fill:var(--collect)}.seg.unloading{fill:var(--unload)}
.seg.waiting{fill:var(--wait)}.seg.break{fill:var(--break)}
.tl-legend{display:flex;flex-wrap:wrap;gap:4px 14px;font-size:12px;color:var(--muted);margin-top:6px}
.tl-legend .key{display:inline-block;margin-right:4px;vertical-align:0}
table{border-collapse:collapse;width:100%;font-size:12.5px;font-variant-numeric:tabular-nums}
th,td{padding:5px 8px;border-bottom:1px solid var(--line);text-align:left}
th{background:#eef1f4;font-weight:600;position:sticky;top:0}
th.num,td.num{text-align:right}
table.sortable th{cursor:pointer;user-select:none}
table.sortable th:after{content:" ↕";color:#aab3bc;font-size:11px}
table.sortable th.asc:after{content:" ↑";color:var(--ink)}table.sortable th.desc:after{content:" ↓";color:var(--ink)}
table.sortable tbody tr{cursor:pointer}
table.sortable tbody tr:hover td{background:#f2f6f4}
.table-scroll{max-height:460px;overflow:auto}
.limit-over{color:#c0262d}
.comparison td{vertical-align:top}.comparison th[scope=row]{width:220px}
.delta{font-size:11.5px}.delta.better{color:#0b7a43}.delta.worse{color:#b3261e}.delta.same{color:var(--muted)}
.diagnostics{list-style:none;margin:0;padding:0}
.diag{padding:6px 0;border-bottom:1px solid var(--line)}
.diag code{margin:0 6px;color:var(--muted)}
.fix{color:var(--muted);margin-left:64px;font-size:12.5px}
.badge{display:inline-block;min-width:56px;text-align:center;border-radius:10px;font-size:11px;padding:1px 6px;color:#fff}
.badge.error{background:#c0262d}.badge.warning{background:#d9901a}.badge.info{background:#4a7ab8}
footer{color:var(--muted);font-size:12px;padding:0 24px 24px;max-width:1500px;margin:0 auto}
@media (max-width:1000px){.map-wrap,.grid2{grid-template-columns:1fr}.legend{height:auto}}
@page{size:A4;margin:12mm}
@media print{
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{background:#fff;font-size:11px}
header{background:none;color:#000;padding:0 0 8px}header .meta{color:#333}
main{padding:0;max-width:none}
footer{padding:8px 0 0}
.map-tools,.map-hint{display:none}
.cards{grid-template-columns:repeat(4,1fr);gap:8px}
.card{padding:8px 10px}.card-value{font-size:20px}
.map-wrap{display:block;break-before:page}
.map-box{height:150mm}
.legend{height:auto;display:block;margin-top:8px;border:none;padding:0}
.truck-list{overflow:visible;display:grid;grid-template-columns:repeat(3,1fr);gap:0 12px}
.grid2{display:block}
.panel{border:none;padding:0;break-before:page}
.table-scroll{max-height:none;overflow:visible}
th{position:static}
table{font-size:10px}th,td{padding:3px 4px}td:first-child{white-space:nowrap}
thead{display:table-header-group}
tr,.bar-row,.tl-row{break-inside:avoid}
h2{break-after:avoid}
table.sortable th:after{content:none}
}
""".replace("__FONT__", FONT_STACK)
CSS = _segment_colours(CSS)

JS = r"""
(function () {
  'use strict';
  var svg = document.getElementById('map-svg');
  var root = document.body;
  var vb = svg.viewBox.baseVal;
  var home = [vb.x, vb.y, vb.width, vb.height];
  var metresPerUnit = parseFloat(svg.getAttribute('data-metres-per-unit')) || 1;
  var sized = svg.querySelectorAll('[data-r]');
  var placed = svg.querySelectorAll('[data-x]');
  var scaleBar = document.getElementById('scale-bar');

  function unitsPerPixel() {
    var box = svg.getBoundingClientRect();
    if (!box.width || !box.height) { return 1; }
    return Math.max(vb.width / box.width, vb.height / box.height);
  }
  function rescale() {
    var k = unitsPerPixel();
    for (var i = 0; i < sized.length; i++) {
      sized[i].setAttribute('r', (parseFloat(sized[i].getAttribute('data-r')) * k).toFixed(3));
    }
    for (var j = 0; j < placed.length; j++) {
      var el = placed[j];
      el.setAttribute('transform', 'translate(' + el.getAttribute('data-x') + ' ' + el.getAttribute('data-y') + ') scale(' + k.toFixed(4) + ')');
    }
    var metresPerPixel = k * metresPerUnit, target = 110 * metresPerPixel;
    var power = Math.pow(10, Math.floor(Math.log10(target))), nice = power;
    [1, 2, 5, 10].forEach(function (m) { if (m * power <= target) { nice = m * power; } });
    scaleBar.querySelector('i').style.width = (nice / metresPerPixel).toFixed(1) + 'px';
    scaleBar.querySelector('span').textContent = nice >= 1000 ? (nice / 1000) + ' km' : nice + ' m';
  }
  function setView(x, y, w, h) { vb.x = x; vb.y = y; vb.width = w; vb.height = h; rescale(); }
  function toMap(clientX, clientY) {
    var pt = new DOMPoint(clientX, clientY).matrixTransform(svg.getScreenCTM().inverse());
    return [pt.x, pt.y];
  }
  function zoomAt(p, factor) {
    var w = vb.width * factor, h = vb.height * factor;
    if (w < home[2] / 200 || w > home[2] * 8) { return; }
    setView(p[0] - (p[0] - vb.x) * factor, p[1] - (p[1] - vb.y) * factor, w, h);
  }
  function centre() { return [vb.x + vb.width / 2, vb.y + vb.height / 2]; }

  svg.addEventListener('wheel', function (e) {
    e.preventDefault();
    zoomAt(toMap(e.clientX, e.clientY), Math.exp(Math.max(-100, Math.min(100, e.deltaY)) * 0.002));
  }, {passive: false});
  document.getElementById('zoom-in').addEventListener('click', function () { zoomAt(centre(), 0.67); });
  document.getElementById('zoom-out').addEventListener('click', function () { zoomAt(centre(), 1.5); });
  document.getElementById('zoom-fit').addEventListener('click', function () { setView.apply(null, home); });

  var drag = null, dragged = false;
  svg.addEventListener('pointerdown', function (e) {
    if (e.button !== 0) { return; }
    drag = {x: e.clientX, y: e.clientY, vx: vb.x, vy: vb.y, k: unitsPerPixel(), id: e.pointerId};
    dragged = false;
  });
  svg.addEventListener('pointermove', function (e) {
    if (!drag) { return; }
    var dx = e.clientX - drag.x, dy = e.clientY - drag.y;
    if (!dragged && Math.abs(dx) + Math.abs(dy) < 4) { return; }
    if (!dragged) { dragged = true; svg.classList.add('dragging'); svg.setPointerCapture(drag.id); }
    setView(drag.vx - dx * drag.k, drag.vy - dy * drag.k, vb.width, vb.height);
  });
  function endDrag() { drag = null; svg.classList.remove('dragging'); }
  svg.addEventListener('pointerup', endDrag);
  svg.addEventListener('pointercancel', endDrag);

  function stationTrucks(id) {
    var el = svg.querySelector('[data-station="' + CSS.escape(id) + '"]');
    var list = el ? (el.getAttribute('data-vehicles') || '') : '';
    return list ? list.split(' ') : [];
  }
  function highlight(vehicles, station) {
    var chosen = {};
    vehicles.forEach(function (v) { chosen[v] = true; });
    var any = vehicles.length > 0 || !!station;
    root.classList.toggle('has-highlight', any);
    document.querySelectorAll('[data-vehicle],[data-of],[data-select]').forEach(function (el) {
      var v = el.getAttribute('data-vehicle') || el.getAttribute('data-of') || el.getAttribute('data-select');
      el.classList.toggle('highlight', !!chosen[v]);
    });
    document.querySelectorAll('[data-station]').forEach(function (el) {
      el.classList.toggle('highlight', !!station && el.getAttribute('data-station') === station);
    });
    svg.querySelectorAll('path.highlight').forEach(function (p) { p.parentNode.appendChild(p); });
    var status = document.getElementById('selection');
    var words = document.body.dataset;
    status.textContent = station ? (words.tStation || 'Station') + ' ' + station + ': ' + (vehicles.join(', ') || words.tNoTrucks || 'no trucks')
      : vehicles.length ? (words.tTruck || 'Truck') + ' ' + vehicles.join(', ') : (words.tHint || 'Click a truck or a station to highlight it');
  }
  function onSelect(target) {
    var truck = target.closest('[data-vehicle],[data-of],[data-select]');
    if (truck) {
      var v = truck.getAttribute('data-vehicle') || truck.getAttribute('data-of') || truck.getAttribute('data-select');
      var already = truck.classList.contains('highlight') && !document.querySelector('.station.highlight');
      highlight(already ? [] : [v], null);
      return true;
    }
    var station = target.closest('[data-station]');
    if (station) {
      var id = station.getAttribute('data-station');
      highlight(station.classList.contains('highlight') ? [] : stationTrucks(id), station.classList.contains('highlight') ? null : id);
      return true;
    }
    return false;
  }
  svg.addEventListener('click', function (e) {
    if (dragged) { dragged = false; return; }
    if (!onSelect(e.target)) { highlight([], null); }
  });
  document.addEventListener('click', function (e) {
    if (svg.contains(e.target) || e.target.closest('th')) { return; }
    onSelect(e.target);
  });
  document.addEventListener('keydown', function (e) { if (e.key === 'Escape') { highlight([], null); } });

  document.querySelectorAll('table.sortable').forEach(function (table) {
    table.querySelectorAll('th').forEach(function (th, col) {
      th.addEventListener('click', function () {
        var numeric = th.getAttribute('data-type') === 'num';
        var asc = !th.classList.contains('asc');
        table.querySelectorAll('th').forEach(function (h) { h.classList.remove('asc', 'desc'); });
        th.classList.add(asc ? 'asc' : 'desc');
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[col].getAttribute('data-sort'), y = b.cells[col].getAttribute('data-sort');
          var c = numeric ? (parseFloat(x) || 0) - (parseFloat(y) || 0) : x.localeCompare(y, undefined, {numeric: true});
          return asc ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });
  window.addEventListener('resize', rescale);
  var printing = window.matchMedia ? window.matchMedia('print') : null;  // markers sized for the printed map
  if (printing && printing.addEventListener) { printing.addEventListener('change', rescale); }
  rescale();
  highlight([], null);
}());
"""
