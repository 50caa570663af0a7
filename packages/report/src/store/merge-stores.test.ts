import { mkdtempSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pointKey } from '../result-row';
import { syntheticRows } from '../../testing/synthetic-ladder';
import { MergeConflictError, mergeStores } from './merge-stores';
import { ResultsStore } from './results-store';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'report-merge-'));

async function storeWith(rows: ReturnType<typeof syntheticRows>): Promise<string> {
  const dir = tmp();
  const store = new ResultsStore(dir);
  for (const r of rows) await store.put(r);
  return dir;
}

describe('mergeStores', () => {
  const rows = syntheticRows({ steps: [1, 2, 4], seeds: [0, 1] });

  it('unions two shard stores, tolerating the same row in both', async () => {
    // Shards split the sweep alternately and both hold the first row (a resumed duplicate).
    const a = await storeWith(rows.filter((_, i) => i % 2 === 0));
    const b = await storeWith([rows[0], ...rows.filter((_, i) => i % 2 === 1)]);
    const merged = await mergeStores([a, b]);
    expect(merged.rows).toHaveLength(rows.length);
    expect(new Set(merged.rows.map(pointKey))).toEqual(new Set(rows.map(pointKey)));
    expect(merged.reruns).toEqual([]);
    const byKey = new Map(rows.map((r) => [pointKey(r), r]));
    for (const r of merged.rows) expect(r).toEqual(byKey.get(pointKey(r)));
  });

  it('refuses rows of one point that come from different runs (another runKey)', async () => {
    const a = await storeWith(rows);
    const b = await storeWith([{ ...rows[2], epochs: rows[2].epochs + 7, runKey: 'f'.repeat(16) }]);
    const err = await mergeStores([a, b]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MergeConflictError);
    expect((err as Error).message).toContain(pointKey(rows[2]));
    expect((err as Error).message).toContain(`runKey ${rows[2].runKey} vs ${'f'.repeat(16)}`);
    expect((err as Error).message).toContain(a);
    expect((err as Error).message).toContain(b);
  });

  it('keeps the later-finished rerun of an identical configuration, whatever the store order', async () => {
    const later = { ...rows[1], top1: 0.9, finishedAt: '2030-01-01T00:00:00.000Z' };
    const a = await storeWith(rows);
    const b = await storeWith([later]);
    for (const order of [
      [a, b],
      [b, a],
    ]) {
      const merged = await mergeStores(order);
      expect(merged.rows).toHaveLength(rows.length);
      expect(merged.rows.find((r) => pointKey(r) === pointKey(later))).toEqual(later);
      expect(merged.reruns).toEqual([pointKey(later)]);
    }
  });
});
