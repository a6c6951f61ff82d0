// The form that creates a weekly (or one-off) program: the program (a library file, or a bulletin rendered by
// text-to-speech first so its length is known), submitted for approval when it needs one, then its schedule. When
// the server answers 409 "Schedule clash" the officer sees which programs clash and picks one of the server's choices
// (override, append) or cancels, which removes what this attempt created.
import { api, ApiError, el, loadTargets, mountTargetPicker } from './api.js';
import { explain, say } from './console.js';
import { addStrings, t } from './i18n.js';
import { mountTtsOptions } from './tts-options.js';
import { DAY_TOKENS, dayNames, weekdayIndex, nowTimeVn, shortDate, todayVn, vnParts } from './week.js';

addStrings({
  vi: {
    'form.heading': 'Tạo chương trình phát hằng tuần',
    'form.title': 'Tên chương trình', 'form.title-placeholder': 'Ví dụ: Bản tin sáng',
    'form.content': 'Nội dung phát', 'form.kind.media': 'Tệp trong thư viện', 'form.kind.tts': 'Bản tin đọc bằng máy',
    'form.media': 'Chọn tệp', 'form.media-none': 'Thư viện chưa có tệp nào.', 'form.media-link': 'Tải lên trong trang Thư viện',
    'form.text': 'Nội dung cần đọc',
    'form.class': 'Mức ưu tiên', 'form.approval': 'Cần người duyệt trước khi phát',
    'form.targets': 'Phát tới', 'form.when': 'Thời gian phát', 'form.repeat': 'Lặp lại',
    'form.repeat.weekly': 'Hằng tuần, vào các ngày đã chọn', 'form.repeat.once': 'Một lần',
    'form.days': 'Các ngày trong tuần', 'form.time': 'Giờ phát', 'form.time2': 'Giờ phát thứ hai (không bắt buộc)',
    'form.from': 'Bắt đầu từ ngày', 'form.on': 'Ngày phát', 'form.until': 'Đến ngày (để trống: lặp mãi)',
    'form.submit': 'Lưu lịch phát',
    'form.need.title': 'Hãy đặt tên cho chương trình.', 'form.need.media': 'Hãy chọn tệp sẽ phát.',
    'form.need.text': 'Hãy gõ nội dung cần đọc.', 'form.need.days': 'Hãy chọn ít nhất một ngày trong tuần.',
    'form.need.time': 'Hãy chọn giờ phát.', 'form.need.from': 'Hãy chọn ngày bắt đầu.', 'form.need.targets': 'Hãy chọn nơi phát.',
    'form.rendering': 'Đang đọc bản tin bằng máy…', 'form.saving': 'Đang lưu…',
    'form.saved': 'Đã lưu lịch phát “{title}”.', 'form.saved-pending': 'Đã lưu lịch phát “{title}”. Chương trình đang chờ duyệt: chưa duyệt thì chưa phát.',
    'form.next': 'Buổi phát đầu tiên: {when}.',
    'clash.title': 'Trùng giờ phát!',
    'clash.intro': 'Giờ phát này trùng với chương trình đã có:',
    'clash.at': '{target}: lúc {time} ngày {day} (chương trình kia bắt đầu {existing})',
    'clash.more': 'và {count} lần trùng khác trong thời gian tới.',
    'clash.outcome.candidate-outranks': 'chương trình mới ưu tiên hơn nên sẽ phát',
    'clash.outcome.candidate-outranked': 'chương trình kia ưu tiên hơn nên được phát trước',
    'clash.outcome.policy-decides': 'cùng mức ưu tiên: bạn chọn cách xử lý',
    'clash.question': 'Bạn muốn làm gì?',
    'clash.override': 'Phát đè (ngắt chương trình kia)',
    'clash.append': 'Phát nối tiếp (chờ chương trình kia xong)',
    'clash.cancel': 'Hủy, không lưu',
    'clash.cancelled': 'Đã hủy: lịch phát chưa được lưu.',
    'target.area': 'địa bàn {id}', 'target.zone': 'cụm {id}', 'target.device': 'loa {id}', 'target.all': 'tất cả loa',
  },
  en: {
    'form.heading': 'Create a weekly program',
    'form.title': 'Program title', 'form.title-placeholder': 'E.g. Morning bulletin',
    'form.content': 'What airs', 'form.kind.media': 'A file from the library', 'form.kind.tts': 'A spoken (text-to-speech) bulletin',
    'form.media': 'Choose a file', 'form.media-none': 'The library is empty.', 'form.media-link': 'Upload on the Media page',
    'form.text': 'Text to read',
    'form.class': 'Priority', 'form.approval': 'Needs an approver before it airs',
    'form.targets': 'Where', 'form.when': 'When', 'form.repeat': 'Repeat',
    'form.repeat.weekly': 'Every week, on the chosen days', 'form.repeat.once': 'Once',
    'form.days': 'Days of the week', 'form.time': 'Time', 'form.time2': 'Second time (optional)',
    'form.from': 'Starting on', 'form.on': 'On', 'form.until': 'Until (empty: no end)',
    'form.submit': 'Save the schedule',
    'form.need.title': 'Give the program a title.', 'form.need.media': 'Choose the file to air.',
    'form.need.text': 'Type the text to read.', 'form.need.days': 'Choose at least one day of the week.',
    'form.need.time': 'Choose a time.', 'form.need.from': 'Choose the first day.', 'form.need.targets': 'Choose where it airs.',
    'form.rendering': 'Reading the bulletin aloud…', 'form.saving': 'Saving…',
    'form.saved': 'Saved the schedule “{title}”.', 'form.saved-pending': 'Saved the schedule “{title}”. The program awaits approval and will not air before.',
    'form.next': 'First slot: {when}.',
    'clash.title': 'Schedule clash!',
    'clash.intro': 'This time clashes with a program already scheduled:',
    'clash.at': '{target}: at {time} on {day} (the other starts {existing})',
    'clash.more': 'and {count} more clashes ahead.',
    'clash.outcome.candidate-outranks': 'the new program outranks it and airs',
    'clash.outcome.candidate-outranked': 'the other program outranks the new one',
    'clash.outcome.policy-decides': 'same priority: your choice decides',
    'clash.question': 'What should happen?',
    'clash.override': 'Override (interrupt the other program)',
    'clash.append': 'Append (wait until the other finishes)',
    'clash.cancel': 'Cancel, save nothing',
    'clash.cancelled': 'Cancelled: the schedule was not saved.',
    'target.area': 'area {id}', 'target.zone': 'zone {id}', 'target.device': 'speaker {id}', 'target.all': 'all speakers',
  },
});

const $ = id => document.getElementById(id);

export function mountScheduleForm(me, { onSaved }) {
  const ttsOptions = mountTtsOptions($('prog-tts-options'), 'prog');
  let picker = null;
  let attempt = null; // {programId, mediaId (rendered here), title, schedule, pendingApproval}

  const kind = () => document.querySelector('input[name=prog-kind]:checked').value;
  const status = (text, isError = false) => say($('sched-status'), text, isError);

  const syncKind = () => { $('kind-media').hidden = kind() !== 'audio-file'; $('kind-tts').hidden = kind() !== 'tts-bulletin'; };
  const syncRepeat = () => {
    const once = $('sched-repeat').value === 'once';
    $('days-row').hidden = once;
    $('until-row').hidden = once;
    $('sched-time2').closest('div').hidden = once;
    $('sched-from-label').textContent = t(once ? 'form.on' : 'form.from');
  };
  const renderDays = (checked = new Set([...document.querySelectorAll('input[name=sched-day]:checked')].map(i => i.value))) => {
    const names = dayNames(true);
    $('sched-days').replaceChildren(...DAY_TOKENS.map((d, i) => el('label', { class: 'day' },
      el('input', { type: 'checkbox', name: 'sched-day', id: 'day-' + d, value: d, checked: checked.has(d) }), ' ', names[i])));
  };

  const loadMedia = async () => {
    const items = await api('/api/media');
    $('prog-media').replaceChildren(...items.map(m => el('option', { value: m.id }, `${m.title} (${Math.round(m.durationSeconds)} s)`)));
    $('media-none').hidden = items.length > 0;
  };

  const targets = () => {
    const v = picker.value();
    return v.all ? { devices: [], zones: ['all'], areas: [] } : { devices: v.devices, zones: v.zones, areas: v.areas };
  };

  const recurrence = () => {
    const times = [$('sched-time').value, $('sched-time2').value].filter(Boolean);
    if ($('sched-repeat').value === 'once') return { kind: 'once', at: `${$('sched-from').value}T${times[0]}` };
    const r = { kind: 'weekly', from: $('sched-from').value, days: [...document.querySelectorAll('input[name=sched-day]:checked')].map(i => i.value), times };
    if ($('sched-until').value) r.until = $('sched-until').value;
    return r;
  };

  const problemOf = () => {
    if (!$('prog-title').value.trim()) return 'form.need.title';
    if (kind() === 'audio-file' && !$('prog-media').value) return 'form.need.media';
    if (kind() === 'tts-bulletin' && !$('prog-text').value.trim()) return 'form.need.text';
    if ($('sched-repeat').value === 'weekly' && !document.querySelector('input[name=sched-day]:checked')) return 'form.need.days';
    if (!$('sched-time').value) return 'form.need.time';
    if (!$('sched-from').value) return 'form.need.from';
    if (picker.isEmpty()) return 'form.need.targets';
    return null;
  };

  /** Creates the program (rendering a bulletin first) and submits it for approval when it needs one. */
  const createProgram = async () => {
    const title = $('prog-title').value.trim();
    const requiresApproval = $('prog-approval').checked;
    const body = { title, kind: kind(), class: $('prog-class').value, requiresApproval };
    let mediaId = null;
    if (body.kind === 'audio-file') body.mediaId = $('prog-media').value;
    else {
      status(t('form.rendering'));
      const voice = ttsOptions.voice(), speed = ttsOptions.speed(), text = $('prog-text').value;
      const rendered = await api('/api/tts', { method: 'POST', body: { title: 'TTS: ' + title, text, voice, speed } });
      mediaId = rendered.id;
      Object.assign(body, { text, voice, speed, mediaId });
    }
    status(t('form.saving'));
    const program = await api('/api/programs', { method: 'POST', body });
    if (requiresApproval) await api('/api/programs/' + encodeURIComponent(program.id) + '/submit', { method: 'POST' });
    return { programId: program.id, mediaId, title, pendingApproval: requiresApproval };
  };

  /** Removes what a failed or cancelled attempt created, so nothing half-made stays behind. */
  const discard = async a => {
    try { await api('/api/programs/' + encodeURIComponent(a.programId), { method: 'DELETE' }); } catch { /* shown nowhere: best effort */ }
    if (a.mediaId) try { await api('/api/media/' + encodeURIComponent(a.mediaId), { method: 'DELETE' }); } catch { /* best effort */ }
  };

  const saveSchedule = async clashPolicy => {
    const body = { ...attempt.schedule, clashPolicy: clashPolicy ?? null };
    try {
      const view = await api('/api/schedules', { method: 'POST', body });
      hideClash();
      const first = view.nextSlots && view.nextSlots[0];
      const done = t(attempt.pendingApproval ? 'form.saved-pending' : 'form.saved', { title: attempt.title });
      status(first ? done + ' ' + t('form.next', { when: slotText(first.start) }) : done);
      attempt = null;
      $('prog-title').value = '';
      $('prog-text').value = '';
      await onSaved(first ? first.start : null);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && e.problem && Array.isArray(e.problem.clashes)) return showClash(e.problem);
      await discard(attempt);
      attempt = null;
      hideClash();
      status(explain(e), true);
    } finally {
      $('sched-submit').disabled = false;
    }
  };

  const submit = async e => {
    e.preventDefault();
    hideClash();
    const problem = problemOf();
    if (problem) return status(t(problem), true);
    $('sched-submit').disabled = true;
    try {
      if (attempt) await discard(attempt); // a clash left unanswered: start again from this form
      attempt = await createProgram();
    } catch (err) {
      attempt = null;
      $('sched-submit').disabled = false;
      return status(explain(err), true);
    }
    attempt.schedule = { programId: attempt.programId, targets: targets(), recurrence: recurrence() };
    await saveSchedule(null);
  };

  const slotText = instant => {
    const p = vnParts(instant);
    return `${p.time} ${shortDate(p.day)}`;
  };

  const targetText = target => {
    const [type, ...rest] = target.split(':');
    const id = rest.join(':');
    return type === 'zone' && id === 'all' ? t('target.all') : t('target.' + type, { id });
  };

  const showClash = problem => {
    const box = $('clash-warning');
    const programs = new Map();
    for (const c of problem.clashes) for (const p of c.programs) programs.set(p.id, p);
    const lines = problem.clashes.flatMap(c => c.clashes.slice(0, 3).map(x => {
      const at = vnParts(x.start);
      return el('li', { class: 'clash-at' }, t('clash.at', { target: targetText(c.target), time: at.time, day: shortDate(at.day), existing: vnParts(x.existingStart).time }),
        ' — ', t('clash.outcome.' + x.outcome));
    }));
    const shown = problem.clashes.reduce((n, c) => n + Math.min(3, c.clashes.length), 0);
    const total = problem.clashes.reduce((n, c) => n + c.total, 0);
    const choices = (problem.choices || []).filter(c => c === 'override' || c === 'append');
    box.replaceChildren(
      el('h3', {}, t('clash.title')),
      el('p', {}, t('clash.intro')),
      el('ul', { id: 'clash-programs' }, [...programs.values()].map(p => el('li', { class: 'clash-program', 'data-program': p.id }, el('strong', {}, p.title),
        ' ', el('span', { class: 'hint' }, `(${t('sched.legend.' + p.class)})`)))),
      el('ul', { class: 'clash-times hint' }, lines),
      total > shown ? el('p', { class: 'hint' }, t('clash.more', { count: total - shown })) : null,
      el('p', {}, t('clash.question')),
      el('div', { class: 'buttons' },
        choices.map(c => el('button', { type: 'button', id: 'clash-' + c, class: c === 'override' ? 'danger' : '', onclick: () => choose(c) }, t('clash.' + c))),
        el('button', { type: 'button', id: 'clash-cancel', class: 'secondary', onclick: cancel }, t('clash.cancel'))));
    box.hidden = false;
    status('');
    box.scrollIntoView({ block: 'nearest' });
  };

  const hideClash = () => { $('clash-warning').hidden = true; $('clash-warning').replaceChildren(); };

  const choose = async policy => {
    if (!attempt) return;
    $('clash-warning').querySelectorAll('button').forEach(b => { b.disabled = true; });
    status(t('form.saving'));
    await saveSchedule(policy);
  };

  const cancel = async () => {
    hideClash();
    if (attempt) await discard(attempt);
    attempt = null;
    status(t('clash.cancelled'));
  };

  // Defaults: today, an hour from now, today's day of the week ticked.
  $('sched-from').value = todayVn();
  const [h, m] = nowTimeVn().split(':').map(Number);
  $('sched-time').value = String((h + 1) % 24).padStart(2, '0') + ':' + String(m - m % 5).padStart(2, '0');
  renderDays(new Set([DAY_TOKENS[weekdayIndex(todayVn())]]));
  document.querySelectorAll('input[name=prog-kind]').forEach(r => r.addEventListener('change', syncKind));
  $('sched-repeat').addEventListener('change', syncRepeat);
  $('program-form').addEventListener('submit', submit);
  document.addEventListener('langchange', () => { renderDays(); syncRepeat(); });
  syncKind();
  syncRepeat();
  loadMedia().catch(e => status(explain(e), true));
  loadTargets().then(all => { picker = mountTargetPicker($('prog-targets'), all); }).catch(e => status(explain(e), true));
}
