// What the dashboard and the devices page both need to say about a speaker: where it stands and how it is.
import { addStrings, t } from './i18n.js';

addStrings({
  vi: {
    'fleet.unplaced': 'Chưa xếp thôn',
    'state.online': 'hoạt động', 'state.offline': 'mất kết nối', 'state.faulty': 'có sự cố',
    'state.pending': 'chờ phát', 'state.playing': 'đang phát',
    'alarm.offline': 'Mất kết nối', 'alarm.speaker-fault': 'Hỏng loa', 'alarm.amplifier-fault': 'Hỏng âm ly',
    'alarm.mains-lost': 'Mất điện lưới', 'alarm.over-temperature': 'Quá nhiệt', 'alarm.low-signal': 'Sóng yếu',
  },
  en: {
    'fleet.unplaced': 'Not placed in a village',
    'state.online': 'online', 'state.offline': 'offline', 'state.faulty': 'faulty',
    'state.pending': 'pending', 'state.playing': 'playing',
    'alarm.offline': 'Offline', 'alarm.speaker-fault': 'Speaker fault', 'alarm.amplifier-fault': 'Amplifier fault',
    'alarm.mains-lost': 'Mains lost', 'alarm.over-temperature': 'Overheating', 'alarm.low-signal': 'Weak signal',
  },
});

/** The flat area list (/api/areas?flat=true) by code. */
export function areaIndex(areas) {
  return new Map(areas.map(a => [a.code, a]));
}

/** The commune above an area (itself when it is one), or null. */
export function communeOf(code, areas) {
  for (let a = areas.get(code); a; a = a.parent ? areas.get(a.parent) : null) if (a.level === 'commune') return a;
  return null;
}

/** True when `code` is `ancestor` or lies under it. */
export function isUnder(code, ancestor, areas) {
  for (let a = areas.get(code); a; a = a.parent ? areas.get(a.parent) : null) if (a.code === ancestor) return true;
  return false;
}

/** Village and commune names of a device (an unplaced device gets its own group). */
export function placeOf(device, areas) {
  const village = device.villageCode ? areas.get(device.villageCode) : null;
  if (!village) {
    return { key: '-', code: null, villageName: device.villageCode || t('fleet.unplaced'), communeName: '', sortKey: '~' };
  }
  const commune = communeOf(village.code, areas);
  return { key: village.code, code: village.code, villageName: village.name, communeName: commune ? commune.name : '',
    sortKey: (commune ? commune.code : '') + '/' + village.code };
}

/**
 * online, offline or faulty. Faulty: an active alarm other than the offline alarm itself (an offline speaker is
 * already shown as offline; what a technician must go and repair is the rest).
 */
export function deviceState(device, activeAlarms) {
  if (activeAlarms.some(a => a.deviceId === device.id && a.kind !== 'offline')) return 'faulty';
  return device.online ? 'online' : 'offline';
}
