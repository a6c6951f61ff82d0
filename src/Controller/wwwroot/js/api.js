// Shared by the console's pages: sign-in with a bearer token kept in sessionStorage (gone when the tab closes),
// requests that carry it, and a picker of targets fed by /api/zones, /api/areas and /api/devices.

const TOKEN_KEY = 'inforadio.token';

export class ApiError extends Error {
  constructor(status, message, problem) {
    super(message);
    this.status = status;
    this.problem = problem;
  }
}

export function getToken() {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function signOut() {
  sessionStorage.removeItem(TOKEN_KEY);
}

/** fetch() with the signed-in user's token; a problem answer (RFC 9457) becomes an ApiError with its detail. */
export async function api(path, options = {}) {
  const token = options.token ?? getToken();
  const headers = new Headers(options.headers || {});
  if (token) headers.set('Authorization', 'Bearer ' + token);
  let body = options.body;
  if (body !== undefined && !(body instanceof FormData) && typeof body !== 'string') {
    body = JSON.stringify(body);
    headers.set('Content-Type', 'application/json');
  }
  const response = await fetch(path, { method: options.method || 'GET', headers, body });
  const text = await response.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = text; }
  if (!response.ok) {
    const detail = (data && data.detail) || (data && data.title) || response.statusText;
    throw new ApiError(response.status, detail, data);
  }
  return data;
}

/** Checks a token (any signed-in user may read the zones) and keeps it for this tab. */
export async function signIn(token) {
  token = token.trim();
  if (!token) throw new ApiError(0, 'Hãy nhập mã truy cập (access token).');
  await api('/api/zones', { token });
  sessionStorage.setItem(TOKEN_KEY, token);
}

/** A WebSocket URL on this host; the token goes in the query because a browser cannot set headers on a WebSocket. */
export function socketUrl(path, params) {
  const url = new URL(path, location.href);
  url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') url.searchParams.set(k, v);
  url.searchParams.set('access_token', getToken() || '');
  return url.toString();
}

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) node.append(c);
  return node;
}

/**
 * Shows a sign-in form in `root` until a token works, then calls onReady(); a "sign out" button goes in `bar`.
 * A token that stops working (401 later) brings the form back through requireSignIn().
 */
export function mountSignIn(root, bar, onReady) {
  const show = () => {
    root.replaceChildren();
    bar.replaceChildren();
    if (getToken()) {
      bar.append(el('button', { type: 'button', class: 'secondary', id: 'sign-out', onclick: () => { signOut(); location.reload(); } },
        'Đăng xuất'));
      onReady();
      return;
    }
    const input = el('input', { id: 'token', type: 'password', autocomplete: 'current-password', required: true,
      placeholder: 'Mã truy cập', 'aria-label': 'Mã truy cập (access token)' });
    const error = el('p', { class: 'error', id: 'sign-in-error', role: 'alert' });
    const form = el('form', { class: 'card', id: 'sign-in' },
      el('h2', {}, 'Đăng nhập ', el('span', { class: 'hint' }, 'Sign in')),
      el('label', { for: 'token' }, 'Mã truy cập ', el('span', { class: 'hint' }, 'access token')),
      input,
      el('button', { type: 'submit' }, 'Đăng nhập'),
      error);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      error.textContent = '';
      try {
        await signIn(input.value);
        show();
      } catch (ex) {
        error.textContent = ex.status === 401 ? 'Mã truy cập không đúng.' : 'Không đăng nhập được: ' + ex.message;
      }
    });
    root.append(form);
    input.focus();
  };
  show();
}

/** Zones, the administrative tree (flat) and the speakers, as the picker wants them. */
export async function loadTargets() {
  const [zones, areas, devices] = await Promise.all([api('/api/zones'), api('/api/areas?flat=true'), api('/api/devices')]);
  return { zones, areas, devices };
}

const LEVEL_DEPTH = { province: 0, district: 1, commune: 2, village: 3 };
const LEVEL_NAME = { province: 'tỉnh', district: 'huyện', commune: 'xã', village: 'thôn' };

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
    const row = box('area', a.code, a.name, el('span', { class: 'hint' }, ` ${LEVEL_NAME[a.level] || a.level} · ${a.code}`));
    row.style.paddingLeft = (LEVEL_DEPTH[a.level] ?? 0) * 1.2 + 'em';
    return row;
  });
  const groups = el('div', { class: 'target-groups', id: 'target-groups', hidden: true },
    el('fieldset', {}, el('legend', {}, 'Cụm loa ', el('span', { class: 'hint' }, 'zones')),
      zones.length ? zones.map(z => box('zone', z.id, z.name, el('span', { class: 'hint' }, ` (${z.devices.length} loa)`))) : el('p', { class: 'hint' }, 'Chưa có cụm nào.')),
    el('fieldset', {}, el('legend', {}, 'Địa bàn ', el('span', { class: 'hint' }, 'areas')),
      areaRows.length ? areaRows : el('p', { class: 'hint' }, 'Chưa có địa bàn nào.')),
    el('fieldset', {}, el('legend', {}, 'Loa ', el('span', { class: 'hint' }, 'speakers')),
      devices.length ? devices.map(d => box('device', d.id, d.name || d.id,
        el('span', { class: d.online ? 'dot online' : 'dot offline', title: d.online ? 'trực tuyến' : 'mất kết nối' }))) : el('p', { class: 'hint' }, 'Chưa có loa nào.')));
  const sync = () => { groups.hidden = !scopeSome.checked; };
  scopeAll.addEventListener('change', sync);
  scopeSome.addEventListener('change', sync);
  root.replaceChildren(
    el('div', { class: 'scope' },
      el('label', { class: 'check' }, scopeAll, ' Tất cả loa ', el('span', { class: 'hint' }, 'all speakers')),
      el('label', { class: 'check' }, scopeSome, ' Chọn nơi phát ', el('span', { class: 'hint' }, 'choose'))),
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
