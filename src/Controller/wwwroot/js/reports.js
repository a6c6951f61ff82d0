// The reports page: pick a report, a period and an area; see it as a table and an SVG bar chart; download CSV or XLSX.
// Every report comes from GET /api/reports/{kind} as {columns, rows}, so one page draws them all.
import { api, el } from './api.js';
import { explain, startPage } from './console.js';
import { applyTranslations, lang, t } from './i18n.js';
import { todayVn } from './week.js';
import './reports-strings.js';

const $ = (id) => document.getElementById(id);
const KINDS = ['airtime', 'uptime', 'alarms', 'emergencies', 'compliance', 'kpi', 'playlog'];
const GROUPS = ['device', 'village', 'commune', 'day'];
const NUMERIC = new Set(['min', 'h', 's', '%', 'count']);
let current = null;

/** A column title: the API's English one, or its Vietnamese translation when there is one. */
function title(column) {
  const key = 'rep.col.' + column.key;
  const name = lang() === 'en' || t(key) === key ? column.title : t(key);
  return column.unit && column.unit !== 'time' && column.unit !== 'count' ? `${name} (${column.unit})` : name;
}

function option(value, text) {
  return el('option', { value }, text);
}

function fillSelectors(areas) {
  const kind = $('report-kind').value || new URLSearchParams(location.search).get('kind') || 'airtime';
  $('report-kind').replaceChildren(...KINDS.map(k => option(k, t('rep.kind.' + k))));
  $('report-kind').value = kind;
  const group = $('report-group').value || 'device';
  $('report-group').replaceChildren(...GROUPS.map(g => option(g, t('rep.group.' + g))));
  $('report-group').value = group;
  if (areas) {
    const order = { province: 0, district: 1, commune: 2, village: 3 };
    const sorted = [...areas].sort((a, b) => order[a.level] - order[b.level] || a.name.localeCompare(b.name, 'vi'));
    $('report-area').replaceChildren(option('', t('rep.all-areas')),
      ...sorted.map(a => option(a.code, `${a.name} (${t('level.' + a.level)})`)));
  } else {
    $('report-area').options[0].textContent = t('rep.all-areas');
  }
  onKindChange();
}

function onKindChange() {
  const kind = $('report-kind').value;
  $('report-group-field').hidden = kind !== 'airtime';
  $('report-help').textContent = t('rep.help.' + kind);
}

function query(format) {
  const params = new URLSearchParams({ from: $('report-from').value, to: $('report-to').value });
  if ($('report-area').value) params.set('area', $('report-area').value);
  if ($('report-kind').value === 'airtime') params.set('groupBy', $('report-group').value);
  if (format) params.set('format', format);
  return `/api/reports/${encodeURIComponent($('report-kind').value)}?${params}`;
}

async function show(event) {
  event?.preventDefault();
  $('report-error').textContent = '';
  try {
    current = await api(query());
    $('export-csv').href = query('csv');
    $('export-xlsx').href = query('xlsx');
    render();
  } catch (e) {
    $('report-result').hidden = true;
    $('report-error').textContent = explain(e);
  }
}

function render() {
  if (!current) return;
  const { columns, rows } = current;
  $('report-result').hidden = false;
  $('report-heading').textContent = `${t('rep.kind.' + current.kind)} · ${current.from} – ${current.to} · ${t('rep.rows', { count: rows.length })}`;
  const measures = columns.filter(c => NUMERIC.has(c.unit));
  const chosen = $('report-measure').value;
  $('report-measure').replaceChildren(...measures.map(c => option(c.key, title(c))));
  const preferred = measures.find(c => c.key === chosen) || measures.find(c => c.unit !== 'count') || measures[0];
  if (preferred) $('report-measure').value = preferred.key;
  $('report-chart-field').hidden = measures.length === 0 || rows.length === 0;
  drawChart();
  const head = el('thead', {}, el('tr', {}, ...columns.map(c => el('th', { scope: 'col', 'data-key': c.key }, title(c)))));
  const body = el('tbody', {}, ...(rows.length === 0
    ? [el('tr', {}, el('td', { colspan: String(columns.length) }, t('rep.no-rows')))]
    : rows.map(r => el('tr', {}, ...columns.map(c => el('td', { class: NUMERIC.has(c.unit) ? 'num' : null }, format(r[c.key])))))));
  $('report-table').replaceChildren(head, body);
}

function format(value) {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return value.toLocaleString(lang() === 'en' ? 'en-GB' : 'vi-VN', { maximumFractionDigits: 2 });
  return String(value);
}

/** Horizontal bars of the chosen figure, one per row, labelled with the row's first text column. Plain SVG, no library. */
function drawChart() {
  const { columns, rows } = current;
  const measure = columns.find(c => c.key === $('report-measure').value);
  const box = $('report-chart');
  if (!measure || rows.length === 0) { box.replaceChildren(); return; }
  const labelColumn = columns.find(c => !NUMERIC.has(c.unit)) || columns[0];
  const shown = rows.slice(0, 60);
  const values = shown.map(r => Number(r[measure.key]) || 0);
  const max = Math.max(...values, measure.unit === '%' ? 100 : 0, 1e-9);
  const barH = 18, gap = 6, labelW = 150, valueW = 70, width = 640;
  const plotW = width - labelW - valueW;
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${shown.length * (barH + gap) + gap}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', title(measure));
  svg.id = 'report-svg';
  const add = (tag, attrs, text) => {
    const node = document.createElementNS(ns, tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    svg.appendChild(node);
    return node;
  };
  shown.forEach((r, i) => {
    const y = gap + i * (barH + gap);
    const label = String(r[labelColumn.key] ?? '');
    add('text', { x: labelW - 6, y: y + barH * 0.72, 'text-anchor': 'end', class: 'label' }, label.length > 22 ? label.slice(0, 21) + '…' : label);
    add('rect', { x: labelW, y, width: Math.max(0, values[i] / max * plotW).toFixed(1), height: barH, class: 'bar', 'data-value': values[i] });
    add('text', { x: labelW + Math.max(0, values[i] / max * plotW) + 4, y: y + barH * 0.72, class: 'value' }, format(values[i]));
  });
  box.replaceChildren(svg);
}

async function main() {
  await startPage('reports');
  // Report days are Vietnam days, whatever zone the browser is in.
  $('report-from').value = $('report-to').value = todayVn();
  let areas = [];
  try { areas = await api('/api/areas?flat=true'); } catch (e) { $('report-error').textContent = explain(e); }
  fillSelectors(areas);
  $('report-kind').addEventListener('change', onKindChange);
  $('report-measure').addEventListener('change', drawChart);
  $('report-form').addEventListener('submit', show);
  document.addEventListener('langchange', () => { fillSelectors(null); applyTranslations(); render(); });
  await show();
}

main();
