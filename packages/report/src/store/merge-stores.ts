/**
 * Union of several results stores: the shards of one sweep (`scaling-lab run --shard i/n`) each write their
 * own store, and the report reads them together. The same row in two shards is fine; two different run
 * identities (runKey) at one point mean two different sweeps were mixed, which is refused loudly.
 */
import { canonicalJson } from '@scaling-lab/run-record';
import { pointKey, type ResultRow, sortRows } from '../result-row';
import { type IgnoredFile, ResultsStore } from './results-store';

export class MergeConflictError extends Error {
  constructor(
    readonly key: string,
    readonly dirs: [string, string],
    readonly fields: string[],
  ) {
    super(
      `Point ${key} was made by different runs in stores ${dirs[0]} and ${dirs[1]} (${fields.join(', ')}): ` +
        `these stores come from different experiment configurations; merge only shards of one sweep.`,
    );
    this.name = 'MergeConflictError';
  }
}

export interface MergeResult {
  rows: ResultRow[];
  ignored: IgnoredFile[];
  /** Points found in several stores with the same run identity but other measurements (reruns); the later finish wins. */
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
      const key = pointKey(row);
      const seen = byKey.get(key);
      if (!seen) {
        byKey.set(key, { row, dir });
        continue;
      }
      if (seen.row.runKey !== row.runKey) {
        throw new MergeConflictError(key, [seen.dir, dir], [`runKey ${seen.row.runKey} vs ${row.runKey}`]);
      }
      if (canonicalJson(seen.row) === canonicalJson(row)) continue;
      reruns.add(key);
      // Deterministic whatever the order of `dirs`: keep the run that finished last.
      if (row.finishedAt > seen.row.finishedAt) byKey.set(key, { row, dir });
    }
  }
  return { rows: sortRows([...byKey.values()].map((v) => v.row)), ignored, reruns: [...reruns].sort() };
}
