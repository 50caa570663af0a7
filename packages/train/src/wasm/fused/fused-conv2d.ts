// tf.fused.conv2d records its gradient with customGrad, which computes every input's gradient eagerly —
// including the input image's, which no one needs (~10 ms of a toy-net step). For the linear, NHWC, undilated
// case tfjs-layers uses, this runs the same FusedConv2D kernel through the engine with a registered gradient
// whose per-input thunks the engine calls only for inputs on the path to the trained variables.
import * as tf from '@tensorflow/tfjs';

type FusedConv2dArgs = Parameters<typeof tf.fused.conv2d>[0];

export const fusedConv2dGradConfig: tf.GradConfig = {
  kernelName: tf.FusedConv2D,
  inputsToSave: ['x', 'filter'],
  gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[], attrs: tf.NamedAttrMap) => {
    const g = dy as tf.Tensor4D;
    const [x, filter] = saved as [tf.Tensor4D, tf.Tensor4D];
    const { strides, pad, dimRoundingMode } = attrs;
    return {
      x: () =>
        tf.engine().runKernel(tf.Conv2DBackpropInput, { dy: g, filter }, {
          strides,
          pad,
          dataFormat: 'NHWC',
          dimRoundingMode,
          inputShape: x.shape,
        } as tf.NamedAttrMap) as tf.Tensor,
      filter: () =>
        tf.engine().runKernel(tf.Conv2DBackpropFilter, { x, dy: g }, {
          strides,
          pad,
          dataFormat: 'NHWC',
          dimRoundingMode,
          filterShape: filter.shape,
        } as tf.NamedAttrMap) as tf.Tensor,
      bias: () => tf.sum(g, [0, 1, 2]),
    };
  },
};

function isDefaultDilation(d: FusedConv2dArgs['dilations']): boolean {
  return d == null || d === 1 || (Array.isArray(d) && d[0] === 1 && d[1] === 1);
}

/** The replacement for tf.fused.conv2d; `original` handles every case it does not. */
export function makeTrainableFusedConv2d(
  original: typeof tf.fused.conv2d,
  isActive: () => boolean,
): typeof tf.fused.conv2d {
  return ((args: FusedConv2dArgs) => {
    const {
      x,
      filter,
      bias,
      strides,
      pad,
      dataFormat = 'NHWC',
      dilations,
      dimRoundingMode,
      activation = 'linear',
      preluActivationWeights,
    } = args;
    const plain =
      activation === 'linear' &&
      preluActivationWeights == null &&
      dataFormat === 'NHWC' &&
      isDefaultDilation(dilations);
    if (!isActive() || !plain || !(x instanceof tf.Tensor) || x.rank !== 4 || !(filter instanceof tf.Tensor))
      return original(args);
    const inputs: tf.NamedTensorMap = { x, filter };
    if (bias != null) inputs.bias = bias as tf.Tensor;
    const attrs = {
      strides,
      pad,
      dataFormat,
      dilations: [1, 1],
      dimRoundingMode,
      activation: 'linear',
      leakyreluAlpha: 0,
    };
    return tf.engine().runKernel(tf.FusedConv2D, inputs, attrs as unknown as tf.NamedAttrMap) as tf.Tensor4D;
  }) as typeof tf.fused.conv2d;
}
