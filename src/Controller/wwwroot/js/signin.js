// The sign-in page: name and password to POST /api/session (the answer sets the session cookie), then back to the
// page that sent the officer here. In a --demo run the demo accounts are offered as one-click buttons.
import { api, ApiError, el } from './api.js';
import { addStrings, applyTranslations, lang, setLang, t } from './i18n.js';

addStrings({
  vi: {
    'signin.page-title': 'Đăng nhập · InfoRadio',
    'signin.title': 'Đăng nhập',
    'signin.intro': 'Hệ thống truyền thanh cơ sở: đăng nhập bằng tên và mật khẩu được cấp.',
    'signin.name': 'Tên đăng nhập',
    'signin.password': 'Mật khẩu',
    'signin.submit': 'Đăng nhập',
    'signin.busy': 'Đang đăng nhập…',
    'signin.missing': 'Hãy nhập tên đăng nhập và mật khẩu.',
    'signin.wrong': 'Sai tên đăng nhập hoặc mật khẩu.',
    'signin.locked': 'Tài khoản tạm khóa vì nhập sai nhiều lần. Thử lại sau {minutes} phút.',
    'signin.failed': 'Không đăng nhập được: {message}',
    'signin.demo.title': 'Tài khoản dùng thử',
    'signin.demo.intro': 'Bản chạy thử (--demo): bấm một tài khoản để đăng nhập ngay.',
    'signin.demo.areas': 'địa bàn {areas}',
  },
  en: {
    'signin.page-title': 'Sign in · InfoRadio',
    'signin.title': 'Sign in',
    'signin.intro': 'Commune radio system: sign in with the name and password you were given.',
    'signin.name': 'User name',
    'signin.password': 'Password',
    'signin.submit': 'Sign in',
    'signin.busy': 'Signing in…',
    'signin.missing': 'Enter your user name and password.',
    'signin.wrong': 'Wrong user name or password.',
    'signin.locked': 'The account is locked after too many wrong tries. Try again in {minutes} minutes.',
    'signin.failed': 'Could not sign in: {message}',
    'signin.demo.title': 'Demo accounts',
    'signin.demo.intro': 'Demo run (--demo): click an account to sign in at once.',
    'signin.demo.areas': 'areas {areas}',
  },
});

const $ = (id) => document.getElementById(id);

/** Where to go after signing in: only a page of this console (no other site, no scheme, no protocol-relative URL). */
export function nextPage(search = location.search) {
  const next = new URLSearchParams(search).get('next') || '';
  return /^[A-Za-z0-9_-]+\.html([?#][^\s]*)?$/.test(next) && !next.startsWith('signin.html') ? next : 'index.html';
}

async function signIn(name, password) {
  const error = $('signin-error');
  error.textContent = '';
  if (!name || !password) { error.textContent = t('signin.missing'); return; }
  const submit = $('signin-submit');
  submit.disabled = true;
  submit.textContent = t('signin.busy');
  try {
    await api('/api/session', { method: 'POST', body: { name, password }, stayOn401: true });
    location.href = nextPage();
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) error.textContent = t('signin.wrong');
    else if (e instanceof ApiError && e.status === 429) error.textContent = t('signin.locked', { minutes: lockMinutes(e) });
    else error.textContent = t('signin.failed', { message: e.message });
    $('signin-password').select();
  } finally {
    submit.disabled = false;
    submit.textContent = t('signin.submit');
  }
}

function lockMinutes(e) {
  const seconds = Number(e.retryAfter ?? 900);
  return Math.max(1, Math.ceil((Number.isFinite(seconds) ? seconds : 900) / 60));
}

async function showDemoAccounts() {
  let accounts;
  try {
    accounts = await api('/api/demo/accounts', { stayOn401: true });
  } catch {
    return; // 404: not a demo run
  }
  if (!Array.isArray(accounts) || accounts.length === 0) return;
  const list = $('demo-list');
  list.replaceChildren(...accounts.map(a => {
    const roles = (a.roles || []).map(r => el('span', { 'data-i18n': 'role.' + r }, t('role.' + r)));
    const scope = a.areas && a.areas.length ? el('span', { class: 'hint' }, ' · ' + a.areas.join(', ')) : null;
    const button = el('button', { type: 'button', class: 'demo-account secondary', id: 'demo-' + a.name, 'data-name': a.name },
      el('b', {}, a.name), el('span', { class: 'hint' }, ' ', ...roles.flatMap((r, i) => i ? [', ', r] : [r])), scope);
    button.addEventListener('click', () => {
      $('signin-name').value = a.name;
      $('signin-password').value = a.password;
      signIn(a.name, a.password);
    });
    return button;
  }));
  $('demo-accounts').hidden = false;
}

applyTranslations();
$('lang-switch').addEventListener('click', () => setLang(lang() === 'vi' ? 'en' : 'vi'));
$('signin-form').addEventListener('submit', (e) => {
  e.preventDefault();
  signIn($('signin-name').value.trim(), $('signin-password').value);
});
showDemoAccounts();
$('signin-name').focus();
