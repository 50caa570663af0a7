import * as tf from '@tensorflow/tfjs';
import { HardSigmoid, HardSwish } from './hard-activations';

it('hard-sigmoid is relu6(x + 3) / 6 and hard-swish is x times it (MobileNetV3 paper Sec. 5.2)', () => {
  const xs = [-4, -3, -1, 0, 1, 3, 4];
  const x = tf.tensor1d(xs);
  const sig = new HardSigmoid({}).apply(x) as tf.Tensor;
  const swish = new HardSwish({}).apply(x) as tf.Tensor;
  const expected = [0, 0, 1 / 3, 0.5, 2 / 3, 1, 1];
  Array.from(sig.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 6));
  Array.from(swish.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(expected[i] * xs[i], 6));
  tf.dispose([x, sig, swish]);
});
