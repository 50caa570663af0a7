/**
 * `scaling-lab train` as a user meets it: a small real-process run on synthetic data end to end (result on
 * stdout and in result.json, checkpoint, resume on rerun), and one-line usage errors (exit 2) for bad flags.
 */
import { mkdtempSync, readFileSync, realpathSync, rmSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadAddon } from '@scaling-lab/native';
import { runKey } from '@scaling-lab/run-record';
import { runBin, runInProcess } from '../../testing/cli';

jest.setTimeout(120_000);

const SMALL = [
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
  '--batch',
  '32',
  '--limit-train',
  '128',
  '--limit-test',
  '64',
  '--backend',
  'wasm',
  '--seed',
  '3',
];

/** `--backend wasm` runs with the native convolution kernels wherever their addon is built. */
const WASM_PATH = loadAddon().ok ? 'wasm+native' : 'wasm';

describe('scaling-lab train (real process)', () => {
  let out: string;
  beforeAll(() => {
    out = mkdtempSync(path.join(tmpdir(), 'scaling-lab-train-cli-'));
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('trains, prints one JSON result, writes result.json and a checkpoint; a rerun resumes', () => {
    const first = runBin([...SMALL, '--out', out, '--json']);
    expect(first.code).toBe(0);
    const parsed = JSON.parse(first.stdout);
    expect(parsed.runKey).toBe(runKey(parsed.spec));
    expect(parsed.spec).toMatchObject({
      backbone: 'mobilenet-v2',
      seed: 3,
      recipe: { epochs: 1, batchSize: 32 },
      dataset: { name: 'synthetic', limitTrain: 128, limitTest: 64 },
    });
    const result = parsed.measured;
    expect(result).toMatchObject({
      width: 0.25,
      depth: 1,
      resolution: 32,
      phi: null,
      epochs: 1,
      imagesSeen: 128,
      backend: WASM_PATH,
      datasetName: 'synthetic-10c-28px-1ch',
      testImages: 64,
      resumedFrom: null,
    });
    for (const key of ['params', 'flops', 'top1', 'top5', 'loss', 'seconds', 'imgPerSec', 'trainAccuracy'])
      expect(typeof result[key]).toBe('number');
    expect(result.top5).toBeGreaterThanOrEqual(result.top1);
    expect(result.gitCommit === null || /^[0-9a-f]{40}$/.test(result.gitCommit)).toBe(true);
    expect(Date.parse(result.finishedAt)).toBeGreaterThanOrEqual(Date.parse(result.startedAt));
    expect(JSON.parse(readFileSync(path.join(out, 'result.json'), 'utf8'))).toEqual(parsed);
    expect(first.stderr.startsWith(`backend: ${WASM_PATH} (asked for with --backend wasm`)).toBe(true);
    expect(first.stderr).toMatch(/epoch 1\/1: train loss/);

    const again = runBin([...SMALL, '--out', out, '--json']);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('resuming after epoch 1/1');
    const resumed = JSON.parse(again.stdout).measured;
    expect(resumed.resumedFrom).toBe(1);
    expect(resumed.top1).toBe(result.top1);
    expect(resumed.startedAt).toBe(result.startedAt);
  });

  it('a checkpoint of another configuration in --out is a one-line usage error', () => {
    const r = runBin([...SMALL.map((a) => (a === '3' ? '4' : a)), '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n').pop()).toMatch(
      /^scaling-lab: error: .* holds a checkpoint of a different run configuration; use another --out/,
    );
  });

  it('a truncated checkpoint file is one line naming the run directory and --restart (exit 1); --restart trains again', () => {
    const weights = path.join(realpathSync(path.join(out, 'checkpoint')), 'weights.bin');
    truncateSync(weights, 100);
    const r = runBin([...SMALL, '--out', out, '--json']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const lines = r.stderr
      .trim()
      .split('\n')
      .filter((l) => l.startsWith('scaling-lab: error:'));
    expect(lines).toEqual([
      `scaling-lab: error: the checkpoint in ${out} is damaged (weights.bin is 100 bytes, manifest.json says ${readManifestBytes(weights)}); rerun with --restart to train this run from scratch`,
    ]);

    const restarted = runBin([...SMALL, '--out', out, '--json', '--restart']);
    expect(restarted.code).toBe(0);
    expect(JSON.parse(restarted.stdout).measured.resumedFrom).toBeNull();
  });
});

function readManifestBytes(weightsFile: string): number {
  return JSON.parse(readFileSync(path.join(path.dirname(weightsFile), 'manifest.json'), 'utf8')).files['weights.bin']
    .bytes;
}

describe('scaling-lab train flag validation', () => {
  const base = [
    'train',
    '--backbone',
    'mobilenet-v2',
    '--dataset',
    'synthetic',
    '--epochs',
    '1',
    '--batch',
    '8',
    '--out',
    '/nonexistent/never-written',
  ];
  const swap = (flag: string, value: string) => {
    const args = [...base];
    const i = args.indexOf(flag);
    if (i >= 0) args[i + 1] = value;
    else args.push(flag, value);
    return args;
  };
  it.each([
    [swap('--batch', '0'), /--batch must be an integer in \[1, 4096\], got '0'/],
    [swap('--epochs', '-1'), /--epochs must be an integer in \[1, 10000\], got '-1'/],
    [swap('--backend', 'gpu'), /--backend must be one of auto, tensorflow-gpu, tensorflow, wasm, cpu; got 'gpu'/],
    [swap('--optimizer', 'lamb'), /--optimizer must be one of adam, sgd, rmsprop; got 'lamb'/],
    [swap('--schedule', 'poly'), /--schedule must be one of constant, cosine, step; got 'poly'/],
    [swap('--lr', '0'), /--lr must be a number in \(0, 100\], got '0'/],
    [swap('--label-smoothing', '1'), /--label-smoothing must be a number in \[0, 0.999\], got '1'/],
    [swap('--dataset', 'cifar'), /--dataset must be fashion-mnist, synthetic or folder:<dir>; got 'cifar'/],
    [swap('--augment', 'flip,rotate'), /--augment must be a comma list of flip, crop; got 'rotate'/],
    [swap('--channels', '2'), /--channels must be 1 or 3, got '2'/],
    [swap('--warmup-epochs', '5'), /--warmup-epochs must be in \[0, --epochs\] = \[0, 1\], got 5/],
    [swap('--backbone', 'vgg'), /--backbone: unknown backbone 'vgg'/],
    [
      base.filter((a, i) => a !== '--epochs' && base[i - 1] !== '--epochs'),
      /--epochs is required \(e.g. --epochs 2\), or give the whole run as --spec <file>/,
    ],
  ])('%j → exit 2 with one line', async (args, message) => {
    const r = await runInProcess(args as string[]);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(r.stderr).toMatch(message as RegExp);
  });
});
