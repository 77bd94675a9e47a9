// Figures and table cells in one list: filters (metric, year, source, campaign, document), a unit
// searched with or without diacritics, sorting by a column's header, pages of 50, and the export of
// exactly what the filters select.
import { $, api, COLUMN_NAMES, formatNumber, h, L, queryOf } from '../lib.js';

const SOURCE_NAMES = { figure: 'câu chữ', cell: 'ô bảng' };
const state = { sort: 'document', order: 'asc', page: 1 };
const PER_PAGE = 50;

const filters = () => {
  const query = queryOf($('#record-form'));
  for (const [key, value] of Object.entries(state)) query.set(key, String(value));
  return query;
};

function exportLinks(query) {
  const without = new URLSearchParams(query);
  without.delete('page');
  without.delete('per_page');
  const link = (format, label) => {
    const q = new URLSearchParams(without);
    q.set('format', format);
    return h('a', { href: `/api/records/export?${q}`, download: '' }, label);
  };
  return [link('csv', 'CSV'), ' · ', link('xlsx', 'Excel')];
}

const where = (r) =>
  r.source === 'figure'
    ? h('a', { href: `#/documents/${r.document}/${r.page}/${r.span[0]}-${r.span[1]}` }, `“${r.text}”`)
    : h('a', { href: `#/documents/${r.document}/${r.page}` }, `${r.table ?? 'bảng'} · dòng “${r.row}” · cột ${COLUMN_NAMES[r.column] ?? r.column}`);

/** The documents to choose from, kept as chosen. */
async function listDocuments() {
  const select = $('#record-form select[name=document]');
  const chosen = select.value;
  const { documents } = await api('/api/documents');
  select.replaceChildren(h('option', { value: '' }, '(tất cả)'), ...documents.map((d) => h('option', { value: d.sha256, selected: d.sha256 === chosen }, d.number ? `${d.number} · ${d.filename}` : d.filename)));
}

/** the latest showing asked for: an older answer arriving after it is dropped */
let asked = 0;

export async function showRecords() {
  const mine = ++asked;
  await listDocuments();
  const query = filters();
  query.set('per_page', String(PER_PAGE));
  let answer;
  try {
    answer = await api(`/api/records?${query}`);
    if (mine !== asked) return;
  } catch (error) {
    if (mine !== asked) return;
    $('#record-count').textContent = error.message;
    $('#record-rows').replaceChildren();
    $('#record-pages').replaceChildren();
    return;
  }
  const { total, records } = answer;
  const pages = Math.max(1, Math.ceil(total / PER_PAGE));
  $('#record-count').replaceChildren(`${formatNumber(total)} số liệu · trang ${state.page}/${pages} · xuất những số liệu này: `, ...exportLinks(query));
  $('#record-rows').replaceChildren(
    ...(records.length
      ? records.map((r) =>
          h('tr', {},
            h('td', {}, L.metrics[r.metric] ?? r.metric), h('td', { class: 'number' }, formatNumber(r.value)), h('td', {}, r.unit ?? '—'), h('td', {}, r.year ?? '—'),
            h('td', {}, [r.scope ?? 'toàn địa bàn', r.campaign ? ` · ${r.campaign}` : '']), h('td', {}, SOURCE_NAMES[r.source]),
            h('td', {}, `${r.filename} tr.${r.page}: `, where(r))))
      : [h('tr', {}, h('td', { colspan: 7, class: 'muted' }, 'Không có số liệu nào khớp.'))]),
  );
  const go = (page) => () => {
    state.page = page;
    showRecords();
  };
  $('#record-pages').replaceChildren(
    h('button', { type: 'button', disabled: state.page <= 1, onclick: go(state.page - 1) }, '‹ Trang trước'),
    ` ${state.page}/${pages} `,
    h('button', { type: 'button', disabled: state.page >= pages, onclick: go(state.page + 1) }, 'Trang sau ›'),
  );
  for (const th of document.querySelectorAll('#records th[data-sort]')) {
    th.setAttribute('aria-sort', th.dataset.sort === state.sort ? (state.order === 'asc' ? 'ascending' : 'descending') : 'none');
  }
}

$('#record-form').addEventListener('submit', (event) => {
  event.preventDefault();
  state.page = 1;
  showRecords();
});

$('#record-form select[name=document]').addEventListener('change', () => {
  state.page = 1;
  showRecords();
});

for (const th of document.querySelectorAll('#records th[data-sort]')) {
  const button = h('button', { type: 'button', class: 'sort' }, th.textContent);
  button.addEventListener('click', () => {
    state.order = state.sort === th.dataset.sort && state.order === 'asc' ? 'desc' : 'asc';
    state.sort = th.dataset.sort;
    state.page = 1;
    showRecords();
  });
  th.replaceChildren(button);
}
