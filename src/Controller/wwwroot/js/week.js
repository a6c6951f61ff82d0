import { t } from './i18n.js';

// Calendar days in Vietnam time (UTC+7 all year, no daylight saving), whatever zone the browser is in. Days are
// 'yyyy-MM-dd' strings; the API writes instants with '+07:00', so a slot's day and minute are read from its text.

const VN_OFFSET_MS = 7 * 3600 * 1000;

/** Today in Vietnam, as 'yyyy-MM-dd'. */
export function todayVn(now = Date.now()) {
  return new Date(now + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/** The time of day now in Vietnam, 'HH:mm'. */
export function nowTimeVn(now = Date.now()) {
  return new Date(now + VN_OFFSET_MS).toISOString().slice(11, 16);
}

export function addDays(day, n) {
  const d = new Date(day + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** 0 = Monday … 6 = Sunday (the Vietnamese week starts on Monday: Thứ Hai). */
export function weekdayIndex(day) {
  return (new Date(day + 'T00:00:00Z').getUTCDay() + 6) % 7;
}

/** The Monday of the week holding `day`. */
export function mondayOf(day) {
  return addDays(day, -weekdayIndex(day));
}

/** The names of the days, Monday first, in the current language (strings 'sched.days' / 'sched.days.short'). */
export function dayNames(short = false) {
  return t(short ? 'sched.days.short' : 'sched.days').split('|');
}

/** The API's day tokens, Monday first. */
export const DAY_TOKENS = ['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su'];

/** An instant the API wrote ('2025-06-02T06:30:00+07:00') as its Vietnam day and minute of the day. */
export function vnParts(instant) {
  const ms = Date.parse(instant);
  const local = new Date(ms + VN_OFFSET_MS).toISOString();
  return { day: local.slice(0, 10), minute: Number(local.slice(11, 13)) * 60 + Number(local.slice(14, 16)), time: local.slice(11, 16), ms };
}

/** 'dd/MM' of a day. */
export function shortDate(day) {
  return day.slice(8, 10) + '/' + day.slice(5, 7);
}

/**
 * Side-by-side lanes for slots that overlap within a day: each slot gets the first lane free at its start, and
 * every slot of a group that overlaps shares that group's lane count, so clashing programs sit next to each other.
 */
export function assignLanes(slots) {
  const sorted = [...slots].sort((a, b) => a.startMin - b.startMin || a.endMin - b.endMin);
  let group = [], laneEnds = [], groupEnd = -1;
  const close = () => { for (const s of group) s.lanes = laneEnds.length; group = []; laneEnds = []; };
  for (const s of sorted) {
    if (group.length && s.startMin >= groupEnd) close();
    let lane = laneEnds.findIndex(end => end <= s.startMin);
    if (lane < 0) { lane = laneEnds.length; laneEnds.push(s.endMin); } else laneEnds[lane] = s.endMin;
    s.lane = lane;
    group.push(s);
    groupEnd = Math.max(groupEnd, s.endMin);
  }
  close();
  return sorted;
}
