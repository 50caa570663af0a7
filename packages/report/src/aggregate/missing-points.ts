/**
 * Planned points without a result yet, so a partial sweep still yields a report that says what is left.
 */
import { type PlannedPoint, type ResultRow, pointKey, sortRows } from '../result-row';

export function missingPoints(planned: readonly PlannedPoint[], rows: readonly ResultRow[]): PlannedPoint[] {
  const done = new Set(rows.map(pointKey));
  const seen = new Set<string>();
  const missing: PlannedPoint[] = [];
  for (const p of planned) {
    const key = pointKey(p);
    if (done.has(key) || seen.has(key)) continue;
    seen.add(key);
    missing.push(p);
  }
  return sortRows(missing);
}
