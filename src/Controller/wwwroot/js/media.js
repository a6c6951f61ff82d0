// The media library page: the list with a player, upload of WAV/MP3 with progress, and composing a bulletin with
// text-to-speech (listen first through POST /api/tts/preview, which keeps nothing; save with POST /api/tts).
import { api, ApiError, el, goToSignIn } from './api.js';
import { explain, hasRole, say, startPage } from './console.js';
import { formatTime, t } from './i18n.js';
import './media-strings.js';
import { mountTtsOptions } from './tts-options.js';

const $ = id => document.getElementById(id);

/** 0:07, 12:30, 1:02:03: how long an item plays. */
export function formatDuration(seconds) {
  const total = Math.max(0, Math.round(seconds));
  const h = Math.floor(total / 3600), m = Math.floor((total % 3600) / 60), s = total % 60;
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m);
  return (h > 0 ? h + ':' : '') + mm + ':' + String(s).padStart(2, '0');
}

let me = null;
let items = [];
let previewUrl = null;

async function loadLibrary() {
  try {
    items = await api('/api/media');
    renderLibrary();
  } catch (e) {
    say($('library-status'), explain(e), true);
  }
}

function renderLibrary() {
  const canWrite = hasRole(me, 'broadcaster', 'admin');
  const list = $('media-list');
  const newestFirst = [...items].sort((a, b) => (b.uploadedAt || '').localeCompare(a.uploadedAt || ''));
  list.replaceChildren(...newestFirst.map(m => el('li', { class: 'media-item', 'data-id': m.id },
    el('div', { class: 'media-main' },
      el('span', { class: 'media-title' }, m.title),
      el('span', { class: 'media-meta hint' },
        el('span', { class: 'media-duration' }, formatDuration(m.durationSeconds)), ' · ', m.format.toUpperCase(), ' · ',
        m.uploader === 'tts' ? t('media.library.speech') : t('media.library.by', { name: m.uploader }), ' · ',
        formatTime(m.uploadedAt, { dateStyle: 'short', timeStyle: 'short' }))),
    el('div', { class: 'buttons' },
      el('button', { type: 'button', class: 'secondary play', onclick: () => play(m) }, '▶ ' + t('media.library.play')),
      canWrite ? el('button', { type: 'button', class: 'secondary delete', onclick: () => remove(m) }, t('media.library.delete')) : null))));
  $('media-empty').hidden = items.length > 0;
}

function play(item) {
  const player = $('media-player');
  player.hidden = false;
  player.src = '/api/media/' + encodeURIComponent(item.id) + '/audio';
  $('player-title').textContent = t('media.library.now-playing', { title: item.title });
  player.play().catch(() => { /* the browser may want a second tap; the controls are there */ });
}

async function remove(item) {
  if (!confirm(t('media.library.confirm-delete', { title: item.title }))) return;
  try {
    await api('/api/media/' + encodeURIComponent(item.id), { method: 'DELETE' });
    say($('library-status'), t('media.library.deleted', { title: item.title }));
    await loadLibrary();
  } catch (e) {
    say($('library-status'), e instanceof ApiError && e.status === 409
      ? t('media.library.in-use', { title: item.title, detail: e.message }) : explain(e), true);
  }
}

/** XMLHttpRequest rather than fetch: only it reports how much of the body has gone out. */
function uploadWithProgress(form, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/media');
    xhr.setRequestHeader('X-Requested-With', 'InfoRadio');
    xhr.withCredentials = true;
    xhr.upload.addEventListener('progress', e => { if (e.lengthComputable) onProgress(e.loaded / e.total); });
    xhr.upload.addEventListener('load', () => onProgress(1));
    xhr.addEventListener('load', () => {
      let data = null;
      try { data = xhr.responseText ? JSON.parse(xhr.responseText) : null; } catch { data = xhr.responseText; }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(data);
      if (xhr.status === 401) goToSignIn();
      reject(new ApiError(xhr.status, (data && (data.detail || data.title)) || xhr.statusText || 'HTTP ' + xhr.status, data));
    });
    xhr.addEventListener('error', () => reject(new ApiError(0, t('shell.offline'), null)));
    xhr.send(form);
  });
}

async function upload(e) {
  e.preventDefault();
  const status = $('upload-status');
  const file = $('upload-file').files[0];
  if (!file) return say(status, t('media.upload.choose'), true);
  if (!/\.(wav|mp3)$/i.test(file.name) && !/^audio\/(wav|x-wav|wave|mpeg|mp3)$/i.test(file.type)) {
    return say(status, t('media.upload.wrong-type', { name: file.name }), true);
  }
  const form = new FormData();
  form.append('file', file, file.name);
  const title = $('upload-title').value.trim();
  if (title) form.append('title', title);
  const progress = $('upload-progress');
  const percent = $('upload-percent');
  progress.hidden = false;
  progress.value = 0;
  $('upload-submit').disabled = true;
  say(status, t('media.upload.sending', { name: file.name }));
  try {
    const item = await uploadWithProgress(form, fraction => {
      progress.value = Math.round(fraction * 100);
      percent.textContent = progress.value + '%';
      if (fraction >= 1) say(status, t('media.upload.checking'));
    });
    say(status, t('media.upload.done', { title: item.title, duration: formatDuration(item.durationSeconds) }));
    $('upload-form').reset();
    await loadLibrary();
  } catch (err) {
    const detail = explain(err);
    const key = err.status === 400 ? 'media.upload.bad-file' : err.status === 413 ? 'media.upload.too-large' : 'media.upload.failed';
    say(status, t(key, { name: file.name, detail }), true);
  } finally {
    $('upload-submit').disabled = false;
    progress.hidden = true;
    percent.textContent = '';
  }
}

function ttsBody() {
  return {
    title: $('tts-title').value.trim() || null,
    text: $('tts-text').value,
    voice: ttsOptions.voice(),
    speed: ttsOptions.speed(),
  };
}

/** The spoken preview as a WAV blob (not JSON, so not through api()). */
async function fetchPreview(body) {
  let response;
  try {
    response = await fetch('/api/tts/preview', {
      method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'InfoRadio' },
      body: JSON.stringify({ text: body.text, voice: body.voice, speed: body.speed }),
    });
  } catch {
    throw new ApiError(0, t('shell.offline'), null);
  }
  if (response.ok) return response.blob();
  if (response.status === 401) goToSignIn();
  let problem = null;
  try { problem = await response.json(); } catch { /* not a problem document */ }
  throw new ApiError(response.status, (problem && (problem.detail || problem.title)) || response.statusText, problem);
}

async function preview() {
  const status = $('tts-status');
  const body = ttsBody();
  if (!body.text.trim()) return say(status, t('media.tts.empty'), true);
  $('tts-preview').disabled = true;
  say(status, t('media.tts.rendering'));
  try {
    const blob = await fetchPreview(body);
    if (previewUrl) URL.revokeObjectURL(previewUrl);
    previewUrl = URL.createObjectURL(blob);
    const audio = $('tts-audio');
    audio.hidden = false;
    audio.src = previewUrl;
    audio.addEventListener('loadedmetadata', () =>
      say(status, t('media.tts.ready', { duration: formatDuration(audio.duration) })), { once: true });
    audio.load();
  } catch (e) {
    say(status, explain(e), true);
  } finally {
    $('tts-preview').disabled = false;
  }
}

async function save(e) {
  e.preventDefault();
  const status = $('tts-status');
  const body = ttsBody();
  if (!body.text.trim()) return say(status, t('media.tts.empty'), true);
  $('tts-save').disabled = true;
  say(status, t('media.tts.saving'));
  try {
    const item = await api('/api/tts', { method: 'POST', body });
    say(status, t('media.tts.saved', { title: item.title, duration: formatDuration(item.durationSeconds) }));
    await loadLibrary();
  } catch (err) {
    say(status, explain(err), true);
  } finally {
    $('tts-save').disabled = false;
  }
}

const ttsOptions = mountTtsOptions($('tts-options'), 'tts');
me = await startPage('media');
const canWrite = hasRole(me, 'broadcaster', 'admin');
$('upload-card').hidden = !canWrite;
$('tts-card').hidden = !canWrite;
$('upload-form').addEventListener('submit', upload);
$('tts-form').addEventListener('submit', save);
$('tts-preview').addEventListener('click', preview);
$('tts-audio').addEventListener('error', () => { if ($('tts-audio').getAttribute('src')) say($('tts-status'), t('media.audio-error'), true); });
$('media-player').addEventListener('error', () => { if ($('media-player').getAttribute('src')) say($('library-status'), t('media.audio-error'), true); });
document.addEventListener('langchange', renderLibrary);
await loadLibrary();
