/**
 * Runs and reports that cannot be silently wrong, reused or overwritten, as a user meets them: a changed
 * config retrains, a run found finished on disk counts as already done, a truncated store row is
 * re-created with a warning, and `report` refuses rows of another preset or an empty store without
 * touching the existing report. Real training processes on the smoke preset (synthetic data).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ResultsStore } from '@scaling-lab/report';
import { runInProcess } from '../../testing/cli';

jest.setTimeout(600_000);

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'trust-'));

function config(dir: string, training: Record<string, unknown>): string {
  const file = path.join(dir, `cfg-${Object.values(training).join('-')}.json`);
  fs.writeFileSync(
    file,
    JSON.stringify({
      name: 'tiny',
      backbone: 'mobilenet-v2',
      strategies: ['compound'],
      preset: 'smoke',
      ratios: [1],
      training,
    }),
  );
  return file;
}

describe('a sweep reuses a finished run only when its identity matches', () => {
  const dir = tmp();
  const store = path.join(dir, 'store');
  // The CLI runs in-process (its training children are real processes): no interpreter start-up per command.
  const run = (cfg: string) =>
    runInProcess(['run', '--config', cfg, '--jobs', '1', '--store', store, '--reports', path.join(dir, 'reports')]);
  const rowFile = path.join(store, 'runs', 'compound-1-0.json');

  it('trains the 1-epoch run once', async () => {
    const first = await run(config(dir, { epochs: 1 }));
    expect(first.stdout).toMatch(/tiny \(smoke\): 1 trained, 0 already done, 0 failed/);
    expect(first.code).toBe(0);
  });

  it('counts a run found finished in its work directory as already done, not trained', async () => {
    fs.rmSync(rowFile);
    const again = await run(config(dir, { epochs: 1 }));
    expect(again.stdout).toMatch(/0 trained, 1 already done/);
    expect(fs.existsSync(rowFile)).toBe(true);
  });

  it('re-creates a truncated row, warning with its path', async () => {
    const text = fs.readFileSync(rowFile, 'utf8');
    fs.writeFileSync(rowFile, text.slice(0, 100));
    const again = await run(config(dir, { epochs: 1 }));
    expect(again.code).toBe(0);
    expect(again.stderr).toContain(`warning: ignoring ${rowFile}: truncated or unreadable row`);
    expect(JSON.parse(fs.readFileSync(rowFile, 'utf8'))).toMatchObject({ epochs: 1 });
  });

  it('retrains after the config changes to 3 epochs (same --store), and stores the 3-epoch row', async () => {
    const before = JSON.parse(fs.readFileSync(rowFile, 'utf8'));
    const changed = await run(config(dir, { epochs: 3 }));
    expect(changed.stdout).toMatch(/1 trained, 0 already done, 0 failed/);
    expect(changed.stderr).toMatch(/1 stored run\(s\) were made with another configuration/);
    expect(changed.code).toBe(0);
    const rows = await new ResultsStore(store).list();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      epochs: 3,
      recipe: { epochs: 3 },
      preset: 'smoke',
      dataset: 'synthetic',
      requested: 0,
    });
    expect(rows[0].runKey).not.toBe(before.runKey);
  });
});

describe('report refuses mislabelled or empty input and keeps the existing report byte-identical', () => {
  const dir = tmp();
  const store = path.join(dir, 'smoke-store');
  const reports = path.join(dir, 'reports');
  const quickCsv = path.join(reports, 'mobilenet-v2-compound', 'results.csv');

  beforeAll(async () => {
    const r = await runInProcess([
      'run',
      'mobilenet-v2-compound',
      '--preset',
      'smoke',
      '--jobs',
      '1',
      '--store',
      store,
      '--reports',
      reports,
    ]);
    expect(r.code).toBe(0);
    // A real quick-preset report already in place.
    fs.mkdirSync(path.dirname(quickCsv), { recursive: true });
    fs.writeFileSync(quickCsv, 'the real quick report\n');
  });

  it("without --preset, labels and places the report by the rows' own preset (smoke)", async () => {
    const r = await runInProcess(['report', 'mobilenet-v2-compound', '--store', store, '--reports', reports]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(path.join(reports, 'smoke', 'mobilenet-v2-compound'));
    expect(fs.readFileSync(quickCsv, 'utf8')).toBe('the real quick report\n');
    const html = fs.readFileSync(path.join(reports, 'smoke', 'mobilenet-v2-compound', 'index.html'), 'utf8');
    expect(html).toContain('synthetic');
    expect(html).not.toContain('fashion-mnist');
  });

  it('--preset quick over smoke rows exits 2 naming both presets', async () => {
    const r = await runInProcess([
      'report',
      'mobilenet-v2-compound',
      '--preset',
      'quick',
      '--store',
      store,
      '--reports',
      reports,
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/--preset quick does not match the rows in .* made with preset 'smoke'/);
    expect(fs.readFileSync(quickCsv, 'utf8')).toBe('the real quick report\n');
  });

  it.each([
    ['an empty store', () => fs.mkdtempSync(path.join(dir, 'empty-'))],
    ['a mistyped store', () => path.join(dir, 'no-such-store')],
  ])('%s never replaces the existing report', async (_, storeDir) => {
    const r = await runInProcess([
      'report',
      'mobilenet-v2-compound',
      '--preset',
      'quick',
      '--store',
      storeDir(),
      '--reports',
      reports,
    ]);
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(fs.readFileSync(quickCsv, 'utf8')).toBe('the real quick report\n');
  });

  it('a custom config named like the catalogue experiment writes its own report under custom/', async () => {
    const file = path.join(dir, 'same-name.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        name: 'mobilenet-v2-compound',
        backbone: 'mobilenet-v2',
        strategies: ['compound'],
        preset: 'smoke',
        ratios: [1],
      }),
    );
    const smokeCsv = path.join(reports, 'smoke', 'mobilenet-v2-compound', 'results.csv');
    const smokeBefore = fs.readFileSync(smokeCsv, 'utf8');
    const r = await runInProcess([
      'run',
      '--config',
      file,
      '--jobs',
      '1',
      '--store',
      path.join(dir, 'custom-store'),
      '--reports',
      reports,
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(path.join(reports, 'custom', 'mobilenet-v2-compound', 'index.html'));
    expect(fs.readFileSync(smokeCsv, 'utf8')).toBe(smokeBefore);
    expect(fs.readFileSync(quickCsv, 'utf8')).toBe('the real quick report\n');
  });
});

it('a sweep whose runs all fail keeps the existing report and reports the failure', async () => {
  const dir = tmp();
  const file = path.join(dir, 'broken.json');
  fs.writeFileSync(
    file,
    JSON.stringify({
      name: 'broken',
      backbone: 'mobilenet-v2',
      strategies: ['compound'],
      preset: 'smoke',
      ratios: [1],
      dataset: `folder:${path.join(dir, 'no-images')}`,
    }),
  );
  const reports = path.join(dir, 'reports');
  const csv = path.join(reports, 'custom', 'broken', 'results.csv');
  fs.mkdirSync(path.dirname(csv), { recursive: true });
  fs.writeFileSync(csv, 'an earlier report\n');
  const r = await runInProcess([
    'run',
    '--config',
    file,
    '--jobs',
    '1',
    '--store',
    path.join(dir, 'store'),
    '--reports',
    reports,
  ]);
  expect(r.code).toBe(1);
  expect(r.stdout).toMatch(
    /0 trained, 0 already done, 1 failed; no rows of broken in .*; the existing report in .* is kept/,
  );
  expect(r.stderr.trim().split('\n').pop()).toMatch(
    /^scaling-lab: error: 1 run\(s\) failed; first: baseline-s0: cannot read image folder .*no-images/,
  );
  expect(fs.readFileSync(csv, 'utf8')).toBe('an earlier report\n');
});
