// The readable, Vietnamese summary of one extraction.
import { LABELS } from '../core/labels.js';
import type { Extraction } from '../core/records.js';


export function summarize(extraction: Extraction): string {
  const { document: doc, figures, tables, warnings, parts } = extraction;
  const dash = (value: string | null) => value ?? '—';
  const header = (h: Pick<Extraction['document'], 'kind' | 'number' | 'date' | 'issuer' | 'subject'>, indent: string) => [
    `${indent}loại: ${dash(h.kind)} · số: ${dash(h.number)} · ngày: ${dash(h.date)} · nơi ban hành: ${dash(h.issuer)}`,
    `${indent}trích yếu: ${dash(h.subject)}`,
  ];
  return [
    `${doc.filename}  (sha256 ${doc.sha256.slice(0, 12)}…)`,
    `  ${doc.page_count} trang · nguồn chữ: ${doc.text_source}`,
    ...(parts.length > 1
      ? parts.flatMap((part) => [`  văn bản ${part.part}/${parts.length}: trang ${part.pages[0]}–${part.pages[1]}`, ...header(part, '    ')])
      : header(doc, '  ')),
    `  số liệu: ${figures.length} · bảng: ${tables.length} · cảnh báo: ${warnings.length}`,
    ...tables.map((t) => {
      const failed = t.checks.filter((c) => !c.ok).length;
      return `  bảng trang ${t.page}: ${dash(t.title)} · ${t.year ?? '—'} · ${LABELS.tableKinds[t.kind]} · ${t.rows.length} dòng · kiểm tra ${t.checks.length - failed}/${t.checks.length} khớp`;
    }),
    ...warnings.map((w) => `  ! ${w.page ? `[trang ${w.page}] ` : ''}${w.message}`),
  ].join('\n');
}
