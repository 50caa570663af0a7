// The one-pass MaxPoolGrad against the cpu backend's, including ties (the first maximum in window order wins)
// and 'same' padding with stride 2 as in the ResNet stem.
import * as tf from '@tensorflow/tfjs';
import { MAX_REL_ERROR, relError, seeded, valuesOn } from '../../testing/wasm';

function poolGrad(x: () => tf.Tensor4D, filter: number, stride: number, pad: 'same' | 'valid'): () => tf.Tensor[] {
  return () => {
    const input = x();
    const y = tf.maxPool(input, filter, stride, pad);
    const w = tf.tensor(seeded(y.size, 5), y.shape);
    return [tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.maxPool(t as tf.Tensor4D, filter, stride, pad), w)))(input)];
  };
}

describe('MaxPoolGrad on wasm', () => {
  it.each([
    ['3x3 stride 2 same', 3, 2, 'same'],
    ['2x2 stride 2 valid', 2, 2, 'valid'],
    ['3x3 stride 1 same', 3, 1, 'same'],
  ] as const)('%s equals the cpu backend', async (_label, filter, stride, pad) => {
    const fn = poolGrad(() => tf.tensor4d(seeded(2 * 7 * 8 * 5, 3), [2, 7, 8, 5]), filter, stride, pad);
    const [cpu] = await valuesOn('cpu', fn);
    const [wasm] = await valuesOn('wasm', fn);
    expect(relError(wasm, cpu)).toBeLessThanOrEqual(MAX_REL_ERROR);
  });

  it('sends each window’s gradient to the same tied maximum as the cpu backend', async () => {
    // Values from {0, 1} make most windows tie.
    const fn = poolGrad(
      () =>
        tf.tensor4d(
          seeded(2 * 6 * 6 * 3, 9).map((v) => (v > 0 ? 1 : 0)),
          [2, 6, 6, 3],
        ),
      3,
      2,
      'same',
    );
    const [cpu] = await valuesOn('cpu', fn);
    const [wasm] = await valuesOn('wasm', fn);
    expect(Array.from(wasm)).toEqual(Array.from(cpu));
  });
});
