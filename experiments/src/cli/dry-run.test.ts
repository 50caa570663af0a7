/**
 * `scaling-lab run <exp> --dry-run [--json]`: the solved plan without training, as a user sees it.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runInProcess } from '../../testing/cli';

describe('scaling-lab run --dry-run', () => {
  it('prints the plan as JSON: every run with strategy, target and reached ratio, MACs, params and status', async () => {
    const store = fs.mkdtempSync(path.join(os.tmpdir(), 'dry-'));
    const r = await runInProcess([
      'run',
      'mobilenet-v2-all',
      '--preset',
      'quick',
      '--seeds',
      '2',
      '--dry-run',
      '--json',
      '--store',
      store,
    ]);
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.stdout);
    expect(plan).toMatchObject({
      experiment: 'mobilenet-v2-all',
      preset: 'quick',
      backbone: 'mobilenet-v2',
      tolerance: 0.05,
      seeds: 2,
    });
    // The shared baseline once per seed, then 4 strategies × 2 ratios per seed.
    expect(plan.runs).toHaveLength(2 + 2 * 4 * 2);
    const baseline = plan.runs.find((x: { strategy: string }) => x.strategy === 'baseline');
    for (const run of plan.runs) {
      expect(Object.keys(run)).toEqual(
        expect.arrayContaining(['strategy', 'targetRatio', 'reachedRatio', 'flops', 'params', 'onTarget', 'knobValue']),
      );
      expect(run.reachedRatio).toBeCloseTo(run.flops / baseline.flops, 12);
      expect(run.onTarget).toBe(Math.abs(run.reachedRatio / run.targetRatio - 1) <= 0.05);
      if (!run.onTarget) expect(run.offTargetReason).toMatch(/lands within ±5% of ×\d/);
    }
    const off = new Set(
      plan.runs
        .filter((x: { onTarget: boolean }) => !x.onTarget)
        .map((x: { key: string }) => x.key.replace(/-s\d+$/, '')),
    );
    expect(plan.offTarget).toBe(off.size);
    // Nothing was trained or written.
    expect(fs.readdirSync(store)).toEqual([]);
  });

  it('prints one table line per ladder point with the off-target count', async () => {
    const r = await runInProcess(['run', 'resnet-all', '--dry-run']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[1]).toMatch(/^strategy\s+knob\s+target\s+reached\s+MACs\s+params\s+px\s+time\s+status$/);
    const points = lines.filter((l) => /^(baseline|depth|width|resolution|compound)\s/.test(l));
    expect(points).toHaveLength(9);
    // Every point's expected time, e.g. `45s` or `1m10s`, sits between its pixels and its status.
    for (const line of points) expect(line).toMatch(/\s\d+\s+(\d+h)?(\d+m)?\d+s\s+(on target|OFF TARGET)/);
    expect(lines[lines.length - 2]).toMatch(/^\d+ of 8 ladder point\(s\) off target/);
    expect(lines[lines.length - 1]).toMatch(
      /^expected runtime: \S+ for 9 run\(s\), \d side by side on \d core\(s\) \(cost model of the wasm\+native path/,
    );
  });

  it('states the expected runtime of every run and of the whole plan, packed onto --jobs workers', async () => {
    const plan = async (jobs: string) =>
      JSON.parse(
        (await runInProcess(['run', 'resnet-all', '--preset', 'quick', '--dry-run', '--json', '--jobs', jobs])).stdout,
      );
    const serial = await plan('1');
    const parallel = await plan('2');
    for (const run of serial.runs) expect(run.expectedSeconds).toBeGreaterThan(0);
    expect(serial.total).toMatchObject({ runs: 9, jobs: 1, backend: 'wasm+native' });
    expect(parallel.total).toMatchObject({ runs: 9, jobs: 2 });
    const sum = (p: { runs: { expectedSeconds: number }[] }) => p.runs.reduce((a, r) => a + r.expectedSeconds, 0);
    // One at a time, the plan takes the sum of its runs; two side by side finish sooner than that but no
    // sooner than the longest run.
    expect(serial.total.expectedSeconds).toBeCloseTo(sum(serial), 6);
    expect(parallel.total.expectedSeconds).toBeLessThan(serial.total.expectedSeconds);
    expect(parallel.total.expectedSeconds).toBeGreaterThanOrEqual(
      Math.max(...parallel.runs.map((r: { expectedSeconds: number }) => r.expectedSeconds)) - 1e-6,
    );
    // A larger model of the same ladder takes longer: the ×4 depth point against the baseline.
    const byKey = new Map(serial.runs.map((r: { key: string; expectedSeconds: number }) => [r.key, r.expectedSeconds]));
    expect(byKey.get('depth-x4-s0')).toBeGreaterThan(byKey.get('baseline-s0') as number);
  });

  it('says the runtime is unknown for an image-folder dataset, whose size is only known once read', async () => {
    const r = await runInProcess(['run', 'mobilenet-v2-width', '--preset', 'paper', '--dry-run', '--json']);
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.stdout);
    expect(plan.total.expectedSeconds).toBeNull();
    for (const run of plan.runs) expect(run.expectedSeconds).toBeNull();
  });

  it('rejects --json without --dry-run', async () => {
    const r = await runInProcess(['run', 'resnet-all', '--json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--json only applies with --dry-run/);
  });
});
