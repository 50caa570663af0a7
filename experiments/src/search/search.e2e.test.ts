/**
 * End-to-end coefficient search on the smoke preset, as a user runs it: real training processes on synthetic
 * data, twice into separate stores, which must crown the same winner; plus the one-line error of
 * `run --coefficients searched` before any search.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { WORKSPACE_ROOT } from '../paths';

const BIN = path.join(WORKSPACE_ROOT, 'experiments', 'bin', 'scaling-lab.js');
const env = { ...process.env, SCALING_LAB_DEBUG: '' };

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, cwd: WORKSPACE_ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

jest.setTimeout(240_000);

it('a smoke search trains the candidates, reports them and picks the same winner twice', async () => {
  const dirs = [1, 2].map(() => fs.mkdtempSync(path.join(os.tmpdir(), 'search-')));
  const search = (dir: string) =>
    cli([
      'search',
      '--backbone',
      'mobilenet-v1',
      '--preset',
      'smoke',
      '--jobs',
      '2',
      '--store',
      path.join(dir, 'store'),
      '--reports',
      path.join(dir, 'reports'),
      '--coefficients-dir',
      path.join(dir, 'coefficients'),
    ]);
  const noSearch = cli([
    'run',
    'mobilenet-v1-compound',
    '--preset',
    'smoke',
    '--coefficients',
    'searched',
    '--coefficients-dir',
    path.join(dirs[0], 'none'),
    '--store',
    path.join(dirs[0], 'unused'),
  ]);
  const [first, second, error] = await Promise.all([search(dirs[0]), search(dirs[1]), noSearch]);

  expect(error.code).toBe(2);
  expect(error.stderr).toMatch(
    /^scaling-lab: error: --coefficients searched: no saved search for mobilenet-v1 \(preset smoke\).*run 'scaling-lab search --backbone mobilenet-v1 --preset smoke' first\n$/,
  );

  for (const r of [first, second]) {
    expect(r.stderr + r.stdout).toMatch(
      /mobilenet-v1-search \(smoke\): \d+ trained, 0 already done, 0 failed; chosen a/,
    );
    expect(r.code).toBe(0);
  }
  const saved = dirs.map((d) =>
    JSON.parse(fs.readFileSync(path.join(d, 'coefficients', 'smoke', 'mobilenet-v1.json'), 'utf8')),
  );
  expect(saved[1].label).toBe(saved[0].label);
  expect(saved[1].top1Mean).toBe(saved[0].top1Mean);
  expect(saved[0].grid.candidates).toBeGreaterThanOrEqual(3);

  const out = path.join(dirs[0], 'reports', 'smoke', 'mobilenet-v1-search');
  for (const f of [
    'results.csv',
    'chart.vl.json',
    'chart.svg',
    'chart.png',
    'summary.md',
    'candidates.json',
    'coefficients.json',
  ]) {
    expect(fs.statSync(path.join(out, f)).size).toBeGreaterThan(0);
  }
  const summary = fs.readFileSync(path.join(out, 'summary.md'), 'utf8');
  expect(summary).toContain(`| 1 | ${saved[0].label}`);
  expect(summary).toMatch(/a1\.20-b1\.10-g1\.15 \(paper\)/);
  expect(summary).toMatch(/Chosen: |The paper's coefficients .* rank first/);
  // The chart's points are the trained candidates, coloured by their real FLOPs ratio.
  const spec = JSON.parse(fs.readFileSync(path.join(out, 'chart.vl.json'), 'utf8'));
  expect(spec.data.values).toHaveLength(saved[0].grid.candidates);
  expect(spec.spec.layer[1].encoding.color.field).toBe('realRatio');
  expect(fs.readFileSync(path.join(out, 'results.csv'), 'utf8').trim().split('\n')).toHaveLength(
    saved[0].grid.candidates + 1,
  );

  // A rerun trains nothing: every candidate is already in the store.
  const rerun = await search(dirs[0]);
  expect(rerun.stdout).toMatch(/0 trained, \d+ already done, 0 failed; chosen/);
});
