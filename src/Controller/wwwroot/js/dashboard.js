// The dashboard: speaker clusters per village (online, offline, faulty), what is playing where, and the active
// alarms. It reads what the signed-in user may see (a commune's broadcaster sees that commune) and refreshes itself.
import { api, el, tx } from './api.js';
import { explain, startPage } from './console.js';
import { addStrings, formatTime, t } from './i18n.js';
import { areaIndex, deviceState, placeOf } from './fleet.js';

addStrings({
  vi: {
    'dash.page-title': 'Tổng quan · InfoRadio', 'dash.title': 'Tổng quan', 'dash.updated': 'Cập nhật lúc',
    'dash.total': 'Cụm loa', 'dash.online': 'Hoạt động', 'dash.offline': 'Mất kết nối', 'dash.faulty': 'Có sự cố',
    'dash.playing': 'Đang phát', 'dash.alarms': 'Cảnh báo đang có', 'dash.villages': 'Cụm loa theo thôn',
    'dash.villages-help': 'Có sự cố: loa đang có cảnh báo (hỏng loa, hỏng âm ly, mất điện lưới, quá nhiệt, sóng yếu).',
    'dash.nothing-playing': 'Không có chương trình nào đang phát.',
    'dash.no-alarms': 'Không có cảnh báo nào.',
    'dash.no-devices': 'Chưa có cụm loa nào trong địa bàn của bạn.',
    'dash.on-speakers': 'trên {count} loa',
    'dash.since': 'từ {time}',
    'dash.raised': 'Lúc',
    'dash.device': 'Loa', 'dash.kind': 'Loại', 'dash.detail': 'Chi tiết', 'dash.where': 'Nơi',
    'dash.session': 'đang phát',
    'profile.live': 'trực tiếp', 'profile.program': 'chương trình', 'profile.emergency': 'khẩn cấp', 'profile.relay': 'tiếp sóng',
  },
  en: {
    'dash.page-title': 'Dashboard · InfoRadio', 'dash.title': 'Dashboard', 'dash.updated': 'Updated at',
    'dash.total': 'Clusters', 'dash.online': 'Online', 'dash.offline': 'Offline', 'dash.faulty': 'Faulty',
    'dash.playing': 'Playing now', 'dash.alarms': 'Active alarms', 'dash.villages': 'Clusters by village',
    'dash.villages-help': 'Faulty: the speaker has an active alarm (speaker or amplifier fault, mains lost, overheating, weak signal).',
    'dash.nothing-playing': 'Nothing is playing.',
    'dash.no-alarms': 'No alarms.',
    'dash.no-devices': 'No speaker clusters in your area yet.',
    'dash.on-speakers': 'on {count} speakers',
    'dash.since': 'since {time}',
    'dash.raised': 'Raised',
    'dash.device': 'Speaker', 'dash.kind': 'Kind', 'dash.detail': 'Detail', 'dash.where': 'Where',
    'dash.session': 'playing',
    'profile.live': 'live', 'profile.program': 'program', 'profile.emergency': 'emergency', 'profile.relay': 'relay',
  },
});

const $ = (id) => document.getElementById(id);
const REFRESH_MS = 5000;
let last = null;

async function load() {
  const [devices, areas, alarms, broadcasts] = await Promise.all([
    api('/api/devices'), api('/api/areas?flat=true'), api('/api/alarms?active=true'), api('/api/broadcasts?limit=50')]);
  return { devices: devices.filter(d => !d.revoked), areas: areaIndex(areas), alarms, broadcasts, at: new Date() };
}

function render(data) {
  const { devices, areas, alarms, broadcasts } = data;
  const states = new Map(devices.map(d => [d.id, deviceState(d, alarms)]));
  const count = (s) => [...states.values()].filter(v => v === s).length;
  $('count-total').textContent = devices.length;
  $('count-online').textContent = count('online');
  $('count-offline').textContent = count('offline');
  $('count-faulty').textContent = count('faulty');
  $('updated').textContent = formatTime(data.at, { timeStyle: 'medium' });
  renderPlaying(broadcasts, devices, areas);
  renderAlarms(alarms, devices, areas);
  renderVillages(devices, areas, states);
}

function renderPlaying(broadcasts, devices, areas) {
  const known = new Map(devices.map(d => [d.id, d]));
  const now = broadcasts.filter(b => b.state === 'playing' || b.state === 'pending');
  $('playing').replaceChildren(now.length === 0 ? el('p', { class: 'hint' }, tx('dash.nothing-playing')) :
    el('ul', { class: 'plain' }, now.map(b => {
      const where = [...new Set(b.devices.map(d => known.get(d.id)).filter(Boolean).map(d => placeOf(d, areas).villageName))];
      return el('li', { class: 'playing-item', 'data-broadcast': b.id },
        el('span', { class: 'badge playing' }, tx('state.' + b.state)), ' ', el('b', {}, b.title),
        el('span', { class: 'hint' }, ' · ', tx('profile.' + b.profile), ' · ', t('dash.on-speakers', { count: b.devices.length }),
          b.startedAt ? ' · ' + t('dash.since', { time: formatTime(b.startedAt, { timeStyle: 'short' }) }) : ''),
        where.length ? el('div', { class: 'hint' }, where.join(', ')) : null);
    })));
}

function renderAlarms(alarms, devices, areas) {
  const known = new Map(devices.map(d => [d.id, d]));
  $('alarms').replaceChildren(alarms.length === 0 ? el('p', { class: 'hint' }, tx('dash.no-alarms')) :
    el('div', { class: 'table-wrap' }, el('table', { id: 'alarm-table' },
      el('thead', {}, el('tr', {}, ['dash.device', 'dash.where', 'dash.kind', 'dash.raised', 'dash.detail'].map(k => el('th', {}, tx(k))))),
      el('tbody', {}, alarms.map(a => {
        const device = known.get(a.deviceId);
        return el('tr', { 'data-alarm': a.id },
          el('td', {}, device?.name || a.deviceId),
          el('td', {}, device ? placeOf(device, areas).villageName : ''),
          el('td', {}, el('span', { class: 'badge alarm' }, tx('alarm.' + a.kind))),
          el('td', {}, formatTime(a.raisedAt)),
          el('td', { class: 'hint' }, a.detail));
      })))));
}

function renderVillages(devices, areas, states) {
  if (devices.length === 0) { $('villages').replaceChildren(el('p', { class: 'hint' }, tx('dash.no-devices'))); return; }
  const groups = new Map();
  for (const d of devices) {
    const place = placeOf(d, areas);
    if (!groups.has(place.key)) groups.set(place.key, { place, devices: [] });
    groups.get(place.key).devices.push(d);
  }
  const sorted = [...groups.values()].sort((a, b) => a.place.sortKey.localeCompare(b.place.sortKey));
  $('villages').replaceChildren(...sorted.map(({ place, devices: list }) => {
    const tally = (s) => list.filter(d => states.get(d.id) === s).length;
    const worst = tally('faulty') ? 'faulty' : tally('offline') ? 'offline' : 'online';
    return el('article', { class: 'village ' + worst, 'data-village': place.code || '' },
      el('h3', {}, place.villageName, place.communeName ? el('span', { class: 'hint' }, ' · ' + place.communeName) : null),
      el('p', { class: 'tally' },
        el('span', { class: 'badge online' }, `${tally('online')} `, tx('state.online')), ' ',
        el('span', { class: 'badge offline' }, `${tally('offline')} `, tx('state.offline')), ' ',
        el('span', { class: 'badge faulty' }, `${tally('faulty')} `, tx('state.faulty'))),
      el('ul', { class: 'plain speakers' }, list.sort((a, b) => a.id.localeCompare(b.id)).map(d =>
        el('li', { 'data-device': d.id, 'data-state': states.get(d.id) },
          el('span', { class: 'dot ' + (states.get(d.id) === 'online' ? 'online' : 'offline') + (states.get(d.id) === 'faulty' ? ' faulty' : '') }),
          ' ', d.name || d.id, ' ', el('span', { class: 'badge ' + states.get(d.id) }, tx('state.' + states.get(d.id))),
          d.session ? el('span', { class: 'hint' }, ' · ', tx('dash.session')) : null))));
  }));
}

async function refresh() {
  try {
    last = await load();
    render(last);
    $('dash-error').textContent = '';
  } catch (e) {
    $('dash-error').textContent = explain(e);
  }
}

startPage('index').then(async () => {
  await refresh();
  setInterval(refresh, REFRESH_MS);
  // Counts and names are data; the words around them follow the language at once.
  document.addEventListener('langchange', () => { if (last) render(last); });
});
