/**
 * The shipped cost constants are exactly what `scaling-lab bench cost-model` fits to the shipped
 * calibration samples with the shipped hold-out list, and the CLI reports its fit and its errors.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runInProcess } from '../../testing/cli';
import { useQuietCpuBackend } from '../cli/tf-setup';
import { parseCalibrationLines } from './calibration-file';
import { calibrate, constantsFile } from './calibration-report';
import shipped from './cost-constants.json';

const SAMPLES = path.join(__dirname, 'calibration-samples.jsonl');

beforeAll(useQuietCpuBackend);

describe('cost model calibration', () => {
  const heldOut = shipped.calibration.samples.filter((s) => s.heldOut).map((s) => s.name);

  it('the shipped constants are the fit of the shipped samples', () => {
    const samples = parseCalibrationLines(fs.readFileSync(SAMPLES, 'utf8'), SAMPLES);
    const calibration = calibrate(samples, heldOut, 'wasm+native');
    expect(JSON.parse(constantsFile(calibration))).toEqual(shipped);
    // Some samples were left out of the fit, and the model was checked on them.
    expect(heldOut.length).toBeGreaterThan(0);
    expect(calibration.heldOutError).not.toBeNull();
  });

  it('bench cost-model prints each sample against the prediction, and writes the constants', async () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cost-')), 'constants.json');
    const r = await runInProcess([
      'bench',
      'cost-model',
      '--samples',
      SAMPLES,
      '--hold-out',
      heldOut.join(','),
      '--write',
      out,
    ]);
    expect(r.code).toBe(0);
    for (const name of heldOut)
      expect(r.stdout).toMatch(new RegExp(`^${name}\\s+held out .* ms/img .* [+-]\\d+%$`, 'm'));
    expect(r.stdout).toMatch(/^mean \|error\|: fitted \d+%, held out \d+%$/m);
    expect(JSON.parse(fs.readFileSync(out, 'utf8'))).toEqual(shipped);
  });

  it('names the line of a samples file that is not a calibration run', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cost-')), 'bad.jsonl');
    const first = fs.readFileSync(SAMPLES, 'utf8').split('\n')[0];
    fs.writeFileSync(file, `${first}\n{"name": "x", "threads": 1}\n`);
    const r = await runInProcess(['bench', 'cost-model', '--samples', file]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`scaling-lab: error: ${file}:2: not a calibration run (time)`);
  });

  it('refuses to fit fewer than two runs, with one line saying why', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cost-')), 'one.jsonl');
    fs.writeFileSync(file, `${fs.readFileSync(SAMPLES, 'utf8').split('\n')[0]}\n`);
    for (const samples of [file, '/dev/null']) {
      const r = await runInProcess(['bench', 'cost-model', '--samples', samples]);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(
        /scaling-lab: error: [01] one-thread run\(s\) left to fit; the constants need at least 2/,
      );
    }
  });

  it('refuses a hold-out name that is not a sample', async () => {
    const r = await runInProcess(['bench', 'cost-model', '--samples', SAMPLES, '--hold-out', 'nope']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--hold-out names no sample: nope/);
  });
});
