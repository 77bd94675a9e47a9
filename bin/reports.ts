// Output of the reading commands: figures, comparisons and exports, as text tables, JSON, CSV or
// an Excel workbook (exceljs).
import ExcelJS from 'exceljs';
import type { Comparison, StoredCell, StoredFigure } from '../db/queries.js';

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

type Row = Record<string, string | number | null>;

const figureRows = (figures: StoredFigure[]): Row[] =>
  figures.map(({ span, ...f }) => ({ ...f, span_start: span[0], span_end: span[1] }));

const cellRows = (cells: StoredCell[]): Row[] => cells.map((c) => ({ ...c }));

function csv(rows: Row[]): string {
  if (rows.length === 0) return '';
  const columns = Object.keys(rows[0]!);
  const quote = (value: string | number | null) => {
    const text = value === null ? '' : String(value);
    return /[",\n]/u.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return `${[columns.join(','), ...rows.map((row) => columns.map((c) => quote(row[c] ?? null)).join(','))].join('\n')}\n`;
}

async function xlsx(rows: Row[], sheet: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const worksheet = workbook.addWorksheet(sheet);
  const columns = Object.keys(rows[0] ?? {});
  worksheet.columns = columns.map((key) => ({ header: key, key, width: Math.min(60, Math.max(10, key.length + 2)) }));
  worksheet.addRows(rows);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function exportRecords(what: 'figures' | 'cells', format: 'csv' | 'xlsx' | 'json', records: StoredFigure[] | StoredCell[]): Promise<Buffer> {
  const rows = what === 'figures' ? figureRows(records as StoredFigure[]) : cellRows(records as StoredCell[]);
  if (format === 'json') return Buffer.from(`${JSON.stringify(rows, null, 2)}\n`);
  if (format === 'csv') return Buffer.from(csv(rows));
  return xlsx(rows, what === 'figures' ? 'Số liệu' : 'Ô bảng');
}
