// Mentions: each stored figure or table cell that states a fact, with the fact's key (unit or area,
// year, metric, measure, unit of count, campaign) and how much its word weighs against others.
import type { DocumentKind, FactSource, FigureMetric, Measure, StoredCopy, StoredFigureMention, StoredTableMention, TableKind } from '../core/records.js';
import { isTotalLabel } from '../extractors/tables/read-table.js';
import type { UnitRegistry } from '../extractors/unit-registry.js';
import { fold, scopeKey } from '../lang/vietnamese.js';
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
  /** compared element by element, larger first: see authorityOf */
  authority: number[];
}

/** A report's word over a notice's, over a plan or decision restating it, over other papers. */
const KIND_WEIGHT: Record<DocumentKind, number> = { bao_cao: 4, thong_bao: 3, ke_hoach: 2, quyet_dinh: 2, to_trinh: 1, cong_van: 1, other: 0 };

/** A table cell checked by its sums; a figure (or a cell no sum checks); a cell whose sums fail. */
type Evidence = 2 | 1 | 0;

function authorityOf(copy: StoredCopy, evidence: Evidence, confidence: number): number[] {
  const date = copy.date ? Number(copy.date.replaceAll('-', '')) : 0;
  return [evidence, copy.kind ? KIND_WEIGHT[copy.kind] : 0, date, confidence];
}

export const byAuthority = (a: Mention, b: Mention) => {
  for (let i = 0; i < a.authority.length; i++) if (a.authority[i] !== b.authority[i]) return b.authority[i]! - a.authority[i]!;
  return 0;
};

/** Knows scopes by one key across spellings: the registry's unit, a province with or without "tỉnh". */
export class Scopes {
  constructor(private readonly units: UnitRegistry) {}

  named(scope: string): { scope: string; key: string } {
    const name = this.units.resolve(scope)?.name ?? scope;
    return { scope: name, key: scopeKey(name) };
  }
}

function mention(fields: Omit<Mention, 'key' | 'scopeKey' | 'scope'> & { scope: { scope: string; key: string } | null }): Mention {
  const scope = fields.scope ?? { scope: null, key: '' };
  const campaign = fields.campaign ? fold(fields.campaign).replace(/\s+/gu, ' ') : '';
  return {
    ...fields,
    scope: scope.scope,
    scopeKey: scope.key,
    key: [scope.key, fields.year, fields.metric, fields.measure, fields.unit, campaign].join('|'),
  };
}

export function figureMention(figure: StoredFigureMention, copy: StoredCopy, document: string, area: string | null, scopes: Scopes): Mention {
  const scope = figure.scope ?? area;
  return mention({
    scope: scope === null ? null : scopes.named(scope),
    year: figure.year,
    metric: figure.metric,
    measure: measureOf(figure.metric, figure.unit, `${figure.text} ${figure.after}`),
    unit: figure.unit,
    campaign: figure.campaign,
    value: figure.value,
    sources: [{ sha256: figure.sha256, page: figure.page, text: figure.text }],
    document,
    cell: false,
    authority: authorityOf(copy, 1, figure.confidence),
  });
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

function evidenceOf(table: StoredTableMention, row: string, column: string): Evidence {
  const checks = table.checks.filter((c) => (c.kind === 'column_sum' ? c.row === column : c.row === row));
  if (checks.some((c) => !c.ok)) return 0;
  return checks.length > 0 ? 2 : 1;
}

/**
 * The facts a table's cells state. A unit on two rows of one table (two sessions of one company)
 * is one fact: the rows' results and targets add up to the unit's, their percentages say nothing of it.
 */
export function cellMentions(table: StoredTableMention, copy: StoredCopy, document: string, area: string | null, scopes: Scopes): Mention[] {
  const said = new Map<string, Mention>();
  const unclear = new Set<string>();
  for (const cell of table.cells) {
    const metric = cellMetric(table.kind, cell.column, table.columns);
    // a row that names no unit speaks for the document's area only when it is the table's total
    const total = cell.unit === null && isTotalLabel(cell.row);
    if (!metric || (cell.unit === null && !total)) continue;
    const scope = cell.unit ?? area;
    const unit = metric === 'percent_of_target' ? '%' : 'đơn vị máu';
    const next = mention({
      scope: scope === null ? null : scopes.named(scope),
      year: table.year,
      metric,
      measure: measureOf(metric, unit),
      unit,
      campaign: null,
      value: cell.value,
      sources: [{ sha256: table.sha256, page: table.page, table: table.table, row: cell.row, column: cell.column }],
      document,
      cell: true,
      authority: authorityOf(copy, evidenceOf(table, cell.row, cell.column), 1),
    });
    const earlier = said.get(next.key);
    if (!earlier) said.set(next.key, next);
    else if (metric === 'percent_of_target') unclear.add(next.key);
    else {
      earlier.value += next.value;
      earlier.sources.push(...next.sources);
      earlier.authority[0] = Math.min(earlier.authority[0]!, next.authority[0]!);
    }
  }
  return [...said.values()].filter((m) => !unclear.has(m.key));
}
