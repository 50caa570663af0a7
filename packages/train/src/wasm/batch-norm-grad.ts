// FusedBatchNorm gradient without the full-size Tile the stock gradient builds for dx: multiplying
// dy by the per-channel 1/sqrt(var+eps) broadcasts just as well, and the tile cost ~10% of a wasm
// training step. Mirrors tfjs-core's FusedBatchNorm_grad.ts otherwise, so every backend gets the same
// numbers as before.
import * as tf from '@tensorflow/tfjs';

export const batchNormGradConfig: tf.GradConfig = {
  kernelName: tf.FusedBatchNorm,
  inputsToSave: ['x', 'mean', 'variance', 'scale'],
  gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[], attrs: tf.NamedAttrMap) => {
    const g = dy as tf.Tensor;
    const { varianceEpsilon } = attrs as unknown as { varianceEpsilon: number };
    const [x, mean, variance, scale] = saved;
    const scaleValue = scale == null ? tf.scalar(1) : scale;
    const reductionAxes = tf.backend_util.getReductionAxes(mean.shape, x.shape);
    const perChannel = mean.rank === 1;
    const reduce = (t: tf.Tensor) => (perChannel ? tf.sum(t, reductionAxes) : t);
    const oneOverSqrtVariance = tf.rsqrt(tf.add(variance, tf.scalar(varianceEpsilon)));
    const dyTimesScale = () => tf.mul(g, scaleValue);
    const xMinusMean = () => tf.sub(x, mean);
    return {
      x: () => tf.reshape(tf.mul(tf.mul(g, oneOverSqrtVariance), scaleValue), x.shape),
      mean: () => tf.reshape(reduce(tf.mul(tf.mul(oneOverSqrtVariance, tf.scalar(-1)), dyTimesScale())), mean.shape),
      variance: () => {
        const minusHalfRCube = tf.mul(
          tf.mul(tf.mul(oneOverSqrtVariance, oneOverSqrtVariance), oneOverSqrtVariance),
          tf.scalar(-0.5),
        );
        return tf.reshape(reduce(tf.mul(tf.mul(minusHalfRCube, xMinusMean()), dyTimesScale())), mean.shape);
      },
      scale: () => tf.reshape(reduce(tf.mul(g, tf.mul(xMinusMean(), oneOverSqrtVariance))), mean.shape),
      offset: () => tf.reshape(reduce(g), mean.shape),
    };
  },
};
