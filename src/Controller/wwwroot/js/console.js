// The console's shell: every page but sign-in calls startPage(pageId), which checks the session (/api/me), draws the
// header with the navigation this user's roles allow, the language switch and sign-out, and translates the page.
import { api, ApiError, el, goToSignIn } from './api.js';
import { applyTranslations, lang, setLang, t } from './i18n.js';

/** The pages of the console; roles: who sees the link (none listed = every signed-in user). */
export const PAGES = [
  { id: 'index', href: 'index.html', key: 'nav.dashboard' },
  { id: 'devices', href: 'devices.html', key: 'nav.devices' },
  { id: 'live', href: 'live.html', key: 'nav.live', roles: ['broadcaster', 'admin'] },
  { id: 'emergency', href: 'emergency.html', key: 'nav.emergency', roles: ['broadcaster', 'admin'] },
  { id: 'media', href: 'media.html', key: 'nav.media', roles: ['broadcaster', 'admin'] },
  { id: 'schedule', href: 'schedule.html', key: 'nav.schedule', roles: ['broadcaster', 'approver', 'admin'] },
  { id: 'reports', href: 'reports.html', key: 'nav.reports' },
  { id: 'account', href: 'account.html', key: 'nav.account' },
];

/** True when the user holds any of the roles. */
export function hasRole(me, ...roles) {
  return roles.some(r => me.roles.includes(r));
}

/**
 * Checks the session, draws the shell into <header id="shell"> and resolves to me ({name, roles, areas}).
 * Without a session it goes to signin.html?next=<this page> and never resolves.
 */
export async function startPage(pageId) {
  applyTranslations();
  let me;
  try {
    me = await api('/api/me', { stayOn401: true });
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      goToSignIn();
      return new Promise(() => {});
    }
    showFatal(e);
    throw e;
  }
  renderShell(pageId, me);
  applyTranslations();
  document.body.classList.add('ready');
  return me;
}

function renderShell(pageId, me) {
  const header = document.getElementById('shell') || document.body.insertBefore(el('header', { id: 'shell' }), document.body.firstChild);
  header.classList.add('top');
  const links = PAGES.filter(p => !p.roles || hasRole(me, ...p.roles)).map(p =>
    el('li', {}, el('a', { href: p.href, id: 'nav-' + p.id, 'data-i18n': p.key, 'aria-current': p.id === pageId ? 'page' : null }, t(p.key))));
  const nav = el('nav', { id: 'nav', class: 'nav', 'data-i18n-aria-label': 'nav.main' }, el('ul', {}, links));
  const toggle = el('button', { type: 'button', id: 'nav-toggle', class: 'nav-toggle secondary', 'aria-expanded': 'false',
    'aria-controls': 'nav', 'data-i18n-aria-label': 'nav.menu' }, '☰');
  toggle.addEventListener('click', () => {
    const open = header.classList.toggle('nav-open');
    toggle.setAttribute('aria-expanded', String(open));
  });
  const switcher = el('button', { type: 'button', id: 'lang-switch', class: 'secondary', 'data-i18n': 'shell.lang-switch',
    'data-i18n-title': 'shell.lang-switch.title' }, t('shell.lang-switch'));
  switcher.addEventListener('click', () => setLang(lang() === 'vi' ? 'en' : 'vi'));
  const signOut = el('button', { type: 'button', id: 'sign-out', class: 'secondary', 'data-i18n': 'shell.sign-out' }, t('shell.sign-out'));
  signOut.addEventListener('click', async () => {
    try { await api('/api/session', { method: 'DELETE', stayOn401: true }); } catch { /* gone already: sign-in anyway */ }
    location.href = 'signin.html';
  });
  const who = el('span', { id: 'who', class: 'who', title: me.roles.join(', ') }, me.name);
  header.replaceChildren(
    el('a', { href: 'index.html', class: 'brand' }, 'InfoRadio'),
    toggle,
    nav,
    el('div', { class: 'account' }, who, switcher, signOut));
  // A phone's menu closes again once a link is chosen or the language changes.
  nav.addEventListener('click', () => header.classList.remove('nav-open'));
}

function showFatal(e) {
  const main = document.querySelector('main') || document.body;
  main.prepend(el('p', { class: 'error card', role: 'alert' }, t('shell.error', { message: e.message })));
}

/** A short message in an element, marked as an error or not; empty text clears it. */
export function say(node, text, isError = false) {
  node.textContent = text || '';
  node.classList.toggle('error', !!isError);
  node.classList.toggle('ok-text', !isError && !!text);
}

/** The message to show an officer for a failed call: the server's own words, or what the status means. */
export function explain(e) {
  if (e instanceof ApiError) {
    if (e.status === 403) return t('shell.forbidden') + (e.message && e.message !== 'Forbidden' ? ' (' + e.message + ')' : '');
    if (e.status === 0) return t('shell.offline');
  }
  return e && e.message ? e.message : String(e);
}
