// `scaling-lab bench train`: bad paths and models are usage errors (one line, exit 2); --json prints one
// object whose rows carry the fields the issue tracker and README tables are built from.
import { runBin, runInProcess } from '../../testing/cli';

describe('scaling-lab bench train', () => {
  it('rejects an unknown backend path with one line and exit 2 (real process)', () => {
    const r = runBin(['bench', 'train', '--path', 'wasm,gpu']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain("got 'gpu'");
    expect(r.stderr).toContain('wasm');
  });

  it('rejects an unknown model', async () => {
    const r = await runInProcess(['bench', 'train', '--model', 'vgg', '--no-torch']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /--model must be a comma list of toy, mobilenet-v2, resnet-50, efficientnet-b0; got 'vgg'/,
    );
  });

  it('prints one JSON object with a row per model and path', async () => {
    const r = await runInProcess([
      'bench',
      'train',
      '--model',
      'toy',
      '--path',
      'wasm',
      '--batch',
      '4',
      '--windows',
      '1',
      '--no-torch',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { rows: Array<Record<string, unknown>>; torch: { available: boolean } };
    expect(out.rows).toHaveLength(1);
    const row = out.rows[0];
    expect(row).toMatchObject({
      model: 'toy',
      path: 'wasm',
      batch: 4,
      torchTrainImgPerSec: null,
      torchForwardImgPerSec: null,
    });
    for (const key of ['trainImgPerSec', 'forwardImgPerSec', 'kernelsPerStep']) expect(row[key]).toBeGreaterThan(0);
    expect(out.torch.available).toBe(false);
  }, 60_000);
});
