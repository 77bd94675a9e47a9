// Output of the reading commands as text: figures, facts and comparisons.
import { LABELS } from '../core/labels.js';
import type { FactSource } from '../core/records.js';
import type { StoredFactRow } from '../db/facts.js';
import type { Comparison, StoredFigure } from '../db/queries.js';

const number = (value: number) => value.toLocaleString('vi-VN', { maximumFractionDigits: 3 });

export function figureLines(figures: StoredFigure[]): string {
  if (figures.length === 0) return 'Không có số liệu nào khớp.\n';
  return `${figures
    .map((f) => `${f.filename} tr.${f.page}  ${f.metric}  ${number(f.value)} ${f.unit}  ${f.year ?? '—'}${f.scope ? `  [${f.scope}]` : ''}  «${f.text}»`)
    .join('\n')}\n`;
}

/** Facts, each with the words or cells that say it and those that disagree; `names` gives the stored files' names by sha256. */
export function factLines(facts: StoredFactRow[], names: Map<string, string>): string {
  if (facts.length === 0) return 'Không có dữ kiện nào khớp.\n';
  const where = (s: FactSource) =>
    `${names.get(s.sha256) ?? s.sha256.slice(0, 12)} tr.${s.page} ${'text' in s ? `«${s.text.replace(/\s+/gu, ' ')}»` : `bảng ${s.table}, dòng «${s.row}», cột ${s.column}`}`;
  return `${facts
    .map((f) =>
      [
        `${f.scope ?? 'toàn địa bàn'} · ${f.year} · ${LABELS.metrics[f.metric]}${f.campaign ? ` · ${f.campaign}` : ''} · ${number(f.value)} ${f.unit}`,
        ...f.sources.map((s) => `    ← ${where(s)}`),
        ...f.conflicts.flatMap((c) => c.sources.map((s) => `    ≠ ${number(c.value)} ${f.unit} ← ${where(s)}`)),
      ].join('\n'),
    )
    .join('\n')}\n`;
}

export function comparisonLines(rows: Comparison[]): string {
  if (rows.length === 0) return 'Không có số liệu để so sánh.\n';
  return `${rows
    .map((r) => {
      const to = r.to ? `${r.to.year} ${r.to.metric} ${number(r.to.value)}` : 'không có';
      const sign = (value: number) => (value > 0 ? '+' : '');
      const percent = r.change_percent === null ? '' : ` (${sign(r.change_percent)}${number(r.change_percent)}%)`;
      const change = r.change === null ? '' : `  thay đổi ${sign(r.change)}${number(r.change)}${percent}  tỷ lệ ${r.ratio ?? '—'}`;
      return `${r.scope ?? 'toàn địa bàn'} (${r.unit}): ${r.from.year} ${r.from.metric} ${number(r.from.value)} → ${to}${change}`;
    })
    .join('\n')}\n`;
}
