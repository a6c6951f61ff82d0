// The live page: push-to-talk from this browser's microphone to the chosen speakers over /api/live.
// Press (button or space bar) opens a session and starts the microphone; audio is sent once the server says the
// session is on air; releasing closes the socket, which ends the session. Closing the page or losing the
// connection ends it too (the server sees the socket go).
import { api, ApiError, loadTargets, mountTargetPicker, socketUrl } from './api.js';
import { startPage } from './console.js';
import { addStrings, t } from './i18n.js';

addStrings({
  vi: {
    'live.page-title': 'Phát trực tiếp · InfoRadio',
    'live.title': 'Phát trực tiếp',
    'live.field-title': 'Tiêu đề',
    'live.default-title': 'Thông báo trực tiếp',
    'live.targets': 'Phát tới',
    'live.loading': 'Đang tải danh sách loa…',
    'live.ptt': 'Giữ để nói',
    'live.ptt-help': 'Giữ nút (hoặc phím cách) trong khi nói; thả ra để kết thúc.',
    'live.meter': 'Mức âm thanh micro',
    'live.idle': 'Sẵn sàng',
    'live.connecting': 'Đang kết nối…',
    'live.on-air': 'Đang phát',
    'live.session-id': 'Mã phiên {id}',
    'live.ending': 'Đang kết thúc…',
    'live.ended': 'Đã kết thúc',
    'live.ended-clean': 'Phiên phát trực tiếp đã kết thúc.',
    'live.ended-lost': 'Mất kết nối tới máy chủ.',
    'live.ended-server': 'Máy chủ đã đóng phiên (mã {code}).',
    'live.error': 'Lỗi',
    'live.refused': 'Không phát được',
    'live.no-mic': 'Không mở được micro: {message}',
    'live.mic-unsupported': 'trình duyệt này không hỗ trợ thu âm (getUserMedia, AudioWorklet)',
    'live.mic-https': 'trình duyệt chỉ cho dùng micro qua HTTPS hoặc localhost',
    'live.mic-unusable': 'Không dùng được micro',
    'live.mic-https-long': 'Trình duyệt chỉ cho dùng micro qua HTTPS hoặc localhost.',
    'live.session-ended': 'Phiên đăng nhập đã hết: hãy đăng nhập lại.',
    'live.forbidden': 'Tài khoản này không có quyền phát (cần vai trò phát thanh viên hoặc quản trị).',
    'live.unreachable': 'Không kết nối được tới máy chủ.',
    'live.no-target': 'Chưa chọn nơi phát',
    'live.no-target-help': 'Hãy chọn ít nhất một cụm loa, địa bàn hoặc loa.',
    'live.targets-failed': 'Không tải được danh sách loa: {message}',
  },
  en: {
    'live.page-title': 'Go live · InfoRadio',
    'live.title': 'Live announcement',
    'live.field-title': 'Title',
    'live.default-title': 'Live announcement',
    'live.targets': 'Play on',
    'live.loading': 'Loading the speakers…',
    'live.ptt': 'Hold to talk',
    'live.ptt-help': 'Hold the button (or the space bar) while speaking; let go to finish.',
    'live.meter': 'Microphone level',
    'live.idle': 'Ready',
    'live.connecting': 'Connecting…',
    'live.on-air': 'On air',
    'live.session-id': 'Session {id}',
    'live.ending': 'Ending…',
    'live.ended': 'Ended',
    'live.ended-clean': 'The live session has ended.',
    'live.ended-lost': 'Lost the connection to the server.',
    'live.ended-server': 'The server closed the session (code {code}).',
    'live.error': 'Error',
    'live.refused': 'Could not go on air',
    'live.no-mic': 'Could not open the microphone: {message}',
    'live.mic-unsupported': 'this browser cannot record (getUserMedia, AudioWorklet)',
    'live.mic-https': 'the browser allows the microphone only over HTTPS or on localhost',
    'live.mic-unusable': 'Microphone unavailable',
    'live.mic-https-long': 'The browser allows the microphone only over HTTPS or on localhost.',
    'live.session-ended': 'Your session has ended: please sign in again.',
    'live.forbidden': 'This account may not broadcast (it needs the broadcaster or admin role).',
    'live.unreachable': 'Cannot reach the server.',
    'live.no-target': 'No speakers chosen',
    'live.no-target-help': 'Choose at least one zone, area or speaker.',
    'live.targets-failed': 'Could not load the speakers: {message}',
  },
});

const $ = (id) => document.getElementById(id);
let picker = null;
let session = null;

function setStatus(state, text, reason = '') {
  const status = $('status');
  status.dataset.state = state;
  status.textContent = text;
  $('reason').textContent = reason;
}

function setMeter(peak) {
  // A dB scale: speech peaks sit between −30 and 0 dBFS.
  const db = peak > 0 ? 20 * Math.log10(peak) : -100;
  $('meter-level').style.width = Math.max(0, Math.min(100, (db + 50) * 2)) + '%';
}

/** Asks the same URL over plain HTTP why an upgrade was refused: a browser's WebSocket does not tell. */
async function refusalReason(params) {
  const query = new URLSearchParams(Object.entries(params).filter(([, v]) => v));
  try {
    await api('/api/live?' + query, { stayOn401: true });
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return t('live.session-ended');
    if (e instanceof ApiError && e.status === 403) return t('live.forbidden');
    if (e instanceof ApiError && e.status === 400 && !/WebSocket endpoint/.test(e.message)) return e.message;
    if (e instanceof ApiError && e.status === 409) return e.message;
  }
  return t('live.unreachable');
}

class LiveSession {
  constructor(params) {
    this.params = params;
    this.onAir = false;
    this.released = false;
    this.ended = false;
    this.opened = false;
  }

  async start() {
    setStatus('connecting', t('live.connecting'), '');
    const socket = new WebSocket(socketUrl('/api/live', this.params));
    socket.binaryType = 'arraybuffer';
    this.socket = socket;
    socket.onopen = () => { this.opened = true; };
    socket.onmessage = (e) => {
      if (typeof e.data !== 'string') return;
      const message = JSON.parse(e.data);
      if (message.type === 'on-air') {
        this.onAir = true;
        $('status').dataset.broadcastId = message.id;
        if (!this.released) setStatus('on-air', t('live.on-air'), t('live.session-id', { id: message.id }));
      }
    };
    socket.onclose = (e) => this.closed(e);
    try {
      await this.startCapture();
    } catch (e) {
      this.fail(t('live.no-mic', { message: e && e.message ? e.message : e }));
    }
  }

  async startCapture() {
    if (!navigator.mediaDevices || !window.AudioWorkletNode) {
      throw new Error(window.isSecureContext
        ? t('live.mic-unsupported')
        : t('live.mic-https'));
    }
    this.stream = await navigator.mediaDevices.getUserMedia({
      audio: { channelCount: 1, echoCancellation: false, noiseSuppression: true, autoGainControl: true },
    });
    if (this.ended || this.released) { this.stopCapture(); return; }
    try {
      this.context = new AudioContext({ sampleRate: 48000 });
    } catch {
      this.context = new AudioContext(); // the worklet resamples to 48 kHz
    }
    await this.context.audioWorklet.addModule('js/pcm-worklet.js');
    if (this.ended || this.released) { this.stopCapture(); return; }
    const source = this.context.createMediaStreamSource(this.stream);
    this.node = new AudioWorkletNode(this.context, 'pcm-chunker', { numberOfInputs: 1, numberOfOutputs: 1, outputChannelCount: [1] });
    // A muted path to the output keeps the graph pulled in every browser.
    const mute = this.context.createGain();
    mute.gain.value = 0;
    source.connect(this.node).connect(mute).connect(this.context.destination);
    this.node.port.onmessage = ({ data }) => {
      setMeter(data.peak);
      if (this.onAir && !this.released && this.socket.readyState === WebSocket.OPEN) this.socket.send(data.pcm);
    };
    await this.context.resume();
  }

  stopCapture() {
    if (this.node) { this.node.port.onmessage = null; this.node.disconnect(); this.node = null; }
    if (this.stream) { this.stream.getTracks().forEach((t) => t.stop()); this.stream = null; }
    if (this.context) { this.context.close().catch(() => {}); this.context = null; }
    setMeter(0);
  }

  /** Push-to-talk released (or the page is going): closing the socket ends the session on the server. */
  release(why = 'released') {
    if (this.released || this.ended) return;
    this.released = true;
    this.stopCapture();
    if (this.socket.readyState === WebSocket.OPEN || this.socket.readyState === WebSocket.CONNECTING) {
      setStatus('ending', t('live.ending'));
      this.socket.close(1000, why);
    }
  }

  fail(message) {
    this.released = true;
    this.stopCapture();
    if (this.socket && this.socket.readyState <= WebSocket.OPEN) this.socket.close(1000, 'microphone unavailable');
    this.ended = true;
    setStatus('error', t('live.error'), message);
    done(this);
  }

  async closed(e) {
    this.stopCapture();
    if (this.ended) return;
    this.ended = true;
    if (!this.opened) {
      setStatus('error', t('live.refused'), await refusalReason(this.params));
    } else if (e.code === 1000 && this.released) {
      setStatus('ended', t('live.ended'), t('live.ended-clean'));
    } else if (e.code === 1006) {
      setStatus('ended', t('live.ended'), t('live.ended-lost'));
    } else {
      setStatus('ended', t('live.ended'), e.reason || t('live.ended-server', { code: e.code }));
    }
    done(this);
  }
}

function done(s) {
  if (session === s) session = null;
  $('ptt').setAttribute('aria-pressed', 'false');
  picker?.setDisabled(false);
}

function press() {
  if (session || !picker) return;
  if (picker.isEmpty()) { setStatus('error', t('live.no-target'), t('live.no-target-help')); return; }
  const params = { ...picker.query(), title: $('title').value.trim() };
  session = new LiveSession(params);
  $('ptt').setAttribute('aria-pressed', 'true');
  picker.setDisabled(true);
  session.start();
}

function release() {
  if (session) session.release();
}

function wireTalk() {
  const ptt = $('ptt');
  ptt.addEventListener('pointerdown', (e) => { ptt.setPointerCapture(e.pointerId); press(); });
  ptt.addEventListener('pointerup', release);
  ptt.addEventListener('pointercancel', release);
  ptt.addEventListener('lostpointercapture', release);
  ptt.addEventListener('contextmenu', (e) => e.preventDefault());
  const typing = (t) => t instanceof HTMLInputElement && t.type !== 'checkbox' && t.type !== 'radio' || t instanceof HTMLTextAreaElement;
  document.addEventListener('keydown', (e) => {
    if (e.code !== 'Space' || typing(e.target)) return;
    e.preventDefault();
    if (!e.repeat) press();
  });
  document.addEventListener('keyup', (e) => {
    if (e.code !== 'Space' || typing(e.target)) return;
    e.preventDefault();
    release();
  });
  // The page going away ends the session now rather than when the server notices the socket is gone.
  window.addEventListener('pagehide', () => session?.release('page closed'));
  window.addEventListener('blur', release); // a key released in another window never reaches this page
}

startPage('live').then(async () => {
  $('live').hidden = false;
  if (!$('status').dataset.state || $('status').dataset.state === 'idle') setStatus('idle', t('live.idle'));
  if (!window.isSecureContext) setStatus('error', t('live.mic-unusable'), t('live.mic-https-long'));
  wireTalk();
  try {
    picker = mountTargetPicker($('targets'), await loadTargets());
  } catch (e) {
    $('targets').textContent = t('live.targets-failed', { message: e.message });
  }
});

// Status words are set from code: re-say the idle one in the new language (the others change on the next event).
document.addEventListener('langchange', () => {
  if ($('status').dataset.state === 'idle') setStatus('idle', t('live.idle'));
});
