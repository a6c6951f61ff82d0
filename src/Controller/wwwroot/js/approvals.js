// The approval queue (GET /api/approvals): pending programs with what they will say or play, and for approvers the
// approve / reject buttons. The server refuses an approver who wrote the program; its words are shown as they come.
import { api, ApiError, el } from './api.js';
import { explain, hasRole, say } from './console.js';
import { addStrings, formatTime, t } from './i18n.js';

addStrings({
  vi: {
    'appr.heading': 'Chờ duyệt',
    'appr.empty': 'Không có chương trình nào chờ duyệt.',
    'appr.hint.approver': 'Nghe hoặc đọc lại nội dung rồi duyệt hay từ chối. Người soạn không được tự duyệt chương trình của mình.',
    'appr.hint.other': 'Các chương trình này chỉ phát sau khi người duyệt đồng ý.',
    'appr.by': 'Người soạn: {name}',
    'appr.submitted': 'gửi lúc {at}',
    'appr.kind.audio-file': 'Tệp âm thanh',
    'appr.kind.tts-bulletin': 'Bản tin đọc bằng máy',
    'appr.kind.playlist': 'Danh sách phát',
    'appr.kind.stream-relay': 'Tiếp sóng',
    'appr.kind.live-slot': 'Phát trực tiếp',
    'appr.listen': '▶ Nghe',
    'appr.approve': 'Duyệt',
    'appr.reject': 'Từ chối',
    'appr.reason': 'Lý do từ chối:',
    'appr.reason-needed': 'Cần ghi lý do từ chối.',
    'appr.approved': 'Đã duyệt “{title}”: chương trình sẽ được phát theo lịch.',
    'appr.rejected': 'Đã từ chối “{title}”.',
    'appr.refused': 'Không duyệt được “{title}”: {detail}',
    'appr.own': 'Không duyệt được “{title}”: người soạn không được tự duyệt chương trình của mình, cần một người duyệt khác. (Máy chủ: {detail})',
  },
  en: {
    'appr.heading': 'Awaiting approval',
    'appr.empty': 'Nothing awaits approval.',
    'appr.hint.approver': 'Listen to or read the content, then approve or reject it. Authors may not approve their own programs.',
    'appr.hint.other': 'These programs air only once an approver agrees.',
    'appr.by': 'Author: {name}',
    'appr.submitted': 'submitted {at}',
    'appr.kind.audio-file': 'Audio file',
    'appr.kind.tts-bulletin': 'Spoken bulletin',
    'appr.kind.playlist': 'Playlist',
    'appr.kind.stream-relay': 'Relay',
    'appr.kind.live-slot': 'Live slot',
    'appr.listen': '▶ Listen',
    'appr.approve': 'Approve',
    'appr.reject': 'Reject',
    'appr.reason': 'Why is it rejected?',
    'appr.reason-needed': 'A rejection needs a reason.',
    'appr.approved': 'Approved “{title}”: it will air as scheduled.',
    'appr.rejected': 'Rejected “{title}”.',
    'appr.refused': 'Could not approve “{title}”: {detail}',
    'appr.own': 'Could not approve “{title}”: authors may not approve their own programs; another approver must. (Server: {detail})',
  },
});

const $ = id => document.getElementById(id);

/** Draws the queue into #approval-list; reload() fetches it again. onChange runs after an approval or rejection. */
export function mountApprovals(me, { onChange }) {
  const approver = hasRole(me, 'approver');
  let pending = [];

  const render = () => {
    $('approvals-hint').textContent = t(approver ? 'appr.hint.approver' : 'appr.hint.other');
    $('approval-list').replaceChildren(...pending.map(p => item(p)));
    $('approvals-empty').hidden = pending.length > 0;
  };

  const item = p => {
    const submitted = [...(p.history || [])].reverse().find(h => h.action === 'submitted');
    const player = el('audio', { controls: true, preload: 'none', hidden: true, class: 'appr-audio' });
    const listen = p.mediaId ? el('button', { type: 'button', class: 'secondary', onclick: () => {
      player.hidden = false;
      player.src = '/api/media/' + encodeURIComponent(p.mediaId) + '/audio';
      player.play().catch(() => {});
    } }, t('appr.listen')) : null;
    return el('li', { class: 'approval', 'data-id': p.id },
      el('div', { class: 'appr-title' }, p.title, ' ', el('span', { class: 'badge' }, t('appr.kind.' + p.kind))),
      el('p', { class: 'hint' }, t('appr.by', { name: p.author }),
        submitted ? ' · ' + t('appr.submitted', { at: formatTime(submitted.at, { dateStyle: 'short', timeStyle: 'short' }) }) : ''),
      p.text ? el('blockquote', { class: 'appr-text' }, p.text) : null,
      player,
      el('div', { class: 'buttons' },
        listen,
        approver ? el('button', { type: 'button', class: 'approve', 'data-id': p.id, onclick: () => approve(p) }, t('appr.approve')) : null,
        approver ? el('button', { type: 'button', class: 'secondary reject', 'data-id': p.id, onclick: () => reject(p) }, t('appr.reject')) : null));
  };

  const approve = async p => {
    try {
      await api('/api/programs/' + encodeURIComponent(p.id) + '/approve', { method: 'POST' });
      say($('approval-status'), t('appr.approved', { title: p.title }));
      await reload();
      await onChange();
    } catch (e) {
      // 403 for an approver is the author rule; the server's own sentence goes with it.
      const own = e instanceof ApiError && e.status === 403 && p.author === me.name;
      say($('approval-status'), t(own ? 'appr.own' : 'appr.refused', { title: p.title, detail: e instanceof ApiError ? e.message : explain(e) }), true);
    }
  };

  const reject = async p => {
    const reason = prompt(t('appr.reason'));
    if (reason === null) return;
    if (!reason.trim()) return say($('approval-status'), t('appr.reason-needed'), true);
    try {
      await api('/api/programs/' + encodeURIComponent(p.id) + '/reject', { method: 'POST', body: { reason } });
      say($('approval-status'), t('appr.rejected', { title: p.title }));
      await reload();
      await onChange();
    } catch (e) {
      say($('approval-status'), t('appr.refused', { title: p.title, detail: e instanceof ApiError ? e.message : explain(e) }), true);
    }
  };

  const reload = async () => {
    try {
      pending = await api('/api/approvals');
    } catch (e) {
      pending = [];
      say($('approval-status'), explain(e), true);
    }
    render();
  };

  document.addEventListener('langchange', render);
  return { reload };
}
