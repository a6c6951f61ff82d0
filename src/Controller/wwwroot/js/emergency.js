// The emergency page: a guarded button (a confirmation that says how many speakers it will reach) and the live reach
// report, polled every second until the emergency ends, with the share of speakers that actually played it.
import { api, el, loadTargets, mountTargetPicker } from './api.js';
import { explain, say, startPage } from './console.js';
import { formatTime, t } from './i18n.js';
import { areaIndex, isUnder } from './fleet.js';
import './emergency-strings.js';

const $ = (id) => document.getElementById(id);
let targets = null;
let picker = null;
let current = null;
let lastReport = null;
let pollTimer = null;
let pending = null;

const radio = (name) => document.querySelector(`input[name=${name}]:checked`).value;

/** The speakers a choice reaches, as far as this user can see them (the server resolves the same choice). */
function reachOf(choice) {
  const devices = targets.devices.filter(d => !d.revoked);
  if (choice.all) return devices;
  const areas = areaIndex(targets.areas);
  const zoneMembers = new Set(targets.zones.filter(z => choice.zones.includes(z.id)).flatMap(z => z.devices));
  return devices.filter(d => choice.devices.includes(d.id) || zoneMembers.has(d.id)
    || (d.villageCode && choice.areas.some(a => isUnder(d.villageCode, a, areas))));
}

function bodyOf(choice) {
  const body = { title: $('title').value.trim(), repeat: Number($('repeat').value) || 1, origin: $('origin').value };
  body.targets = choice.all ? 'all'
    : Object.fromEntries(Object.entries({ areas: choice.areas, zones: choice.zones, devices: choice.devices }).filter(([, list]) => list.length));
  if (radio('kind') === 'media') body.mediaId = $('media').value;
  else { body.text = $('text').value.trim(); body.voice = $('voice').value; }
  return body;
}

function ask(e) {
  e.preventDefault();
  const error = $('error');
  say(error, '');
  const choice = picker.value();
  if (!$('title').value.trim()) return say(error, t('em.need-title'), true);
  if (radio('kind') === 'text' && !$('text').value.trim()) return say(error, t('em.need-text'), true);
  if (radio('kind') === 'media' && !$('media').value) return say(error, t('em.need-media'), true);
  if (picker.isEmpty()) return say(error, t('em.need-target'), true);
  const reach = reachOf(choice);
  if (reach.length === 0) return say(error, t('em.no-speakers'), true);
  pending = bodyOf(choice);
  $('confirm-text').textContent = t('em.confirm-text', {
    title: pending.title, count: reach.length, online: reach.filter(d => d.online).length, repeat: pending.repeat });
  $('confirm-dialog').showModal();
  $('confirm-cancel').focus(); // the safe choice has the focus: Enter alone does not start an emergency
}

async function go() {
  $('confirm-dialog').close();
  if (!pending) return;
  const body = pending;
  pending = null;
  $('go').disabled = true;
  try {
    const created = await api('/api/emergencies', { method: 'POST', body });
    current = created.report;
    show(created.emergency);
    clearInterval(pollTimer);
    pollTimer = setInterval(poll, 1000);
  } catch (err) {
    say($('error'), t('em.failed', { message: explain(err) }), true);
  } finally {
    $('go').disabled = false;
  }
}

async function stop() {
  if (!current || !window.confirm(t('em.stop-confirm'))) return;
  try { await api(current, { method: 'DELETE' }); await poll(); } catch (err) { say($('error'), explain(err), true); }
}

async function poll() {
  if (!current) return;
  try {
    const report = await api(current);
    show(report);
    if (report.state !== 'active') clearInterval(pollTimer);
  } catch (err) { say($('error'), explain(err), true); }
}

function show(r) {
  lastReport = r;
  $('report').hidden = false;
  $('r-title').textContent = r.title;
  $('r-state').textContent = t('em.state.' + r.state) + (r.reason ? ' — ' + r.reason : '');
  $('stop').hidden = r.state !== 'active';
  const c = r.counts;
  const percent = c.targeted ? Math.round(100 * c.reached / c.targeted) : 0;
  $('c-percent').textContent = percent + '%';
  $('reach-fill').style.width = percent + '%';
  $('reach-bar').setAttribute('aria-valuenow', String(percent));
  for (const [id, value] of [['c-reached', c.reached], ['c-targeted', c.targeted], ['c-not', c.notReached], ['c-offline', c.offline],
    ['c-retried', c.retried], ['c-finished', c.finished]]) $(id).textContent = value;
  const names = new Map((targets?.devices || []).map(d => [d.id, d.name || d.id]));
  $('rows').replaceChildren(...r.devices.map(d => el('tr', { class: d.reached ? 'reached' : d.status, 'data-device': d.id },
    el('td', {}, names.get(d.id) || d.id),
    el('td', { class: 'st' }, (d.reached && d.status !== 'finished' && d.status !== 'playing' ? t('em.reached-then') : '') + t('em.status.' + d.status)),
    el('td', {}, formatTime(d.reachedAt, { timeStyle: 'medium' })),
    el('td', {}, d.reachedMs ?? ''),
    el('td', {}, t(d.onlineAtStart ? 'common.yes' : 'common.no')),
    el('td', {}, d.retries || ''),
    el('td', {}, d.reason || ''))));
}

function syncKind() {
  $('media-box').hidden = radio('kind') !== 'media';
  $('text-box').hidden = radio('kind') !== 'text';
}

startPage('emergency').then(async () => {
  $('form').hidden = false;
  document.querySelectorAll('input[name=kind]').forEach(r => r.addEventListener('change', syncKind));
  $('form').addEventListener('submit', ask);
  $('confirm-go').addEventListener('click', go);
  $('confirm-cancel').addEventListener('click', () => { pending = null; $('confirm-dialog').close(); });
  $('stop').addEventListener('click', stop);
  document.addEventListener('langchange', () => { if (lastReport) show(lastReport); });
  try {
    const [loaded, media] = await Promise.all([loadTargets(), api('/api/media').catch(() => [])]);
    targets = loaded;
    picker = mountTargetPicker($('targets'), targets);
    $('media').replaceChildren(...media.map(m => el('option', { value: m.id }, `${m.title} (${Math.round(m.durationSeconds)} s)`)));
  } catch (e) {
    say($('error'), explain(e), true);
  }
});
