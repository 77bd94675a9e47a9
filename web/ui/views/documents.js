// The documents: upload, and the list of stored documents and of those being read.
import { $, api, formatDate, h, L } from '../lib.js';

/** the stored documents, and the documents in hand (being read or failed) by sha256 */
let stored = [];
const inHand = new Map();
let events = null;

/** what a document being processed is doing, as the list says it */
const stageOf = (s) => (s.stage === null ? 'Đang chờ xử lý' : s.stage === 'reading' ? `${L.stages.reading} (${s.pages_read}/${s.pages} trang)` : L.stages[s.stage]);

/** A stored document's row: a file of one document is one row; a bound scan has a row per document it holds, each opening at its first page. */
function storedRow(d, part, index) {
  const bound = d.parts.length > 1;
  const address = bound ? `#/documents/${d.sha256}/${part.pages[0]}` : `#/documents/${d.sha256}`;
  const go = () => (location.hash = address);
  const status = part.copy_of ? `Đã lưu · bản sao của ${part.copy_of}${part.read ? ' (bản được đọc)' : ''}` : 'Đã lưu';
  return h('tr', { class: 'clickable', 'data-sha256': d.sha256, 'data-part': part.part, tabindex: 0, onclick: go, onkeydown: (e) => e.key === 'Enter' && go() },
    h('td', {}, h('a', { href: address }, d.filename), bound ? h('span', { class: 'muted' }, ` · văn bản ${part.part}/${d.parts.length}, trang ${part.pages[0]}–${part.pages[1]}`) : null),
    h('td', {}, L.documentKinds[part.kind] ?? '—'), h('td', {}, part.number ?? '—'), h('td', {}, formatDate(part.date)),
    h('td', { class: 'number' }, part.pages[1] - part.pages[0] + 1), h('td', { class: 'number' }, part.figures), h('td', { class: 'number' }, part.tables),
    h('td', { class: 'number' }, index === 0 ? d.warnings : ''),
    h('td', { class: 'stored' }, status));
}

function render() {
  const rows = [
    ...[...inHand.values()].map((s) =>
      h('tr', { 'data-sha256': s.sha256, 'data-state': s.state },
        h('td', {}, s.filename), h('td', {}), h('td', {}), h('td', {}), h('td', { class: 'number' }, s.pages), h('td', {}), h('td', {}), h('td', {}),
        h('td', { class: s.state === 'failed' ? 'failed' : '' },
          s.state === 'failed' ? `Lỗi: ${s.message}` : [stageOf(s), ' ', h('progress', { max: s.pages, value: s.pages_read, 'aria-label': `${s.pages_read}/${s.pages} trang` })]))),
    ...stored.flatMap((d) => d.parts.map((part, i) => storedRow(d, part, i))),
  ];
  $('#document-rows').replaceChildren(...(rows.length ? rows : [h('tr', {}, h('td', { colspan: 9, class: 'muted' }, 'Chưa có văn bản nào.'))]));
}

/** Follows every document's progress as the server tells it (server-sent events), until signed out. */
function follow() {
  if (events) return;
  events = new EventSource('/api/events');
  events.addEventListener('submission', async (event) => {
    const state = JSON.parse(event.data);
    if (state.state === 'stored') {
      inHand.delete(state.sha256);
      stored = (await api('/api/documents')).documents;
    } else inHand.set(state.sha256, state);
    render();
  });
}

export function stopFollowing() {
  events?.close();
  events = null;
}

export async function showDocuments() {
  const { documents, submissions } = await api('/api/documents');
  stored = documents;
  inHand.clear();
  for (const s of submissions) inHand.set(s.sha256, s);
  render();
  follow();
}

$('#upload-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const files = $('#files').files;
  if (files.length === 0) return;
  const body = new FormData();
  for (const file of files) body.append('files', file, file.name);
  const result = await api('/api/documents', { method: 'POST', body }).catch((error) => ({ refused: [{ filename: '', error: error.message }] }));
  $('#upload-result').replaceChildren(
    ...(result.accepted ?? []).map((s) => h('li', { class: 'stored' }, `${s.filename}: đã nhận (${s.pages} trang), đang xử lý`)),
    ...(result.duplicates ?? []).map((d) => h('li', {}, `${d.filename}: đã có trong kho (`, h('a', { href: `#/documents/${d.sha256}` }, d.stored_as), '), không đọc lại')),
    ...(result.refused ?? []).map((r) => h('li', { class: 'failed' }, `${r.filename}: ${r.error}`)),
  );
  $('#upload-form').reset();
  await showDocuments();
});
