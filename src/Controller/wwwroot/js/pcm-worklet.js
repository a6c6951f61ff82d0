// Turns the microphone into what /api/live takes: 48 kHz mono 16-bit PCM, posted in 20 ms chunks (960 samples)
// with the chunk's peak level. Runs at the AudioContext's rate; when the browser would not open one at 48 kHz the
// input is resampled here (linear interpolation: speech sits far below the Nyquist limit of either rate).

const OUT_RATE = 48000;
const CHUNK = 960;

class PcmChunker extends AudioWorkletProcessor {
  constructor() {
    super();
    this.step = sampleRate / OUT_RATE; // input samples per output sample
    this.pos = 0;                      // read position in the current input block, carried across blocks
    this.last = 0;                     // the previous block's last sample, for interpolation across the seam
    this.chunk = new Int16Array(CHUNK);
    this.filled = 0;
    this.peak = 0;
  }

  process(inputs) {
    const channels = inputs[0];
    if (!channels || channels.length === 0 || channels[0].length === 0) return true;
    const n = channels[0].length;
    const mono = new Float32Array(n);
    for (const ch of channels) for (let i = 0; i < n; i++) mono[i] += ch[i] / channels.length;
    if (this.step === 1) {
      for (let i = 0; i < n; i++) this.push(mono[i]);
    } else {
      // Position -1 is the previous block's last sample.
      while (this.pos < n - 1) {
        const i = Math.floor(this.pos);
        const f = this.pos - i;
        const a = i < 0 ? this.last : mono[i];
        const b = mono[i + 1];
        this.push(a + (b - a) * f);
        this.pos += this.step;
      }
      this.pos -= n;
      this.last = mono[n - 1];
    }
    return true;
  }

  push(x) {
    const v = Math.max(-1, Math.min(1, x));
    const abs = Math.abs(v);
    if (abs > this.peak) this.peak = abs;
    this.chunk[this.filled++] = v < 0 ? Math.round(v * 32768) : Math.round(v * 32767);
    if (this.filled === CHUNK) {
      const pcm = this.chunk.buffer;
      this.port.postMessage({ pcm, peak: this.peak }, [pcm]);
      this.chunk = new Int16Array(CHUNK);
      this.filled = 0;
      this.peak = 0;
    }
  }
}

registerProcessor('pcm-chunker', PcmChunker);
