// Facts from every stored record: copies of one document count once (the best-read copy is read),
// mentions that agree make one fact with all of them as sources, and mentions that disagree make a
// conflict: the fact takes the value of the weightiest mention (a table total its sums confirm over
// prose, a report over a plan restating it, a later paper over an earlier one), never a sum.
import type { Reconciled, StoredFact, StoredRecords } from '../core/records.js';
import { UnitRegistry } from '../extractors/unit-registry.js';
import { bestCopy, documentsOf } from './copies.js';
import { byAuthority, cellMentions, figureMention, Keys, paperOf, type Mention, type Paper } from './mentions.js';

/** The version of these rules: facts stored under another are made again from the stored records. */
export const FACT_RULES = 3;

const valueKey = (value: number) => Math.round(value * 1e6);

function groupBy<T>(items: readonly T[], key: (item: T) => string | number): Map<string | number, T[]> {
  const groups = new Map<string | number, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

function factOf(agreeing: Mention[], disagreeing: Mention[][]): StoredFact {
  const [first] = agreeing;
  return {
    scope: first!.scope,
    scope_key: first!.scopeKey,
    year: first!.year,
    metric: first!.metric,
    measure: first!.measure,
    campaign: first!.campaign,
    value: first!.value,
    unit: first!.unit,
    sources: agreeing.flatMap((m) => m.sources),
    conflicts: disagreeing.map((group) => ({ value: group[0]!.value, sources: group.flatMap((m) => m.sources) })),
  };
}

/**
 * The facts one key's mentions make. A document whose words give one key several values without a
 * table cell to settle it ("đạt 93%", "đạt 90%", "1,2% dân số") names several quantities the key
 * cannot tell apart: each value is then a fact of its own, and none is said to conflict.
 */
function factsOfKey(mentions: Mention[]): StoredFact[] {
  const groups = [...groupBy(mentions, (m) => valueKey(m.value)).values()].map((group) => group.sort(byAuthority));
  groups.sort((a, b) => byAuthority(a[0]!, b[0]!) || b.length - a.length);
  const severalQuantities = [...groupBy(mentions, (m) => m.document).values()].some(
    (said) => !said.some((m) => m.cell) && new Set(said.map((m) => valueKey(m.value))).size > 1,
  );
  if (severalQuantities) return groups.map((group) => factOf(group, []));
  return [factOf(groups[0]!, groups.slice(1))];
}

/** A stored document's key: its file and its part of the file. */
const partKey = (stored: { sha256: string; part: number }) => `${stored.sha256}/${stored.part}`;

export function reconcile(records: StoredRecords): Reconciled {
  const copies: Reconciled['copies'] = [];
  const read = new Map<string, Paper>();
  for (const document of documentsOf(records.copies)) {
    const first = document[0]!;
    const best = bestCopy(document);
    for (const copy of document) copies.push({ sha256: copy.sha256, part: copy.part, work: first.sha256, work_part: first.part, read: copy === best });
    read.set(partKey(best), paperOf(best, partKey(first)));
  }
  const keys = new Keys(new UnitRegistry(records.units));
  const mentions: Mention[] = [];
  for (const figure of records.figures) {
    const paper = read.get(partKey(figure));
    if (paper) mentions.push(figureMention(figure, paper, keys));
  }
  for (const table of records.tables) {
    const paper = read.get(partKey(table));
    if (paper) mentions.push(...cellMentions(table, paper, keys));
  }
  const facts = [...groupBy(mentions, (m) => m.key).values()].flatMap(factsOfKey);
  facts.sort((a, b) => a.scope_key.localeCompare(b.scope_key) || a.year - b.year || a.metric.localeCompare(b.metric) || (a.campaign ?? '').localeCompare(b.campaign ?? '') || a.value - b.value);
  return { copies, facts };
}
