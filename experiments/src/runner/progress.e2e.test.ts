/**
 * Live progress of a real sweep on the smoke preset (synthetic data, seconds): in a pipe (not a terminal),
 * each worker's epoch/step and img/s, with the sweep's ETA, show before the first run has finished.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runBin } from '../../testing/cli';

jest.setTimeout(300_000);

const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', SCALING_LAB_DEBUG: '' };
const STEP_LINE = /^\[0\/2\] (baseline-s0|width-x2-s0): epoch 1\/1 step \d+\/4, \d+\.\d img\/s, ETA \S+; sweep ETA/;

it('prints per-worker step lines with the sweep ETA before the first run finishes', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'progress-'));
  const r = runBin(
    [
      'run',
      'mobilenet-v2-width',
      '--preset',
      'smoke',
      '--jobs',
      '2',
      '--store',
      path.join(dir, 'store'),
      '--reports',
      path.join(dir, 'reports'),
    ],
    env,
  );
  expect(r.code).toBe(0);
  const lines = r.stderr.split('\n');
  expect(lines[0]).toMatch(/^2 runs, 0 already finished; sweep ETA ~\S+ \(cost model\)$/);
  const firstDone = lines.findIndex((l) => /\] done /.test(l));
  expect(firstDone).toBeGreaterThan(0);
  const before = lines.slice(0, firstDone).filter((l) => STEP_LINE.test(l));
  // Both workers run side by side from the start, and each reports its first step at once.
  expect(new Set(before.map((l) => STEP_LINE.exec(l)![1]))).toEqual(new Set(['baseline-s0', 'width-x2-s0']));
  // Not a flood: a 4-step run prints its first report and nothing more within the interval.
  expect(lines.filter((l) => STEP_LINE.test(l)).length).toBeLessThanOrEqual(4);
});
