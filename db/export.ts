// Stored figures or table cells as a file: JSON, CSV or an Excel workbook (exceljs); for
// `sohoa export` and the API's export route.
import ExcelJS from 'exceljs';
import type { StoredCell, StoredFigure } from './queries.js';

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
