// The text-to-speech voice and speed controls, shared by the media library's TTS card and the program form.
import { el } from './api.js';
import { addStrings, t } from './i18n.js';

addStrings({
  vi: {
    'media.tts.voice': 'Giọng đọc',
    'media.tts.speed': 'Tốc độ đọc',
    'media.voice.northern': 'Giọng miền Bắc (vi)',
    'media.voice.central': 'Giọng miền Trung (vi-vn-x-central)',
    'media.voice.southern': 'Giọng miền Nam (vi-vn-x-south)',
  },
  en: {
    'media.tts.voice': 'Voice',
    'media.tts.speed': 'Speed',
    'media.voice.northern': 'Northern voice (vi)',
    'media.voice.central': 'Central voice (vi-vn-x-central)',
    'media.voice.southern': 'Southern voice (vi-vn-x-south)',
  },
});

/** The voices the controller's /api/tts accepts, in the order they are offered. */
export const VOICES = ['northern', 'central', 'southern'];

/**
 * Fills `container` with a voice list (#{prefix}-voice) and a speed slider (#{prefix}-speed, shown in
 * #{prefix}-speed-value); returns what the officer chose.
 */
export function mountTtsOptions(container, prefix) {
  const voice = el('select', { id: `${prefix}-voice` },
    VOICES.map(v => el('option', { value: v, 'data-i18n': `media.voice.${v}` }, t(`media.voice.${v}`))));
  const speed = el('input', { id: `${prefix}-speed`, type: 'range', min: '0.5', max: '2', step: '0.1', value: '1' });
  const shown = el('output', { id: `${prefix}-speed-value`, for: `${prefix}-speed` });
  const showSpeed = () => { shown.textContent = Number(speed.value).toFixed(1) + '×'; };
  speed.addEventListener('input', showSpeed);
  showSpeed();
  container.replaceChildren(
    el('div', {}, el('label', { for: voice.id, 'data-i18n': 'media.tts.voice' }, t('media.tts.voice')), voice),
    el('div', {}, el('label', { for: speed.id }, el('span', { 'data-i18n': 'media.tts.speed' }, t('media.tts.speed')), ': ', shown), speed));
  return { voice: () => voice.value, speed: () => Number(speed.value) };
}
