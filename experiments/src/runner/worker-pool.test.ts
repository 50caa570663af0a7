import { runPool } from './worker-pool';
import { parseShard } from './shard';

describe('runPool', () => {
  it('never runs more than `jobs` tasks at once and keeps task order', async () => {
    let running = 0;
    let peak = 0;
    const results = await runPool([5, 1, 4, 2, 3], 2, async (ms) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, ms * 5));
      running--;
      return ms * 10;
    });
    expect(peak).toBe(2);
    expect(results.map((r) => (r.ok ? r.value : null))).toEqual([50, 10, 40, 20, 30]);
  });

  it('keeps going when a task fails', async () => {
    const results = await runPool([1, 2, 3], 3, async (x) => {
      if (x === 2) throw new Error('boom');
      return x;
    });
    expect(results[0]).toEqual({ ok: true, value: 1 });
    expect(results[1].ok).toBe(false);
    expect(results[2]).toEqual({ ok: true, value: 3 });
  });
});

describe('parseShard', () => {
  it('accepts i/n and rejects nonsense with the fix', () => {
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
    for (const bad of ['0/3', '4/3', '1/0', 'a/b', '1', '']) {
      expect(() => parseShard(bad)).toThrow(/--shard must be i\/n/);
    }
  });
});
