// Users (admins): add, change role, lock, give a new password.
import { $, api, h, L, sendJson } from '../lib.js';

export async function showUsers() {
  const { users } = await api('/api/users');
  const act = (user, change, done) => async () => {
    try {
      const result = await sendJson(`/api/users/${user.id}`, 'PATCH', change);
      $('#user-result').textContent = done(result);
    } catch (error) {
      $('#user-result').textContent = error.message;
    }
    await showUsers();
  };
  $('#user-rows').replaceChildren(
    ...users.map((u) => {
      const role = h('select', { 'aria-label': `Vai trò của ${u.username}` }, Object.entries(L.roles).map(([value, label]) => h('option', { value, selected: value === u.role }, label)));
      role.addEventListener('change', act(u, { role: role.value }, () => `Đã đổi vai trò của ${u.username}.`));
      return h('tr', {},
        h('td', {}, u.username), h('td', {}, role), h('td', {}, u.disabled ? 'đã khóa' : 'đang dùng'),
        h('td', {},
          h('button', { type: 'button', onclick: act(u, { disabled: !u.disabled }, () => `${u.username}: ${u.disabled ? 'đã mở khóa' : 'đã khóa'}.`) }, u.disabled ? 'Mở khóa' : 'Khóa'), ' ',
          h('button', { type: 'button', onclick: act(u, { reset_password: true }, (r) => `Mật khẩu mới của ${u.username} (chỉ hiện lần này): ${r.password}`) }, 'Cấp mật khẩu mới')));
    }),
  );
}

$('#user-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  try {
    const { user, password } = await sendJson('/api/users', 'POST', { username: form.get('username'), role: form.get('role') });
    $('#user-result').textContent = `Đã thêm ${user.username} (${L.roles[user.role]}), mật khẩu (chỉ hiện lần này): ${password}`;
    event.target.reset();
  } catch (error) {
    $('#user-result').textContent = error.message;
  }
  await showUsers();
});

