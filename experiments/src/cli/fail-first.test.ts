/**
 * Bad input fails before any work, in one line naming what to fix: out-of-range config values name the
 * config field (the whole plan is validated first), unwritable output locations name the path and the fix,
 * numeric flags take plain decimals only, and `train` has documented defaults and a version.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { sampleResult, sampleSpec } from '@scaling-lab/run-record/testing';
import { PNG } from 'pngjs';
import { formatResult } from './commands/train';
import { reportError } from './errors';
import { runBin, runInProcess } from '../../testing/cli';

jest.setTimeout(120_000);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fail-first-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function configFile(extra: Record<string, unknown>): string {
  const file = path.join(dir, `cfg-${Math.random().toString(36).slice(2)}.json`);
  fs.writeFileSync(
    file,
    JSON.stringify({ name: 'bad', backbone: 'resnet-50', strategies: ['compound'], preset: 'smoke', ...extra }),
  );
  return file;
}

describe('run --config: the whole plan is validated before anything trains', () => {
  it.each([
    [{ baseline: { resolution: 33.5 } }, 'baseline.resolution', /must be a whole number/],
    [{ training: { epochs: 1e9 } }, 'training.epochs', /10000/],
    [{ training: { batchSize: 5000 } }, 'training.batchSize', /4096/],
    [{ training: { warmupEpochs: 5 } }, 'training.warmupEpochs', /at most epochs/],
    [{ training: { weightDecay: 5 } }, 'training.weightDecay', /must be at most 1 \(got 5\)/],
    [{ ratios: [1, 1000] }, 'ratios', /compound at ×1000/],
  ])('%j → exit 2 naming %s, nothing trained', async (extra, field, detail) => {
    const file = configFile(extra);
    const store = path.join(dir, `store-${field}`);
    const r = await runInProcess(['run', '--config', file, '--store', store, '--reports', path.join(dir, 'reports')]);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(r.stderr).toContain(`--config ${file}: '${field}'`);
    expect(r.stderr).toMatch(detail);
    expect(r.stderr).toContain('nothing was trained');
    expect(r.code).toBe(2);
    expect(fs.existsSync(path.join(store, 'work'))).toBe(false);
  });
});

describe('output locations are checked first', () => {
  const aFile = path.join(dir, 'a-file');
  beforeAll(() => fs.writeFileSync(aFile, 'not a directory'));

  it('train --out <a file> fails at once, naming the path and the fix', async () => {
    const r = await runInProcess([
      'train',
      '--backbone',
      'mobilenet-v2',
      '--width',
      '0.25',
      '--resolution',
      '32',
      '--dataset',
      'synthetic',
      '--epochs',
      '1',
      '--limit-train',
      '64',
      '--limit-test',
      '32',
      '--backend',
      'cpu',
      '--out',
      aFile,
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `scaling-lab: error: --out ${aFile}: cannot create or write this directory (a path component is a file, not a directory); choose a directory path (or move the file away)\n`,
    );
  });

  it('run --reports under a file fails before training, leaving the store empty', async () => {
    const store = path.join(dir, 'store-reports');
    const r = await runInProcess([
      'run',
      'resnet-compound',
      '--preset',
      'smoke',
      '--store',
      store,
      '--reports',
      path.join(aFile, 'reports'),
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^scaling-lab: error: --reports .*a-file\/reports\/smoke\/resnet-compound: cannot create or write this directory \(a path component is a file, not a directory\); choose a directory path/,
    );
    expect(fs.existsSync(path.join(store, 'work'))).toBe(false);
  });
});

describe('train flags', () => {
  it.each(['0x10', '0b1', 'Infinity', '1_0', ''])('--width %j is refused in one line', async (value) => {
    const r = await runInProcess([
      'train',
      '--backbone',
      'mobilenet-v2',
      '--width',
      value,
      '--dataset',
      'synthetic',
      '--epochs',
      '1',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `scaling-lab: error: --width must be a number in (0, 16], got '${value}' (e.g. --width 0.5)\n`,
    );
  });

  it('documents the defaults of --batch and --out in --help', async () => {
    const r = await runInProcess(['train', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/--batch <N>\s+batch size, 1\.\.4096 \(default: 64\)/);
    expect(r.stdout).toMatch(/--out <dir>[\s\S]*\(default:\s+\.scaling-lab\/train\/<run key>\)/);
  });

  it('refuses run flags next to --spec', async () => {
    const file = path.join(dir, 'spec.json');
    fs.writeFileSync(file, JSON.stringify(sampleSpec()));
    const r = await runInProcess(['train', '--spec', file, '--epochs', '2']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--spec ${file} holds the whole run; drop --epochs`);
  });

  it('validates a spec file, naming the file and the field', async () => {
    const file = path.join(dir, 'bad-spec.json');
    fs.writeFileSync(file, JSON.stringify({ ...sampleSpec(), seed: 'one' }));
    const r = await runInProcess(['train', '--spec', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`scaling-lab: error: --spec ${file}: 'seed' must be a number (got "one")\n`);
  });

  it('--version prints the version', () => {
    const r = runBin(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(
      JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')).version,
    );
  });

  it('says "1 epoch", not "1 epochs"', () => {
    expect(formatResult(sampleResult())).toContain('; 1 epoch, 128 images in');
    const two = sampleResult();
    expect(formatResult({ ...two, measured: { ...two.measured, epochs: 2 } })).toContain('; 2 epochs,');
  });
});

describe('filesystem failures during the work', () => {
  it.each([
    ['ENOSPC', 'disk full while writing /data/store/runs/x.json: free space or choose another directory'],
    ['EROFS', '/data/store/runs is read-only (read-only file system): choose another directory'],
  ])('%s names what failed, where, and the fix, exit 1', (code, text) => {
    const error = Object.assign(new Error(`${code}: raw`), { code, syscall: 'open', path: '/data/store/runs/x.json' });
    const lines: string[] = [];
    expect(reportError(error, (l) => lines.push(l))).toBe(1);
    expect(lines).toEqual([`scaling-lab: error: ${text}\n`]);
  });
});

describe('train on an image folder that cannot give a meaningful run', () => {
  function folder(classes: Record<string, number>): string {
    const root = fs.mkdtempSync(path.join(dir, 'images-'));
    for (const [name, count] of Object.entries(classes)) {
      fs.mkdirSync(path.join(root, name));
      for (let i = 0; i < count; i++)
        fs.writeFileSync(path.join(root, name, `${i}.png`), PNG.sync.write(new PNG({ width: 8, height: 8 })));
    }
    return root;
  }
  const train = (root: string) =>
    runInProcess([
      'train',
      '--backbone',
      'mobilenet-v2',
      '--width',
      '0.25',
      '--resolution',
      '32',
      '--dataset',
      `folder:${root}`,
      '--epochs',
      '1',
      '--backend',
      'cpu',
      '--out',
      path.join(root, '..', `${path.basename(root)}-out`),
    ]);

  it('an empty test split (2 images per class) is one line naming the folder and the counts, before training', async () => {
    const root = folder({ cat: 2, dog: 2 });
    const r = await train(root);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      new RegExp(
        `^scaling-lab: error: image folder ${root} gives an empty test split \\(images per class: cat 2, dog 2\\);[^\\n]*\\n$`,
      ),
    );
    expect(r.stderr).not.toMatch(/epoch/);
  });

  it('a single-class folder is one line naming it (not a tfjs oneHot error)', async () => {
    const root = folder({ only: 5 });
    const r = await train(root);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `scaling-lab: error: image folder ${root} has only one class folder (only); a classifier needs at least 2, one subfolder of images per class\n`,
    );
  });

  it('a truncated PNG is one line naming the file', async () => {
    const root = folder({ cat: 5, dog: 5 });
    const file = path.join(root, 'dog', '3.png');
    const bytes = fs.readFileSync(file);
    fs.writeFileSync(file, bytes.subarray(0, bytes.length - 20));
    const r = await train(root);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `scaling-lab: error: cannot decode image ${file}: truncated or corrupt PNG data; replace or remove the file\n`,
    );
  });
});
