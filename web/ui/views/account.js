// One's own account: the password, and API tokens for scripts.
import { $, api, formatDate, h, sendJson, session } from '../lib.js';

$('#password-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  try {
    await sendJson('/api/session/password', 'PUT', { current: form.get('current'), password: form.get('password') });
    session.onSignedOut();
    $('#sign-in-error').textContent = 'Đã đổi mật khẩu; hãy đăng nhập lại.';
  } catch (error) {
    $('#password-result').textContent = error.message;
  }
});

export async function showTokens() {
  const { tokens } = await api('/api/tokens');
  $('#token-list').replaceChildren(
    ...tokens.map((t) =>
      h('li', {}, `${t.name} · tạo ${formatDate(t.created_at)} · ${t.last_used_at ? `dùng lần cuối ${formatDate(t.last_used_at)}` : 'chưa dùng'} `,
        h('button', { type: 'button', onclick: async () => { await api(`/api/tokens/${t.id}`, { method: 'DELETE' }); await showTokens(); } }, 'Thu hồi'))),
  );
}

$('#token-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const { token } = await sendJson('/api/tokens', 'POST', { name: new FormData(event.target).get('name') });
  $('#token-new').textContent = `Mã mới (chỉ hiện lần này): ${token}`;
  event.target.reset();
  await showTokens();
});

