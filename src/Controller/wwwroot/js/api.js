// Shared by the console's pages: requests that carry the signed-in session's cookie (and the header the server's
// CSRF check asks of every cookie request), problem answers turned into errors, and a picker of targets fed by
// /api/zones, /api/areas and /api/devices.
import { addStrings, t } from './i18n.js';

addStrings({
  vi: {
    'picker.all': 'Tất cả loa',
    'picker.some': 'Chọn nơi phát',
    'picker.zones': 'Cụm loa',
    'picker.areas': 'Địa bàn',
    'picker.devices': 'Loa',
    'picker.no-zones': 'Chưa có cụm nào.',
    'picker.no-areas': 'Chưa có địa bàn nào.',
    'picker.no-devices': 'Chưa có loa nào.',
    'picker.unit': 'loa',
    'picker.online': 'trực tuyến',
    'picker.offline': 'mất kết nối',
    'level.province': 'tỉnh', 'level.district': 'huyện', 'level.commune': 'xã', 'level.village': 'thôn',
  },
  en: {
    'picker.all': 'All speakers',
    'picker.some': 'Choose where',
    'picker.zones': 'Zones',
    'picker.areas': 'Areas',
    'picker.devices': 'Speakers',
    'picker.no-zones': 'No zones yet.',
    'picker.no-areas': 'No areas yet.',
    'picker.no-devices': 'No speakers yet.',
    'picker.unit': 'speakers',
    'picker.online': 'online',
    'picker.offline': 'offline',
    'level.province': 'province', 'level.district': 'district', 'level.commune': 'commune', 'level.village': 'village',
  },
});

export class ApiError extends Error {
  constructor(status, message, problem) {
    super(message);
    this.status = status;
    this.problem = problem;
  }
}

/** Sends the officer to the sign-in page, coming back here afterwards. */
export function goToSignIn() {
  const here = location.pathname.replace(/^.*\//, '') + location.search;
  location.href = 'signin.html' + (here && !here.startsWith('signin.html') ? '?next=' + encodeURIComponent(here) : '');
}

/**
 * fetch() with the session cookie and the X-Requested-With header; a problem answer (RFC 9457) becomes an ApiError
 * with its detail. A 401 (the session ended: signed out elsewhere, expired, password changed) goes back to sign-in
 * unless options.stayOn401 is set (the sign-in page itself).
 */
export async function api(path, options = {}) {
  const headers = new Headers(options.headers || {});
  headers.set('X-Requested-With', 'InfoRadio');
  let body = options.body;
  if (body !== undefined && !(body instanceof FormData) && !(body instanceof Blob) && typeof body !== 'string') {
    body = JSON.stringify(body);
    headers.set('Content-Type', 'application/json');
  }
  let response;
  try {
    response = await fetch(path, { method: options.method || 'GET', headers, body, credentials: 'same-origin' });
  } catch (e) {
    throw new ApiError(0, t('shell.offline'), null);
  }
  const text = await response.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = text; }
  if (!response.ok) {
    const detail = (data && data.detail) || (data && data.title) || response.statusText || ('HTTP ' + response.status);
    if (response.status === 401 && !options.stayOn401) goToSignIn();
    const error = new ApiError(response.status, detail, data);
    error.retryAfter = response.headers.get('Retry-After'); // seconds, on 429 (a locked account)
    throw error;
  }
  return data;
}

/** A WebSocket URL on this host; the session cookie goes with the upgrade (same origin). */
export function socketUrl(path, params) {
  const url = new URL(path, location.href);
  url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') url.searchParams.set(k, v);
  return url.toString();
}

/** A DOM element: el('a', {href, class, onclick}, children…); attributes false/null/undefined are left out. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) node.append(c);
  return node;
}

/** A span whose text follows the language switch. */
export function tx(key, attrs = {}) {
  return el('span', { ...attrs, 'data-i18n': key }, t(key));
}

/** Zones, the administrative tree (flat) and the speakers, as the picker wants them. */
export async function loadTargets() {
  const [zones, areas, devices] = await Promise.all([api('/api/zones'), api('/api/areas?flat=true'), api('/api/devices')]);
  return { zones, areas, devices };
}

const LEVEL_DEPTH = { province: 0, district: 1, commune: 2, village: 3 };

/**
 * A picker of targets: every speaker, or any mix of zones, areas and speakers. value() gives
 * {all, zones, areas, devices}; query() the /api/live query fields (targets, zones, areas).
 */
export function mountTargetPicker(root, { zones, areas, devices }) {
  const scopeAll = el('input', { type: 'radio', name: 'scope', value: 'all', id: 'scope-all', checked: true });
  const scopeSome = el('input', { type: 'radio', name: 'scope', value: 'some', id: 'scope-some' });
  const box = (name, value, label, extra) => el('label', { class: 'check' },
    el('input', { type: 'checkbox', name, value }), ' ', label, extra || null);
  const areaRows = sortAreas(areas).map(a => {
    const row = box('area', a.code, a.name, el('span', { class: 'hint' }, ' ', tx('level.' + a.level), ` · ${a.code}`));
    row.style.paddingLeft = (LEVEL_DEPTH[a.level] ?? 0) * 1.2 + 'em';
    return row;
  });
  const groups = el('div', { class: 'target-groups', id: 'target-groups', hidden: true },
    el('fieldset', {}, el('legend', {}, tx('picker.zones')),
      zones.length ? zones.map(z => box('zone', z.id, z.name, el('span', { class: 'hint' }, ` (${z.devices.length} `, tx('picker.unit'), ')')))
        : el('p', { class: 'hint' }, tx('picker.no-zones'))),
    el('fieldset', {}, el('legend', {}, tx('picker.areas')),
      areaRows.length ? areaRows : el('p', { class: 'hint' }, tx('picker.no-areas'))),
    el('fieldset', {}, el('legend', {}, tx('picker.devices')),
      devices.length ? devices.map(d => box('device', d.id, d.name || d.id,
        el('span', { class: d.online ? 'dot online' : 'dot offline', 'data-i18n-title': d.online ? 'picker.online' : 'picker.offline',
          title: t(d.online ? 'picker.online' : 'picker.offline') }))) : el('p', { class: 'hint' }, tx('picker.no-devices'))));
  const sync = () => { groups.hidden = !scopeSome.checked; };
  scopeAll.addEventListener('change', sync);
  scopeSome.addEventListener('change', sync);
  root.replaceChildren(
    el('div', { class: 'scope' },
      el('label', { class: 'check' }, scopeAll, ' ', tx('picker.all')),
      el('label', { class: 'check' }, scopeSome, ' ', tx('picker.some'))),
    groups);
  const checked = name => [...root.querySelectorAll(`input[name=${name}]:checked`)].map(i => i.value);
  const value = () => scopeAll.checked
    ? { all: true, zones: [], areas: [], devices: [] }
    : { all: false, zones: checked('zone'), areas: checked('area'), devices: checked('device') };
  return {
    value,
    isEmpty() { const v = value(); return !v.all && !v.zones.length && !v.areas.length && !v.devices.length; },
    query() {
      const v = value();
      if (v.all) return { targets: 'all' };
      return { targets: v.devices.join(','), zones: v.zones.join(','), areas: v.areas.join(',') };
    },
    setDisabled(disabled) { root.querySelectorAll('input').forEach(i => { i.disabled = disabled; }); },
  };
}

/** Parents before children, siblings by code, so the list reads as a tree. */
function sortAreas(areas) {
  const byParent = new Map();
  for (const a of areas) {
    const key = a.parent || '';
    if (!byParent.has(key)) byParent.set(key, []);
    byParent.get(key).push(a);
  }
  const codes = new Set(areas.map(a => a.code));
  const out = [];
  const walk = (parent) => {
    for (const a of (byParent.get(parent) || []).sort((x, y) => x.code.localeCompare(y.code))) { out.push(a); walk(a.code); }
  };
  walk('');
  for (const a of areas) if (a.parent && !codes.has(a.parent) && !out.includes(a)) { out.push(a); walk(a.code); }
  return out;
}
