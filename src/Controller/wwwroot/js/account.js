// The account page: anyone changes their own password; an admin also manages the users (roles, areas, disabled,
// password reset, API tokens shown once).
import { api, el, tx } from './api.js';
import { explain, hasRole, say, startPage } from './console.js';
import { t } from './i18n.js';
import './account-strings.js';

const $ = (id) => document.getElementById(id);
const ROLES = ['admin', 'broadcaster', 'approver', 'technician', 'viewer', 'cap-feed'];
let me = null;
let areas = [];
let users = [];
let editing = null; // null: creating

function roleWords(roles) {
  return roles.length ? roles.flatMap((r, i) => [i ? ', ' : '', tx('role.' + r)]) : [t('common.none')];
}

function areaWords(codes) {
  if (!codes || codes.length === 0) return [tx('common.all-areas')];
  const names = new Map(areas.map(a => [a.code, a.name]));
  return [codes.map(c => names.has(c) ? `${names.get(c)} (${c})` : c).join(', ')];
}

function renderMe() {
  $('me-name').textContent = me.name;
  $('me-roles').replaceChildren(...roleWords(me.roles));
  $('me-areas').replaceChildren(...areaWords(me.areas));
}

async function changePassword(e) {
  e.preventDefault();
  const message = $('pw-message');
  const current = $('pw-current').value, next = $('pw-new').value;
  if (next.length < 10) return say(message, t('acc.password-short'), true);
  if (next !== $('pw-repeat').value) return say(message, t('acc.password-mismatch'), true);
  try {
    await api('/api/me/password', { method: 'POST', body: { currentPassword: current, newPassword: next } });
    $('password-form').reset();
    say(message, t('acc.password-changed'));
  } catch (ex) {
    say(message, t('acc.password-refused', { message: explain(ex) }), true);
  }
}

async function loadUsers() {
  users = await api('/api/users');
  renderUsers();
}

function renderUsers() {
  const heads = ['acc.name', 'acc.roles', 'acc.areas', 'acc.state', 'acc.actions'];
  $('users').replaceChildren(el('table', { id: 'users-table' },
    el('thead', {}, el('tr', {}, heads.map(k => el('th', {}, tx(k))))),
    el('tbody', {}, users.map(u => el('tr', { 'data-user': u.name },
      el('td', {}, el('b', {}, u.name)),
      el('td', {}, ...roleWords(u.roles || [])),
      el('td', {}, ...areaWords(u.areas)),
      el('td', {}, el('span', { class: 'badge ' + (u.disabled ? 'offline' : 'ok') }, tx(u.disabled ? 'acc.locked' : 'acc.active'))),
      el('td', {}, el('div', { class: 'buttons' },
        action('edit', 'acc.edit', () => openUser(u)),
        action('reset', 'acc.reset-password', () => openReset(u)),
        action('token', 'acc.issue-token', () => issueToken(u)),
        action('revoke', 'acc.revoke-tokens', () => revokeTokens(u)),
        u.name === me.name ? null : action('delete', 'acc.delete', () => removeUser(u)))))))));
}

function action(kind, key, onclick) {
  return el('button', { type: 'button', class: 'secondary small user-' + kind, onclick }, tx(key));
}

function openUser(user) {
  editing = user;
  say($('user-error'), '');
  $('user-heading').textContent = t(user ? 'acc.edit-user' : 'acc.new-user');
  $('user-name').value = user ? user.name : '';
  $('user-name').readOnly = !!user;
  $('user-roles').querySelectorAll('input').forEach(i => { i.checked = !!user && user.roles.includes(i.value); });
  [...$('user-areas').options].forEach(o => { o.selected = !!user && (user.areas || []).includes(o.value); });
  $('user-password-box').hidden = !!user;
  $('user-password').value = '';
  $('user-disabled-box').hidden = !user;
  $('user-disabled').checked = !!user?.disabled;
  $('user-dialog').showModal();
}

async function saveUser(e) {
  e.preventDefault();
  const name = $('user-name').value.trim();
  const roles = [...$('user-roles').querySelectorAll('input:checked')].map(i => i.value);
  const chosenAreas = [...$('user-areas').selectedOptions].map(o => o.value);
  if (!name) return say($('user-error'), t('acc.need-name'), true);
  if (roles.length === 0) return say($('user-error'), t('acc.need-role'), true);
  try {
    if (editing) {
      await api(`/api/users/${encodeURIComponent(name)}`, { method: 'PUT', body: { roles, areas: chosenAreas, disabled: $('user-disabled').checked } });
    } else {
      await api('/api/users', { method: 'POST', body: { name, roles, areas: chosenAreas, password: $('user-password').value } });
    }
    $('user-dialog').close();
    say($('users-message'), t(editing ? 'acc.saved' : 'acc.created', { name }));
    await loadUsers();
  } catch (ex) {
    say($('user-error'), explain(ex), true);
  }
}

function openReset(user) {
  editing = user;
  $('reset-user').textContent = user.name;
  $('reset-password').value = '';
  say($('reset-error'), '');
  $('reset-dialog').showModal();
}

async function saveReset(e) {
  e.preventDefault();
  try {
    await api(`/api/users/${encodeURIComponent(editing.name)}/password`, { method: 'POST', body: { password: $('reset-password').value } });
    $('reset-dialog').close();
    say($('users-message'), t('acc.reset-done', { name: editing.name }));
  } catch (ex) {
    say($('reset-error'), explain(ex), true);
  }
}

async function issueToken(user) {
  try {
    const answer = await api(`/api/users/${encodeURIComponent(user.name)}/tokens`, { method: 'POST' });
    $('token-user').textContent = user.name;
    $('token-value').value = answer.token;
    $('token-dialog').showModal();
    $('token-value').select();
  } catch (ex) {
    say($('users-message'), explain(ex), true);
  }
}

async function revokeTokens(user) {
  if (!window.confirm(t('acc.confirm-revoke', { name: user.name }))) return;
  try {
    await api(`/api/users/${encodeURIComponent(user.name)}/tokens`, { method: 'DELETE' });
    say($('users-message'), t('acc.revoked', { name: user.name }));
  } catch (ex) {
    say($('users-message'), explain(ex), true);
  }
}

async function removeUser(user) {
  if (!window.confirm(t('acc.confirm-delete', { name: user.name }))) return;
  try {
    await api(`/api/users/${encodeURIComponent(user.name)}`, { method: 'DELETE' });
    say($('users-message'), t('acc.deleted', { name: user.name }));
    await loadUsers();
  } catch (ex) {
    say($('users-message'), explain(ex), true);
  }
}

startPage('account').then(async (who) => {
  me = who;
  areas = await api('/api/areas?flat=true').catch(() => []);
  renderMe();
  $('password-form').addEventListener('submit', changePassword);
  document.addEventListener('langchange', () => { renderMe(); if (users.length) renderUsers(); });
  if (!hasRole(me, 'admin')) return;
  $('users-card').hidden = false;
  $('user-roles').append(...ROLES.map(r => el('label', { class: 'inline' }, el('input', { type: 'checkbox', value: r, name: 'user-role' }), tx('role.' + r))));
  $('user-areas').replaceChildren(...areas.filter(a => a.level !== 'village').sort((a, b) => a.code.localeCompare(b.code))
    .map(a => el('option', { value: a.code }, `${a.name} (${a.code})`)));
  $('user-new').addEventListener('click', () => openUser(null));
  $('user-form').addEventListener('submit', saveUser);
  $('user-cancel').addEventListener('click', () => $('user-dialog').close());
  $('reset-form').addEventListener('submit', saveReset);
  $('reset-cancel').addEventListener('click', () => $('reset-dialog').close());
  $('token-close').addEventListener('click', () => $('token-dialog').close());
  try { await loadUsers(); } catch (ex) { say($('users-message'), explain(ex), true); }
});
