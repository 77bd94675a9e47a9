// The readable, Vietnamese summary of one extraction.
import { LABELS } from '../core/labels.js';
import type { Extraction } from '../core/records.js';


export function summarize(extraction: Extraction): string {
  const { document: doc, figures, tables, warnings } = extraction;
  const dash = (value: string | null) => value ?? '—';
  return [
    `${doc.filename}  (sha256 ${doc.sha256.slice(0, 12)}…)`,
    `  ${doc.page_count} trang · nguồn chữ: ${doc.text_source}`,
    `  loại: ${dash(doc.kind)} · số: ${dash(doc.number)} · ngày: ${dash(doc.date)} · nơi ban hành: ${dash(doc.issuer)}`,
    `  trích yếu: ${dash(doc.subject)}`,
    `  số liệu: ${figures.length} · bảng: ${tables.length} · cảnh báo: ${warnings.length}`,
    ...tables.map((t) => {
      const failed = t.checks.filter((c) => !c.ok).length;
      return `  bảng trang ${t.page}: ${dash(t.title)} · ${t.year ?? '—'} · ${LABELS.tableKinds[t.kind]} · ${t.rows.length} dòng · kiểm tra ${t.checks.length - failed}/${t.checks.length} khớp`;
    }),
    ...warnings.map((w) => `  ! ${w.page ? `[trang ${w.page}] ` : ''}${w.message}`),
  ].join('\n');
}
