// The web UI: plain DOM over the JSON API of web/app.ts.
const numberFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 3 });
const dateFormat = new Intl.DateTimeFormat('vi-VN', { day: '2-digit', month: '2-digit', year: 'numeric' });
const formatDate = (iso) => dateFormat.format(new Date(iso));
const formatNumber = (value) => (value === null || value === undefined ? '—' : numberFormat.format(value));

const COLUMN_NAMES = { target: 'Chỉ tiêu', total: 'Tổng', percent: 'Tỷ lệ %' };

const $ = (selector) => document.querySelector(selector);

/** An element with text or children; attributes given as an object. */
function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'onclick') element.addEventListener('click', value);
    else if (value !== null && value !== undefined && value !== false) element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) element.append(child instanceof Node ? child : String(child ?? ''));
  return element;
}

// the signed-in session's token against request forgery, sent with every request that changes something
let csrfToken = null;
let me = null;

async function api(path, options = {}) {
  const method = options.method ?? 'GET';
  const headers = { ...options.headers, ...(method === 'GET' || !csrfToken ? {} : { 'x-csrf-token': csrfToken }) };
  const response = await fetch(path, { ...options, headers });
  if (response.status === 401 && path !== '/api/session') {
    showSignIn();
    throw new Error('Phiên đăng nhập đã hết; hãy đăng nhập lại.');
  }
  if (response.status === 204) return {};
  const body = await response.json().catch(() => ({}));
  if (!response.ok && response.status !== 422) throw new Error(body.error ?? `Lỗi ${response.status}`);
  return body;
}

const sendJson = (path, method, body) => api(path, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

const ACCESS = { analyst: ['read'], archivist: ['read', 'write'], admin: ['read', 'write', 'admin'] };

// the names of the records' codes, as the server's catalogue gives them (after signing in)
let KINDS, METRICS, TABLE_KINDS, STAGES, MEASURES, ROLES;

async function loadLabels() {
  const labels = await api('/api/labels');
  ({ documentKinds: KINDS, metrics: METRICS, tableKinds: TABLE_KINDS, stages: STAGES, measures: MEASURES, roles: ROLES } = labels);
  // the forms' choices, from the server's catalogue: <select data-labels="metrics" data-blank="(tất cả)">
  for (const select of document.querySelectorAll('select[data-labels]')) {
    const blank = select.dataset.blank === undefined ? [] : [h('option', { value: '' }, select.dataset.blank)];
    select.replaceChildren(...blank, ...Object.entries(labels[select.dataset.labels]).map(([value, label]) => h('option', { value }, label)));
    if (select.dataset.value) select.value = select.dataset.value;
  }
}

function showSignIn() {
  me = null;
  csrfToken = null;
  $('#app').hidden = true;
  $('#who').hidden = true;
  $('#sign-in').hidden = false;
  $('#sign-in-form input[name=username]').focus();
}

async function start(session) {
  me = session.user;
  csrfToken = session.csrf_token;
  await loadLabels();
  $('#sign-in').hidden = true;
  $('#who-name').textContent = `${me.username} · ${ROLES[me.role]}`;
  $('#who').hidden = false;
  for (const section of document.querySelectorAll('[data-access]')) section.hidden = !ACCESS[me.role].includes(section.dataset.access);
  $('#app').hidden = false;
  const health = await api('/api/health');
  $('#health').textContent = `Cơ sở dữ liệu: ${health.database.kind === 'postgres' ? 'PostgreSQL' : 'PGlite (nhúng)'} · xử lý: ${health.driver === 'queue' ? 'hàng đợi Redis' : 'trong tiến trình'}`;
  await Promise.all([showDocuments(), showTokens(), me.role === 'admin' ? showUsers() : null]);
}

$('#sign-in-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  const response = await fetch('/api/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: form.get('username'), password: form.get('password') }),
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    $('#sign-in-error').textContent = body.error ?? `Lỗi ${response.status}`;
    return;
  }
  event.target.reset();
  $('#sign-in-error').textContent = '';
  await start(body);
});

$('#sign-out').addEventListener('click', async () => {
  await api('/api/session', { method: 'DELETE' });
  showSignIn();
});

$('#password-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  try {
    await sendJson('/api/session/password', 'PUT', { current: form.get('current'), password: form.get('password') });
    showSignIn();
    $('#sign-in-error').textContent = 'Đã đổi mật khẩu; hãy đăng nhập lại.';
  } catch (error) {
    alert(error.message);
  }
});

async function showTokens() {
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

async function showUsers() {
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
      const role = h('select', { 'aria-label': `Vai trò của ${u.username}` }, Object.entries(ROLES).map(([value, label]) => h('option', { value, selected: value === u.role }, label)));
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
    $('#user-result').textContent = `Đã thêm ${user.username} (${ROLES[user.role]}), mật khẩu (chỉ hiện lần này): ${password}`;
    event.target.reset();
  } catch (error) {
    $('#user-result').textContent = error.message;
  }
  await showUsers();
});

/** what a document being processed is doing, as the list says it */
const stageOf = (s) => (s.stage === null ? 'Đang chờ xử lý' : s.stage === 'reading' ? `${STAGES.reading} (${s.pages_read}/${s.pages} trang)` : STAGES[s.stage]);

const queryOf = (form) => new URLSearchParams([...new FormData(form)].filter(([, value]) => String(value).trim() !== ''));

// Documents: the stored ones from the database, the ones in hand from the server's submissions.
let polling = null;

async function showDocuments() {
  const { documents, submissions } = await api('/api/documents');
  const rows = [
    ...submissions.map((s) =>
      h('tr', { 'data-sha256': s.sha256 },
        h('td', {}, s.filename), h('td', {}), h('td', {}), h('td', {}), h('td', { class: 'number' }, s.pages), h('td', {}), h('td', {}), h('td', {}),
        h('td', { class: s.state === 'failed' ? 'failed' : '' }, s.state === 'failed' ? `Lỗi: ${s.message}` : stageOf(s)))),
    ...documents.map((d) =>
      h('tr', { class: 'clickable', 'data-sha256': d.sha256, onclick: () => showDocument(d.sha256) },
        h('td', {}, d.filename), h('td', {}, KINDS[d.kind] ?? '—'), h('td', {}, d.number ?? '—'), h('td', {}, d.date ?? '—'),
        h('td', { class: 'number' }, d.page_count), h('td', { class: 'number' }, d.figures), h('td', { class: 'number' }, d.tables),
        h('td', { class: 'number' }, d.warnings),
        h('td', { class: 'stored' }, d.copy_of ? `Đã lưu · bản sao của ${d.copy_of}${d.read ? ' (bản được đọc)' : ''}` : 'Đã lưu'))),
  ];
  $('#document-rows').replaceChildren(...(rows.length ? rows : [h('tr', {}, h('td', { colspan: 9, class: 'muted' }, 'Chưa có văn bản nào.'))]));
  const busy = submissions.some((s) => s.state === 'processing');
  if (busy && !polling) polling = setInterval(showDocuments, 2000);
  if (!busy && polling) {
    clearInterval(polling);
    polling = null;
  }
}

/** A document's figures as read, each with the words it came from. */
function figureTable(figures) {
  return h('table', {},
    h('thead', {}, h('tr', {}, h('th', {}, 'Chỉ số'), h('th', { class: 'number' }, 'Giá trị'), h('th', {}, 'Đơn vị tính'), h('th', {}, 'Năm'),
      h('th', {}, 'Đơn vị / địa bàn'), h('th', {}, 'Trang'), h('th', {}, 'Câu chữ gốc'))),
    h('tbody', {}, figures.map((f) =>
      h('tr', {},
        h('td', {}, METRICS[f.metric] ?? f.metric), h('td', { class: 'number' }, formatNumber(f.value)), h('td', {}, f.unit), h('td', {}, f.year ?? '—'),
        h('td', {}, [f.scope ?? 'toàn địa bàn', f.campaign ? ` · ${f.campaign}` : '']),
        h('td', { class: 'number' }, f.page), h('td', { class: 'quote' }, `“${f.text}”`)))));
}

function tableGrid(table) {
  const failedRows = new Set(table.checks.filter((c) => !c.ok && c.kind !== 'column_sum').map((c) => c.row));
  const failedColumns = new Set(table.checks.filter((c) => !c.ok && c.kind === 'column_sum').map((c) => c.row));
  return h('div', {},
    h('h4', {}, `Trang ${table.page}: ${table.title ?? '(không tên)'} · ${TABLE_KINDS[table.kind] ?? table.kind} ${table.year ?? ''}`),
    h('table', {},
      h('thead', {}, h('tr', {}, h('th', {}, 'Đơn vị'), table.columns.map((c) => h('th', { class: `number${failedColumns.has(c) ? ' check-failed' : ''}` }, COLUMN_NAMES[c] ?? c)))),
      h('tbody', {}, table.rows.map((row) =>
        h('tr', { class: failedRows.has(row.label) ? 'check-failed' : '' },
          h('td', {}, row.parent ? `  ↳ ${row.label}` : row.label),
          table.columns.map((c) => h('td', { class: 'number' }, formatNumber(row.cells[c]))))))),
    table.checks.some((c) => !c.ok) ? h('p', { class: 'failed' }, `${table.checks.filter((c) => !c.ok).length} phép kiểm tra cộng không khớp (tô đỏ).`) : null);
}

async function showDocument(sha256) {
  const detail = await api(`/api/documents/${sha256}`);
  const d = detail.document;
  const panel = $('#document-detail');
  panel.hidden = false;
  if (!d) {
    panel.replaceChildren(h('p', {}, `${detail.submission.filename}: ${detail.submission.state === 'failed' ? `Lỗi: ${detail.submission.message}` : 'đang xử lý'}`));
    return;
  }
  panel.replaceChildren(
    h('h3', {}, d.filename),
    h('dl', {},
      h('dt', {}, 'Loại'), h('dd', {}, KINDS[d.kind] ?? '—'),
      h('dt', {}, 'Số'), h('dd', {}, d.number ?? '—'),
      h('dt', {}, 'Ngày'), h('dd', {}, d.date ?? '—'),
      h('dt', {}, 'Cơ quan ban hành'), h('dd', {}, d.issuer ?? '—'),
      h('dt', {}, 'Trích yếu'), h('dd', {}, d.subject ?? '—'),
      h('dt', {}, 'Nguồn chữ'), h('dd', {}, d.text_source)),
    h('h4', {}, `Số liệu (${detail.figures.length})`),
    figureTable(detail.figures),
    ...detail.tables.map(tableGrid),
    h('h4', {}, 'Cảnh báo và sự kiện xử lý'),
    h('ul', {}, detail.events.map((e) => h('li', { class: e.kind === 'warning' ? 'failed' : '' }, `${e.page ? `[trang ${e.page}] ` : ''}${e.message}`))),
    h('h4', {}, 'Văn bản từng trang'),
    ...detail.pages.map((p) =>
      h('details', {}, h('summary', {}, `Trang ${p.page} · ${p.source} · chất lượng ${formatNumber(p.quality)}`), h('pre', { class: 'page-text' }, p.text))),
  );
  panel.scrollIntoView({ behavior: 'smooth' });
}

$('#upload-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const files = $('#files').files;
  if (files.length === 0) return;
  const body = new FormData();
  for (const file of files) body.append('files', file, file.name);
  const result = await api('/api/documents', { method: 'POST', body }).catch((error) => ({ accepted: [], refused: [{ filename: '', error: error.message }] }));
  $('#upload-result').replaceChildren(
    ...(result.accepted ?? []).map((s) => h('li', { class: 'stored' }, `${s.filename}: đã nhận (${s.pages} trang), đang xử lý`)),
    ...(result.refused ?? []).map((r) => h('li', { class: 'failed' }, `${r.filename}: ${r.error}`)),
  );
  $('#upload-form').reset();
  await showDocuments();
});

/** Where a fact is said: a document's page and words, or its table's row and column. */
function sourceItem(source, documents) {
  const where = 'text' in source ? `“${source.text}”` : `bảng ${source.table}, dòng “${source.row}”, cột ${COLUMN_NAMES[source.column] ?? source.column}`;
  return h('li', {},
    h('a', { href: '#documents', onclick: () => showDocument(source.sha256) }, documents[source.sha256] ?? source.sha256.slice(0, 12)),
    ` tr.${source.page}: `, h('span', { class: 'quote' }, where));
}

function factRow(f, documents) {
  return h('tr', { class: f.conflicts.length ? 'check-failed' : '' },
    h('td', {}, METRICS[f.metric] ?? f.metric), h('td', { class: 'number' }, formatNumber(f.value)),
    h('td', {}, MEASURES[f.measure] === f.unit ? f.unit : `${f.unit} (${MEASURES[f.measure] ?? f.measure})`), h('td', {}, f.year),
    h('td', {}, [f.scope ?? 'toàn địa bàn', f.campaign ? ` · ${f.campaign}` : '']),
    h('td', {}, h('ul', { class: 'sources' }, f.sources.map((s) => sourceItem(s, documents)))),
    h('td', {}, f.conflicts.map((c) => h('div', {}, h('strong', {}, formatNumber(c.value)), h('ul', { class: 'sources' }, c.sources.map((s) => sourceItem(s, documents)))))));
}

$('#fact-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const query = queryOf(event.target);
  const conflicting = query.has('conflicts');
  query.delete('conflicts');
  try {
    const { facts, documents } = await api(`/api/${conflicting ? 'conflicts' : 'facts'}?${query}`);
    $('#fact-count').textContent = `${facts.length} dữ kiện`;
    $('#fact-rows').replaceChildren(...facts.map((f) => factRow(f, documents)));
  } catch (error) {
    $('#fact-count').textContent = error.message;
    $('#fact-rows').replaceChildren();
  }
});

$('#compare-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    const { rows } = await api(`/api/compare?${queryOf(event.target)}`);
    $('#compare-rows').replaceChildren(
      ...(rows.length
        ? rows.map((r) =>
            h('tr', {},
              h('td', {}, r.scope ?? 'toàn địa bàn'), h('td', {}, r.unit),
              h('td', { class: 'number' }, `${r.from.year} ${METRICS[r.from.metric] ?? r.from.metric}: ${formatNumber(r.from.value)}`),
              h('td', { class: 'number' }, r.to ? `${r.to.year} ${METRICS[r.to.metric] ?? r.to.metric}: ${formatNumber(r.to.value)}` : 'không có'),
              h('td', { class: 'number' }, r.change === null ? '—' : `${r.change > 0 ? '+' : ''}${formatNumber(r.change)}`),
              h('td', { class: 'number' }, r.change_percent === null ? '—' : `${r.change_percent > 0 ? '+' : ''}${formatNumber(r.change_percent)}%`)))
        : [h('tr', {}, h('td', { colspan: 6, class: 'muted' }, 'Không có số liệu để so sánh.'))]),
    );
  } catch (error) {
    $('#compare-rows').replaceChildren(h('tr', {}, h('td', { colspan: 6, class: 'failed' }, error.message)));
  }
});

const session = await api('/api/session');
if (session.user) await start(session);
else showSignIn();
