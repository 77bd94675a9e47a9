// One document: its header, the page image as it was read with the words' boxes on it, the page's
// text, and beside them the figures, tables and warnings read from it. Choosing a figure or a table
// cell marks its words on the image and in the text.
import { $, api, COLUMN_NAMES, formatDate, formatNumber, formatTime, h, L, may, parseNumber, sendJson } from '../lib.js';

/** Whether a word lies in a span of the text. */
const overlaps = (word, span) => span && word.start < span.end && word.end > span.start;

const fold = (text) => text.normalize('NFD').replace(/[\u0300-\u036f]/gu, '').replace(/đ/gu, 'd').replace(/Đ/gu, 'D').toLowerCase();

/**
 * Where a table cell's number is printed in its page's text: on the first line that names the row
 * and holds the number (as printed, 1.202 or 1202). Null when the text does not show it so.
 */
export function cellSpan(text, label, value) {
  if (value === null || value === undefined) return null;
  const printed = new Set([formatNumber(value), String(value), String(value).replace('.', ',')]);
  const key = fold(label).replace(/\s+/gu, ' ').trim();
  let offset = 0;
  for (const line of text.split('\n')) {
    if (key && fold(line).replace(/\s+/gu, ' ').includes(key)) {
      for (const match of line.matchAll(/\S+/gu)) {
        const token = match[0].replace(/[;:,.]$/u, '');
        if (printed.has(token)) return { start: offset + match.index, end: offset + match.index + token.length };
      }
    }
    offset += line.length + 1;
  }
  return null;
}

/** @param at `<page>`, then `<start>-<end>`, then a figure's id, from the address: marks those words (and that figure) when shown */
const FIELD_NAMES = { value: 'giá trị', metric: 'chỉ số', unit: 'đơn vị tính', year: 'năm' };
const shown = (field, value) => (value === null ? '—' : field === 'value' ? formatNumber(value) : field === 'metric' ? (L.metrics[value] ?? value) : String(value));

/** Opens a document from its address: what another document (or an earlier look) left in the panel goes first. */
export function openDocument(sha256, ...at) {
  $('#document-detail').replaceChildren(h('p', { class: 'muted', role: 'status' }, 'Đang tải văn bản…'));
  return showDocument(sha256, ...at);
}

export async function showDocument(sha256, ...at) {
  const panel = $('#document-detail');
  const detail = await api(`/api/documents/${sha256}`);
  const d = detail.document;
  if (!d) {
    const s = detail.submission;
    panel.replaceChildren(h('p', {}, `${s.filename}: ${s.state === 'failed' ? `Lỗi: ${s.message}` : 'đang xử lý'}`));
    return;
  }
  const pages = new Map(detail.pages.map((p) => [p.page, p]));
  const { corrections: audit } = await api(`/api/corrections?document=${sha256}`);
  const layouts = new Map();
  let current = detail.pages[0]?.page ?? 1;

  const image = h('img', { alt: '', class: 'page-image' });
  const boxes = h('div', { class: 'boxes', 'aria-hidden': 'true' });
  const pageView = h('div', { class: 'page-view' }, image, boxes);
  const noImage = h('p', { class: 'muted', hidden: true }, 'Văn bản này không có ảnh trang (tệp văn bản).');
  const pageText = h('pre', { class: 'page-text', tabindex: 0, 'aria-label': 'Văn bản của trang' });
  const pageInfo = h('p', { class: 'muted' });
  const tabs = h('div', { class: 'page-tabs', role: 'tablist', 'aria-label': 'Trang' },
    detail.pages.map((p) => h('button', { type: 'button', role: 'tab', 'data-page': p.page, onclick: () => showPage(p.page) }, `Trang ${p.page}`)));

  async function layoutOf(page) {
    if (!pages.get(page)?.layout) return null;
    if (!layouts.has(page)) layouts.set(page, await api(`/api/documents/${sha256}/pages/${page}/layout`));
    return layouts.get(page);
  }

  function drawText(text, layout, span) {
    if (!layout) {
      const parts = span ? [text.slice(0, span.start), h('mark', {}, text.slice(span.start, span.end)), text.slice(span.end)] : [text];
      pageText.replaceChildren(...parts);
      return;
    }
    const nodes = [];
    let at = 0;
    for (const word of [...layout.words].sort((a, b) => a.start - b.start)) {
      if (word.start < at) continue;
      nodes.push(text.slice(at, word.start));
      const classes = [word.repaired ? 'repaired' : '', overlaps(word, span) ? 'hit' : ''].filter(Boolean).join(' ');
      nodes.push(classes ? h(overlaps(word, span) ? 'mark' : 'span', { class: classes, title: word.repaired ? 'Chữ đã được sửa sau OCR' : null }, text.slice(word.start, word.end)) : text.slice(word.start, word.end));
      at = word.end;
    }
    nodes.push(text.slice(at));
    pageText.replaceChildren(...nodes);
  }

  function drawBoxes(layout, span) {
    if (!layout) {
      boxes.replaceChildren();
      return;
    }
    const pct = (value, of) => `${((value / of) * 100).toFixed(3)}%`;
    boxes.replaceChildren(
      ...layout.words
        .filter((w) => w.repaired || overlaps(w, span))
        .map((w) => {
          const box = h('div', { class: `box ${overlaps(w, span) ? 'hit' : 'repaired'}` });
          Object.assign(box.style, { left: pct(w.box[0], layout.width), top: pct(w.box[1], layout.height), width: pct(w.box[2] - w.box[0], layout.width), height: pct(w.box[3] - w.box[1], layout.height) });
          return box;
        }),
    );
  }

  async function showPage(page, span = null) {
    current = page;
    const p = pages.get(page);
    const layout = await layoutOf(page);
    for (const tab of tabs.children) tab.setAttribute('aria-selected', String(Number(tab.dataset.page) === page));
    if (detail.images) {
      image.src = `/api/documents/${sha256}/pages/${page}/image`;
      image.alt = `Ảnh trang ${page}`;
    }
    pageInfo.textContent = `Trang ${page} · ${L.textSources[p.source] ?? p.source} · chất lượng ${formatNumber(p.quality)}${p.ocr_confidence === null ? '' : ` · độ tin cậy OCR ${formatNumber(p.ocr_confidence)}`}${layout ? ` · ${layout.words.filter((w) => w.repaired).length} chữ đã sửa (gạch dưới)` : ''}`;
    drawText(p.text, layout, span);
    drawBoxes(layout, span);
  }

  /** Marks words on their page, shows it, and brings the marks into view. */
  async function mark(page, span) {
    await showPage(page, span);
    const target = $('mark', pageText);
    target?.scrollIntoView({ block: 'nearest' });
    (boxes.querySelector('.hit') ?? pageView).scrollIntoView({ block: 'center', behavior: 'smooth' });
  }

  const editor = h('div', { class: 'editor', hidden: true });
  const figureRows = detail.figures.map((f, i) =>
    h('tr', { class: 'clickable', tabindex: 0, 'data-figure': i, onclick: () => choose(i), onkeydown: (e) => e.key === 'Enter' && choose(i) },
      h('td', {}, L.metrics[f.metric] ?? f.metric, f.reviewed ? h('span', { class: 'badge', title: 'Đã được người duyệt sửa hoặc xác nhận' }, 'đã duyệt') : null),
      h('td', { class: 'number' }, formatNumber(f.value)), h('td', {}, f.unit), h('td', {}, f.year ?? '—'),
      h('td', {}, [f.scope ?? 'toàn địa bàn', f.campaign ? ` · ${f.campaign}` : '']), h('td', { class: 'number' }, f.page), h('td', { class: 'quote' }, `“${f.text}”`),
      may('write') ? h('td', {}, h('button', { type: 'button', onclick: (e) => { e.stopPropagation(); edit(i); } }, 'Sửa')) : null));

  /** The editor of a figure: its value, metric, unit and year; saving with nothing changed confirms it. */
  function edit(i) {
    const f = detail.figures[i];
    choose(i);
    openEditor(editor, `Sửa số liệu “${f.text}” (trang ${f.page})`, 'Lưu mà không đổi gì là xác nhận số liệu đúng. Bản đọc gốc và mọi lần sửa được giữ trong nhật ký.', [
      h('label', {}, 'Giá trị', h('input', { name: 'value', value: formatNumber(f.value), inputmode: 'decimal', required: true })),
      h('label', {}, 'Chỉ số', h('select', { name: 'metric' }, Object.entries(L.metrics).map(([value, label]) => h('option', { value, selected: value === f.metric }, label)))),
      h('label', {}, 'Đơn vị tính', h('input', { name: 'unit', value: f.unit, required: true })),
      h('label', {}, 'Năm', h('input', { name: 'year', value: f.year ?? '', inputmode: 'numeric', size: 5 })),
      h('label', {}, 'Ghi chú', h('input', { name: 'note' })),
    ], async (data) => {
      const value = parseNumber(data.get('value'));
      const year = String(data.get('year')).trim();
      if (Number.isNaN(value) || (year !== '' && !/^\d{4}$/u.test(year))) throw new Error('Giá trị phải là một số (ví dụ 21.600 hoặc 99,5), năm bốn chữ số.');
      const note = String(data.get('note')).trim();
      await sendJson(`/api/figures/${f.id}/corrections`, 'POST', { value, metric: data.get('metric'), unit: String(data.get('unit')).trim(), year: year === '' ? null : Number(year), ...(note ? { note } : {}) });
      await showDocument(sha256, String(f.page), `${f.span[0]}-${f.span[1]}`, String(f.id));
    });
  }
  function choose(i) {
    const f = detail.figures[i];
    figureRows.forEach((row, j) => row.classList.toggle('chosen', j === i));
    mark(f.page, { start: f.span[0], end: f.span[1] });
  }

  /** A form in the editor: its fields, Lưu and Thôi; `save` gets its data and throws to show a message. */
  function openEditor(where, title, hint, fields, save) {
    const message = h('p', { class: 'failed', role: 'alert' });
    const form = h('form', { class: 'filters' }, ...fields,
      h('button', { type: 'submit' }, 'Lưu'),
      h('button', { type: 'button', onclick: () => (where.hidden = true) }, 'Thôi'));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      try {
        await save(new FormData(form));
      } catch (error) {
        message.textContent = error.message;
      }
    });
    where.replaceChildren(h('h4', {}, title), h('p', { class: 'muted' }, hint), form, message);
    where.hidden = false;
    where.scrollIntoView({ block: 'nearest' });
    $('input', form).focus();
  }

  const tableGrid = (table, number) => {
    const failedRows = new Set(table.checks.filter((c) => !c.ok && c.kind !== 'column_sum').map((c) => c.row));
    const failedColumns = new Set(table.checks.filter((c) => !c.ok && c.kind === 'column_sum').map((c) => c.row));
    const reviewed = new Set(table.reviewed.map(([row, column]) => `${row} ${column}`));
    const cellEditor = h('div', { class: 'editor', hidden: true });
    const cells = [];
    /** The editor of a cell: its value; saving the value read confirms it. */
    const editCell = (row, index, column) => {
      const place = `${row.label}, ${COLUMN_NAMES[column] ?? column}`;
      openEditor(cellEditor, `Sửa ô “${place}” (bảng ${number}, trang ${table.page})`, 'Lưu mà không đổi gì là xác nhận ô đúng. Các phép kiểm tra cộng của bảng được tính lại; bản đọc gốc được giữ trong nhật ký.', [
        h('label', {}, 'Giá trị', h('input', { name: 'value', value: formatNumber(row.cells[column]), inputmode: 'decimal', required: true })),
        h('label', {}, 'Ghi chú', h('input', { name: 'note' })),
      ], async (data) => {
        const value = parseNumber(data.get('value'));
        if (Number.isNaN(value)) throw new Error('Giá trị phải là một số (ví dụ 1.202 hoặc 99,5).');
        const note = String(data.get('note')).trim();
        await sendJson(`/api/documents/${sha256}/tables/${number}/corrections`, 'POST', { row: index, column, value, ...(note ? { note } : {}) });
        await showDocument(sha256, String(table.page));
      });
    };
    const cell = (row, index, column) => {
      const value = row.cells[column];
      const td = h('td', {
        class: ['number', failedColumns.has(column) ? 'check-failed' : '', reviewed.has(`${index} ${column}`) ? 'reviewed' : ''].filter(Boolean).join(' '),
        title: reviewed.has(`${index} ${column}`) ? 'Đã được người duyệt sửa hoặc xác nhận' : null,
        tabindex: value === null ? null : 0,
      }, formatNumber(value));
      if (value === null) return td;
      const choose = () => {
        cells.forEach((other) => other.classList.toggle('chosen', other === td));
        mark(table.page, cellSpan(pages.get(table.page)?.text ?? '', row.label, value));
        if (may('write')) editCell(row, index, column);
      };
      td.addEventListener('click', choose);
      td.addEventListener('keydown', (e) => {
        if (e.key !== 'Enter') return;
        // the editor takes the focus: this Enter must not also send its form
        e.preventDefault();
        choose();
      });
      cells.push(td);
      return td;
    };
    return h('div', { class: 'table-block' },
      h('h4', {}, `Bảng ${number} · trang ${table.page}: ${table.title ?? '(không tên)'} · ${L.tableKinds[table.kind] ?? table.kind} ${table.year ?? ''}`),
      h('div', { class: 'scroll' }, h('table', {},
        h('thead', {}, h('tr', {}, h('th', {}, 'Đơn vị'), table.columns.map((c) => h('th', { class: 'number' }, COLUMN_NAMES[c] ?? c)))),
        h('tbody', {}, table.rows.map((row, index) =>
          h('tr', { class: failedRows.has(row.label) ? 'check-failed' : '' },
            h('td', {}, row.parent ? `↳ ${row.label}` : row.label),
            table.columns.map((c) => cell(row, index, c))))))),
      table.checks.some((c) => !c.ok) ? h('p', { class: 'failed' }, `${table.checks.filter((c) => !c.ok).length} phép kiểm tra cộng không khớp (tô đỏ).`) : null,
      reviewed.size ? h('p', { class: 'muted' }, `${reviewed.size} ô đã được người duyệt sửa hoặc xác nhận (gạch xanh dưới ô).`) : null,
      may('write') ? h('p', { class: 'muted' }, 'Chọn một ô để sửa hoặc xác nhận nó.') : null,
      cellEditor);
  };

  const remove = async () => {
    if (!confirm(`Xóa ${d.filename} cùng mọi số liệu đọc được từ nó? Không thể hoàn tác.`)) return;
    await api(`/api/documents/${sha256}`, { method: 'DELETE' });
    location.hash = '#/';
  };

  const parts = [
    h('p', {}, h('a', { href: '#/' }, '← Danh sách văn bản')),
    h('h2', {}, d.filename),
    h('dl', { class: 'header-fields' },
      h('dt', {}, 'Loại'), h('dd', {}, L.documentKinds[d.kind] ?? '—'),
      h('dt', {}, 'Số'), h('dd', {}, d.number ?? '—'),
      h('dt', {}, 'Ngày'), h('dd', {}, formatDate(d.date)),
      h('dt', {}, 'Cơ quan ban hành'), h('dd', {}, d.issuer ?? '—'),
      h('dt', {}, 'Trích yếu'), h('dd', {}, d.subject ?? '—'),
      h('dt', {}, 'Nguồn chữ'), h('dd', {}, L.textSources[d.text_source] ?? d.text_source)),
    h('p', { class: 'actions' },
      h('a', { href: `/api/documents/${sha256}/original`, class: 'button', download: d.filename }, 'Tải bản gốc'),
      may('write') ? h('button', { type: 'button', class: 'danger', onclick: remove }, 'Xóa văn bản') : null),
    d.parts.length > 1
      ? h('section', { class: 'parts' }, h('h3', {}, `Tệp này gồm ${d.parts.length} văn bản`),
        h('ol', {}, d.parts.map((part) => h('li', {},
          h('a', { href: `#/documents/${sha256}/${part.pages[0]}` }, `Trang ${part.pages[0]}–${part.pages[1]}`), ': ',
          [L.documentKinds[part.kind] ?? 'Văn bản', part.number ? ` số ${part.number}` : '', part.date ? ` ngày ${formatDate(part.date)}` : ''].join(''),
          part.subject ? ` — ${part.subject}` : '',
          ` (${part.figures} số liệu, ${part.tables} bảng)`))))
      : null,
    detail.copies.length
      ? h('p', {}, 'Bản sao của cùng văn bản: ', detail.copies.flatMap((c, i) => [
        i ? ', ' : '',
        h('a', { href: `#/documents/${c.sha256}/${c.pages[0]}` }, c.filename),
        c.pages[0] > 1 || d.parts.length > 1 ? ` (trang ${c.pages[0]}–${c.pages[1]})` : '',
        c.read ? ' (bản được đọc)' : '',
      ]))
      : null,
    h('div', { class: 'doc-grid' },
      h('div', { class: 'viewer' }, tabs, pageInfo, detail.images ? pageView : noImage, h('h3', {}, 'Văn bản của trang'), pageText),
      h('div', { class: 'records' },
        h('h3', {}, `Số liệu (${detail.figures.length})`),
        detail.figures.length ? h('p', { class: 'muted' }, 'Chọn một số liệu hoặc một ô bảng để thấy chữ của nó trên trang.') : null,
        h('div', { class: 'scroll' }, h('table', { class: 'figures' },
          h('thead', {}, h('tr', {}, h('th', {}, 'Chỉ số'), h('th', { class: 'number' }, 'Giá trị'), h('th', {}, 'Đơn vị tính'), h('th', {}, 'Năm'), h('th', {}, 'Đơn vị / địa bàn'), h('th', { class: 'number' }, 'Trang'), h('th', {}, 'Câu chữ gốc'), may('write') ? h('th', {}, '') : null)),
          h('tbody', {}, figureRows))),
        editor,
        ...detail.tables.map((table, i) => tableGrid(table, i + 1)),
        h('h3', {}, 'Nhật ký sửa'),
        audit.length
          ? h('ul', { class: 'audit' }, audit.map((c) => h('li', {},
            `${formatTime(c.at)} · ${c.username} · ${c.cell ? `bảng ${c.cell.table}, ô “${c.cell.label}, ${COLUMN_NAMES[c.cell.column] ?? c.cell.column}”` : `trang ${c.page}`}: `,
            c.field === 'confirmed' ? 'xác nhận đúng' : `${FIELD_NAMES[c.field]} ${shown(c.field, c.before)} → ${shown(c.field, c.after)}`,
            c.note ? h('span', { class: 'muted' }, ` (${c.note})`) : null)))
          : h('p', { class: 'muted' }, 'Chưa có lần sửa nào.'),
        h('h3', {}, 'Cảnh báo và sự kiện xử lý'),
        h('ul', {}, detail.events.map((e) => h('li', { class: e.kind === 'warning' ? 'failed' : '' }, `${e.page ? `[trang ${e.page}] ` : ''}${e.message}`))))),
  ];
  panel.replaceChildren(...parts.filter(Boolean));
  const [page, span] = [Number(at[0]), /^(\d+)-(\d+)$/u.exec(at[1] ?? '')];
  // a figure named by its id, else the first whose words these are
  const chosen = at[2] ? detail.figures.findIndex((f) => f.id === Number(at[2])) : span ? detail.figures.findIndex((f) => f.page === page && f.span[0] === Number(span[1]) && f.span[1] === Number(span[2])) : -1;
  figureRows.forEach((row, j) => row.classList.toggle('chosen', j === chosen));
  if (pages.has(page)) await mark(page, span ? { start: Number(span[1]), end: Number(span[2]) } : null);
  else await showPage(current);
}
