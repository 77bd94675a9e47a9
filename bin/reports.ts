// Output of the reading commands as text: figures and comparisons.
import type { Comparison, StoredFigure } from '../db/queries.js';

const number = (value: number) => value.toLocaleString('vi-VN', { maximumFractionDigits: 3 });

export function figureLines(figures: StoredFigure[]): string {
  if (figures.length === 0) return 'Không có số liệu nào khớp.\n';
  return `${figures
    .map((f) => `${f.filename} tr.${f.page}  ${f.metric}  ${number(f.value)} ${f.unit}  ${f.year ?? '—'}${f.scope ? `  [${f.scope}]` : ''}  «${f.text}»`)
    .join('\n')}\n`;
}

export function comparisonLines(rows: Comparison[]): string {
  if (rows.length === 0) return 'Không có số liệu để so sánh.\n';
  return `${rows
    .map((r) => {
      const to = r.to ? `${r.to.year} ${r.to.metric} ${number(r.to.value)}` : 'không có';
      const change = r.change === null ? '' : `  thay đổi ${r.change > 0 ? '+' : ''}${number(r.change)}  tỷ lệ ${r.ratio ?? '—'}`;
      return `${r.scope ?? 'toàn địa bàn'} (${r.unit}): ${r.from.year} ${r.from.metric} ${number(r.from.value)} → ${to}${change}`;
    })
    .join('\n')}\n`;
}
