// Mentions: each stored figure or table cell that states a fact, with the fact's key (unit or area,
// year, metric, measure, unit of count, campaign) and how much its word weighs against others.
import type { DocumentKind, FactSource, FigureMetric, Measure, StoredCopy, StoredFigureMention, StoredTableMention, TableKind } from '../core/records.js';
import { isTotalLabel } from '../extractors/tables/read-table.js';
import type { UnitRegistry } from '../extractors/unit-registry.js';
import { fold, scopeKey } from '../lang/vietnamese.js';
import { areaOf } from './area.js';
import { measureOf } from './measure.js';

export interface Mention {
  /** the fact it states: scope, year, metric, measure, unit and campaign */
  key: string;
  scope: string | null;
  scopeKey: string;
  year: number;
  metric: FigureMetric;
  measure: Measure;
  unit: string;
  campaign: string | null;
  value: number;
  /** one, or a table's rows that add up to it */
  sources: FactSource[];
  /** the document (its first stored copy) that says it */
  document: string;
  /** a table cell, whose row and column say exactly what it is; a figure's words may not */
  cell: boolean;
  /** how much its word weighs, larger first: see authorityOf */
  authority: number;
}

/** A report's word over a notice's, over a plan or decision restating it, over other papers. */
const KIND_WEIGHT: Record<DocumentKind, number> = { bao_cao: 4, thong_bao: 3, ke_hoach: 2, quyet_dinh: 2, to_trinh: 1, cong_van: 1, other: 0 };

/** A figure or table cell a person corrected or confirmed; a table cell checked by its sums; a figure (or a cell no sum checks); a cell whose sums fail. */
type Evidence = 3 | 2 | 1 | 0;

/** The document a mention is read from: the copy read of it. */
export interface Paper {
  /** the document's first stored copy (its file and part), by which its copies are one */
  document: string;
  /** what its words that name no unit are about */
  area: string | null;
  /** its kind and date as a weight: see authorityOf */
  weight: number;
}

export function paperOf(copy: StoredCopy, document: string): Paper {
  const date = copy.date ? Number(copy.date.replaceAll('-', '')) : 0;
  return { document, area: areaOf(copy), weight: (copy.kind ? KIND_WEIGHT[copy.kind] : 0) * 1e8 + date };
}

/**
 * A mention's weight as one number, its parts in order of precedence (digits from the left): the
 * evidence, the kind of paper, its date (a later paper over an earlier one), the reading's confidence.
 */
const authorityOf = (paper: Paper, evidence: Evidence, confidence: number) => (evidence * 1e9 + paper.weight) * 1e3 + Math.round(confidence * 999);

export const byAuthority = (a: Mention, b: Mention) => b.authority - a.authority;

/**
 * Knows scopes and campaigns by one key across spellings: a scope by the registry's unit (a province
 * with or without "tỉnh"), a campaign without diacritics. Few names recur: each is keyed once.
 */
export class Keys {
  private readonly scopes = new Map<string, { scope: string; key: string }>();
  private readonly campaigns = new Map<string, string>();

  constructor(private readonly units: UnitRegistry) {}

  scope(printed: string): { scope: string; key: string } {
    let known = this.scopes.get(printed);
    if (!known) {
      const name = this.units.resolve(printed)?.name ?? printed;
      known = { scope: name, key: scopeKey(name) };
      this.scopes.set(printed, known);
    }
    return known;
  }

  campaign(printed: string | null): string {
    if (printed === null) return '';
    let known = this.campaigns.get(printed);
    if (known === undefined) {
      known = fold(printed).replace(/\s+/gu, ' ');
      this.campaigns.set(printed, known);
    }
    return known;
  }
}

type Said = Omit<Mention, 'key' | 'scopeKey' | 'scope'> & { scope: string | null };

function mention(said: Said, keys: Keys): Mention {
  const { scope, key } = said.scope === null ? { scope: null, key: '' } : keys.scope(said.scope);
  const { year, metric, measure, unit, campaign, value, sources, document, cell, authority } = said;
  return {
    key: `${key}|${year}|${metric}|${measure}|${unit}|${keys.campaign(campaign)}`,
    scope, scopeKey: key, year, metric, measure, unit, campaign, value, sources, document, cell, authority,
  };
}

export function figureMention(figure: StoredFigureMention, paper: Paper, keys: Keys): Mention {
  return mention({
    scope: figure.scope ?? paper.area,
    year: figure.year,
    metric: figure.metric,
    measure: measureOf(figure.metric, figure.unit, `${figure.text} ${figure.after}`),
    unit: figure.unit,
    campaign: figure.campaign,
    value: figure.value,
    sources: [{ sha256: figure.sha256, page: figure.page, text: figure.text }],
    document: paper.document,
    cell: false,
    authority: authorityOf(paper, figure.reviewed ? 3 : 1, figure.confidence),
  }, keys);
}

/**
 * What a cell states, by its column: a result's total, a target, a percentage of the target. A
 * plan's total is its target when no target column is printed. Months are parts of a year's fact,
 * and a column named by a year is last year's figure of a kind the table does not say: neither is
 * a fact of its own.
 */
function cellMetric(kind: TableKind, column: string, columns: readonly string[]): FigureMetric | null {
  if (column === 'percent') return 'percent_of_target';
  if (column === 'target') return 'target';
  if (column === 'total') return kind === 'achieved' ? 'achieved' : columns.includes('target') ? null : 'target';
  return null;
}

/** Per row and per column of a table (a column's sum check names its column as its row): whether all its checks pass. */
function checkedLines(table: StoredTableMention): { rows: Map<string | null, boolean>; columns: Map<string | null, boolean> } {
  const rows = new Map<string | null, boolean>();
  const columns = new Map<string | null, boolean>();
  for (const check of table.checks) {
    const lines = check.kind === 'column_sum' ? columns : rows;
    lines.set(check.row, (lines.get(check.row) ?? true) && check.ok);
  }
  return { rows, columns };
}

function evidenceOf(lines: ReturnType<typeof checkedLines>, row: string, column: string): Evidence {
  const [byRow, byColumn] = [lines.rows.get(row), lines.columns.get(column)];
  if (byRow === false || byColumn === false) return 0;
  return byRow || byColumn ? 2 : 1;
}

/**
 * The facts a table's cells state. A unit on two rows of one table (two sessions of one company)
 * is one fact: the rows' results and targets add up to the unit's, their percentages say nothing of it.
 */
export function cellMentions(table: StoredTableMention, paper: Paper, keys: Keys): Mention[] {
  const lines = checkedLines(table);
  const said = new Map<string, Mention>();
  const unclear = new Set<string>();
  for (const cell of table.cells) {
    const metric = cellMetric(table.kind, cell.column, table.columns);
    // a row that names no unit speaks for the document's area only when it is the table's total
    const total = cell.unit === null && isTotalLabel(cell.row);
    if (!metric || (cell.unit === null && !total)) continue;
    const unit = metric === 'percent_of_target' ? '%' : 'đơn vị máu';
    const next = mention({
      scope: cell.unit ?? paper.area,
      year: table.year,
      metric,
      measure: measureOf(metric, unit),
      unit,
      campaign: null,
      value: cell.value,
      sources: [{ sha256: table.sha256, page: table.page, table: table.table, row: cell.row, column: cell.column }],
      document: paper.document,
      cell: true,
      authority: authorityOf(paper, cell.reviewed ? 3 : evidenceOf(lines, cell.row, cell.column), 1),
    }, keys);
    const earlier = said.get(next.key);
    if (!earlier) said.set(next.key, next);
    else if (metric === 'percent_of_target') unclear.add(next.key);
    else {
      earlier.value += next.value;
      earlier.sources.push(...next.sources);
      earlier.authority = Math.min(earlier.authority, next.authority);
    }
  }
  return [...said.values()].filter((m) => !unclear.has(m.key));
}
