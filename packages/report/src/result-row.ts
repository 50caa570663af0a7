/**
 * The report's side of the run record: the result row itself is defined once in @scaling-lab/run-record
 * (schema, types, CSV column order); here are the planned points a report compares rows against, the
 * strategy order of the paper, and file names for point keys.
 */
export { pointKey, RESULT_COLUMNS, ResultRowSchema } from '@scaling-lab/run-record';
export type { ResultColumn, ResultRow } from '@scaling-lab/run-record';

export type StrategyName = 'depth' | 'width' | 'resolution' | 'compound' | (string & {});

export interface PlannedPoint {
  strategy: string;
  step: number;
  seed: number;
}

export interface ExperimentInfo {
  name: string;
  title: string;
  backbone: string;
  dataset: string;
  preset: string;
  planned: PlannedPoint[];
}

/** Strategies in the order the paper discusses them; unknown strategies follow alphabetically. */
export const STRATEGY_ORDER: readonly string[] = ['depth', 'width', 'resolution', 'compound'];

export function compareStrategies(a: string, b: string): number {
  const rank = (s: string) => {
    const i = STRATEGY_ORDER.indexOf(s);
    return i < 0 ? STRATEGY_ORDER.length : i;
  };
  return rank(a) - rank(b) || a.localeCompare(b);
}

/**
 * A point key made safe as a file name: characters outside [A-Za-z0-9._-] become %XX, so the mapping stays
 * one-to-one (no two keys share a file) and no key can climb out of the runs directory.
 */
export function fileSafeKey(key: string): string {
  return key
    .replace(/[^A-Za-z0-9._-]/g, (c) =>
      Array.from(Buffer.from(c, 'utf8'), (b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
    )
    .replace(/^\./, '%2E');
}

/** Rows in report order: strategy, step, seed. */
export function sortRows<T extends { strategy: string; step: number; seed: number }>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => compareStrategies(a.strategy, b.strategy) || a.step - b.step || a.seed - b.seed);
}
