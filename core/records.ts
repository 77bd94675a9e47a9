// The contract's records (CONTRACT.md). These zod schemas are the source of truth;
// every TypeScript type of a record is inferred from them.
import { z } from 'zod';
import { WarningCode } from './warnings.js';

export const DocumentKind = z.enum([
  'thong_bao',
  'bao_cao',
  'ke_hoach',
  'quyet_dinh',
  'cong_van',
  'to_trinh',
  'other',
]);

export const TextSource = z.enum(['text_layer', 'ocr', 'repaired', 'mixed']);

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'ISO date YYYY-MM-DD');
const unitInterval = z.number().min(0).max(1);

export const DocumentSchema = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  filename: z.string(),
  // null until the header has been read (not every document prints every part)
  kind: DocumentKind.nullable(),
  number: z.string().nullable(),
  issuer: z.string().nullable(),
  place: z.string().nullable(),
  date: isoDate.nullable(),
  subject: z.string().nullable(),
  page_count: z.number().int().nonnegative(),
  text_source: TextSource,
});

/**
 * One document a file holds, by the pages it spans: a file of one document holds one part; a scan
 * that binds several (an archive's bundle) holds one part per document found, each with its own
 * header. Its figures and tables are those on its pages.
 */
export const DocumentPartSchema = DocumentSchema.pick({ kind: true, number: true, issuer: true, place: true, date: true, subject: true }).extend({
  part: z.number().int().positive(),
  /** its first and last page */
  pages: z.tuple([z.number().int().positive(), z.number().int().positive()]),
});

const PageSchema = z.object({
  page: z.number().int().positive(),
  text: z.string(),
  source: TextSource,
  quality: unitInterval.nullable(),
  ocr_confidence: unitInterval.nullable(),
});

export const FigureMetric = z.enum([
  'achieved',
  'target',
  'percent_of_target',
  'registered',
  'participants',
  'change',
  'rate',
  'events',
  'other',
]);

export const FigureQualifier = z.enum(['approx', 'at_least', 'more_than', 'less_than']);

export const FigureSchema = z.object({
  metric: FigureMetric,
  value: z.number(),
  unit: z.string().min(1),
  year: z.number().int().min(1900).max(2100).nullable(),
  scope: z.string().nullable(),
  campaign: z.string().nullable(),
  qualifier: FigureQualifier.nullable(),
  page: z.number().int().positive(),
  span: z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]),
  text: z.string().min(1),
  confidence: unitInterval,
});

export const TableKind = z.enum(['target', 'achieved', 'allocation']);

export const TableRowSchema = z.object({
  label: z.string(),
  scope: z.string().nullable(),
  parent: z.string().nullable(),
  cells: z.record(z.string(), z.number().nullable()),
});

const TableCheckSchema = z.object({
  row: z.string().nullable(),
  kind: z.enum(['row_sum', 'column_sum', 'percent']),
  expected: z.number(),
  printed: z.number().nullable(),
  ok: z.boolean(),
});

export const TableSchema = z.object({
  page: z.number().int().positive(),
  title: z.string().nullable(),
  year: z.number().int().nullable(),
  kind: TableKind,
  columns: z.array(z.string()),
  rows: z.array(TableRowSchema),
  checks: z.array(TableCheckSchema),
});

const WarningSchema = z.object({
  code: WarningCode,
  message: z.string(),
  page: z.number().int().positive().optional(),
});

export const ExtractionSchema = z.object({
  /** the file, with the header of its (first) document */
  document: DocumentSchema,
  pages: z.array(PageSchema),
  figures: z.array(FigureSchema),
  tables: z.array(TableSchema),
  warnings: z.array(WarningSchema),
  /** the documents the file holds, in page order */
  parts: z.array(DocumentPartSchema).min(1),
});

/** What a fact counts, whatever words name it: blood units (đơn vị máu, tiểu cầu), people, events (đợt, điểm), registrations, money, percentages. */
export const Measure = z.enum(['blood_units', 'people', 'events', 'registrations', 'money', 'percent', 'other']);

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

/** Where a fact is said: a figure's words on a page, or a table's cell (table numbered from 1 in its document). */
export const FactSourceSchema = z.union([
  z.object({ sha256, page: z.number().int().positive(), text: z.string() }),
  z.object({ sha256, page: z.number().int().positive(), table: z.number().int().positive(), row: z.string(), column: z.string() }),
]);

/** One value per unit or area, year, metric, measure and campaign, with every mention that says it and those that disagree. */
export const FactSchema = z.object({
  scope: z.string().nullable(),
  year: z.number().int(),
  metric: FigureMetric,
  measure: Measure,
  campaign: z.string().nullable(),
  value: z.number(),
  unit: z.string(),
  sources: z.array(FactSourceSchema).min(1),
  conflicts: z.array(z.object({ value: z.number(), sources: z.array(FactSourceSchema).min(1) })),
});

/** A unit of the registry: negative ids for units found but not yet stored. */
export interface Unit {
  id: number;
  name: string;
  aliases: string[];
}

/** One number of a table, for the database and year-over-year questions. */
export interface TableCell {
  table: string | null;
  year: number | null;
  kind: Table['kind'];
  /** the registry's unit id, null for a row that names no unit (totals, categories) */
  unit: number | null;
  /** the row's index in its table, and its label */
  row: number;
  label: string;
  column: string;
  month: number | null;
  value: number;
}

/**
 * Where a page's words stand on the page image they were read from (the original turned upright by
 * quarter turns, then straightened), to show them on it. Not one of the contract's records: the
 * database keeps it beside them.
 */
export const PageLayoutSchema = z.object({
  page: z.number().int().positive(),
  /** clockwise quarter turns, then a rotation in degrees (counter-clockwise positive), made to the original page image */
  quarter_turns: z.number().int().min(0).max(3),
  deskew_degrees: z.number(),
  /** the size of the image so turned, in the original's pixels */
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  words: z.array(
    z.object({
      /** [start, end) in the page's text */
      start: z.number().int().nonnegative(),
      end: z.number().int().nonnegative(),
      /** x0, y0, x1, y1 in the image's pixels */
      box: z.tuple([z.number(), z.number(), z.number(), z.number()]),
      confidence: z.number().min(0).max(1),
      /** the text's word is not what OCR read: the repair stage changed it */
      repaired: z.boolean(),
    }),
  ),
});
export type PageLayout = z.infer<typeof PageLayoutSchema>;

/**
 * What a table's checks need besides its rows: which rows are totals and which head groups, and
 * which columns hold a cell kept from print ("x"). Not one of the contract's records: the database
 * keeps it beside its table, so that the checks can be made again when a person corrects a cell.
 */
export const TableShapeSchema = z.object({
  totals: z.array(z.boolean()),
  groups: z.array(z.boolean()),
  hidden: z.array(z.string()),
});
export type TableShape = z.infer<typeof TableShapeSchema>;

/** What is kept beside a document's records: where its pages' words stand on the page images, and its tables' shapes (one per table). */
export interface ReadAside {
  layouts: PageLayout[];
  shapes: TableShape[];
}

/** A document read and assembled: its records, and what is kept beside them. */
export interface ReadDocument extends ReadAside {
  extraction: Extraction;
}

/** What the database stores of a document: its records, its tables' cells and the units they name. */
export interface StoreBatch extends ReadAside {
  extraction: Extraction;
  cells: TableCell[][];
  units: readonly Unit[];
  /** each part's text fingerprint (lang/fingerprint.ts), by which copies without a header are known */
  fingerprints: number[][];
}

/** A stored document (a file's part) as facts are reconciled from it: its header, its text's fingerprint, how well it was read. */
export interface StoredCopy {
  sha256: string;
  /** which of its file's documents (1 for a file of one) */
  part: number;
  filename: string;
  kind: DocumentKind | null;
  number: string | null;
  issuer: string | null;
  place: string | null;
  date: string | null;
  fingerprint: number[];
  text_source: TextSource;
  failed_checks: number;
  /** mean quality of its pages, 0–1 */
  quality: number;
  stored_at: string;
}

/** A stored figure that may state a fact (a year and a metric other than `other`). */
export interface StoredFigureMention {
  sha256: string;
  /** the document of its file that it is in */
  part: number;
  metric: FigureMetric;
  value: number;
  unit: string;
  year: number;
  scope: string | null;
  campaign: string | null;
  page: number;
  text: string;
  /** the words after the figure's on its page, which may say what it counts ("người" … "đăng ký") */
  after: string;
  confidence: number;
  /** a person corrected or confirmed it: its word is final */
  reviewed: boolean;
}

/** A stored table of a year, its cells with the stored unit each row names. */
export interface StoredTableMention {
  sha256: string;
  /** the document of its file that it is in */
  part: number;
  /** 1 for a document's first table */
  table: number;
  page: number;
  kind: TableKind;
  year: number;
  columns: string[];
  checks: TableCheck[];
  /** reviewed: a person corrected or confirmed the cell */
  cells: { row: string; unit: string | null; column: string; value: number; reviewed: boolean }[];
}

/** Everything stored that facts are made of. */
export interface StoredRecords {
  copies: StoredCopy[];
  figures: StoredFigureMention[];
  tables: StoredTableMention[];
  units: Unit[];
}

/** A fact as stored: the record, with the key its scope is known by across spellings. */
export type StoredFact = Fact & { scope_key: string };

/** Facts made of the stored records, and which document each file is a copy of. */
export interface Reconciled {
  /** per stored document (file and part): the document it is a copy of (its first stored copy's file and part), and whether it is the copy read */
  copies: { sha256: string; part: number; work: string; work_part: number; read: boolean }[];
  facts: StoredFact[];
}

export type DocumentKind = z.infer<typeof DocumentKind>;
export type TextSource = z.infer<typeof TextSource>;
export type FigureMetric = z.infer<typeof FigureMetric>;
export type FigureQualifier = z.infer<typeof FigureQualifier>;
export type TableKind = z.infer<typeof TableKind>;
export type Page = z.infer<typeof PageSchema>;
export type DocumentPart = z.infer<typeof DocumentPartSchema>;
export type Figure = z.infer<typeof FigureSchema>;
export type Table = z.infer<typeof TableSchema>;
export type Warning = z.infer<typeof WarningSchema>;
export type Extraction = z.infer<typeof ExtractionSchema>;
export type TableCheck = z.infer<typeof TableCheckSchema>;
export type Measure = z.infer<typeof Measure>;
export type FactSource = z.infer<typeof FactSourceSchema>;
export type Fact = z.infer<typeof FactSchema>;
