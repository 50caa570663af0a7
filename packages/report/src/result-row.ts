/**
 * The result-row contract shared by the runner (which writes rows) and the report package (which reads
 * them): one row per finished run, carrying everything that produced it (docs/architecture.md "Results and reports").
 * RESULT_COLUMNS fixes the field order used by the CSV export.
 */

export type StrategyName = 'depth' | 'width' | 'resolution' | 'compound' | (string & {});

export interface ResultRow {
  experiment: string;
  backbone: string;
  strategy: StrategyName;
  /** The ladder's target FLOPs ratio k (1, 2, 4, ...). */
  step: number;
  depth: number;
  width: number;
  /** Input size in pixels actually used. */
  resolution: number;
  phi: number | null;
  /** Trainable parameters. */
  params: number;
  /** Multiply-adds actually reached after rounding. */
  flops: number;
  /** Fractions in [0, 1]. */
  top1: number;
  top5: number;
  loss: number;
  epochs: number;
  imagesSeen: number;
  seconds: number;
  imgPerSec: number;
  backend: string;
  seed: number;
  dataset: string;
  gitCommit: string | null;
  /** ISO timestamps. */
  startedAt: string;
  finishedAt: string;
}

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

/** Field order of ResultRow; the CSV header and column order. */
export const RESULT_COLUMNS = [
  'experiment', 'backbone', 'strategy', 'step', 'depth', 'width', 'resolution', 'phi', 'params', 'flops',
  'top1', 'top5', 'loss', 'epochs', 'imagesSeen', 'seconds', 'imgPerSec', 'backend', 'seed', 'dataset',
  'gitCommit', 'startedAt', 'finishedAt',
] as const satisfies readonly (keyof ResultRow)[];

export type ResultColumn = (typeof RESULT_COLUMNS)[number];

export const NUMERIC_COLUMNS: ReadonlySet<ResultColumn> = new Set<ResultColumn>([
  'step', 'depth', 'width', 'resolution', 'phi', 'params', 'flops', 'top1', 'top5', 'loss', 'epochs',
  'imagesSeen', 'seconds', 'imgPerSec', 'seed',
]);

export const NULLABLE_COLUMNS: ReadonlySet<ResultColumn> = new Set<ResultColumn>(['phi', 'gitCommit']);

/**
 * Fields that say which run a row is (its configuration, not its measurements): two rows with the same key
 * but different values here come from different sweeps and must not be merged silently.
 */
export const CONFIG_COLUMNS = [
  'experiment', 'backbone', 'dataset', 'strategy', 'step', 'seed', 'depth', 'width', 'resolution', 'phi', 'epochs',
] as const satisfies readonly ResultColumn[];

/** Strategies in the order the paper discusses them; unknown strategies follow alphabetically. */
export const STRATEGY_ORDER: readonly string[] = ['depth', 'width', 'resolution', 'compound'];

export function compareStrategies(a: string, b: string): number {
  const rank = (s: string) => {
    const i = STRATEGY_ORDER.indexOf(s);
    return i < 0 ? STRATEGY_ORDER.length : i;
  };
  return rank(a) - rank(b) || a.localeCompare(b);
}

/** Identity of a run within an experiment: strategy-step-seed. */
export function runKey(point: { strategy: string; step: number; seed: number }): string {
  return `${point.strategy}-${point.step}-${point.seed}`;
}

/**
 * runKey made safe as a file name: characters outside [A-Za-z0-9._-] become %XX, so the mapping stays
 * one-to-one (no two keys share a file) and no key can climb out of the runs directory.
 */
export function fileSafeKey(key: string): string {
  return key.replace(/[^A-Za-z0-9._-]/g, (c) =>
    Array.from(Buffer.from(c, 'utf8'), (b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
  ).replace(/^\./, '%2E');
}

/** Rows in report order: strategy, step, seed. */
export function sortRows<T extends { strategy: string; step: number; seed: number }>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => compareStrategies(a.strategy, b.strategy) || a.step - b.step || a.seed - b.seed);
}
