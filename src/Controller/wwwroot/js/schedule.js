// The schedule page: a week calendar of what airs (GET /api/calendar), the approval queue (approvals.js) and the
// form that creates a weekly program (schedule-form.js).
import { api, el } from './api.js';
import { explain, hasRole, say, startPage } from './console.js';
import { addStrings, lang, t } from './i18n.js';
import { addDays, assignLanes, dayNames, mondayOf, shortDate, todayVn, vnParts, weekdayIndex } from './week.js';
import { mountApprovals } from './approvals.js';
import { mountScheduleForm } from './schedule-form.js';

addStrings({
  vi: {
    'sched.page-title': 'Lịch phát · InfoRadio',
    'sched.title': 'Lịch phát',
    'sched.week.prev': 'Tuần trước',
    'sched.week.next': 'Tuần sau',
    'sched.week.today': 'Tuần này',
    'sched.week.label': 'Tuần {from} – {to}',
    'sched.week.empty': 'Tuần này chưa có chương trình nào.',
    'sched.week.none-day': 'Không có',
    'sched.days': 'Thứ Hai|Thứ Ba|Thứ Tư|Thứ Năm|Thứ Sáu|Thứ Bảy|Chủ Nhật',
    'sched.days.short': 'T2|T3|T4|T5|T6|T7|CN',
    'sched.legend.normal': 'Thông thường',
    'sched.legend.priority': 'Ưu tiên',
    'sched.legend.emergency': 'Khẩn cấp',
    'sched.legend.waiting': 'Chưa được duyệt (chưa phát)',
    'sched.approval.draft': 'bản nháp',
    'sched.approval.pending': 'chờ duyệt',
    'sched.approval.approved': 'đã duyệt',
    'sched.approval.rejected': 'bị từ chối',
    'sched.outcome.on-time': 'đã phát đúng giờ',
    'sched.outcome.late': 'đã phát muộn',
    'sched.outcome.missed': 'không phát được',
    'sched.detail.time': '{day} lúc {time}, dài {minutes}',
    'sched.detail.cancelled': 'Lịch này đã bị hủy.',
    'sched.detail.cancel': 'Hủy lịch này',
    'sched.detail.close': 'Đóng',
    'sched.detail.confirm-cancel': 'Hủy lịch phát “{title}”? Các buổi sau sẽ không phát nữa.',
    'sched.detail.cancelled-now': 'Đã hủy lịch “{title}”.',
  },
  en: {
    'sched.page-title': 'Schedule · InfoRadio',
    'sched.title': 'Schedule',
    'sched.week.prev': 'Previous week',
    'sched.week.next': 'Next week',
    'sched.week.today': 'This week',
    'sched.week.label': 'Week {from} – {to}',
    'sched.week.empty': 'Nothing is scheduled this week.',
    'sched.week.none-day': 'Nothing',
    'sched.days': 'Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday',
    'sched.days.short': 'Mon|Tue|Wed|Thu|Fri|Sat|Sun',
    'sched.legend.normal': 'Normal',
    'sched.legend.priority': 'Priority',
    'sched.legend.emergency': 'Emergency',
    'sched.legend.waiting': 'Not approved (will not air)',
    'sched.approval.draft': 'draft',
    'sched.approval.pending': 'awaiting approval',
    'sched.approval.approved': 'approved',
    'sched.approval.rejected': 'rejected',
    'sched.outcome.on-time': 'aired on time',
    'sched.outcome.late': 'aired late',
    'sched.outcome.missed': 'missed',
    'sched.detail.time': '{day} at {time}, {minutes} long',
    'sched.detail.cancelled': 'This schedule was cancelled.',
    'sched.detail.cancel': 'Cancel this schedule',
    'sched.detail.close': 'Close',
    'sched.detail.confirm-cancel': 'Cancel the schedule “{title}”? Later slots will not air.',
    'sched.detail.cancelled-now': 'Cancelled the schedule “{title}”.',
  },
});

const $ = id => document.getElementById(id);
const HOUR_REM = 3;
const MIN_SLOT_MINUTES = 24; // a 20-second bulletin still needs a box one can read and tap

let me = null;
let weekStart = mondayOf(todayVn());
let occurrences = [];

function durationText(seconds) {
  if (seconds < 60) return Math.max(1, Math.round(seconds)) + (lang() === 'vi' ? ' giây' : ' s');
  return Math.round(seconds / 60) + (lang() === 'vi' ? ' phút' : ' min');
}

/** Shows the week holding `day` (the Monday of it). */
export async function showWeekOf(day) {
  weekStart = mondayOf(day);
  await loadWeek();
}

async function loadWeek() {
  say($('week-status'), t('shell.loading'));
  try {
    const calendar = await api(`/api/calendar?from=${weekStart}&days=7`);
    occurrences = calendar.occurrences;
    say($('week-status'), occurrences.length ? '' : t('sched.week.empty'));
  } catch (e) {
    occurrences = [];
    say($('week-status'), explain(e), true);
  }
  renderWeek();
}

function renderWeek() {
  const days = Array.from({ length: 7 }, (_, i) => addDays(weekStart, i));
  $('week-label').textContent = t('sched.week.label', { from: shortDate(days[0]), to: shortDate(days[6]) + '/' + days[6].slice(0, 4) });
  const slots = occurrences.map(o => {
    const start = vnParts(o.start);
    const endMs = Date.parse(o.end);
    const minutes = (endMs - start.ms) / 60000;
    return { o, day: start.day, time: start.time, startMin: start.minute, endMin: start.minute + Math.max(minutes, MIN_SLOT_MINUTES), seconds: minutes * 60 };
  });
  // Hours shown: 05:00-22:00, widened to hold every slot of the week.
  let first = 5, last = 22;
  for (const s of slots) { first = Math.min(first, Math.floor(s.startMin / 60)); last = Math.max(last, Math.min(24, Math.ceil(s.endMin / 60))); }
  const hours = Array.from({ length: last - first }, (_, i) => first + i);
  const today = todayVn();
  const names = dayNames(), shortNames = dayNames(true);

  const timeColumn = el('div', { class: 'cal-times', 'aria-hidden': 'true' },
    el('div', { class: 'cal-day-head' }),
    el('div', { class: 'cal-body', style: `height:${hours.length * HOUR_REM}rem` },
      hours.map(h => el('span', { class: 'cal-hour', style: `top:${(h - first) * HOUR_REM}rem` }, String(h).padStart(2, '0') + ':00'))));
  const columns = days.map(day => {
    const mine = assignLanes(slots.filter(s => s.day === day));
    const i = weekdayIndex(day);
    return el('div', { class: 'cal-day' + (day === today ? ' today' : ''), 'data-day': day },
      el('div', { class: 'cal-day-head' },
        el('span', { class: 'long' }, names[i]), el('span', { class: 'short' }, shortNames[i]), ' ', el('span', { class: 'date' }, shortDate(day))),
      el('div', { class: 'cal-body', style: `height:${hours.length * HOUR_REM}rem` },
        hours.map(h => el('div', { class: 'cal-line', style: `top:${(h - first) * HOUR_REM}rem` })),
        mine.length ? mine.map(s => occurrenceBox(s, first)) : el('p', { class: 'cal-none hint' }, t('sched.week.none-day'))));
  });
  $('calendar').replaceChildren(timeColumn, ...columns);
}

function occurrenceBox(s, firstHour) {
  const o = s.o;
  const waiting = !o.canAir;
  const classes = ['occ', 'class-' + o.class, waiting ? 'waiting' : '', o.cancelled ? 'cancelled' : '', o.outcome ? 'outcome-' + o.outcome : ''].filter(Boolean);
  const top = (s.startMin - firstHour * 60) / 60 * HOUR_REM;
  const height = (s.endMin - s.startMin) / 60 * HOUR_REM;
  const width = 100 / s.lanes;
  const status = o.outcome ? t('sched.outcome.' + o.outcome) : o.approval !== 'approved' && waiting ? t('sched.approval.' + o.approval) : '';
  return el('button', {
    type: 'button', class: classes.join(' '), 'data-schedule': o.scheduleId, 'data-program': o.programId,
    style: `top:${top}rem;height:${height}rem;left:${s.lane * width}%;width:${width}%`,
    title: `${s.time} ${o.title}`, onclick: () => showDetail(s),
  }, el('span', { class: 'occ-time' }, s.time), ' ', el('span', { class: 'occ-title' }, o.title),
  status ? el('span', { class: 'occ-status' }, status) : null);
}

function showDetail(s) {
  const o = s.o;
  const box = $('occ-detail');
  const canCancel = hasRole(me, 'broadcaster', 'admin') && !o.cancelled;
  const cancel = async () => {
    if (!confirm(t('sched.detail.confirm-cancel', { title: o.title }))) return;
    try {
      await api('/api/schedules/' + encodeURIComponent(o.scheduleId) + '/cancel', { method: 'POST' });
      box.hidden = true;
      say($('week-status'), t('sched.detail.cancelled-now', { title: o.title }));
      await loadWeek();
    } catch (e) {
      say($('week-status'), explain(e), true);
    }
  };
  box.replaceChildren(
    el('h3', {}, o.title),
    el('p', {}, t('sched.detail.time', { day: dayNames()[weekdayIndex(s.day)] + ' ' + shortDate(s.day), time: s.time, minutes: durationText(s.seconds) })),
    el('p', {}, el('span', { class: 'badge' }, t('sched.legend.' + o.class)), ' ',
      el('span', { class: 'badge' + (o.canAir ? ' ok' : ' alarm') }, t('sched.approval.' + o.approval)),
      o.outcome ? el('span', { class: 'badge' }, ' ' + t('sched.outcome.' + o.outcome)) : null),
    o.cancelled ? el('p', { class: 'hint' }, t('sched.detail.cancelled')) : null,
    el('div', { class: 'buttons' },
      canCancel ? el('button', { type: 'button', class: 'danger', id: 'occ-cancel', onclick: cancel }, t('sched.detail.cancel')) : null,
      el('button', { type: 'button', class: 'secondary', onclick: () => { box.hidden = true; } }, t('sched.detail.close'))));
  box.hidden = false;
}

me = await startPage('schedule');
$('week-prev').addEventListener('click', () => showWeekOf(addDays(weekStart, -7)));
$('week-next').addEventListener('click', () => showWeekOf(addDays(weekStart, 7)));
$('week-today').addEventListener('click', () => showWeekOf(todayVn()));
document.addEventListener('langchange', renderWeek);
const approvals = mountApprovals(me, { onChange: loadWeek });
if (hasRole(me, 'broadcaster', 'admin')) {
  $('program-card').hidden = false;
  mountScheduleForm(me, { onSaved: async firstSlot => { await showWeekOf(firstSlot ? vnParts(firstSlot).day : weekStart); await approvals.reload(); } });
}
await Promise.all([loadWeek(), approvals.reload()]);
