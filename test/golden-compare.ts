// Compares found figures with expected ones on (metric, value, unit, year), as multisets.
export interface FigureKeyed {
  metric: string;
  value: number;
  unit: string;
  year: number | null;
}

export const figureKey = (f: FigureKeyed) => `${f.metric}|${f.value}|${f.unit}|${f.year}`;

export function compareFigures(found: FigureKeyed[], expected: FigureKeyed[]) {
  const missing = expected.map(figureKey);
  const extra: string[] = [];
  for (const key of found.map(figureKey)) {
    const at = missing.indexOf(key);
    if (at >= 0) missing.splice(at, 1);
    else extra.push(key);
  }
  const truePositives = found.length - extra.length;
  const precision = found.length === 0 ? 1 : truePositives / found.length;
  const recall = expected.length === 0 ? 1 : truePositives / expected.length;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { missing, extra, precision, recall, f1, truePositives };
}
