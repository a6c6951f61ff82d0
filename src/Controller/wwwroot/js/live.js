// The live page: push-to-talk from this browser's microphone to the chosen speakers over /api/live.
// Press (button or space bar) opens a session and starts the microphone; audio is sent once the server says the
// session is on air; releasing closes the socket, which ends the session. Closing the page or losing the
// connection ends it too (the server sees the socket go).
import { api, ApiError, getToken, loadTargets, mountSignIn, mountTargetPicker, signOut, socketUrl } from './api.js';

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
    await api('/api/live?' + query);
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) { signOut(); return 'Mã truy cập không còn hiệu lực: hãy đăng nhập lại.'; }
    if (e instanceof ApiError && e.status === 403) return 'Tài khoản này không có quyền phát (cần vai trò broadcaster hoặc admin).';
    if (e instanceof ApiError && e.status === 400 && !/WebSocket endpoint/.test(e.message)) return e.message;
    if (e instanceof ApiError && e.status === 409) return e.message;
  }
  return 'Không kết nối được tới máy chủ.';
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
    setStatus('connecting', 'Đang kết nối…', '');
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
        if (!this.released) setStatus('on-air', 'Đang phát', `Mã phiên ${message.id}`);
      }
    };
    socket.onclose = (e) => this.closed(e);
    try {
      await this.startCapture();
    } catch (e) {
      this.fail('Không mở được micro: ' + (e && e.message ? e.message : e));
    }
  }

  async startCapture() {
    if (!navigator.mediaDevices || !window.AudioWorkletNode) {
      throw new Error(window.isSecureContext
        ? 'trình duyệt này không hỗ trợ thu âm (getUserMedia, AudioWorklet)'
        : 'trình duyệt chỉ cho dùng micro qua HTTPS hoặc localhost');
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
      setStatus('ending', 'Đang kết thúc…');
      this.socket.close(1000, why);
    }
  }

  fail(message) {
    this.released = true;
    this.stopCapture();
    if (this.socket && this.socket.readyState <= WebSocket.OPEN) this.socket.close(1000, 'microphone unavailable');
    this.ended = true;
    setStatus('error', 'Lỗi', message);
    done(this);
  }

  async closed(e) {
    this.stopCapture();
    if (this.ended) return;
    this.ended = true;
    if (!this.opened) {
      setStatus('error', 'Không phát được', await refusalReason(this.params));
      if (!getToken()) location.reload();
    } else if (e.code === 1000 && this.released) {
      setStatus('ended', 'Đã kết thúc', 'Phiên phát trực tiếp đã kết thúc.');
    } else if (e.code === 1006) {
      setStatus('ended', 'Đã kết thúc', 'Mất kết nối tới máy chủ.');
    } else {
      setStatus('ended', 'Đã kết thúc', e.reason || `Máy chủ đã đóng phiên (mã ${e.code}).`);
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
  if (picker.isEmpty()) { setStatus('error', 'Chưa chọn nơi phát', 'Hãy chọn ít nhất một cụm loa, địa bàn hoặc loa.'); return; }
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

mountSignIn($('sign-in-area'), $('account-bar'), async () => {
  $('live').hidden = false;
  if (!window.isSecureContext) {
    setStatus('error', 'Không dùng được micro', 'Trình duyệt chỉ cho dùng micro qua HTTPS hoặc localhost (microphone needs HTTPS).');
  }
  wireTalk();
  try {
    picker = mountTargetPicker($('targets'), await loadTargets());
  } catch (e) {
    if (e.status === 401) { signOut(); location.reload(); return; }
    $('targets').textContent = 'Không tải được danh sách loa: ' + e.message;
  }
});
