// Vietnamese first, English on request. Each page registers its own strings with addStrings(); the shell's own
// strings live here. The choice is kept in localStorage so it follows the officer from page to page.

const LANG_KEY = 'inforadio.lang';
export const LANGUAGES = ['vi', 'en'];

const strings = {
  vi: {
    'app.name': 'InfoRadio',
    'nav.menu': 'Menu',
    'nav.dashboard': 'Tổng quan',
    'nav.devices': 'Thiết bị',
    'nav.live': 'Phát trực tiếp',
    'nav.emergency': 'Khẩn cấp',
    'nav.media': 'Thư viện',
    'nav.schedule': 'Lịch phát',
    'nav.reports': 'Báo cáo',
    'nav.account': 'Tài khoản',
    'nav.main': 'Điều hướng chính',
    'shell.lang-switch': 'English',
    'shell.lang-switch.title': 'Switch to English',
    'shell.sign-out': 'Đăng xuất',
    'shell.signed-in-as': 'Đăng nhập: {name}',
    'shell.loading': 'Đang tải…',
    'shell.error': 'Lỗi: {message}',
    'shell.offline': 'Không kết nối được tới máy chủ.',
    'shell.forbidden': 'Tài khoản này không có quyền làm việc này.',
    'role.admin': 'quản trị',
    'role.broadcaster': 'phát thanh viên',
    'role.approver': 'người duyệt',
    'role.technician': 'kỹ thuật viên',
    'role.viewer': 'người xem',
    'role.cap-feed': 'nguồn CAP',
    'common.save': 'Lưu',
    'common.cancel': 'Hủy',
    'common.close': 'Đóng',
    'common.yes': 'Có',
    'common.no': 'Không',
    'common.none': '—',
    'common.all-areas': 'toàn hệ thống',
  },
  en: {
    'app.name': 'InfoRadio',
    'nav.menu': 'Menu',
    'nav.dashboard': 'Dashboard',
    'nav.devices': 'Devices',
    'nav.live': 'Go live',
    'nav.emergency': 'Emergency',
    'nav.media': 'Media',
    'nav.schedule': 'Schedule',
    'nav.reports': 'Reports',
    'nav.account': 'Account',
    'nav.main': 'Main navigation',
    'shell.lang-switch': 'Tiếng Việt',
    'shell.lang-switch.title': 'Chuyển sang tiếng Việt',
    'shell.sign-out': 'Sign out',
    'shell.signed-in-as': 'Signed in: {name}',
    'shell.loading': 'Loading…',
    'shell.error': 'Error: {message}',
    'shell.offline': 'Cannot reach the server.',
    'shell.forbidden': 'This account may not do this.',
    'role.admin': 'admin',
    'role.broadcaster': 'broadcaster',
    'role.approver': 'approver',
    'role.technician': 'technician',
    'role.viewer': 'viewer',
    'role.cap-feed': 'CAP feed',
    'common.save': 'Save',
    'common.cancel': 'Cancel',
    'common.close': 'Close',
    'common.yes': 'Yes',
    'common.no': 'No',
    'common.none': '—',
    'common.all-areas': 'whole system',
  },
};

/** The current language: what the officer chose last, Vietnamese by default. */
export function lang() {
  let stored = null;
  try { stored = localStorage.getItem(LANG_KEY); } catch { /* storage blocked: stay Vietnamese */ }
  return LANGUAGES.includes(stored) ? stored : 'vi';
}

/** Registers a page's strings: {vi:{key:"…"}, en:{key:"…"}}. Later registrations win for the same key. */
export function addStrings(more) {
  for (const [language, table] of Object.entries(more)) {
    strings[language] = Object.assign(strings[language] || {}, table);
  }
}

/** The text of `key` in the current language (Vietnamese, then the key itself, when missing); {name} takes params.name. */
export function t(key, params) {
  const text = strings[lang()]?.[key] ?? strings.vi[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (params[name] ?? whole).toString());
}

/** Fills [data-i18n] (text), [data-i18n-placeholder], [data-i18n-title] and [data-i18n-aria-label] under root. */
export function applyTranslations(root = document) {
  if (root === document) document.documentElement.lang = lang();
  for (const node of root.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  for (const node of root.querySelectorAll('[data-i18n-placeholder]')) node.setAttribute('placeholder', t(node.dataset.i18nPlaceholder));
  for (const node of root.querySelectorAll('[data-i18n-title]')) node.setAttribute('title', t(node.dataset.i18nTitle));
  for (const node of root.querySelectorAll('[data-i18n-aria-label]')) node.setAttribute('aria-label', t(node.dataset.i18nAriaLabel));
}

/** Switches the language, re-translates the page and tells the page's own code (event `langchange` on document). */
export function setLang(language) {
  if (!LANGUAGES.includes(language)) throw new Error('unknown language ' + language);
  try { localStorage.setItem(LANG_KEY, language); } catch { /* the switch still works for this page */ }
  applyTranslations();
  document.dispatchEvent(new CustomEvent('langchange', { detail: { lang: language } }));
}

/** A date and time in the current language's usual form. */
export function formatTime(value, options = { dateStyle: 'short', timeStyle: 'medium' }) {
  if (!value) return '';
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return date.toLocaleString(lang() === 'vi' ? 'vi-VN' : 'en-GB', options);
}
