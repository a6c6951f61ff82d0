// The technician's view: boxes asking to join (approve into a village and zones, or reject), the speakers with their
// telemetry and the settings version they run, and each speaker's settings. Viewers and broadcasters see the lists;
// deciding and changing settings needs a technician or an admin (the server checks it too).
import { api, el, tx } from './api.js';
import { explain, hasRole, say, startPage } from './console.js';
import { formatTime, t } from './i18n.js';
import { areaIndex, deviceState, placeOf } from './fleet.js';
import './devices-strings.js';

const $ = (id) => document.getElementById(id);
const REFRESH_MS = 10000;
let me = null;
let data = null;
let editing = null;

async function load() {
  const [devices, areas, zones, alarms, pending] = await Promise.all([
    api('/api/devices'), api('/api/areas?flat=true'), api('/api/zones'), api('/api/alarms?active=true'), api('/api/enrollments?state=pending')]);
  const configs = await Promise.all(devices.map(d => api(`/api/devices/${encodeURIComponent(d.id)}/config`).catch(() => null)));
  return { devices, areas: areaIndex(areas), areaList: areas, zones, alarms, pending, configs: new Map(devices.map((d, i) => [d.id, configs[i]])) };
}

function renderEnrollments() {
  const root = $('enrollments');
  if (root.contains(document.activeElement)) return; // never pull a half-filled form from under the technician
  const mayDecide = hasRole(me, 'technician', 'admin');
  if (data.pending.length === 0) { root.replaceChildren(el('p', { class: 'hint' }, tx('dev.no-pending'))); return; }
  const villages = data.areaList.filter(a => a.level === 'village').sort((a, b) => a.code.localeCompare(b.code));
  root.replaceChildren(...data.pending.map(e => {
    const facts = el('p', {}, el('b', {}, e.serial), el('span', { class: 'hint' },
      ` · ${e.firmware || ''} · IMEI ${e.imei || '—'} · `, tx('dev.first-seen'), ' ', formatTime(e.firstSeenAt), ' · ', tx('dev.key'), ' ', e.keyFingerprint || '—'),
      e.conflict ? el('div', { class: 'error' }, tx('dev.conflict')) : null);
    if (!mayDecide) return el('article', { class: 'enrollment', 'data-serial': e.serial }, facts);
    const village = el('select', { class: 'enr-village', 'aria-label': t('dev.village') },
      el('option', { value: '', 'data-i18n': 'dev.choose-village' }, t('dev.choose-village')),
      villages.map(v => el('option', { value: v.code, selected: v.code === e.village }, `${v.name} (${v.code})`)));
    const zones = el('div', { class: 'enr-zones' }, data.zones.filter(z => z.id !== 'all').map(z =>
      el('label', { class: 'inline' }, el('input', { type: 'checkbox', value: z.id, checked: e.zones.includes(z.id) }), z.name)));
    const id = el('input', { type: 'text', class: 'enr-id', value: e.deviceId || '', placeholder: e.serial.toLowerCase() });
    const name = el('input', { type: 'text', class: 'enr-name', value: e.name || '' });
    const reason = el('input', { type: 'text', class: 'enr-reason', maxlength: 200 });
    const message = el('p', { class: 'enr-message', role: 'status' });
    const approve = el('button', { type: 'button', class: 'approve' }, tx('dev.approve'));
    const reject = el('button', { type: 'button', class: 'reject secondary' }, tx('dev.reject'));
    approve.addEventListener('click', () => decide(e, 'approve', {
      id: id.value.trim() || null, name: name.value.trim() || null, village: village.value || null,
      zones: [...zones.querySelectorAll('input:checked')].map(i => i.value),
    }, message));
    reject.addEventListener('click', () => decide(e, 'reject', { reason: reason.value.trim() || null }, message));
    return el('article', { class: 'enrollment card', 'data-serial': e.serial }, facts,
      el('div', { class: 'form-grid' },
        el('label', {}, tx('dev.new-id'), id), el('label', {}, tx('dev.new-name'), name),
        el('label', {}, tx('dev.village'), village)),
      el('fieldset', {}, el('legend', {}, tx('dev.zones')), zones),
      el('div', { class: 'buttons' }, approve, el('label', { class: 'inline' }, tx('dev.reject-reason'), reason), reject),
      message);
  }));
}

async function decide(enrollment, action, body, message) {
  try {
    const view = await api(`/api/enrollments/${encodeURIComponent(enrollment.serial)}/${action}`, { method: 'POST', body });
    say($('dev-error'), '');
    document.activeElement?.blur();
    await refresh();
    say($('dev-error'), action === 'approve' ? t('dev.approved', { serial: view.serial, id: view.deviceId }) : t('dev.rejected', { serial: view.serial }));
  } catch (e) {
    say(message, explain(e), true);
  }
}

function telemetryCells(d) {
  const m = d.lastTelemetry || {};
  const fault = (v) => v ? t('dev.fault.' + v) : '—';
  return [
    el('td', {}, [m.network, m.signalDbm != null ? `${m.signalDbm} dBm` : null].filter(Boolean).join(' · ') || '—'),
    el('td', {}, m.mainsLost == null ? '—' : (m.mainsLost ? t('dev.mains-lost') : t('dev.mains-ok')) + (m.supplyVolts != null ? ` · ${m.supplyVolts} V` : '')),
    el('td', {}, m.temperatureC != null ? `${m.temperatureC} °C` : '—'),
    el('td', {}, `${fault(m.speakerFault)} / ${fault(m.amplifierFault)}`),
  ];
}

function configText(config) {
  if (!config) return '—';
  if (config.version === 0) return t('dev.config-none');
  const applied = config.appliedVersion === config.version
    ? t('dev.config-applied', { version: config.appliedVersion })
    : t('dev.config-waiting', { version: config.version });
  return `${t('dev.config-version', { version: config.version })} · ${applied}`;
}

function renderDevices() {
  const filter = $('dev-filter').value.trim().toLowerCase();
  const mayEdit = hasRole(me, 'technician', 'admin');
  const rows = data.devices.map(d => ({ d, place: placeOf(d, data.areas), state: deviceState(d, data.alarms) }))
    .filter(({ d, place }) => !filter || [d.id, d.name, place.villageName, place.communeName].some(v => (v || '').toLowerCase().includes(filter)))
    .sort((a, b) => a.place.sortKey.localeCompare(b.place.sortKey) || a.d.id.localeCompare(b.d.id));
  if (data.devices.length === 0) { $('devices').replaceChildren(el('p', { class: 'hint' }, tx('dev.no-devices'))); return; }
  const heads = ['dev.name', 'dev.where', 'dev.state', 'dev.network', 'dev.power', 'dev.temperature', 'dev.faults', 'dev.firmware', 'dev.last-seen', 'dev.config'];
  $('devices').replaceChildren(el('table', { id: 'device-table' },
    el('thead', {}, el('tr', {}, heads.map(k => el('th', {}, tx(k))))),
    el('tbody', {}, rows.map(({ d, place, state }) => {
      const config = data.configs.get(d.id);
      const edit = mayEdit && !d.revoked ? el('button', { type: 'button', class: 'edit-config secondary', 'data-device': d.id }, tx('dev.edit')) : null;
      edit?.addEventListener('click', () => openConfig(d));
      return el('tr', { 'data-device': d.id, 'data-state': state },
        el('td', {}, el('b', {}, d.name || d.id), el('div', { class: 'hint' }, d.id)),
        el('td', {}, place.villageName, place.communeName ? el('div', { class: 'hint' }, place.communeName) : null),
        el('td', {}, el('span', { class: 'badge ' + state }, tx('state.' + state)), d.revoked ? el('div', { class: 'error' }, tx('dev.revoked')) : null),
        ...telemetryCells(d),
        el('td', {}, d.firmware || '—'),
        el('td', {}, formatTime(d.lastSeen)),
        el('td', { class: 'config-cell' }, el('span', { class: 'config-version' }, configText(config)), ' ', edit));
    }))));
}

const FIELDS = [
  ['config-volume', c => c.volume, v => ({ volume: v })],
  ['config-telemetry', c => c.telemetryIntervalS, v => ({ telemetryIntervalS: v })],
  ['config-power-on', c => c.relays.powerOnDelayMs, v => ({ relays: { powerOnDelayMs: v } })],
  ['config-amp-on', c => c.relays.amplifierOnDelayMs, v => ({ relays: { amplifierOnDelayMs: v } })],
  ['config-amp-off', c => c.relays.amplifierOffDelayMs, v => ({ relays: { amplifierOffDelayMs: v } })],
  ['config-power-off', c => c.relays.powerOffDelayMs, v => ({ relays: { powerOffDelayMs: v } })],
];

async function openConfig(device) {
  say($('config-error'), '');
  try {
    const view = await api(`/api/devices/${encodeURIComponent(device.id)}/config`);
    editing = view;
    $('config-device').textContent = device.name || device.id;
    $('config-version').textContent = configText(view);
    for (const [id, get] of FIELDS) $(id).value = get(view.config);
    $('config-emergency-volume').value = view.config.emergencyVolume ?? '';
    $('config-profile').value = view.config.latencyProfile;
    $('config-dialog').showModal();
  } catch (e) {
    say($('dev-error'), explain(e), true);
  }
}

/** Only what changed goes to the server: each field sent becomes part of the device's next settings version. */
function patchOf(view) {
  const patch = {};
  for (const [id, get, make] of FIELDS) {
    const value = Number($(id).value);
    if ($(id).value !== '' && value !== get(view.config)) {
      const part = make(value);
      if (part.relays) patch.relays = { ...(patch.relays || {}), ...part.relays };
      else Object.assign(patch, part);
    }
  }
  const emergency = $('config-emergency-volume').value;
  if (emergency === '' && view.config.emergencyVolume != null) patch.clearEmergencyVolume = true;
  else if (emergency !== '' && Number(emergency) !== view.config.emergencyVolume) patch.emergencyVolume = Number(emergency);
  if ($('config-profile').value !== view.config.latencyProfile) patch.latencyProfile = $('config-profile').value;
  return patch;
}

async function saveConfig(e) {
  e.preventDefault();
  if (!editing) return;
  const patch = patchOf(editing);
  if (Object.keys(patch).length === 0) { say($('config-error'), t('dev.nothing-changed'), true); return; }
  try {
    const view = await api(`/api/devices/${encodeURIComponent(editing.deviceId)}/config`, { method: 'PUT', body: patch });
    $('config-dialog').close();
    say($('dev-error'), t('dev.config-saved', { version: view.version, id: view.deviceId }));
    editing = null;
    await refresh();
  } catch (ex) {
    say($('config-error'), explain(ex), true);
  }
}

async function refresh() {
  try {
    data = await load();
    renderEnrollments();
    renderDevices();
  } catch (e) {
    say($('dev-error'), explain(e), true);
  }
}

startPage('devices').then(async (who) => {
  me = who;
  $('dev-filter').addEventListener('input', () => data && renderDevices());
  $('config-form').addEventListener('submit', saveConfig);
  $('config-cancel').addEventListener('click', () => { $('config-dialog').close(); editing = null; });
  document.addEventListener('langchange', () => { if (data) { renderDevices(); renderEnrollments(); } });
  await refresh();
  setInterval(() => { if (!$('config-dialog').open) refresh(); }, REFRESH_MS);
});
