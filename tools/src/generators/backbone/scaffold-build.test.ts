/**
 * The generated package as code: written out of the virtual tree and loaded, the scaffold must build, meet
 * the reference numbers it states, and name its layers as the other families do. (The templates are not
 * type-checked in place, so this is where a broken template shows up.)
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { type Backbone, profileModel, type StageSpec } from '@scaling-lab/core';
import { scaleSpec } from '@scaling-lab/scaling';
import { backboneGenerator } from './generator';
import { BACKBONES_INDEX, BACKBONES_PACKAGE, TSCONFIG_BASE } from './workspace-edits';

const ROOT = path.resolve(__dirname, '../../../..');

let dir: string;
let backbone: Backbone<StageSpec>;

beforeAll(async () => {
  const tree = createTreeWithEmptyWorkspace({ formatter: 'none' });
  for (const file of [TSCONFIG_BASE, BACKBONES_INDEX, BACKBONES_PACKAGE]) {
    tree.write(file, fs.readFileSync(path.join(ROOT, file), 'utf8'));
  }
  await backboneGenerator(tree, { id: 'demo-net' });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backbone-scaffold-'));
  for (const change of tree.listChanges()) {
    if (!change.path.startsWith('packages/demo-net/')) continue;
    fs.mkdirSync(path.join(dir, path.dirname(change.path)), { recursive: true });
    fs.writeFileSync(path.join(dir, change.path), change.content!);
  }
  // The generated sources exist only at run time, in a temporary directory: loaded through jest's require.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  backbone = require(path.join(dir, 'packages/demo-net/src/index.ts')).demoNet;
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it('exports a Backbone record for the id', () => {
  expect(backbone).toMatchObject({
    id: 'demo-net',
    family: 'demo-net',
    name: 'Demo-Net',
    totalStride: 32,
    baseResolution: 224,
  });
  expect(backbone.base.stages.reduce((s, stage) => s * stage.stride, 2)).toBe(backbone.totalStride);
});

it('builds and meets its stated reference numbers at its base resolution', () => {
  const ref = backbone.reference!;
  const model = backbone.build(scaleSpec(backbone, { resolution: ref.resolution }), {
    numClasses: 1000,
    inputChannels: 3,
  });
  try {
    const p = profileModel(model);
    expect(p.params.trainable).toBe(ref.trainableParams);
    expect(p.flops).toBe(ref.flops);
    expect(model.outputs[0].shape).toEqual([null, 1000]);
    const names = model.layers.map((l) => l.name);
    for (const n of [
      'stem_conv',
      'stem_bn',
      'stem_relu',
      'stage2_block1_conv',
      'stage2_block2_bn',
      'stage5_block2_relu',
      'head_conv',
      'global_pool',
      'classifier_dropout',
      'classifier',
    ]) {
      expect(names).toContain(n);
    }
    expect(model.getLayer('stage3_block1_conv').getConfig().strides).toEqual([2, 2]);
    expect(model.getLayer('stage3_block2_conv').getConfig().strides).toEqual([1, 1]);
  } finally {
    model.dispose();
  }
});

it('runs forward at its smallest input and gives class probabilities', () => {
  const r = backbone.totalStride;
  const model = backbone.build(scaleSpec(backbone, { resolution: r, width: 0.25 }), {
    numClasses: 3,
    inputChannels: 1,
  });
  try {
    const sums = tf.tidy(() => (model.predict(tf.ones([2, r, r, 1])) as tf.Tensor).sum(1));
    for (const s of sums.dataSync()) expect(s).toBeCloseTo(1, 4);
    sums.dispose();
  } finally {
    model.dispose();
  }
});
