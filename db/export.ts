// Stored figures, table cells or facts as a file: JSON, CSV or an Excel workbook (exceljs); for
// `sohoa export` and the API's export route. Facts come with their mentions: in JSON inside each
// fact, in a workbook on a sheet of their own.
import ExcelJS from 'exceljs';
import type { Fact, FactSource, FigureMetric } from '../core/records.js';
import { LABELS } from '../core/labels.js';
import type { BrowsedRecord } from './records.js';
import type { Db } from './connection.js';
import { queryFacts, type FactFilter, type StoredFactRow } from './facts.js';
import { fileNames, queryCells, queryFigures, type StoredCell, type StoredFigure } from './queries.js';

type Row = Record<string, string | number | boolean | null>;

export type Exported =
  | { what: 'figures'; records: StoredFigure[] }
  | { what: 'cells'; records: StoredCell[] }
  /** `names`: the stored files' names by sha256 */
  | { what: 'facts'; records: StoredFactRow[]; names: Map<string, string> };

/** The stored records of one kind: figures and facts those the filter selects (cells all of them). */
export async function storedForExport(db: Db, what: Exported['what'], filter: FactFilter = {}): Promise<Exported> {
  if (what === 'figures') return { what, records: await queryFigures(db, filter) };
  if (what === 'cells') return { what, records: await queryCells(db) };
  return { what, records: await queryFacts(db, filter), names: await fileNames(db) };
}

/** A fact as the contract's record. */
export const factRecord = ({ id: _id, scope_key: _key, ...fact }: StoredFactRow): Fact => fact;

const figureRows = (figures: StoredFigure[]): Row[] => figures.map(({ span, id: _row, ...f }) => ({ ...f, span_start: span[0], span_end: span[1] }));

const factRows = (facts: StoredFactRow[]): Row[] =>
  facts.map((f) => ({
    fact: f.id,
    scope: f.scope,
    year: f.year,
    metric: f.metric,
    measure: f.measure,
    campaign: f.campaign,
    value: f.value,
    unit: f.unit,
    sources: f.sources.length,
    conflicting_values: f.conflicts.map((c) => c.value).join('; ') || null,
  }));

/** One row per mention of a fact: the sources that say its value, then those that disagree. */
function mentionRows(facts: StoredFactRow[], names: Map<string, string>): Row[] {
  const row = (fact: StoredFactRow, value: number, source: FactSource): Row => ({
    fact: fact.id,
    value,
    agrees: value === fact.value,
    document: names.get(source.sha256) ?? source.sha256,
    sha256: source.sha256,
    page: source.page,
    text: 'text' in source ? source.text : null,
    table: 'table' in source ? source.table : null,
    row: 'row' in source ? source.row : null,
    column: 'column' in source ? source.column : null,
  });
  return facts.flatMap((f) => [
    ...f.sources.map((s) => row(f, f.value, s)),
    ...f.conflicts.flatMap((c) => c.sources.map((s) => row(f, c.value, s))),
  ]);
}

/** CSV of rows, headed by their keys or the names `headers` gives them. */
function csv(rows: Row[], headers: Record<string, string> = {}): string {
  if (rows.length === 0) return '';
  const columns = Object.keys(rows[0]!);
  const quote = (value: Row[string]) => {
    const text = value === null ? '' : String(value);
    return /[",\n]/u.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return `${[columns.map((c) => quote(headers[c] ?? c)).join(','), ...rows.map((row) => columns.map((c) => quote(row[c] ?? null)).join(','))].join('\n')}\n`;
}

/** A workbook of sheets, each with its header row frozen and filterable, numbers formatted as numbers. */
async function xlsx(sheets: { name: string; rows: Row[]; headers?: Record<string, string> }[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const { name, rows, headers } of sheets) {
    const worksheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    const columns = Object.keys(rows[0] ?? {});
    worksheet.columns = columns.map((key) => {
      const header = headers?.[key] ?? key;
      return { header, key, width: Math.min(60, Math.max(10, header.length + 2)) };
    });
    worksheet.addRows(rows);
    if (columns.length > 0) worksheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
    worksheet.eachRow((row, number) => {
      if (number === 1) return;
      row.eachCell((cell) => {
        if (typeof cell.value === 'number') cell.numFmt = Number.isInteger(cell.value) ? '#,##0' : '#,##0.0##';
      });
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The records browser's columns, as a reader names them. */
const RECORD_HEADERS: Record<string, string> = {
  filename: 'Văn bản',
  page: 'Trang',
  source: 'Nguồn',
  metric: 'Chỉ số',
  value: 'Giá trị',
  unit: 'Đơn vị tính',
  year: 'Năm',
  scope: 'Đơn vị / địa bàn',
  campaign: 'Chiến dịch',
  text: 'Câu chữ',
  table: 'Bảng',
  row: 'Dòng',
  column: 'Cột',
  document: 'Mã văn bản (sha256)',
};

const SOURCE_NAMES = { figure: 'câu chữ', cell: 'ô bảng' } as const;

/**
 * Records as the browser shows them, for a reader's spreadsheet: Vietnamese headers and names of
 * codes; CSV with a byte-order mark (Excel on Windows reads it as UTF-8, Vietnamese intact).
 */
export async function exportBrowsed(records: BrowsedRecord[], format: 'csv' | 'xlsx'): Promise<Buffer> {
  const rows = records.map(
    (r): Row => ({
      filename: r.filename,
      page: r.page,
      source: SOURCE_NAMES[r.source],
      metric: LABELS.metrics[r.metric as FigureMetric] ?? r.metric,
      value: r.value,
      unit: r.unit,
      year: r.year,
      scope: r.scope,
      campaign: r.campaign,
      text: r.text,
      table: r.table,
      row: r.row,
      column: r.column,
      document: r.document,
    }),
  );
  if (format === 'xlsx') return xlsx([{ name: 'Số liệu', rows, headers: RECORD_HEADERS }]);
  return Buffer.from(`\uFEFF${csv(rows, RECORD_HEADERS) || `${Object.values(RECORD_HEADERS).join(',')}\n`}`);
}

export async function exportRecords(exported: Exported, format: 'csv' | 'xlsx' | 'json'): Promise<Buffer> {
  if (exported.what === 'facts') {
    const { records, names } = exported;
    if (format === 'json') return Buffer.from(`${JSON.stringify(records.map(factRecord), null, 2)}\n`);
    if (format === 'csv') return Buffer.from(csv(factRows(records)));
    return xlsx([
      { name: 'Dữ kiện', rows: factRows(records) },
      { name: 'Nguồn', rows: mentionRows(records, names) },
    ]);
  }
  const rows = exported.what === 'figures' ? figureRows(exported.records) : exported.records.map((c): Row => ({ ...c }));
  if (format === 'json') return Buffer.from(`${JSON.stringify(rows, null, 2)}\n`);
  if (format === 'csv') return Buffer.from(csv(rows));
  return xlsx([{ name: exported.what === 'figures' ? 'Số liệu' : 'Ô bảng', rows }]);
}
