/**
 * End-to-end sweeps on the smoke preset, as a user runs them: through nx, killed with -9 and rerun, and
 * split into shards then merged. Each runs real training processes on synthetic data.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readCsv, ResultsStore } from '@scaling-lab/report';
import { getExperiment, planRuns } from '../catalogue/experiments';
import { PRESETS } from '../catalogue/presets';
import { runBin } from '../../testing/cli';
import { WORKSPACE_ROOT } from '../paths';

const BIN = path.join(WORKSPACE_ROOT, 'experiments', 'bin', 'scaling-lab.js');
const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', SCALING_LAB_DEBUG: '' };
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'sweep-'));

const cli = (args: string[]) => runBin(args, env);

/** Columns that differ between two runs of the same model: wall-clock measurements. */
const TIMING = new Set(['seconds', 'imgPerSec', 'startedAt', 'finishedAt']);

async function comparableRows(file: string) {
  const rows = await readCsv(file);
  return rows
    .map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !TIMING.has(k))))
    .sort((a, b) => `${a.strategy}${a.step}${a.seed}`.localeCompare(`${b.strategy}${b.step}${b.seed}`));
}

jest.setTimeout(300_000);

it('nx run experiments:resnet-compound --preset smoke trains the ladder and writes every report file', () => {
  const dir = tmp();
  const r = spawnSync(
    'npx',
    [
      'nx',
      'run',
      'experiments:resnet-compound',
      '--preset',
      'smoke',
      '--skip-nx-cache',
      '--store',
      path.join(dir, 'store'),
      '--reports',
      path.join(dir, 'reports'),
    ],
    { encoding: 'utf8', env, cwd: WORKSPACE_ROOT },
  );
  expect(r.stderr + r.stdout).toMatch(/resnet-compound \(smoke\): 2 trained, 0 already done, 0 failed/);
  expect(r.status).toBe(0);
  const out = path.join(dir, 'reports', 'smoke', 'resnet-compound');
  for (const f of ['results.csv', 'chart.vl.json', 'chart.svg', 'chart.png', 'summary.md', 'index.html']) {
    expect(fs.statSync(path.join(out, f)).size).toBeGreaterThan(0);
  }
  expect(fs.readFileSync(path.join(dir, 'reports', 'index.html'), 'utf8')).toContain('resnet-compound');
});

it('a sweep killed with -9 resumes: finished runs are not retrained, no duplicate or torn rows', async () => {
  const dir = tmp();
  const store = path.join(dir, 'store');
  const args = [
    'run',
    'mobilenet-v2-compound',
    '--preset',
    'smoke',
    '--jobs',
    '1',
    '--store',
    store,
    '--reports',
    path.join(dir, 'reports'),
  ];
  const sweep = spawn(process.execPath, [BIN, ...args], { env, cwd: WORKSPACE_ROOT, stdio: 'ignore' });
  const runsDir = path.join(store, 'runs');
  // Kill as soon as the first run (the baseline) is stored, while the second trains.
  while (!(fs.existsSync(runsDir) && fs.readdirSync(runsDir).filter((f) => f.endsWith('.json')).length >= 1)) {
    if (sweep.exitCode !== null) throw new Error('the sweep ended before it could be killed');
    await new Promise((r) => setTimeout(r, 200));
  }
  sweep.kill('SIGKILL');
  await new Promise((r) => sweep.once('exit', r));
  const before = await new ResultsStore(store).list();

  const rerun = cli(args);
  expect(rerun.stderr).toMatch(/2 runs, 1 already finished/);
  expect(rerun.stdout).toMatch(/1 trained, 1 already done, 0 failed/);
  expect(rerun.code).toBe(0);
  const scan = await new ResultsStore(store).scan();
  const planned = planRuns(getExperiment('mobilenet-v2-compound'), PRESETS.smoke).flatMap((r) =>
    r.strategies.map((s) => `${s}-${r.step}-${r.seed}`),
  );
  expect(scan.rows.map((r) => `${r.strategy}-${r.step}-${r.seed}`).sort()).toEqual([...planned].sort());
  // The baseline rows stored before the kill were not rewritten by the rerun.
  for (const row of before) {
    expect(scan.rows.find((r) => r.strategy === row.strategy && r.step === row.step)?.finishedAt).toBe(row.finishedAt);
  }
});

it('two shards, one a Slurm array task and one a Kubernetes Indexed Job pod, merge into the unsharded report', async () => {
  const dir = tmp();
  const common = ['--preset', 'smoke', '--jobs', '2'];
  // Whatever scheduler runs this test, each shard sees only the environment it simulates.
  const unscheduled = Object.fromEntries(
    Object.entries(env).filter(([k]) => !k.startsWith('SLURM_') && k !== 'JOB_COMPLETION_INDEX'),
  );
  // sbatch --array=4-5: the first task (id 4) is shard 1 of 2.
  const slurm = {
    ...unscheduled,
    SLURM_ARRAY_TASK_ID: '4',
    SLURM_ARRAY_TASK_MIN: '4',
    SLURM_ARRAY_TASK_MAX: '5',
    SLURM_ARRAY_TASK_COUNT: '2',
    SLURM_ARRAY_TASK_STEP: '1',
  };
  const a = runBin(
    [
      'run',
      'resnet-compound',
      ...common,
      '--shard',
      'auto',
      '--store',
      path.join(dir, 'a'),
      '--reports',
      path.join(dir, 'ra'),
    ],
    slurm,
  );
  // An Indexed Job with completions: 2: the pod with index 1 is shard 2 of 2.
  const pod = { ...unscheduled, JOB_COMPLETION_INDEX: '1' };
  const b = runBin(
    [
      'run',
      'resnet-compound',
      ...common,
      '--shard',
      'auto',
      '--shard-count',
      '2',
      '--store',
      path.join(dir, 'b'),
      '--reports',
      path.join(dir, 'rb'),
    ],
    pod,
  );
  expect([a.code, b.code]).toEqual([0, 0]);
  expect(a.stderr).toMatch(/shard 1\/2 \(Slurm array task 4/);
  expect(b.stderr).toMatch(/shard 2\/2 \(Kubernetes Indexed Job completion index 1\)/);
  const merged = cli([
    'report',
    'resnet-compound',
    '--preset',
    'smoke',
    '--store',
    path.join(dir, 'a'),
    '--store',
    path.join(dir, 'b'),
    '--reports',
    path.join(dir, 'merged'),
  ]);
  expect(merged.code).toBe(0);
  const whole = cli([
    'run',
    'resnet-compound',
    ...common,
    '--store',
    path.join(dir, 'whole'),
    '--reports',
    path.join(dir, 'whole-reports'),
  ]);
  expect(whole.code).toBe(0);
  const mergedRows = await comparableRows(path.join(dir, 'merged', 'smoke', 'resnet-compound', 'results.csv'));
  const wholeRows = await comparableRows(path.join(dir, 'whole-reports', 'smoke', 'resnet-compound', 'results.csv'));
  expect(mergedRows).toHaveLength(2);
  expect(a.stdout).toMatch(/1 trained/);
  expect(b.stdout).toMatch(/1 trained/);
  expect(mergedRows).toEqual(wholeRows);
  const summary = (d: string) => fs.readFileSync(path.join(dir, d, 'smoke', 'resnet-compound', 'summary.md'), 'utf8');
  expect(summary('merged')).toBe(summary('whole-reports'));
});
