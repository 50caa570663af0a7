/**
 * Union of several results stores: the shards of one sweep (`scaling-lab run --shard i/n`) each write their
 * own store, and the report reads them together. The same row in two shards is fine; two different
 * configurations under one run key mean two different sweeps were mixed, which is refused loudly.
 */
import { CONFIG_COLUMNS, type ResultRow, RESULT_COLUMNS, runKey, sortRows } from '../result-row';
import { type IgnoredFile, ResultsStore } from './results-store';

export class MergeConflictError extends Error {
  constructor(
    readonly key: string,
    readonly dirs: [string, string],
    readonly fields: string[],
  ) {
    super(
      `Run ${key} differs between stores ${dirs[0]} and ${dirs[1]} in ${fields.join(', ')}: ` +
        `these stores come from different experiment configurations; merge only shards of one sweep.`,
    );
    this.name = 'MergeConflictError';
  }
}

export interface MergeResult {
  rows: ResultRow[];
  ignored: IgnoredFile[];
  /** Keys found in several stores with the same configuration but other measurements (reruns); the later finish wins. */
  reruns: string[];
}

export async function mergeStores(dirs: readonly string[]): Promise<MergeResult> {
  const byKey = new Map<string, { row: ResultRow; dir: string }>();
  const ignored: IgnoredFile[] = [];
  const reruns = new Set<string>();
  for (const dir of dirs) {
    const scan = await new ResultsStore(dir).scan();
    ignored.push(...scan.ignored);
    for (const row of scan.rows) {
      const key = runKey(row);
      const seen = byKey.get(key);
      if (!seen) {
        byKey.set(key, { row, dir });
        continue;
      }
      const configDiff = differingFields(seen.row, row, CONFIG_COLUMNS);
      if (configDiff.length > 0) throw new MergeConflictError(key, [seen.dir, dir], configDiff);
      if (differingFields(seen.row, row, RESULT_COLUMNS).length === 0) continue;
      reruns.add(key);
      // Deterministic whatever the order of `dirs`: keep the run that finished last.
      if (row.finishedAt > seen.row.finishedAt) byKey.set(key, { row, dir });
    }
  }
  return { rows: sortRows([...byKey.values()].map((v) => v.row)), ignored, reruns: [...reruns].sort() };
}

function differingFields(a: ResultRow, b: ResultRow, fields: readonly (keyof ResultRow)[]): string[] {
  return fields.filter((f) => a[f] !== b[f]);
}
