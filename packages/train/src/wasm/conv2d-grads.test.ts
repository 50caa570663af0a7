// Conv2D input and filter gradients on wasm (sub-pixel, zero-dilation, im2col, correlation and 1x1
// matMul routes) against the cpu backend's stock gradients over strides, kernels, paddings, odd
// sizes and batch sizes.
import * as tf from '@tensorflow/tfjs';
import { MAX_REL_ERROR, relError, seeded, valuesOn } from '../../testing/wasm';

interface Case {
  k: number;
  stride: number;
  pad: 'same' | 'valid';
  h: number;
  w: number;
  batch: number;
  ci: number;
  co: number;
}

const cases: Case[] = [];
for (const k of [1, 3, 5])
  for (const stride of [1, 2])
    for (const pad of ['same', 'valid'] as const)
      for (const [h, w] of [
        [7, 9],
        [11, 11],
      ])
        for (const batch of [1, 3])
          // ci 3 takes the im2col filter-gradient route, ci 6 the correlation route.
          for (const ci of [3, 6]) cases.push({ k, stride, pad, h, w, batch, ci, co: 5 });
cases.push({ k: 3, stride: 2, pad: 'same', h: 9, w: 9, batch: 3, ci: 1, co: 4 });

function convGrads(c: Case, seed: number): tf.Tensor[] {
  const x = tf.tensor4d(seeded(c.batch * c.h * c.w * c.ci, seed), [c.batch, c.h, c.w, c.ci]);
  const f = tf.tensor4d(seeded(c.k * c.k * c.ci * c.co, seed + 1), [c.k, c.k, c.ci, c.co]);
  const y = tf.conv2d(x, f, c.stride, c.pad);
  const dy = tf.tensor(seeded(y.size, seed + 2), y.shape);
  const g = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
    tf.sum(tf.mul(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.stride, c.pad), dy)),
  );
  return g([x, f]);
}

describe('wasm Conv2D gradients match the cpu backend', () => {
  it.each(cases.map((c, i) => [`k${c.k} s${c.stride} ${c.pad} ${c.h}x${c.w} n${c.batch} ci${c.ci}`, c, i] as const))(
    '%s',
    async (_label, c, i) => {
      const [cpuDx, cpuDw] = await valuesOn('cpu', () => convGrads(c, i));
      const [wasmDx, wasmDw] = await valuesOn('wasm', () => convGrads(c, i));
      expect(relError(wasmDx, cpuDx)).toBeLessThanOrEqual(MAX_REL_ERROR);
      expect(relError(wasmDw, cpuDw)).toBeLessThanOrEqual(MAX_REL_ERROR);
    },
  );

  it('gives non-trivial gradients (guards against comparing zeros with zeros)', async () => {
    const [dx, dw] = await valuesOn('wasm', () => convGrads(cases[20], 20));
    expect(Math.max(...dx.map(Math.abs))).toBeGreaterThan(0.1);
    expect(Math.max(...dw.map(Math.abs))).toBeGreaterThan(0.1);
  });
});
