// DepthwiseConv2dNative input and filter gradients on wasm against the cpu backend's stock ones
// over strides, kernels, paddings, odd sizes, batch sizes and channel multipliers.
import * as tf from '@tensorflow/tfjs';
import { MAX_REL_ERROR, relError, seeded, valuesOn } from '../../testing/wasm';

interface Case {
  k: number;
  stride: number;
  pad: 'same' | 'valid';
  h: number;
  w: number;
  batch: number;
  c: number;
  mult: number;
}

const cases: Case[] = [];
for (const k of [1, 3, 5])
  for (const stride of [1, 2])
    for (const pad of ['same', 'valid'] as const)
      for (const [h, w] of [
        [7, 9],
        [11, 11],
      ])
        for (const batch of [1, 3]) cases.push({ k, stride, pad, h, w, batch, c: 4, mult: 1 });
cases.push({ k: 3, stride: 2, pad: 'same', h: 9, w: 7, batch: 3, c: 3, mult: 2 });

function dwGrads(c: Case, seed: number): tf.Tensor[] {
  const x = tf.tensor4d(seeded(c.batch * c.h * c.w * c.c, seed), [c.batch, c.h, c.w, c.c]);
  const f = tf.tensor4d(seeded(c.k * c.k * c.c * c.mult, seed + 1), [c.k, c.k, c.c, c.mult]);
  const y = tf.depthwiseConv2d(x, f, c.stride, c.pad);
  const dy = tf.tensor(seeded(y.size, seed + 2), y.shape);
  const g = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
    tf.sum(tf.mul(tf.depthwiseConv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.stride, c.pad), dy)),
  );
  return g([x, f]);
}

describe('wasm depthwise gradients match the cpu backend', () => {
  it.each(cases.map((c, i) => [`k${c.k} s${c.stride} ${c.pad} ${c.h}x${c.w} n${c.batch} m${c.mult}`, c, i] as const))(
    '%s',
    async (_label, c, i) => {
      const [cpuDx, cpuDw] = await valuesOn('cpu', () => dwGrads(c, i));
      const [wasmDx, wasmDw] = await valuesOn('wasm', () => dwGrads(c, i));
      expect(relError(wasmDx, cpuDx)).toBeLessThanOrEqual(MAX_REL_ERROR);
      expect(relError(wasmDw, cpuDw)).toBeLessThanOrEqual(MAX_REL_ERROR);
    },
  );

  it('rejects dilated depthwise gradients with a clear message', async () => {
    await expect(
      valuesOn('wasm', () => {
        const x = tf.ones([1, 7, 7, 2]);
        const f = tf.ones([3, 3, 2, 1]);
        const dy = tf.ones([1, 7, 7, 2]);
        return [
          tf
            .engine()
            .runKernel(
              tf.DepthwiseConv2dNativeBackpropFilter,
              { x, dy },
              { strides: 1, pad: 'same', dilations: 2, filterShape: f.shape },
            ) as tf.Tensor,
        ];
      }),
    ).rejects.toThrow(/dilation 1 only/);
  });
});
