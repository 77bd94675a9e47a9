// Facts: one value per unit, year, metric and measure, each with every mention that says it.
import { $, api, COLUMN_NAMES, formatNumber, h, L, queryOf } from '../lib.js';

/** Where a fact is said: a document's page and words, or its table's row and column. */
function sourceItem(source, documents) {
  const where = 'text' in source ? `“${source.text}”` : `bảng ${source.table}, dòng “${source.row}”, cột ${COLUMN_NAMES[source.column] ?? source.column}`;
  return h('li', {},
    h('a', { href: `#/documents/${source.sha256}` }, documents[source.sha256] ?? source.sha256.slice(0, 12)),
    ` tr.${source.page}: `, h('span', { class: 'quote' }, where));
}

function factRow(f, documents) {
  return h('tr', { class: f.conflicts.length ? 'check-failed' : '' },
    h('td', {}, L.metrics[f.metric] ?? f.metric), h('td', { class: 'number' }, formatNumber(f.value)),
    h('td', {}, L.measures[f.measure] === f.unit ? f.unit : `${f.unit} (${L.measures[f.measure] ?? f.measure})`), h('td', {}, f.year),
    h('td', {}, [f.scope ?? 'toàn địa bàn', f.campaign ? ` · ${f.campaign}` : '']),
    h('td', {}, h('ul', { class: 'sources' }, f.sources.map((s) => sourceItem(s, documents)))),
    h('td', {}, f.conflicts.map((c) => h('div', {}, h('strong', {}, formatNumber(c.value)), h('ul', { class: 'sources' }, c.sources.map((s) => sourceItem(s, documents)))))));
}

$('#fact-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const query = queryOf(event.target);
  const conflicting = query.has('conflicts');
  const shown = new URLSearchParams(query);
  query.delete('conflicts');
  try {
    const { facts, documents } = await api(`/api/${conflicting ? 'conflicts' : 'facts'}?${query}`);
    // the export of exactly these facts (with a sheet of their sources in Excel)
    const link = (format, label) => {
      const q = new URLSearchParams(shown);
      q.set('what', 'facts');
      q.set('format', format);
      return h('a', { href: `/api/export?${q}`, download: '' }, label);
    };
    $('#fact-count').replaceChildren(`${facts.length} dữ kiện · xuất những dữ kiện này: `, link('csv', 'CSV'), ' · ', link('xlsx', 'Excel'), ' · ', link('json', 'JSON'));
    $('#fact-rows').replaceChildren(...facts.map((f) => factRow(f, documents)));
  } catch (error) {
    $('#fact-count').textContent = error.message;
    $('#fact-rows').replaceChildren();
  }
});

