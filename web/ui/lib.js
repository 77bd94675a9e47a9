// What every view uses: elements, Vietnamese number and date formats, the API with the session's
// CSRF token, and the server's names for the records' codes.
const numberFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 3 });
export const formatNumber = (value) => (value === null || value === undefined ? '—' : numberFormat.format(value));

/** A number as a Vietnamese reader types it: 21.600 → 21600, 99,5 → 99.5, 1.234,5 → 1234.5; NaN otherwise. */
export function parseNumber(text) {
  const plain = String(text).trim().replace(/\s/gu, '');
  if (!/^-?[\d.,]+$/u.test(plain)) return Number.NaN;
  if (plain.includes(',')) return Number(plain.replace(/\./gu, '').replace(',', '.'));
  return /^-?\d{1,3}(\.\d{3})+$/u.test(plain) ? Number(plain.replace(/\./gu, '')) : Number(plain);
}

/** dd/mm/yyyy hh:mm of a time stamp. */
export const formatTime = (iso) => new Intl.DateTimeFormat('vi-VN', { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));

/** dd/mm/yyyy of an ISO date (2024-03-14) or time stamp. */
export function formatDate(iso) {
  if (!iso) return '—';
  const [, y, m, d] = /^(\d{4})-(\d{2})-(\d{2})/u.exec(iso) ?? [];
  if (!y) return iso;
  if (iso.length === 10) return `${d}/${m}/${y}`;
  return new Intl.DateTimeFormat('vi-VN', { day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date(iso));
}

export const $ = (selector, root = document) => root.querySelector(selector);

/** An element with attributes (`on…` are listeners) and children (nodes or text). */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (value !== null && value !== undefined && value !== false) element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

export const session = { user: null, csrfToken: null, access: [], onSignedOut: () => {} };

/** The JSON of an API call; a 4xx/5xx other than 422 throws its message. */
export async function api(path, options = {}) {
  const method = options.method ?? 'GET';
  const headers = { ...options.headers, ...(method === 'GET' || !session.csrfToken ? {} : { 'x-csrf-token': session.csrfToken }) };
  const response = await fetch(path, { ...options, headers });
  if (response.status === 401 && path !== '/api/session') {
    session.onSignedOut();
    throw new Error('Phiên đăng nhập đã hết; hãy đăng nhập lại.');
  }
  if (response.status === 204) return {};
  const body = await response.json().catch(() => ({}));
  if (!response.ok && response.status !== 422) throw new Error(body.error ?? `Lỗi ${response.status}`);
  return body;
}

export const sendJson = (path, method, body) => api(path, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** Whether the signed-in user may do this (`read`, `write`, `admin`), as the server says at sign-in. */
export const may = (access) => session.access.includes(access);

/** The server's Vietnamese names of the records' codes (/api/labels), once signed in. */
export const L = {};

export async function loadLabels() {
  Object.assign(L, await api('/api/labels'));
  // the forms' choices: <select data-labels="metrics" data-blank="(tất cả)">
  for (const select of document.querySelectorAll('select[data-labels]')) {
    const blank = select.dataset.blank === undefined ? [] : [h('option', { value: '' }, select.dataset.blank)];
    select.replaceChildren(...blank, ...Object.entries(L[select.dataset.labels]).map(([value, label]) => h('option', { value }, label)));
    if (select.dataset.value) select.value = select.dataset.value;
  }
}

export const COLUMN_NAMES = { target: 'Chỉ tiêu', total: 'Tổng', percent: 'Tỷ lệ %' };

/** The non-empty fields of a form as a query string. */
export const queryOf = (form) => new URLSearchParams([...new FormData(form)].filter(([, value]) => String(value).trim() !== ''));
