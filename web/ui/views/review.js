// What waits for a person: figures read unsure, table sums that do not add up, facts whose sources
// disagree; each links to its words in the document, where an archivist corrects or confirms it.
import { $, api, COLUMN_NAMES, formatNumber, h, L } from '../lib.js';

const CHECK_NAMES = { row_sum: 'tổng dòng', column_sum: 'tổng cột', percent: 'tỷ lệ %' };

const section = (title, count, ...content) => [h('h3', {}, `${title} (${count})`), count ? content : h('p', { class: 'muted' }, 'Không có.')];

export async function showReview() {
  const { figures, checks, conflicts, documents } = await api('/api/review');
  const figureTable = h('div', { class: 'scroll' }, h('table', {},
    h('thead', {}, h('tr', {}, h('th', {}, 'Văn bản, trang và chữ'), h('th', {}, 'Chỉ số'), h('th', { class: 'number' }, 'Giá trị'), h('th', {}, 'Năm'), h('th', {}, 'Đơn vị / địa bàn'), h('th', { class: 'number' }, 'Độ chắc'))),
    h('tbody', {}, figures.map((f) =>
      h('tr', {},
        h('td', {}, `${f.filename} tr.${f.page}: `, h('a', { href: `#/documents/${f.document}/${f.page}/${f.span[0]}-${f.span[1]}` }, `“${f.text}”`)),
        h('td', {}, L.metrics[f.metric] ?? f.metric), h('td', { class: 'number' }, formatNumber(f.value)), h('td', {}, f.year ?? '—'),
        h('td', {}, f.scope ?? 'toàn địa bàn'), h('td', { class: 'number' }, formatNumber(f.confidence)))))));
  const checkTable = h('div', { class: 'scroll' }, h('table', {},
    h('thead', {}, h('tr', {}, h('th', {}, 'Văn bản và trang'), h('th', {}, 'Bảng'), h('th', {}, 'Dòng / cột'), h('th', {}, 'Phép kiểm tra'), h('th', { class: 'number' }, 'Tính được'), h('th', { class: 'number' }, 'In trên bảng'))),
    h('tbody', {}, checks.map((c) =>
      h('tr', {},
        h('td', {}, h('a', { href: `#/documents/${c.document}/${c.page}` }, `${c.filename} tr.${c.page}`)), h('td', {}, c.table ?? '—'),
        h('td', {}, c.kind === 'column_sum' ? `cột ${COLUMN_NAMES[c.row] ?? c.row}` : (c.row ?? '—')), h('td', {}, CHECK_NAMES[c.kind] ?? c.kind),
        h('td', { class: 'number' }, formatNumber(c.expected)), h('td', { class: 'number' }, formatNumber(c.printed)))))));
  const source = (s) => h('li', {}, h('a', { href: `#/documents/${s.sha256}/${s.page}` }, `${documents[s.sha256] ?? s.sha256.slice(0, 12)} tr.${s.page}`), ': ', 'text' in s ? `“${s.text}”` : `bảng ${s.table}, dòng “${s.row}”`);
  const conflictList = h('ul', { class: 'conflicts' }, conflicts.map((f) =>
    h('li', {},
      h('strong', {}, `${f.scope ?? 'toàn địa bàn'} · ${L.metrics[f.metric] ?? f.metric} ${f.year}${f.campaign ? ` · ${f.campaign}` : ''}: ${formatNumber(f.value)} ${f.unit}`),
      h('ul', { class: 'sources' }, f.sources.map(source)),
      ...f.conflicts.map((c) => h('div', {}, `nói khác: ${formatNumber(c.value)}`, h('ul', { class: 'sources' }, c.sources.map(source)))))));
  $('#review-lists').replaceChildren(
    ...section('Số liệu đọc chưa chắc', figures.length, figureTable),
    ...section('Phép kiểm tra cộng không khớp', checks.length, checkTable),
    ...section('Dữ kiện có nguồn nói khác', conflicts.length, conflictList),
  );
}
