// The example statistics dashboard: plain browser JavaScript, served by the gateway with a strict
// CSP (scripts and styles from this origin only, Trusted Types enforced). It asks the statistics
// API once (purpose STATISTICS) and draws every chart as SVG with createElementNS and textContent,
// never HTML strings. A suppressed cell is never drawn as a bar of zero: it is marked
// "suppressed (< k)", k being the gateway's minimum cell size.
'use strict';

const SVG_NS = 'http://www.w3.org/2000/svg';
const COLORS = ['#1f5fbf', '#e08a00', '#1b7f3b', '#8e3ab5', '#00838f', '#b3261e', '#6d4c41', '#5b6475'];
const TABLE = `id title unit categories sources withheldSources rowDimension columnDimension columns
  rows { label cells { count suppressed } total { count suppressed } }
  columnTotals { count suppressed } total { count suppressed } suppressedCells`;
const QUERY = `query Dashboard {
  statistics {
    minCellSize asOf
    custody: custodyByEstablishment { ...T }
    releases: releasesExpected { ...T }
    programmes: programmeParticipation { ...T }
    supervision: supervisionCompliance { ...T }
    welfare: welfareNeeds { ...T }
    admissions: monthlySeries(measure: CUSTODY_ADMISSIONS) { ...T }
    releasesMonthly: monthlySeries(measure: CUSTODY_RELEASES) { ...T }
    welfareOpened: monthlySeries(measure: WELFARE_CASES_OPENED) { ...T }
  }
}
fragment T on StatisticsTable { ${TABLE} }`;

/** Which card shows which table (by the query's alias), and how. */
const CARDS = [
  { card: 'card-custody', alias: 'custody', draw: (t) => bars(t, rowItems(t)) },
  { card: 'card-releases', alias: 'releases', draw: (t) => columns(t, columnItems(t), 'windows', 640) },
  { card: 'card-supervision', alias: 'supervision', draw: (t) => stacked(t, 640, 0) },
  { card: 'card-programmes', alias: 'programmes', draw: (t) => stacked(t, 1300, 420) },
  { card: 'card-welfare', alias: 'welfare', draw: (t) => stacked(t, 640, 0) },
  { card: 'card-series', alias: () => document.getElementById('measure').value, draw: (t) => columns(t, rowItems(t), 'months', 1300) },
];

const state = { token: '', statistics: null, errors: [] };
const $ = (id) => document.getElementById(id);

async function loadStatistics() {
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${state.token}`, 'x-purpose-of-use': 'STATISTICS' },
    body: JSON.stringify({ query: QUERY }),
    credentials: 'omit',
  });
  return res.json();
}

// --- DOM helpers ------------------------------------------------------------------------------

function el(tag, options, ...children) {
  const node = document.createElement(tag);
  if (options) {
    if (options.className) node.className = options.className;
    if (options.text !== undefined) node.textContent = options.text;
    for (const [k, v] of Object.entries(options.attrs || {})) node.setAttribute(k, v);
  }
  for (const c of children) if (c) node.append(c);
  return node;
}

function svg(tag, attrs, text) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

function titled(node, text) {
  node.append(svg('title', null, text));
  return node;
}

// --- numbers -----------------------------------------------------------------------------------

function suppressedText() {
  return `suppressed (< ${state.statistics.minCellSize})`;
}

function cellText(cell) {
  return cell.suppressed || cell.count === null ? suppressedText() : cell.count.toLocaleString('en');
}

function isShown(cell) {
  return Boolean(cell) && !cell.suppressed && cell.count !== null;
}

/** Enumeration codes as words (`MINOR_BREACH` → `Minor breach`, `DAYS_0_30` → `0–30 days`); other labels as they are. */
function human(label) {
  const days = /^DAYS_(\d+)_(\d+)$/.exec(label);
  if (days) return `${days[1]}–${days[2]} days`;
  if (!/^[A-Z][A-Z0-9_]*$/.test(label)) return label;
  const words = label.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function rowItems(t) {
  return t.rows.map((r) => ({ label: r.label, cell: r.total }));
}

function columnItems(t) {
  return t.columnTotals ? t.columns.map((c, i) => ({ label: c, cell: t.columnTotals[i] })) : rowItems(t);
}

/** The axis maximum: four equal steps of 1, 2 or 5 × a power of ten, at least `max`. */
function niceMax(max) {
  if (max <= 0) return 4;
  const raw = max / 4;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw);
  return Math.max(4, step * 4);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2026-03` → `Mar`, with the year under the first month and every January. */
function monthLabel(label, first) {
  const [year, month] = label.split('-');
  const name = MONTHS[Number(month) - 1];
  return name ? { name, year: first || month === '01' ? year : '' } : { name: label, year: '' };
}

function describe(t, items) {
  return `${t.title} (${t.unit}): ${items.map((i) => `${human(i.label)} ${cellText(i.cell)}`).join('; ')}.`;
}

function chartSvg(width, height, label) {
  const root = svg('svg', { class: 'chart-svg', viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': label });
  const defs = svg('defs');
  const pattern = svg('pattern', { id: `hatch-${Math.random().toString(36).slice(2)}`, width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' });
  pattern.append(svg('rect', { width: 6, height: 6, fill: '#fff' }), svg('rect', { width: 3, height: 6, fill: '#c9a43a' }));
  defs.append(pattern);
  root.append(titled(defs, label));
  root.hatch = `url(#${pattern.id})`;
  return root;
}

// --- charts ------------------------------------------------------------------------------------

/** Horizontal bars, one per item, its label above it; a suppressed item gets a marker and the words, no bar. */
function bars(t, items) {
  const width = 640;
  const area = width - 150;
  const rowHeight = 38;
  const root = chartSvg(width, items.length * rowHeight + 4, describe(t, items));
  const max = Math.max(1, ...items.filter((i) => isShown(i.cell)).map((i) => i.cell.count));
  items.forEach((item, n) => {
    const y = n * rowHeight;
    const g = svg('g', { 'data-key': item.label });
    g.append(svg('text', { x: 0, y: y + 13 }, human(item.label)));
    if (isShown(item.cell)) {
      const w = Math.max(1, (item.cell.count / max) * area);
      g.setAttribute('data-count', item.cell.count);
      g.append(titled(svg('rect', { x: 0, y: y + 18, width: w, height: 14, rx: 2, fill: COLORS[0] }), `${human(item.label)}: ${cellText(item.cell)}`));
      g.append(svg('text', { class: 'value', x: w + 6, y: y + 30 }, cellText(item.cell)));
    } else {
      g.setAttribute('data-suppressed', 'true');
      g.append(svg('rect', { class: 'suppressed-mark', x: 0, y: y + 18, width: 14, height: 14, fill: root.hatch }));
      g.append(svg('text', { class: 'suppressed', x: 20, y: y + 30 }, suppressedText()));
    }
    root.append(g);
  });
  return { chart: root };
}

/** Vertical columns (windows, months); a suppressed one is a hatched stub under the words, read upwards. */
function columns(t, items, kind, width) {
  const height = 250;
  const top = 14;
  const bottom = 40;
  const left = 44;
  const plot = height - top - bottom;
  const root = chartSvg(width, height, describe(t, items));
  const max = niceMax(Math.max(0, ...items.filter((i) => isShown(i.cell)).map((i) => i.cell.count)));
  for (let k = 0; k <= 4; k++) {
    const y = top + plot - (plot * k) / 4;
    root.append(svg('line', { class: 'grid', x1: left, x2: width, y1: y, y2: y }));
    root.append(svg('text', { class: 'axis', x: left - 6, y: y + 4, 'text-anchor': 'end' }, String(Math.round((max * k) / 4))));
  }
  const slot = (width - left) / Math.max(1, items.length);
  const barWidth = Math.min(56, slot * 0.62);
  items.forEach((item, n) => {
    const cx = left + slot * n + slot / 2;
    const g = svg('g', { 'data-key': item.label });
    if (kind === 'months') {
      const m = monthLabel(item.label, n === 0);
      g.append(svg('text', { class: 'axis', x: cx, y: height - bottom + 16, 'text-anchor': 'middle' }, m.name));
      if (m.year) g.append(svg('text', { class: 'axis', x: cx, y: height - bottom + 31, 'text-anchor': 'middle' }, m.year));
    } else {
      g.append(svg('text', { class: 'axis', x: cx, y: height - bottom + 16, 'text-anchor': 'middle' }, human(item.label)));
    }
    if (isShown(item.cell)) {
      const h = (item.cell.count / max) * plot;
      g.setAttribute('data-count', item.cell.count);
      g.append(titled(svg('rect', { x: cx - barWidth / 2, y: top + plot - h, width: barWidth, height: Math.max(1, h), rx: 2, fill: COLORS[0] }), `${human(item.label)}: ${cellText(item.cell)}`));
      g.append(svg('text', { class: 'value', x: cx, y: top + plot - h - 4, 'text-anchor': 'middle' }, cellText(item.cell)));
    } else {
      g.setAttribute('data-suppressed', 'true');
      g.append(svg('rect', { class: 'suppressed-mark', x: cx - barWidth / 2, y: top + plot - 8, width: barWidth, height: 8, fill: root.hatch }));
      const x = cx + 4;
      const y = top + plot - 12;
      g.append(svg('text', { class: 'suppressed', x, y, transform: `rotate(-90 ${x} ${y})` }, suppressedText()));
    }
    root.append(g);
  });
  return { chart: root };
}

/**
 * Horizontal stacked bars: a row per label, a segment per column. Suppressed cells are not part of
 * the bar: each gets a hatched marker after it, and the row says how many were suppressed.
 */
function stacked(t, width, labelWidth) {
  if (t.columns.length === 0) return bars(t, rowItems(t));
  const inline = labelWidth > 0;
  const rowHeight = inline ? 26 : 38;
  const barY = inline ? 5 : 18;
  const x0 = inline ? labelWidth : 0;
  const area = width - x0 - 210;
  const root = chartSvg(width, t.rows.length * rowHeight + 4, `${t.title} (${t.unit}), by ${t.rowDimension} and ${t.columnDimension}: ${t.rows.map((r) =>
    `${human(r.label)}: ${t.columns.map((c, i) => `${human(c)} ${cellText(r.cells[i])}`).join(', ')}`).join('; ')}.`);
  const known = (r) => r.cells.filter(isShown).reduce((s, c) => s + c.count, 0);
  const max = Math.max(1, ...t.rows.map((r) => Math.max(known(r), isShown(r.total) ? r.total.count : 0)));
  t.rows.forEach((r, n) => {
    const y = n * rowHeight;
    const g = svg('g', { 'data-key': r.label });
    if (isShown(r.total)) g.setAttribute('data-count', r.total.count);
    else g.setAttribute('data-suppressed', 'true');
    const label = svg('text', { x: 0, y: inline ? y + 17 : y + 13 }, human(r.label));
    g.append(inline ? titled(label, human(r.label)) : label);
    let x = x0;
    const hidden = [];
    r.cells.forEach((cell, i) => {
      const key = `${r.label}|${t.columns[i]}`;
      if (!isShown(cell)) {
        hidden.push({ key, column: t.columns[i] });
        return;
      }
      if (cell.count === 0) return;
      const w = (cell.count / max) * area;
      const seg = svg('g', { 'data-key': key, 'data-count': cell.count });
      seg.append(titled(svg('rect', { x, y: y + barY, width: w, height: 16, fill: COLORS[i % COLORS.length] }), `${human(r.label)} — ${human(t.columns[i])}: ${cellText(cell)}`));
      if (w >= 26) seg.append(svg('text', { x: x + w / 2, y: y + barY + 12, 'text-anchor': 'middle', fill: '#fff', class: 'in-bar' }, String(cell.count)));
      g.append(seg);
      x += w;
    });
    for (const h of hidden) {
      x += 3;
      const mark = svg('g', { 'data-key': h.key, 'data-suppressed': 'true' });
      mark.append(titled(svg('rect', { class: 'suppressed-mark', x, y: y + barY + 2, width: 10, height: 12, fill: root.hatch }), `${human(r.label)} — ${human(h.column)}: ${suppressedText()}`));
      g.append(mark);
      x += 10;
    }
    const text = svg('text', { x: x + 6, y: y + barY + 12 });
    if (isShown(r.total)) text.append(svg('tspan', { class: 'value' }, cellText(r.total)));
    if (hidden.length === r.cells.length && !isShown(r.total)) text.append(svg('tspan', { class: 'suppressed' }, suppressedText()));
    else if (hidden.length > 0 || !isShown(r.total)) {
      const parts = [];
      if (!isShown(r.total)) parts.push(`total ${suppressedText()}`);
      if (hidden.length > 0) parts.push(`${hidden.length} ${hidden.length === 1 ? 'cell' : 'cells'} ${suppressedText()}`);
      text.append(svg('tspan', { class: 'suppressed' }, `${isShown(r.total) ? ' · ' : ''}${parts.join(' · ')}`));
    }
    g.append(text);
    root.append(g);
  });
  const legend = el('ul', { className: 'legend', attrs: { 'aria-label': `${t.columnDimension} (colours)` } },
    ...t.columns.map((c, i) => el('li', null, el('span', { className: `swatch s${i % COLORS.length}`, attrs: { 'aria-hidden': 'true' } }), human(c))),
    el('li', null, el('span', { className: 'swatch hatch', attrs: { 'aria-hidden': 'true' } }), suppressedText()));
  return { chart: root, legend };
}

// --- table alternative -------------------------------------------------------------------------

function td(cell) {
  return cell.suppressed || cell.count === null
    ? el('td', { className: 'suppressed', text: suppressedText(), attrs: { 'data-suppressed': 'true' } })
    : el('td', { text: cellText(cell), attrs: { 'data-count': String(cell.count) } });
}

function tableOf(t) {
  const twoD = t.columns.length > 0;
  const head = el('tr', null, el('th', { text: t.rowDimension, attrs: { scope: 'col' } }),
    ...t.columns.map((c) => el('th', { text: human(c), attrs: { scope: 'col' } })),
    el('th', { text: twoD ? 'Total' : t.unit, attrs: { scope: 'col' } }));
  const body = t.rows.map((r) => el('tr', { attrs: { 'data-row': r.label } }, el('th', { text: human(r.label), attrs: { scope: 'row' } }), ...r.cells.map(td), td(r.total)));
  const table = el('table', null, el('caption', { text: `${t.title}: ${t.unit}` }), el('thead', null, head), el('tbody', null, ...body));
  if (t.columnTotals || t.total) {
    table.append(el('tfoot', null, el('tr', { attrs: { 'data-row': '(total)' } }, el('th', { text: 'Total', attrs: { scope: 'row' } }),
      ...(t.columnTotals || []).map(td), t.total ? td(t.total) : el('td'))));
  }
  return el('details', null, el('summary', { text: 'Show as a table' }), el('div', { className: 'table-wrap' }, table));
}

// --- cards -------------------------------------------------------------------------------------

function errorFor(alias) {
  const e = state.errors.find((x) => Array.isArray(x.path) && x.path[0] === 'statistics' && x.path[1] === alias);
  if (!e) return null;
  const ext = e.extensions || {};
  return `${e.message}${ext.code ? ` (${ext.code}${ext.reason ? `: ${ext.reason}` : ''})` : ''}`;
}

function renderCard(spec) {
  const section = $(spec.card);
  const alias = typeof spec.alias === 'function' ? spec.alias() : spec.alias;
  const t = state.statistics[alias];
  const box = section.querySelector('.chart');
  const error = errorFor(alias);
  if (!t) {
    section.dataset.state = 'withheld';
    box.replaceChildren(el('p', { className: 'error', text: error || 'Not available to this caller.' }));
    return;
  }
  section.dataset.table = t.id;
  section.dataset.state = 'drawn';
  const meta = el('p', { className: 'meta', text: `${t.unit}${t.total && isShown(t.total) ? ` · total ${cellText(t.total)}` : t.total ? ` · total ${suppressedText()}` : ''} · from ${t.sources.join(', ') || 'no system'}${t.suppressedCells ? ` · ${t.suppressedCells} ${t.suppressedCells === 1 ? 'cell' : 'cells'} suppressed` : ''}` });
  const parts = [meta];
  if (t.withheldSources.length > 0) parts.push(el('p', { className: 'withheld', text: `Not counted: ${t.withheldSources.join(', ')}${error ? ` — ${error}` : ''}` }));
  if (t.rows.length === 0) {
    parts.push(el('p', { className: 'empty', text: 'Nothing to count.' }));
  } else {
    const drawn = spec.draw(t);
    if (drawn.legend) parts.push(drawn.legend);
    parts.push(drawn.chart);
  }
  parts.push(tableOf(t));
  box.replaceChildren(...parts);
}

function setStatus(text, bad) {
  $('status').textContent = text;
  $('status').className = bad ? 'bad' : '';
}

async function show(event) {
  event.preventDefault();
  state.token = $('token').value.trim().replace(/^Bearer\s+/i, '');
  if (!state.token) return setStatus('Paste a token first.', true);
  setStatus('Counting…');
  try {
    const body = await loadStatistics();
    state.errors = body.errors || [];
    const statistics = body.data && body.data.statistics;
    if (!statistics) {
      const e = state.errors[0];
      const ext = (e && e.extensions) || {};
      return setStatus(e ? `${e.message}${ext.code ? ` (${ext.code}${ext.reason ? `: ${ext.reason}` : ''})` : ''}` : 'No statistics.', true);
    }
    state.statistics = statistics;
    for (const spec of CARDS) renderCard(spec);
    setStatus(`Counts as of ${statistics.asOf}. Cells counting fewer than ${statistics.minCellSize} people are shown as “${suppressedText()}”.`);
    document.body.dataset.loaded = 'true';
  } catch (error) {
    setStatus(error.message, true);
  }
}

document.addEventListener('DOMContentLoaded', () => {
  $('login').addEventListener('submit', show);
  $('measure').addEventListener('change', () => { if (state.statistics) renderCard(CARDS[CARDS.length - 1]); });
});
