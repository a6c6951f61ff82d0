// The media library page: the list with a player, upload of WAV/MP3 with progress, and composing a bulletin with
// text-to-speech (listen first through POST /api/tts/preview, which keeps nothing; save with POST /api/tts).
import { api, ApiError, el, goToSignIn } from './api.js';
import { explain, hasRole, say, startPage } from './console.js';
import { addStrings, formatTime, t } from './i18n.js';

addStrings({
  vi: {
    'media.page-title': 'Thư viện âm thanh · InfoRadio',
    'media.title': 'Thư viện âm thanh',
    'media.upload.heading': 'Tải lên tệp âm thanh',
    'media.upload.hint': 'Tệp WAV hoặc MP3. Tệp được kiểm tra toàn bộ trước khi lưu.',
    'media.upload.file': 'Chọn tệp',
    'media.upload.title': 'Tên bản tin (không bắt buộc)',
    'media.upload.title-placeholder': 'Để trống thì lấy tên tệp',
    'media.upload.submit': 'Tải lên',
    'media.upload.choose': 'Hãy chọn một tệp WAV hoặc MP3.',
    'media.upload.wrong-type': 'Tệp “{name}” không phải WAV hoặc MP3. Chỉ nhận tệp .wav hoặc .mp3.',
    'media.upload.sending': 'Đang tải lên “{name}”…',
    'media.upload.checking': 'Đã gửi xong, máy chủ đang kiểm tra tệp…',
    'media.upload.done': 'Đã lưu “{title}” ({duration}).',
    'media.upload.bad-file': 'Tệp “{name}” không dùng được: máy chủ không đọc được âm thanh trong tệp (tệp hỏng, bị cắt dở hoặc không phải WAV/MP3). Chi tiết: {detail}',
    'media.upload.too-large': 'Tệp “{name}” quá lớn. {detail}',
    'media.upload.failed': 'Không tải lên được: {detail}',
    'media.tts.heading': 'Soạn bản tin đọc bằng máy',
    'media.tts.hint': 'Gõ nội dung, chọn giọng và tốc độ, nghe thử rồi lưu vào thư viện.',
    'media.tts.title': 'Tên bản tin',
    'media.tts.title-placeholder': 'Ví dụ: Thông báo tiêm chủng',
    'media.tts.text': 'Nội dung',
    'media.tts.text-placeholder': 'Kính thưa bà con…',
    'media.tts.voice': 'Giọng đọc',
    'media.tts.speed': 'Tốc độ đọc',
    'media.voice.northern': 'Giọng miền Bắc (vi)',
    'media.voice.central': 'Giọng miền Trung (vi-vn-x-central)',
    'media.voice.southern': 'Giọng miền Nam (vi-vn-x-south)',
    'media.tts.preview': 'Nghe thử',
    'media.tts.save': 'Lưu vào thư viện',
    'media.tts.empty': 'Hãy gõ nội dung cần đọc.',
    'media.tts.rendering': 'Đang đọc thử…',
    'media.tts.ready': 'Đã sẵn sàng: bấm ▶ để nghe ({duration}).',
    'media.tts.saving': 'Đang tạo và lưu bản tin…',
    'media.tts.saved': 'Đã lưu “{title}” vào thư viện ({duration}).',
    'media.library.heading': 'Các tệp trong thư viện',
    'media.library.empty': 'Thư viện chưa có tệp nào.',
    'media.library.play': 'Nghe',
    'media.library.delete': 'Xóa',
    'media.library.confirm-delete': 'Xóa “{title}” khỏi thư viện?',
    'media.library.deleted': 'Đã xóa “{title}”.',
    'media.library.in-use': 'Không xóa được “{title}” vì đang được dùng: {detail}',
    'media.library.by': 'tải lên bởi {name}',
    'media.library.speech': 'giọng đọc máy',
    'media.library.now-playing': 'Đang nghe: {title}',
  },
  en: {
    'media.page-title': 'Media library · InfoRadio',
    'media.title': 'Media library',
    'media.upload.heading': 'Upload an audio file',
    'media.upload.hint': 'A WAV or MP3 file. It is checked in full before it is kept.',
    'media.upload.file': 'Choose a file',
    'media.upload.title': 'Title (optional)',
    'media.upload.title-placeholder': 'Empty: the file name',
    'media.upload.submit': 'Upload',
    'media.upload.choose': 'Choose a WAV or MP3 file.',
    'media.upload.wrong-type': '“{name}” is not a WAV or MP3 file. Only .wav and .mp3 files are accepted.',
    'media.upload.sending': 'Uploading “{name}”…',
    'media.upload.checking': 'Sent; the server is checking the file…',
    'media.upload.done': 'Saved “{title}” ({duration}).',
    'media.upload.bad-file': '“{name}” cannot be used: the server could not read audio in it (damaged, cut short, or not WAV/MP3). Details: {detail}',
    'media.upload.too-large': '“{name}” is too large. {detail}',
    'media.upload.failed': 'Upload failed: {detail}',
    'media.tts.heading': 'Compose a spoken bulletin',
    'media.tts.hint': 'Type the text, choose a voice and speed, listen, then save it to the library.',
    'media.tts.title': 'Title',
    'media.tts.title-placeholder': 'E.g. Vaccination notice',
    'media.tts.text': 'Text',
    'media.tts.text-placeholder': 'Dear residents…',
    'media.tts.voice': 'Voice',
    'media.tts.speed': 'Speed',
    'media.voice.northern': 'Northern voice (vi)',
    'media.voice.central': 'Central voice (vi-vn-x-central)',
    'media.voice.southern': 'Southern voice (vi-vn-x-south)',
    'media.tts.preview': 'Listen first',
    'media.tts.save': 'Save to library',
    'media.tts.empty': 'Type the text to read.',
    'media.tts.rendering': 'Reading it aloud…',
    'media.tts.ready': 'Ready: press ▶ to listen ({duration}).',
    'media.tts.saving': 'Rendering and saving the bulletin…',
    'media.tts.saved': 'Saved “{title}” to the library ({duration}).',
    'media.library.heading': 'Files in the library',
    'media.library.empty': 'The library is empty.',
    'media.library.play': 'Play',
    'media.library.delete': 'Delete',
    'media.library.confirm-delete': 'Delete “{title}” from the library?',
    'media.library.deleted': 'Deleted “{title}”.',
    'media.library.in-use': 'Cannot delete “{title}”, it is in use: {detail}',
    'media.library.by': 'uploaded by {name}',
    'media.library.speech': 'text-to-speech',
    'media.library.now-playing': 'Playing: {title}',
  },
});

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
    voice: $('tts-voice').value,
    speed: Number($('tts-speed').value),
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

function showSpeed() {
  $('tts-speed-value').textContent = Number($('tts-speed').value).toFixed(1) + '×';
}

me = await startPage('media');
const canWrite = hasRole(me, 'broadcaster', 'admin');
$('upload-card').hidden = !canWrite;
$('tts-card').hidden = !canWrite;
$('upload-form').addEventListener('submit', upload);
$('tts-form').addEventListener('submit', save);
$('tts-preview').addEventListener('click', preview);
$('tts-speed').addEventListener('input', showSpeed);
showSpeed();
document.addEventListener('langchange', renderLibrary);
await loadLibrary();
