/**
 * Zero-initialised residual branches on every registered backbone: after `zeroInitResidualBranches`, every
 * residual add passes its shortcut through unchanged at initialisation (inference mode), and before it does not.
 * A new backbone whose blocks end a branch in another way fails here until the helper learns its shape.
 */
import * as tf from '@tensorflow/tfjs';
import { zeroInitResidualBranches } from '@scaling-lab/core';
import { scaleSpec } from '@scaling-lab/scaling';
import { listBackbones } from './index';

const SMALL = { width: 0.25, resolution: 32 };

/** Largest |add output − shortcut input| over the model's residual adds, for one random batch. */
function residualDeviation(model: tf.LayersModel): { adds: number; deviation: number } {
  const order = new Map(model.layers.map((layer, i) => [layer, i] as const));
  const adds = model.layers.filter((layer) => layer.getClassName() === 'Add');
  if (adds.length === 0) return { adds: 0, deviation: 0 };
  // A block's add output is often the next block's shortcut: each tensor is fetched once.
  const outputs: tf.SymbolicTensor[] = [];
  const slot = (t: tf.SymbolicTensor) => (outputs.includes(t) ? outputs.indexOf(t) : outputs.push(t) - 1);
  const pairs: [number, number][] = [];
  for (const add of adds) {
    const inbound = add.inboundNodes[0];
    // The shortcut is the input built first (see zero-init-residual.ts).
    const [first, second] = inbound.inboundLayers;
    const shortcutIndex = (order.get(first) ?? -1) < (order.get(second) ?? -1) ? 0 : 1;
    pairs.push([slot(inbound.inputTensors[shortcutIndex]), slot(add.output as tf.SymbolicTensor)]);
  }
  const probe = tf.model({ inputs: model.inputs, outputs });
  return tf.tidy(() => {
    const x = tf.randomNormal([2, ...(model.inputs[0].shape.slice(1) as number[])], 0, 1, 'float32', 7);
    const values = probe.predict(x) as tf.Tensor[];
    let deviation = 0;
    for (const [shortcut, sum] of pairs) {
      deviation = Math.max(deviation, values[sum].sub(values[shortcut]).abs().max().dataSync()[0]);
    }
    return { adds: adds.length, deviation };
  });
}

describe.each(listBackbones().map((b) => [b.id, b] as const))('%s', (_id, backbone) => {
  it('starts every residual block as the identity after zero-initialising its branch', () => {
    const model = backbone.build(scaleSpec(backbone, SMALL), { numClasses: 10, inputChannels: 1 });
    try {
      const before = residualDeviation(model);
      const zeroed = zeroInitResidualBranches(model);
      const after = residualDeviation(model);
      expect(zeroed).toHaveLength(before.adds);
      expect(new Set(zeroed).size).toBe(zeroed.length);
      if (before.adds > 0) expect(before.deviation).toBeGreaterThan(1e-3);
      expect(after.deviation).toBeLessThan(1e-6);
    } finally {
      model.dispose();
    }
  });
});
