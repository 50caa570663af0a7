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
    expect(lines[1]).toMatch(/^strategy\s+knob\s+target\s+reached\s+MACs\s+params\s+px\s+status$/);
    expect(lines.filter((l) => /^(baseline|depth|width|resolution|compound)\s/.test(l))).toHaveLength(9);
    expect(lines[lines.length - 1]).toMatch(/^\d+ of 8 ladder point\(s\) off target/);
  });

  it('rejects --json without --dry-run', async () => {
    const r = await runInProcess(['run', 'resnet-all', '--json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--json only applies with --dry-run/);
  });
});
