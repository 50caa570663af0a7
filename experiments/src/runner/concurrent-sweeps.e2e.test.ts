/**
 * Two `scaling-lab run` processes of one experiment on one store at the same time (smoke preset, real
 * training processes): each run is trained exactly once, by whichever sweep claims it first; the other
 * sweep reports it as running elsewhere or already done, never as trained.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ResultsStore } from '@scaling-lab/report';
import { getExperiment, planRuns } from '../catalogue/experiments';
import { PRESETS } from '../catalogue/presets';
import { WORKSPACE_ROOT } from '../paths';
import { workDir } from './run-experiment';
import { plannedSpec } from './run-spec';

const BIN = path.join(WORKSPACE_ROOT, 'experiments', 'bin', 'scaling-lab.js');
const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', SCALING_LAB_DEBUG: '' };

jest.setTimeout(600_000);

function sweep(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, cwd: WORKSPACE_ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

it('two concurrent sweeps on one store train each run exactly once', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'concurrent-sweeps-'));
  const store = path.join(dir, 'store');
  const args = (n: number) => [
    'run',
    'mobilenet-v2-compound',
    '--preset',
    'smoke',
    '--jobs',
    '1',
    '--store',
    store,
    '--reports',
    path.join(dir, `reports-${n}`),
  ];
  const [a, b] = await Promise.all([sweep(args(1)), sweep(args(2))]);
  expect([a.code, b.code]).toEqual([0, 0]);

  const planned = planRuns(getExperiment('mobilenet-v2-compound'), PRESETS.smoke, 1);
  // Every training child logs one "epoch 1/1:" line per epoch it trains into its run's train.log.
  for (const run of planned) {
    const work = workDir(store, run, plannedSpec(run, PRESETS.smoke));
    const log = fs.readFileSync(path.join(work, 'train.log'), 'utf8');
    expect(log.match(/^epoch 1\/1:/gm)).toHaveLength(1);
    expect(fs.existsSync(path.join(work, 'run.lock'))).toBe(false);
  }
  const trained = (out: string) => Number(/(\d+) trained/.exec(out)?.[1]);
  expect(trained(a.stdout) + trained(b.stdout)).toBe(planned.length);
  // What one sweep did not train, it reports as running elsewhere or already done.
  for (const out of [a.stdout, b.stdout]) {
    const elsewhere = Number(/(\d+) running elsewhere/.exec(out)?.[1] ?? 0);
    const done = Number(/(\d+) already done/.exec(out)?.[1]);
    expect(trained(out) + elsewhere + done).toBe(planned.length);
  }
  expect(`${a.stdout}${b.stdout}`).toMatch(/running elsewhere \(pid \d+ on /);
  const rows = await new ResultsStore(store).list();
  expect(rows).toHaveLength(planned.flatMap((r) => r.strategies).length);
});
