/**
 * The CLI as a user meets it: real process for exit codes and one-line errors, in-process runs for output.
 */
import { formatCount, formatInteger, getBackbone, profileModel } from '@scaling-lab/backbones';
import { scaleSpec } from '@scaling-lab/scaling';
import { runBin, runInProcess } from '../../testing/cli';

describe('scaling-lab inspect', () => {
  it('prints params and FLOPs as one JSON object (real process)', () => {
    const r = runBin(['inspect', '--backbone', 'resnet-50', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({ backbone: 'resnet-50', depth: 1, width: 1, resolution: 224 });
    expect(json.params.trainable).toBe(25557032);
    expect(json.params.total).toBeGreaterThan(json.params.trainable);
    expect(json.flops / 4.09e9).toBeGreaterThan(0.98);
    expect(json.flops / 4.09e9).toBeLessThan(1.02);
  }, 60000);

  it('gives a one-line error and exit 2 for an unknown flag (real process)', () => {
    const r = runBin(['inspect', '--backbone', 'resnet-50', '--bogus']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/--bogus/);
    expect(r.stderr).toMatch(/allowed flags: .*--backbone.*--width/);
  }, 60000);

  it.each([
    [['--backbone', 'nope'], /--backbone: unknown backbone 'nope'; choose one of: .*resnet-50/],
    [['--backbone', 'resnet-50', '--width', '0'], /--width must be a number in \(0, 16\], got '0'/],
    [['--backbone', 'resnet-50', '--width', '-1'], /--width must be a number in \(0, 16\], got '-1'/],
    [['--backbone', 'resnet-50', '--depth', 'NaN'], /--depth must be a number in \(0, 16\], got 'NaN'/],
    [
      ['--backbone', 'resnet-50', '--resolution', '7'],
      /--resolution 7 is below half resnet-50's total stride; allowed: 16\.\.4096 px/,
    ],
    [['--backbone', 'resnet-50', '--resolution', '64', '--resolution-mult', '2'], /exclusive/],
    [['--backbone', 'resnet-50', '--alpha', '1.3'], /only apply with --phi/],
    [['--width', '1'], /required option '--backbone <id>' not specified/],
  ])('rejects %j with one line naming the flag, exit 2', async (args, message) => {
    const r = await runInProcess(['inspect', ...args]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('prints the scaled stage table and a per-layer profile', async () => {
    const r = await runInProcess([
      'inspect',
      '--backbone',
      'mobilenet-v2',
      '--width',
      '0.5',
      '--resolution',
      '96',
      '--layers',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/MobileNetV2 \(mobilenet-v2\)\s+depth ×1\s+width ×0\.5\s+resolution 96px/);
    expect(r.stdout).toMatch(/\| layer\s+\| type/);
    expect(r.stdout).toMatch(/\| total/);
  });

  it('reports what compound scaling did', async () => {
    const r = await runInProcess([
      'inspect',
      '--backbone',
      'efficientnet-b0',
      '--phi',
      '1',
      '--json',
      '--classes',
      '10',
    ]);
    const json = JSON.parse(r.stdout);
    expect(json.depth).toBeCloseTo(1.2);
    expect(json.width).toBeCloseTo(1.1);
    expect(json.resolution).toBe(256);
    expect(json.phi).toBe(1);
    expect(json.classes).toBe(10);
  });
});

describe('scaling-lab list', () => {
  it('lists every registered backbone and the strategies', async () => {
    const r = await runInProcess(['list', '--json']);
    const json = JSON.parse(r.stdout);
    expect(json.backbones.map((b: { id: string }) => b.id)).toEqual(
      expect.arrayContaining(['mobilenet-v1', 'resnet-50', 'efficientnet-b7']),
    );
    expect(json.strategies).toEqual(['depth', 'width', 'resolution', 'compound']);
  });

  it('prints our measured params and MACs, not the reference figures', async () => {
    const r = await runInProcess(['list', '--json']);
    const b4 = JSON.parse(r.stdout).backbones.find((b: { id: string }) => b.id === 'efficientnet-b4');
    const backbone = getBackbone('efficientnet-b4');
    const model = backbone.build(scaleSpec(backbone), { numClasses: 1000, inputChannels: 3 });
    try {
      const real = profileModel(model);
      expect(b4.flops).toBe(real.flops);
      expect(b4.params).toBe(real.params.trainable);
    } finally {
      model.dispose();
    }
    const text = (await runInProcess(['list'])).stdout;
    expect(text).toMatch(
      new RegExp(
        `efficientnet-b4 +EfficientNet-B4 @ 380px +${formatInteger(b4.params)} params +${formatCount(b4.flops)} MACs`,
      ),
    );
  });

  it('names the commands for an unknown command', async () => {
    const r = await runInProcess(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command 'frobnicate'; commands: list, inspect/);
  });
});
